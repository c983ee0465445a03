// Session lifetime (issue #14.2), limits and purge (#14.4), the database at rest (#14.7) and health.
// Time is a fake clock handed to the server (ServerOptions.clock): no test waits for a timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, json } from './helpers.mjs';

/** Waits until `fn()` is truthy (polling), or fails after `ms`. */
async function until(fn, what, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('sliding idle timeout: each use within the idle time keeps the session; idle longer → 401; the absolute cap ends it regardless', async () => {
  let now = Date.parse('2026-12-02T08:00:00Z');
  const t = await start({ clock: () => now, sessionIdleSeconds: 900, sessionMaxSeconds: 14_400 });
  try {
    const p = await t.patient();
    const staff = await t.staff('Anna Svensson', 'nurse');
    // used every 14 minutes for 3 hours 58 minutes: alive all along (sliding)
    for (let i = 0; i < 17; i++) {
      now += 14 * 60_000;
      assert.equal((await p.as('/conversations')).status, 200, `patient after ${(i + 1) * 14} min`);
      assert.equal((await staff('/overview')).status, 200, `staff after ${(i + 1) * 14} min`);
    }
    // the cap (4 h from login) ends it although it was used 3 minutes ago
    now += 3 * 60_000;
    assert.equal((await p.as('/conversations')).status, 401, 'past the 4 h cap');
    assert.equal((await staff('/overview')).status, 401, 'staff too');

    // idle: 15 minutes and a second without a request → gone
    const q = await t.patient();
    now += 10 * 60_000;
    assert.equal((await q.as('/conversations')).status, 200);
    now += 15 * 60_000 + 1000;
    assert.equal((await q.as('/conversations')).status, 401, 'idle longer than 900 s');
  } finally {
    await t.s.close();
  }
});

test('the last use is written at most once a minute per session, not once per request', async () => {
  let now = Date.parse('2026-12-02T08:00:00Z');
  const t = await start({ clock: () => now });
  try {
    const p = await t.patient();
    const lastSeen = () => Number(t.s.db.prepare("SELECT last_seen FROM sessions WHERE kind = 'patient'").get().last_seen);
    const at0 = lastSeen();
    now += 30_000;
    await p.as('/conversations');
    assert.equal(lastSeen(), at0, 'half a minute later: not written');
    now += 31_000;
    await p.as('/conversations');
    assert.equal(lastSeen(), now, 'over a minute: written');
  } finally {
    await t.s.close();
  }
});

test('the purge timer deletes idle and expired sessions and expired logins; close() stops it', async () => {
  let now = Date.parse('2026-12-02T08:00:00Z');
  const t = await start({ clock: () => now, purgeIntervalMs: 20, sessionIdleSeconds: 900 });
  try {
    await t.patient();
    await t.patient();
    const count = () => t.s.db.prepare('SELECT count(*) AS n FROM sessions').get().n;
    assert.equal(count(), 2);
    now += 901_000;
    await until(() => count() === 0, 'the idle sessions purged');
  } finally {
    await t.s.close();
  }
});

test('writes are rate-limited per patient and per clinician: 429 rate-limited with Retry-After', async () => {
  const t = await start({ writesPerMinute: 5, sendsPerMinute: 2 });
  try {
    const p = await t.patient();
    const c = await (await p.as('/conversations', { method: 'POST', body: json({ reason: 'advice' }) })).json();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await p.as(`/conversations/${c.id}/typing`, { method: 'POST', body: json({ typing: i % 2 === 0 }) })).status);
    assert.deepEqual(statuses, [204, 204, 204, 204, 429, 429], 'one start and four typing posts, then the limit');
    const limited = await p.as(`/conversations/${c.id}/read`, { method: 'POST', body: json({ messageId: 'x' }) });
    assert.equal(limited.status, 429);
    assert.equal((await limited.json()).code, 'rate-limited');
    assert.match(limited.headers.get('retry-after'), /^\d+$/);
    // another patient is not affected; reads (GET) are not writes
    const other = await t.patient('Other');
    assert.equal((await other.as('/conversations', { method: 'POST', body: json({ reason: 'advice' }) })).status, 201);
    assert.equal((await p.as('/conversations')).status, 200);
    // console writes per clinician
    const nurse = await t.staff('Anna Svensson', 'nurse');
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await nurse(`/conversations/${c.id}/typing`, { method: 'POST', body: json({ typing: true }) })).status);
    assert.deepEqual(codes, [204, 204, 204, 204, 204, 429]);
  } finally {
    await t.s.close();
  }
});

test('writes and login starts are rate-limited per client IP', async () => {
  const t = await start({ ipWritesPerMinute: 4, oidc: undefined });
  try {
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await t.post('/dev/session', {})).status);
    codes.push((await t.api('/auth/login?method=bankid&return=/', { redirect: 'manual' })).status);
    codes.push((await t.api('/console/auth/login', { redirect: 'manual' })).status);
    codes.push((await t.post('/dev/session', {})).status);
    assert.deepEqual(codes, [200, 200, 200, 302, 429, 429]);
    const res = await t.api('/auth/login?method=bankid&return=/', { redirect: 'manual' });
    assert.equal(res.status, 429);
    assert.equal((await res.json()).code, 'rate-limited');
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
  } finally {
    await t.s.close();
  }
});

test('the SQLite file is 0600 (and its WAL files), a folder the server makes is 0700', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vard-rest-'));
  const db = join(dir, 'new-folder', 'chat.sqlite');
  const t = await start({ db });
  try {
    await t.patient();
    assert.equal(statSync(join(dir, 'new-folder')).mode & 0o777, 0o700, 'folder');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) assert.equal(statSync(f).mode & 0o777, 0o600, f);
  } finally {
    await t.s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('GET /healthz: 200 while the database answers, 503 when it does not', async () => {
  const t = await start();
  try {
    const ok = await t.api('/healthz');
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { status: 'ok' });
    await t.s.store.close();
    const down = await t.api('/healthz');
    assert.equal(down.status, 503);
    assert.equal((await down.json()).code, 'unavailable');
  } finally {
    await t.s.close().catch(() => undefined);
  }
});

test('logout is POST only: GET /auth/logout is 404 and ends nothing', async () => {
  const t = await start({ oidc: undefined });
  try {
    const p = await t.patient();
    const res = await t.api('/auth/logout?return=/', { redirect: 'manual', headers: { cookie: `vc_session=${p.token}` } });
    assert.equal(res.status, 404);
    assert.equal((await p.as('/conversations')).status, 200, 'still logged in');
    assert.equal((await t.api('/auth/logout', { method: 'POST', headers: { cookie: `vc_session=${p.token}` } })).status, 204);
    assert.equal((await p.as('/conversations')).status, 401);
  } finally {
    await t.s.close();
  }
});

/** Reads a stream to its end (the server ended it); fails if it is still open after `ms`. */
async function ended(res, ms = 10_000) {
  const timer = setTimeout(() => res.body.cancel().catch(() => undefined), ms);
  let done = false;
  try {
    for await (const chunk of res.body) void chunk;
    done = true;
  } catch { /* cancelled */ }
  clearTimeout(timer);
  return done;
}

test('an event stream does not outlive its session: it ends at the idle deadline (reconnect → 401) and at logout', async () => {
  let now = Date.parse('2026-12-02T08:00:00Z');
  const t = await start({ clock: () => now, heartbeatMs: 20, sessionIdleSeconds: 900 });
  try {
    const p = await t.patient();
    const stream = await p.as('/events');
    assert.equal(stream.status, 200);
    now += 901_000;
    assert.ok(await ended(stream), 'the server ended the stream');
    assert.equal((await p.as('/events')).status, 401, 'the reconnect finds no session');

    const q = await t.patient();
    const open = await q.as('/events');
    const staffStream = await (await t.staff())('/events');
    assert.equal(open.status, 200);
    assert.equal((await q.as('/session', { method: 'DELETE' })).status, 204);
    assert.ok(await ended(open), 'logout ended the patient\'s stream');
    assert.equal(t.s.hub.patientStreams(), 0);
    await staffStream.body.cancel();
  } finally {
    await t.s.close();
  }
});
