// The public API is what api/*.api.txt says: a change to an exported name or signature fails
// here until the report is regenerated (npm run api) and the change is reviewed with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ENTRIES, apiReports, reportFile } from '../../scripts/api-report.mjs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

test('the package exports exactly the reported entries (nothing else is importable)', () => {
  const code = Object.keys(pkg.exports).filter((k) => !k.endsWith('.json')).map((k) => (k === '.' ? 'vard-chat' : `vard-chat/${k.slice(2)}`));
  assert.deepEqual(code.sort(), Object.keys(ENTRIES).sort());
});

test('every entry exports what its committed API report says', () => {
  const reports = apiReports();
  for (const [entry, text] of Object.entries(reports)) {
    assert.equal(text, readFileSync(reportFile(entry), 'utf8'), `${entry}: the public API changed; if intended, run npm run api and commit api/`);
  }
});
