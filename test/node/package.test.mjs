// The npm package as a consumer sees it (needs `npm run build` first; `npm test` builds before this).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('every exports entry points at a built file, with types', () => {
  for (const [key, target] of Object.entries(pkg.exports)) {
    const targets = typeof target === 'string' ? [target] : Object.values(target);
    for (const t of targets) assert.ok(existsSync(join(root, t)), `${key} → ${t} exists`);
    if (typeof target !== 'string' && key !== './package.json') assert.ok(target.types, `${key} has types`);
  }
});

test('ESM only, and the main entry has no side effects', () => {
  assert.equal(pkg.type, 'module');
  const index = readFileSync(join(root, 'dist/index.js'), 'utf8');
  assert.ok(!/customElements\.define\(/.test(index), 'dist/index.js defines no element');
  const define = readFileSync(join(root, 'dist/define.js'), 'utf8');
  assert.match(define, /vard-chat/, 'vard-chat/define registers the element');
});

test('runtime imports of the npm build are only the declared dependencies', () => {
  const deps = Object.keys(pkg.dependencies);
  const files = ['dist/index.js', 'dist/define.js'];
  for (const f of files) {
    const code = readFileSync(join(root, f), 'utf8');
    for (const [, spec] of code.matchAll(/from\s*['"]([^'".][^'"]*)['"]/g)) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      assert.ok(deps.includes(name), `${f} imports ${spec}, declared as a dependency`);
    }
  }
});

test('the script-tag loader is a classic script that imports the widget from beside itself', () => {
  const loader = readFileSync(join(root, 'dist/vard-chat.js'), 'utf8');
  assert.ok(!/^\s*(import|export)\s/m.test(loader), 'no top-level import/export');
  assert.match(loader, /vard-chat\/embed\.js/);
  assert.ok(existsSync(join(root, 'dist/vard-chat/embed.js')));
});
