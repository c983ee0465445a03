// Test helpers for the reference server that web-test-runner starts (see web-test-runner.config.mjs).
import { HttpBackend } from '../../../src/adapters/http/http-backend.js';
import type { ClinicianDriver, Offers } from '../../../src/testing/conformance.js';

let base: Promise<string> | undefined;

/** The server's origin, on the same hostname as the test page (so it is same-site). */
export function serverUrl(): Promise<string> {
  base ??= fetch('/__reference-server').then(async (r) => `${location.protocol}//${location.hostname}:${((await r.json()) as { port: number }).port}`);
  return base;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch((await serverUrl()) + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res;
}

/** A fresh patient session (dev-only endpoint); returns its bearer token. */
export async function newPatientToken(name = 'Test Testsson'): Promise<string> {
  return ((await (await post('/dev/session', { name })).json()) as { token: string }).token;
}

export async function patientBackend(token?: string, opts: Partial<ConstructorParameters<typeof HttpBackend>[0]> = {}): Promise<HttpBackend> {
  const baseUrl = `${await serverUrl()}/api`;
  // test pages run side by side, so most are background tabs (document hidden), where the
  // stream rightly makes no attempts; these tests are not about visibility
  const environment = { visible: () => true, online: () => true, onWake: () => () => undefined };
  return new HttpBackend({ baseUrl, credentials: 'omit', environment, ...(token ? { getToken: () => token } : {}), ...opts });
}

/** The clinician, through the console API. */
export async function clinicianDriver(name = 'Anna Svensson'): Promise<ClinicianDriver & { token: string }> {
  const { token } = (await (await post('/console/api/login', { name, queue: 'nurse' })).json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    token,
    async send(conversationId, text) {
      await post(`/console/api/conversations/${conversationId}/messages`, { text }, auth);
    },
    async close(conversationId) {
      await post(`/console/api/conversations/${conversationId}/close`, { evaluation: false }, auth);
    },
    // the console API of today's server (server/routes-console.js); the server branch replaces it
    async offer(conversationId, kind, offer, text) {
      const at = `/console/api/conversations/${conversationId}`;
      if (kind === 'handover') {
        const o = offer as Offers['handover'];
        await post(`${at}/handover`, { queue: o.toQueue, ...(o.to?.name ? { to: o.to.name } : {}) }, auth);
      } else if (kind === 'evaluation') {
        await post(`${at}/close`, {}, auth);
      } else {
        await post(`${at}/messages`, { kind, text, payload: offer }, auth);
      }
    },
  };
}
