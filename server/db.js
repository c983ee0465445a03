// SQLite state of the reference server (better-sqlite3, synchronous). `:memory:` for tests, a
// file for `npm run serve` so a restart loses nothing.
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, name TEXT NOT NULL,
  profession TEXT, queue TEXT, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS patients (subject TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY, patient TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL,
  initiator TEXT NOT NULL, queue TEXT NOT NULL, assignee TEXT, subject TEXT, reason TEXT,
  expected_answer_by TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, client_id TEXT,
  author TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, payload TEXT,
  created_at TEXT NOT NULL, read_at TEXT, UNIQUE (conversation_id, client_id), UNIQUE (conversation_id, seq));
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, patient TEXT NOT NULL, audience TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS responses (
  conversation_id TEXT NOT NULL, kind TEXT NOT NULL, action_id TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS logins (
  state TEXT PRIMARY KEY, verifier TEXT NOT NULL, nonce TEXT NOT NULL, return_url TEXT NOT NULL,
  method TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** @param {string} file */
export function openDb(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  return db;
}

/** @typedef {import('better-sqlite3').Database} Db */

/** @param {Db} db @param {string} key */
export function getMeta(db, key) {
  const row = /** @type {{value: string} | undefined} */ (db.prepare('SELECT value FROM meta WHERE key = ?').get(key));
  return row?.value;
}

/** @param {Db} db @param {string} key @param {string} value */
export function setMeta(db, key, value) {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
