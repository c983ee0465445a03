import { expect } from '@open-wc/testing';
import { parseConfig } from '../../../src/embed/config.js';
import { backendFor } from '../../../src/embed/embed.js';

const backendUrl = (v: string) => parseConfig({ backend: v }, 'https://klinik.example.se/kontakt').config?.backend;

describe('data-backend with an HTTP URL', () => {
  it('accepts https URLs, http on localhost (development) and same-origin paths', () => {
    expect(backendUrl('https://chat.clinic.se/api/')).to.equal('https://chat.clinic.se/api/');
    expect(backendUrl('http://localhost:8787/api')).to.equal('http://localhost:8787/api');
    expect(backendUrl('/api')).to.equal('https://klinik.example.se/api');
  });
  it('refuses plain http elsewhere, protocol-relative and other schemes', () => {
    for (const v of ['http://chat.clinic.se/api', '//evil.example/api', 'ftp://nope', 'javascript:alert(1)', 'mock2', '']) {
      expect(backendUrl(v), v).to.equal(undefined);
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
      const b = backendFor(parseConfig({ backend: 'https://chat.clinic.se/api/' }, location.href).config!);
      expect(await b.getSession()).to.deep.equal({ subject: 's', name: 'N' });
      expect(calls).to.deep.equal(['https://chat.clinic.se/api/session']);
    } finally {
      window.fetch = orig;
    }
  });
});
