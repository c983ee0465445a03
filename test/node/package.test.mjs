// The npm package as a consumer sees it (needs `npm run build` first; `npm test` builds before this).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

test('the built server imports only declared dependencies (so `npm ci --omit=dev` on a built tree runs it)', () => {
  const deps = Object.keys(pkg.dependencies);
  const devDeps = Object.keys(pkg.devDependencies ?? {});
  const dir = join(root, 'dist/server');
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.js')) files.push(join(d, e.name));
    }
  };
  walk(dir);
  assert.ok(files.length > 0, 'dist/server is built');
  const seen = new Set();
  for (const f of files) {
    const code = readFileSync(f, 'utf8');
    for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'".][^'"]*)['"]/g)) {
      if (spec.startsWith('node:')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      seen.add(name);
      assert.ok(deps.includes(name), `${f.slice(root.length)} imports ${spec}: a dependency (not ${devDeps.includes(name) ? 'a devDependency' : 'undeclared'})`);
    }
  }
  for (const must of ['fastify', 'kysely', 'oauth4webapi', 'better-sqlite3']) assert.ok(seen.has(must), `the server uses ${must}`);
});

test('`npm run serve` builds only what is missing, and building is a step of its own (build:all)', () => {
  assert.match(pkg.scripts['build:all'], /build:server/);
  const serve = readFileSync(join(root, 'scripts/serve.mjs'), 'utf8');
  assert.match(serve, /if \(!built\('dist\/vard-chat\.js'\)\) run\('build'\)/, 'the widget only when missing');
  assert.match(serve, /if \(!built\('dist\/console\/index\.html'\)\) run\('build:console'\)/, 'the console only when missing');
});
