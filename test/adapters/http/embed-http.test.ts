import { expect } from '@open-wc/testing';
import { backendFor, httpBackendUrl } from '../../../src/embed.js';

describe('data-backend with an HTTP URL', () => {
  it('accepts https URLs, http on localhost (development) and same-origin paths', () => {
    expect(httpBackendUrl('https://chat.clinic.se/api/')).to.equal('https://chat.clinic.se/api');
    expect(httpBackendUrl('http://localhost:8787/api')).to.equal('http://localhost:8787/api');
    expect(httpBackendUrl('/api')).to.equal('/api');
  });
  it('refuses plain http elsewhere, protocol-relative and other schemes', () => {
    for (const v of ['http://chat.clinic.se/api', '//evil.example/api', 'ftp://nope', 'javascript:alert(1)', 'mock2', '']) {
      expect(httpBackendUrl(v), v).to.equal(undefined);
    }
  });
  it('backendFor gives a lazily loaded HttpBackend that talks to the URL', async () => {
    const calls: string[] = [];
    const orig = window.fetch;
    window.fetch = async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ subject: 's', name: 'N' }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    try {
      const b = backendFor('https://chat.clinic.se/api');
      expect(b).to.not.equal(undefined);
      expect(await b!.getSession()).to.deep.equal({ subject: 's', name: 'N' });
      expect(calls).to.deep.equal(['https://chat.clinic.se/api/session']);
    } finally {
      window.fetch = orig;
    }
  });
});
