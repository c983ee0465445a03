// What only PostgreSQL has to get right: several processes migrating one empty database at
// once, fan-out across processes by LISTEN/NOTIFY (each process reads each event once), a lost
// listening connection that reconnects and catches up, and a head id that never runs ahead of
// what is committed. Each "process" is a store handle of its own (its own pool and LISTEN
// connection); the two-process e2e test does the same with real server processes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { startPostgres } from '../../support/postgres.mjs';
import { loadStore } from '../../support/store-build.mjs';
import { until } from './engines.mjs';

const m = await loadStore();
const cluster = await startPostgres();
after(() => cluster.stop());

const opts = { poolMax: 4, listenerBackoffMs: { min: 20, max: 200 } };
const event = (i, patient = 'p1') => ({ patient, audience: 'both', conversationId: null, body: { i } });

async function rows(url, text, params) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

test('eight processes starting at once on an empty database migrate it once', async () => {
  const url = await cluster.createDatabase();
  // real processes: each opens the store (migrating) at the same moment
  const script = `
    const m = await import(${JSON.stringify((await import('node:url')).pathToFileURL((await import('node:path')).join(process.cwd(), 'test/support/store-build.mjs')).href)});
    const { openPostgresStore } = await m.loadStore();
    const h = await openPostgresStore(process.argv[1], { poolMax: 2 });
    await h.store.appendEvent({ patient: 'p', audience: 'both', conversationId: null, body: {} });
    await h.store.close();
    console.log('ok');`;
  const runs = Array.from({ length: 8 }, () => new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  }));
  const results = await Promise.all(runs);
  for (const r of results) assert.equal(r.code, 0, r.out);
  const migrated = await rows(url, 'select name from kysely_migration order by name');
  // every migration the server ships, each once (the list comes from the migration provider)
  const shipped = Object.keys(await (await loadStore()).migrations('postgres').getMigrations()).sort();
  assert.ok(shipped.includes('0001-initial'));
  assert.deepEqual(migrated.map((r) => r.name), shipped);
  const events = await rows(url, 'select count(*)::int as n from events');
  assert.equal(events[0].n, 8, 'every process could write after the migration');
});

test('fan-out across processes: an event appended in one process reaches every process once, in order', async () => {
  const url = await cluster.createDatabase();
  const handles = [await m.openPostgresStore(url, opts), await m.openPostgresStore(url, opts), await m.openPostgresStore(url, opts)];
  try {
    const feeds = handles.map((h) => new m.EventFeed(h.store));
    await Promise.all(feeds.map((f) => f.start()));
    const got = feeds.map(() => []);
    feeds.forEach((f, i) => f.subscribe((evs) => got[i].push(...evs.map((e) => e.id))));
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push(await handles[i % 3].store.appendEvent(event(i)));
    await until(() => got.every((g) => g.length >= 30), 'every process has every event');
    await Promise.all(feeds.map((f) => f.idle()));
    for (const g of got) assert.deepEqual(g, ids, 'each event once, in id order');
    for (const f of feeds) assert.ok(f.reads <= 31, `one read per event per process at most (reads: ${f.reads})`);
    feeds.forEach((f) => f.stop());
  } finally {
    await Promise.all(handles.map((h) => h.store.close()));
  }
});

test('a burst of 200 events from another process arrives once each, with at most one read per event', async () => {
  const url = await cluster.createDatabase();
  const [a, b] = [await m.openPostgresStore(url, opts), await m.openPostgresStore(url, opts)];
  try {
    const feed = new m.EventFeed(b.store);
    await feed.start();
    let n = 0;
    feed.subscribe((evs) => (n += evs.length));
    await Promise.all(Array.from({ length: 200 }, (_, i) => a.store.appendEvent(event(i))));
    await until(() => n === 200, 'all 200 events');
    await feed.idle();
    assert.equal(n, 200);
    // how many notifications one read covers depends on timing; never more reads than events
    assert.ok(feed.reads <= 200, `reads: ${feed.reads} for 200 events`);
    feed.stop();
  } finally {
    await Promise.all([a.store.close(), b.store.close()]);
  }
});

test('a lost listening connection reconnects and catches up from the last id read: no gap, no repeat', async () => {
  const url = await cluster.createDatabase();
  const errors = [];
  const a = await m.openPostgresStore(url, opts);
  const b = await m.openPostgresStore(url, { ...opts, onListenerError: (e) => errors.push(e) });
  try {
    const feed = new m.EventFeed(b.store);
    await feed.start();
    const got = [];
    feed.subscribe((evs) => got.push(...evs.map((e) => e.id)));
    const ids = [await a.store.appendEvent(event(0))];
    await until(() => got.length === 1, 'the first event');
    const pid = b.listener.backendPid;
    assert.ok(pid);
    // the database ends the listening connection (failover, restart, idle killer)
    await rows(url, 'select pg_terminate_backend($1)', [pid]);
    // events committed while B cannot hear: their notifications are lost, the events are not
    for (let i = 1; i < 6; i++) ids.push(await a.store.appendEvent(event(i)));
    await until(() => b.listener.reconnects >= 1 && got.length >= 6, 'reconnected and caught up');
    ids.push(await a.store.appendEvent(event(6)));
    await until(() => got.length >= 7, 'live again after the reconnect');
    await feed.idle();
    assert.deepEqual(got, ids);
    assert.notEqual(b.listener.backendPid, pid, 'a new connection');
    assert.ok(errors.length >= 1, 'the loss was reported');
    feed.stop();
  } finally {
    await Promise.all([a.store.close(), b.store.close()]);
  }
});

test('the head id waits for an append in flight: a stream told "you start at N" never skips N', async () => {
  const url = await cluster.createDatabase();
  const [a, b] = [await m.openPostgresStore(url, opts), await m.openPostgresStore(url, opts)];
  try {
    let release;
    const held = new Promise((r) => (release = r));
    let appended = 0;
    const writer = a.store.transaction(async (tx) => {
      appended = await tx.appendEvent(event(1));
      await held; // id taken, not yet committed
    });
    await until(() => appended > 0, 'the id is taken');
    let head;
    const reading = b.store.headEventId().then((h) => (head = h));
    // the writer has not committed: the head must not be known yet
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    assert.equal(head, undefined, 'headEventId waited');
    release();
    await writer;
    await reading;
    assert.equal(head, appended);
    assert.deepEqual((await b.store.eventsAfter(0, 10)).map((e) => e.id), [appended]);
  } finally {
    await Promise.all([a.store.close(), b.store.close()]);
  }
});

test('DATABASE_URL picks the engine; anything else is refused without echoing it', async () => {
  assert.equal(m.engineOf(undefined), 'sqlite');
  assert.equal(m.engineOf(''), 'sqlite');
  assert.equal(m.engineOf('postgres://u:p@127.0.0.1/x'), 'postgres');
  assert.equal(m.engineOf('postgresql://u:p@127.0.0.1/x'), 'postgres');
  assert.throws(() => m.engineOf('mysql://user:s3cret@h/db'), (err) => err instanceof Error && !err.message.includes('s3cret'));
  const url = await cluster.createDatabase();
  const pgStore = await m.openStore({ databaseUrl: url });
  const sqliteStore = await m.openStore({ sqliteFile: ':memory:' });
  try {
    assert.equal(pgStore.engine, 'postgres');
    assert.equal(sqliteStore.engine, 'sqlite');
  } finally {
    await Promise.all([pgStore.close(), sqliteStore.close()]);
  }
});

test('an unreachable database fails at start with a clear error', async () => {
  const u = new URL(cluster.url);
  u.password = 'wrong';
  await assert.rejects(m.openPostgresStore(u.href, opts), /password authentication failed/);
});
