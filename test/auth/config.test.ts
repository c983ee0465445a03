import { expect } from '@open-wc/testing';
import { authConfigFromData } from '../../src/auth/config.js';
import { looksLikeLoginReturn, saveUiState, takeUiState, UI_STATE_KEY } from '../../src/auth/return-state.js';

describe('login configuration and return state', () => {
  it('reads the login configuration from data-* attributes', () => {
    expect(authConfigFromData({})).to.equal(undefined);
    expect(authConfigFromData({ loginUrl: '/login', loginMethods: 'freja, bogus bankid' })).to.deep.equal({
      mode: 'bff', loginUrl: '/login', methods: ['freja', 'bankid'],
    });
    expect(authConfigFromData({ auth: 'oidc', oidcIssuer: 'https://idp.example', oidcClientId: 'c1', loginHint: 'h' })).to.deep.equal({
      mode: 'oidc', issuer: 'https://idp.example', clientId: 'c1', loginHint: 'h',
    });
  });

  it('keeps only "the panel was open" for the trip, and forgets it once read', () => {
    saveUiState({ open: true, view: 'chat' });
    expect(JSON.parse(sessionStorage.getItem(UI_STATE_KEY)!)).to.deep.equal({ open: true, view: 'chat' });
    expect(takeUiState()).to.deep.equal({ open: true, view: 'chat' });
    expect(takeUiState()).to.equal(undefined);
    sessionStorage.setItem(UI_STATE_KEY, 'not json');
    expect(takeUiState()).to.equal(undefined);
  });

  it('recognises a login return: our BFF error always, code/state only in OIDC mode', () => {
    const u = (q: string) => new URL(`https://clinic.example/page?${q}`);
    expect(looksLikeLoginReturn(u('vard_login_error=access_denied'), false)).to.equal(true);
    expect(looksLikeLoginReturn(u('code=a&state=b'), false)).to.equal(false);
    expect(looksLikeLoginReturn(u('code=a&state=b'), true)).to.equal(true);
    expect(looksLikeLoginReturn(u('error=access_denied&state=b'), true)).to.equal(true);
    expect(looksLikeLoginReturn(u('code=a'), true)).to.equal(false);
  });
});
