// Message templates (issue #18.4): the console's read-only route with the built-in defaults, a
// clinic's own file through VARD_TEMPLATES (checked at start: a bad file stops the server with a
// message naming the variable, the file and what is wrong), and fillTemplate, which fills known
// placeholders and leaves the rest visible, treating every value as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './helpers.mjs';
import { DEFAULT_TEMPLATES, fillTemplate, placeholdersIn, readTemplatesEnv } from '../../../dist/server/app.js';

const serveJs = fileURLToPath(new URL('../../../dist/server/serve.js', import.meta.url));

test('GET /console/api/templates: the built-in templates to staff only, with the clinic name when set', async () => {
  const t = await start({ notify: { clinicName: 'Vårdcentralen Linden' } });
  try {
    assert.equal((await t.api('/console/api/templates')).status, 401, 'no session');
    const p = await t.patient();
    assert.equal((await t.api('/console/api/templates', { headers: { authorization: `Bearer ${p.token}` } })).status, 401, 'a patient');
    const nurse = await t.staff();
    const res = await nurse('/console/api/templates'.replace('/console/api', ''));
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.clinicName, 'Vårdcentralen Linden');
    assert.deepEqual(body.templates.map((x) => x.title), ['Välkommen till chatten', 'Kostråd vid magsjuka', 'Inför operation', 'Provsvar utan anmärkning']);
    assert.deepEqual(body.templates, DEFAULT_TEMPLATES);
    for (const x of body.templates) {
      assert.ok(x.text.includes('{patientFirstName}'), `${x.id} greets the patient by name`);
      assert.deepEqual(placeholdersIn(fillTemplate(x.text, { patientFirstName: 'A', clinicName: 'B', clinicianName: 'C', today: 'D' })), [], `${x.id} uses known placeholders only`);
    }
  } finally {
    await t.s.close();
  }
  const bare = await start();
  try {
    const body = await (await (await bare.staff())('/templates')).json();
    assert.equal('clinicName' in body, false, 'no VARD_CLINIC_NAME: the console leaves {clinicName} to fill in');
  } finally {
    await bare.s.close();
  }
});

test('VARD_TEMPLATES: a clinic file replaces the defaults (object or list form)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vard-templates-'));
  try {
    const own = [
      { id: 'gips', title: 'Råd om gips', text: 'Hej {patientFirstName}! Håll gipset torrt och högt.' },
      { id: 'recept', title: 'Receptet är förnyat', text: 'Ditt recept är förnyat {today}. /{clinicianName}' },
    ];
    const file = join(dir, 'mallar.json');
    writeFileSync(file, JSON.stringify({ templates: own }));
    const list = join(dir, 'lista.json');
    writeFileSync(list, JSON.stringify(own));
    assert.deepEqual(readTemplatesEnv({ VARD_TEMPLATES: list }), own);
    assert.equal(readTemplatesEnv({}), undefined, 'unset: the defaults');
    const t = await start({ templates: readTemplatesEnv({ VARD_TEMPLATES: file }) });
    try {
      const body = await (await (await t.staff())('/templates')).json();
      assert.deepEqual(body.templates, own);
    } finally {
      await t.s.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad VARD_TEMPLATES file stops the server at start, naming the variable, the file and the fault', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vard-templates-'));
  try {
    const cases = [
      ['not JSON', '{ templates: [', /is not valid JSON/],
      ['a title missing', JSON.stringify({ templates: [{ id: 'a', text: 'Hej' }] }), /templates\.0\.title/],
      ['an id twice', JSON.stringify([{ id: 'a', title: 'A', text: 'Hej' }, { id: 'a', title: 'B', text: 'Hå' }]), /each template id once/],
      ['an empty text', JSON.stringify({ templates: [{ id: 'a', title: 'A', text: '   ' }] }), /templates\.0\.text/],
      ['a bad id', JSON.stringify({ templates: [{ id: '../etc', title: 'A', text: 'Hej' }] }), /templates\.0\.id/],
    ];
    for (const [what, content, message] of cases) {
      const file = join(dir, `${what.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, content);
      assert.throws(() => readTemplatesEnv({ VARD_TEMPLATES: file }), (e) => e.message.startsWith(`VARD_TEMPLATES (${file})`) && message.test(e.message), what);
    }
    assert.throws(() => readTemplatesEnv({ VARD_TEMPLATES: join(dir, 'saknas.json') }), /^Error: VARD_TEMPLATES \(.*saknas\.json\) cannot be read: ENOENT/);
    // the server itself: exit 1 before it listens, the reason on stderr
    const bad = join(dir, 'trasig.json');
    writeFileSync(bad, JSON.stringify({ templates: [{ id: 'a', title: '', text: 'Hej' }] }));
    const r = spawnSync(process.execPath, [serveJs], { env: { ...process.env, VARD_TEMPLATES: bad, PORT: '0', VARD_DB: ':memory:' }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`Vård Chat reference server: VARD_TEMPLATES \\(${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\): templates\\.0\\.title`));
    assert.doesNotMatch(r.stdout, /clinician console/, 'it never started');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fillTemplate: known placeholders filled once, unknown and empty ones left visible, values as text', () => {
  const values = { patientFirstName: 'Astrid', clinicName: 'Vårdcentralen Linden', clinicianName: 'Anna Svensson', today: '12 mars 2026' };
  assert.equal(fillTemplate('Hej {patientFirstName}! /{clinicianName}, {clinicName}, {today}', values), 'Hej Astrid! /Anna Svensson, Vårdcentralen Linden, 12 mars 2026');
  assert.equal(fillTemplate('{patientFirstName} och {patientFirstName}', values), 'Astrid och Astrid');
  assert.equal(fillTemplate('Tid: {bookingTime}, rum {room}.', values), 'Tid: {bookingTime}, rum {room}.', 'unknown: as is');
  assert.equal(fillTemplate('Hej {patientFirstName}!', { patientFirstName: '  ' }), 'Hej {patientFirstName}!', 'a blank value: as is');
  assert.equal(fillTemplate('Hej {clinicName}', {}), 'Hej {clinicName}', 'no value: as is');
  assert.equal(fillTemplate('{ patientFirstName } {patientfirstname} {}', values), '{ patientFirstName } {patientfirstname} {}', 'only exact names');
  // hostile values: put in as they are, never read again as placeholders or replacement patterns
  const hostile = { patientFirstName: '<img src=x onerror=alert(1)>{clinicName}', clinicName: "$& $1 $' $`", clinicianName: '{today}' };
  assert.equal(fillTemplate('A {patientFirstName} B {clinicName} C {clinicianName}', hostile), "A <img src=x onerror=alert(1)>{clinicName} B $& $1 $' $` C {today}");
  assert.deepEqual(placeholdersIn('Hej {patientFirstName}, {x} och {x} {}'), ['{patientFirstName}', '{x}']);
});
