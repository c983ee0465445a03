// The generated custom-elements.json documents every public element, property, event, part
// and custom property that the source actually has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const src = files(join(root, 'src')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
const decls = manifest.modules.flatMap((m) => m.declarations ?? []);
const chat = decls.find((d) => d.tagName === 'vard-chat');

test('lists <vard-chat>', () => {
  assert.ok(chat, 'vard-chat in the manifest');
  assert.equal(chat.name, 'VardChat');
});

test('lists every public property of VardChat', () => {
  const cls = readFileSync(join(root, 'src/components/vard-chat/vard-chat.ts'), 'utf8');
  // public reactive properties: decorated ones, or entries of `static properties` that are not internal state
  const decorated = [...cls.matchAll(/@property\([^)]*\)\s+(\w+)/g)].map((m) => m[1]);
  const block = cls.match(/static override properties = \{([\s\S]*?)\n  \};/)?.[1] ?? '';
  const declared = [...block.matchAll(/^\s+(\w+): \{([^}]*)\}/gm)].filter((m) => !/state: true/.test(m[2])).map((m) => m[1]);
  const props = [...decorated, ...declared];
  assert.ok(props.length >= 5, `found properties: ${props}`);
  const listed = new Set(chat.members.filter((m) => m.kind === 'field').map((m) => m.name));
  for (const p of props) assert.ok(listed.has(p), `property ${p} listed`);
});

test('lists every public event', () => {
  const events = [...readFileSync(join(root, 'src/events/events.ts'), 'utf8').matchAll(/eventName = '([\w-]+)'/g)].map((m) => m[1]);
  assert.ok(events.length >= 6);
  const listed = new Set(chat.events.map((e) => e.name));
  for (const e of events) assert.ok(listed.has(e), `event ${e} listed`);
  assert.ok(chat.events.every((e) => e.name && e.description), 'every event named and described');
});

test('lists every part the shadow DOM exposes', () => {
  const parts = new Set([...src.matchAll(/\bpart="([\w-]+)"/g)].map((m) => m[1]));
  const exported = new Set([...src.matchAll(/exportparts="([^"]+)"/g)].flatMap((m) => m[1].split(',').map((s) => s.trim())));
  const listed = new Set(chat.cssParts.map((p) => p.name));
  // parts of <vard-chat>'s own shadow root, and parts it re-exports from inner elements
  const shell = readFileSync(join(root, 'src/components/vard-chat/vard-chat.ts'), 'utf8');
  const own = [...shell.matchAll(/\bpart="([\w-]+)"/g)].map((m) => m[1]);
  for (const p of [...own, ...[...exported].filter((p) => parts.has(p))]) assert.ok(listed.has(p), `part ${p} listed`);
});

test('lists every public --vard-* custom property used by the styles, with a default', () => {
  const used = new Set([...src.matchAll(/var\((--vard-[\w-]+)/g)].map((m) => m[1]));
  assert.ok(used.size >= 10);
  const listed = new Map(chat.cssProperties.map((p) => [p.name, p]));
  for (const u of used) {
    assert.ok(listed.has(u), `custom property ${u} listed`);
    assert.ok(listed.get(u).default, `custom property ${u} has a documented default`);
  }
});
