import { expect } from '@open-wc/testing';
import { parseConfig } from '../../src/embed/config.js';

const base = 'https://klinik.example.se/kontakt';

describe('parseConfig (data-* attributes)', () => {
  it('accepts the mock backend with defaults', () => {
    const { config, errors } = parseConfig({ backend: 'mock' }, base);
    expect(errors).to.deep.equal([]);
    expect(config).to.include({ backend: 'mock', auth: 'bff', position: 'right', inactivityMinutes: 15, exposeContent: false });
    expect(config!.loginMethods).to.deep.equal(['bankid', 'freja']);
    expect(config!.acrValues.bankid).to.equal('urn:grn:authn:se:bankid');
  });

  it('resolves a same-origin path and accepts https or localhost http backends', () => {
    expect(parseConfig({ backend: '/chat-api' }, base).config!.backend).to.equal('https://klinik.example.se/chat-api');
    expect(parseConfig({ backend: 'https://api.example.se/' }, base).config!.backend).to.equal('https://api.example.se/');
    expect(parseConfig({ backend: 'http://localhost:8787' }, base).config!.backend).to.equal('http://localhost:8787/');
  });

  const cases: [string, Record<string, string>, string][] = [
    ['missing backend', {}, 'data-backend'],
    ['plain-http remote backend', { backend: 'http://evil.example/' }, 'data-backend'],
    ['javascript: backend', { backend: 'javascript:alert(1)' }, 'data-backend'],
    ['bad auth', { backend: 'mock', auth: 'saml' }, 'data-auth'],
    ['oidc without issuer', { backend: 'mock', auth: 'oidc', oidcClientId: 'x' }, 'data-oidc-issuer'],
    ['bad position', { backend: 'mock', position: 'top' }, 'data-position'],
    ['bad inactivity', { backend: 'mock', inactivityMinutes: '0' }, 'data-inactivity-minutes'],
    ['fractional inactivity', { backend: 'mock', inactivityMinutes: '2.5' }, 'data-inactivity-minutes'],
    ['cross-origin questionnaire', { backend: 'mock', questionnaire: 'https://other.example/q.json' }, 'data-questionnaire'],
    ['unknown login method', { backend: 'mock', loginMethods: 'bankid passkey' }, 'data-login-methods'],
    ['bad locale', { backend: 'mock', locale: '<svg onload=x>' }, 'data-locale'],
  ];
  for (const [what, data, attr] of cases) {
    it(`reports ${what} by attribute name and yields no config`, () => {
      const { config, errors } = parseConfig(data, base);
      expect(config).to.equal(undefined);
      expect(errors.join('\n')).to.contain(attr);
    });
  }

  it('quotes at most a short excerpt of a bad value', () => {
    const { errors } = parseConfig({ backend: `ftp://${'x'.repeat(500)}` }, base);
    expect(errors[0]!.length).to.be.lessThan(160);
  });

  it('reads the OIDC settings and the opt-in for content in events', () => {
    const { config } = parseConfig({
      backend: 'mock', auth: 'oidc', oidcIssuer: 'https://idp.example.se', oidcClientId: 'vard', acrBankid: 'urn:x:bankid', exposeContent: '',
      inactivityMinutes: '30', clinicName: '  Vårdcentralen  ',
    }, base);
    expect(config).to.include({ auth: 'oidc', oidcIssuer: 'https://idp.example.se/', oidcClientId: 'vard', inactivityMinutes: 30, clinicName: 'Vårdcentralen', exposeContent: true });
    expect(config!.acrValues.bankid).to.equal('urn:x:bankid');
  });
});
