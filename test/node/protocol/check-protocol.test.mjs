// `npm run check:protocol` passes on the committed docs/openapi.yaml, and fails when the file
// or a schema changes, or when the document is not valid OpenAPI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocument, loadProtocol, validateDocument } from '../../../scripts/check-protocol.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const check = (...args) => spawnSync(process.execPath, [join(root, 'scripts/check-protocol.mjs'), ...args], { cwd: root, encoding: 'utf8' });

test('the committed docs/openapi.yaml matches the schemas', () => {
  const r = check();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /matches the schemas and is valid OpenAPI 3\.1/);
});

test('a hand edit of the document fails the check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    const file = join(dir, 'openapi.yaml');
    const text = readFileSync(join(root, 'docs/openapi.yaml'), 'utf8');
    assert.ok(text.includes('- nurse\n'));
    writeFileSync(file, text.replace('- nurse\n', '- nurse\n                - midwife\n'));
    const r = check('--file', file);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /differs from the schemas/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a changed schema fails the check against the committed document', () => {
  const dir = mkdtempSync(join(tmpdir(), 'protocol-'));
  try {
    cpSync(join(root, 'src/protocol'), dir, { recursive: true });
    const file = join(dir, 'primitives.ts');
    const src = readFileSync(file, 'utf8');
    assert.ok(src.includes("'reception'] as const"));
    writeFileSync(file, src.replace("'reception'] as const", "'reception', 'midwife'] as const"));
    const r = check('--protocol', dir);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /differs from the schemas/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the document carries a whole message of every kind, and each answer body', async () => {
  const p = await loadProtocol();
  const doc = buildDocument(p);
  const examples = doc.components.examples;
  for (const kind of p.MESSAGE_KINDS) {
    const found = Object.values(examples).some((e) => e.value?.kind === kind && typeof e.value.text === 'string' && (kind === 'text' || e.value.payload));
    assert.ok(found, `an example message of kind ${kind}`);
  }
  for (const kind of [...Object.keys(p.KIND_ANSWERS), 'evaluation']) {
    assert.ok(Object.keys(examples).some((k) => k.toLowerCase().startsWith(kind) && k.includes('Answer')), `an answer example for ${kind}`);
  }
  const respond = doc.paths['/conversations/{conversationId}/actions/{actionId}'].post;
  assert.ok(Object.keys(respond.requestBody.content['application/json'].examples).length >= 4);
});

test('a document that is not valid OpenAPI is refused by the parser', async () => {
  const doc = buildDocument(await loadProtocol());
  await validateDocument(doc);
  delete doc.paths['/session'].get.responses;
  doc.paths['/triage'].get.operationId = 'getSession';
  await assert.rejects(validateDocument(doc), /not valid OpenAPI/);
});
