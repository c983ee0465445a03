// `npm test`: builds once, then runs every suite in two lanes at the same time, each lane one
// suite after another, and prints a summary with each suite's time and result.
//
// Why two lanes: the browser suites spend much of their time waiting (servers, timeouts, the
// e-ID redirects), so a second lane fills the idle core; with more lanes a 2-core CI machine gets
// loaded enough that timing-sensitive browser steps slow down for everyone. Each lane keeps one
// Chromium suite at a time. A suite's output is printed whole when it ends, so lanes never
// interleave lines. `TEST_LANES=1` runs everything one after another (the old `npm test`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds, in order, before any suite: the suites only read dist/ and never rebuild it. */
const builds = [
  ['build', 'npx', ['rollup', '-c', '--silent']],
  ['build:console', 'npx', ['rollup', '-c', '--silent', '--environment', 'BUILD:console']],
  ['build:server', 'node', ['scripts/build-server.mjs']],
];

/** Two lanes, balanced by the time each suite took on CI (seconds, roughly). */
const lanes = [
  [
    ['unit (wtr, coverage)', 'npx', ['wtr', '--coverage']],
    ['chaos', 'node', ['test/chaos/run.mjs']],
    // a hung test fails by name after 3 minutes instead of holding the lane
    ['node', 'node', ['--test', '--test-timeout=180000', 'test/node/']],
  ],
  [
    ['e2e', 'node', ['test/e2e/run.mjs']],
    ['auth-e2e', 'node', ['test/auth-e2e/run.mjs']],
  ],
];

/**
 * A suite that runs longer than this is stopped (its whole process group: browsers, servers,
 * PostgreSQL) and counts as failed, with what it printed so far: a hang then names itself in
 * the log instead of holding CI until its own limit cuts everything off unread.
 */
const suiteLimitS = Number(process.env.SUITE_TIMEOUT_S ?? 1500);

// Ctrl-C or CI cancelling `npm test` takes the suites' process groups down with it.
const children = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { for (const pid of children) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } } process.exit(130); });

function runOne(name, cmd, args) {
  const started = Date.now();
  process.stdout.write(`----- ${name}: started\n`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child.pid);
    const out = [];
    let timedOut = false;
    const stop = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
    const limit = setTimeout(() => {
      timedOut = true;
      stop('SIGTERM');
      setTimeout(() => stop('SIGKILL'), 10_000).unref();
    }, suiteLimitS * 1000);
    // A process the suite left behind (a server, a browser) can hold the output pipes open after
    // the suite itself has ended: give it a moment, then end the group so 'close' comes.
    // One outside the group (started detached) is cut loose: its pipes are closed on our side.
    const afterExit = [];
    child.on('exit', (code, signal) => {
      afterExit.push(setTimeout(() => stop('SIGKILL'), 5_000));
      afterExit.push(setTimeout(() => { child.stdout.destroy(); child.stderr.destroy(); finish(code, signal); }, 15_000));
    });
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => out.push(b));
    let finished = false;
    child.on('close', (code, signal) => finish(code, signal));
    function finish(code, signal) {
      if (finished) return;
      finished = true;
      clearTimeout(limit);
      afterExit.forEach(clearTimeout);
      children.delete(child.pid);
      const seconds = Math.round((Date.now() - started) / 1000);
      const ok = code === 0 && !timedOut;
      const why = timedOut ? `TIMED OUT after ${suiteLimitS} s, stopped` : signal ?? `exit ${code}`;
      process.stdout.write(`\n===== ${name}: ${ok ? 'passed' : `FAILED (${why})`} in ${seconds} s =====\n`);
      const text = Buffer.concat(out).toString('utf8');
      process.stdout.write(text);
      resolve({ name, ok, seconds, text });
    }
  });
}

/**
 * The lines of a suite's output that say what failed (wtr's ❌ and "Error", node's "not ok",
 * coverage thresholds, timeouts), each with a few lines after it, then the suite's last lines;
 * bounded, so a suite that failed everywhere cannot flood the log.
 */
function failureExcerpt(text, { after = 12, maxLines = 160, tail = 25 } = {}) {
  const lines = text.split('\n');
  const marks = /❌|✗|\bnot ok\b|\bFAIL(ED)?\b|\b[1-9]\d* failed\b|\w*Error\b|[Cc]overage .*(not met|threshold)|timed out|Browser logs:/;
  const keep = new Set();
  lines.forEach((l, i) => { if (marks.test(l)) for (let j = i; j <= Math.min(lines.length - 1, i + after); j++) keep.add(j); });
  const picked = [];
  let last = -2;
  for (const i of [...keep].sort((a, b) => a - b)) {
    if (picked.length >= maxLines) { picked.push('  …'); break; }
    if (i !== last + 1) picked.push('  ⋮');
    picked.push(lines[i]);
    last = i;
  }
  return [...picked, '  ⋮ (its last lines)', ...lines.slice(-tail)].join('\n');
}

const started = Date.now();
for (const [name, cmd, args] of builds) {
  const r = await runOne(name, cmd, args);
  if (!r.ok) process.exit(1);
}

const serial = process.env.TEST_LANES === '1';
const plan = serial ? [lanes.flat()] : lanes;
const results = (await Promise.all(plan.map(async (lane) => {
  const done = [];
  for (const [name, cmd, args] of lane) done.push(await runOne(name, cmd, args));
  return done;
}))).flat();

process.stdout.write('\n## npm test: summary\n\n| suite | result | seconds |\n|---|---|---:|\n');
for (const r of results) process.stdout.write(`| ${r.name} | ${r.ok ? 'passed' : 'FAILED'} | ${r.seconds} |\n`);
// A CI log is often read from its end: repeat where each failed suite went wrong beneath the summary.
for (const r of results.filter((x) => !x.ok)) process.stdout.write(`\n### ${r.name}: where it failed\n\n${failureExcerpt(r.text ?? '')}\n`);
process.stdout.write(`\nall suites in ${Math.round((Date.now() - started) / 1000)} s (${serial ? 'one lane' : `${plan.length} lanes`})\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
