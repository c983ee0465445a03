// `npm run bench:server`: the reference server under load, in one run, on this machine:
// SQLite one process vs PostgreSQL one process vs PostgreSQL two processes.
//   - idle patient streams 1,000 / 5,000 / 10,000: server RSS per stream, time to open them all
//   - fan-out latency clinician post → patient stream (1,000 open streams, 100 active conversations)
//   - sustained patient sends per second with p99 (autocannon)
//   - other patients' latency while one client opens 8,000 streams (it must be refused, not stall them),
//     and another patient's send → own-event round trip during it, beside the same measured with no load
// Prints a table with the goals beside the figures and writes test-results/bench-server.json.
// Loopback only; every loop is bounded in count and time. BENCH_QUICK=1 runs small counts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startPostgres } from '../test/support/postgres.mjs';
import {
  root, startServerProcess, treeCpuMs, patient, staff, conversationWith, pool, openStream, percentiles, request, sleep,
} from './server-load.mjs';

// 10,000 streams on the server side plus as many here: raise the open-file limit (a child of a
// shell that can, as root here), once
if (!process.env.VARD_BENCH_ULIMIT) {
  const r = spawnSync('bash', ['-c', `ulimit -n 65536 2>/dev/null || ulimit -n $(ulimit -Hn); exec "${process.execPath}" "${process.argv[1]}" ${process.argv.slice(2).join(' ')}`], {
    stdio: 'inherit', env: { ...process.env, VARD_BENCH_ULIMIT: '1' },
  });
  process.exit(r.status ?? 1);
}

const QUICK = process.env.BENCH_QUICK === '1';
const STREAM_STEPS = QUICK ? [200, 500] : [1000, 5000, 10000];
const FANOUT_IDLE = QUICK ? 200 : 1000;
const ACTIVE = QUICK ? 20 : 100;
const FANOUT_POSTS = QUICK ? 200 : 1000;
const FANOUT_RATE = 100; // posts per second
const SEND_SECONDS = QUICK ? 3 : 10;
const FLOOD = QUICK ? 1000 : 8000;
const ONLY = process.env.BENCH_ONLY?.split(',');
/** BENCH_PROFILE=1: each server process writes a V8 CPU profile; the top self-time functions are printed. */
const PROFILE = process.env.BENCH_PROFILE === '1';
const profDir = join(root, 'test-results', 'bench-server-profiles');

/** The functions with the most self time in the profiles under `dir` (V8 .cpuprofile JSON). */
function topFunctions(dir, n = 10) {
  const self = new Map();
  let totalHits = 0;
  const walk = (d) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, f.name);
      if (f.isDirectory()) walk(path);
      else if (f.name.endsWith('.cpuprofile')) {
        const prof = JSON.parse(readFileSync(path, 'utf8'));
        for (const node of prof.nodes) {
          const cf = node.callFrame;
          const key = `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${cf.lineNumber + 1}`;
          self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0));
          totalHits += node.hitCount ?? 0;
        }
      }
    }
  };
  try { walk(dir); } catch { return []; }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([fn, hits]) => ({ fn, selfPercent: +((100 * hits) / Math.max(1, totalHits)).toFixed(1) }));
}

const GOALS = {
  rssPerStreamKB: 100, // 10,000 idle streams in one process, ≤ 100 KB each
  fanoutP95One: 50, // ms, one process
  fanoutP95Two: 100, // ms, across two
  sendsPerSecond: 1000, // one process
  sendsP99: 100, // ms
};

const log = (...a) => console.error('[bench:server]', ...a);

/** One configuration: N processes on one engine. */
async function runConfig(name, { processes, engine, cluster }) {
  log(`${name}: starting ${processes} process(es) on ${engine}`);
  const dir = mkdtempSync(join(tmpdir(), 'vard-bench-'));
  const databaseUrl = engine === 'postgres' ? await cluster.createDatabase() : undefined;
  const options = { sendsPerMinute: 1_000_000, heartbeatMs: 15_000 };
  // more streams per patient than the default 5 only where a test needs it (never for the flood)
  const procs = [];
  for (let i = 0; i < processes; i++) {
    procs.push(await startServerProcess({
      databaseUrl, sqliteFile: engine === 'sqlite' ? join(dir, 'chat.sqlite') : undefined, options,
      nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(profDir, `${name.replace(/\W+/g, '-')}-${i}`)}`] : [],
    }));
  }
  const urls = procs.map((p) => p.url);
  const out = { name, engine, processes };
  const streams = [];
  try {
    // ---- idle streams ----------------------------------------------------------------------
    const maxStreams = STREAM_STEPS[STREAM_STEPS.length - 1];
    log(`${name}: ${maxStreams} patient sessions`);
    const patients = await pool(Array.from({ length: maxStreams }, (_, i) => i), 32, (i) => patient(urls[i % urls.length], `Patient ${i}`));
    await sleep(500);
    const base = procs.map((p) => p.rss());
    out.idle = [];
    let opened = 0;
    let openMs = 0;
    for (const n of STREAM_STEPS) {
      const t0 = performance.now();
      const more = await pool(patients.slice(opened, n), 200, (p, k) => openStream(urls[(opened + k) % urls.length], p.token));
      openMs += performance.now() - t0;
      const refused = more.filter((s) => s.status !== 200).length;
      streams.push(...more);
      opened = n;
      await sleep(1000);
      const rss = procs.map((p) => p.rss());
      const grown = rss.reduce((a, b) => a + b, 0) - base.reduce((a, b) => a + b, 0);
      const row = { streams: n, refused, openAllMs: Math.round(openMs), rssMB: +(rss.reduce((a, b) => a + b, 0) / 2 ** 20).toFixed(1), rssPerStreamKB: +(grown / n / 1024).toFixed(1) };
      out.idle.push(row);
      log(`${name}: ${n} idle streams`, row);
    }
    // keep FANOUT_IDLE of them open for the fan-out measurement
    for (const s of streams.splice(FANOUT_IDLE)) s.close();
    await sleep(500);

    // ---- fan-out latency -----------------------------------------------------------------
    log(`${name}: fan-out with ${FANOUT_IDLE} idle streams and ${ACTIVE} active conversations`);
    const nurses = await Promise.all(urls.map((u) => staff(u, 'Anna Svensson', 'nurse')));
    const active = await pool(Array.from({ length: ACTIVE }, (_, i) => i), 16, async (i) => {
      const p = await patient(urls[i % urls.length], `Aktiv ${i}`);
      const conversationId = await conversationWith(urls[0], nurses[0], p.subject);
      return { ...p, conversationId, home: i % urls.length };
    });
    const waiting = new Map();
    const latencies = [];
    const activeStreams = await Promise.all(active.map((p) => openStream(urls[p.home], p.token, {
      onEvent: ({ data, at }) => {
        const text = JSON.stringify(data);
        const m = /bench-fanout-(\d+)/.exec(text);
        if (!m) return;
        const t0 = waiting.get(m[1]);
        if (t0 === undefined) return;
        waiting.delete(m[1]);
        latencies.push(at - t0);
      },
    })));
    const cpu0 = { server: procs.reduce((a, p) => a + p.cpuMs(), 0), db: cluster && engine === 'postgres' ? treeCpuMs(cluster.pid) : 0 };
    let failedPosts = 0;
    const postAll = async () => {
      const inflight = new Set();
      for (let i = 0; i < FANOUT_POSTS; i++) {
        const p = active[i % active.length];
        // post through another process than the one the patient streams from
        const via = (p.home + 1) % urls.length;
        const t0 = performance.now();
        waiting.set(String(i), t0);
        const req = request(urls[via], 'POST', `/console/api/conversations/${p.conversationId}/messages`, { token: nurses[via], body: { text: `Svar bench-fanout-${i}` } })
          .then((r) => { if (r.status !== 201) { failedPosts++; waiting.delete(String(i)); } })
          .catch(() => { failedPosts++; waiting.delete(String(i)); });
        inflight.add(req);
        req.finally(() => inflight.delete(req));
        const next = t0 + 1000 / FANOUT_RATE;
        const wait = next - performance.now();
        if (wait > 0) await sleep(wait);
      }
      await Promise.all(inflight);
    };
    await postAll();
    for (let i = 0; i < 500 && waiting.size; i++) await sleep(20);
    out.fanout = {
      ...percentiles(latencies), lost: waiting.size, failedPosts, idleStreams: streams.length, activeConversations: ACTIVE,
      // CPU per post, over all processes (and PostgreSQL): what the machine's other load does not inflate
      serverCpuMsPerPost: +((procs.reduce((a, p) => a + p.cpuMs(), 0) - cpu0.server) / FANOUT_POSTS).toFixed(2),
      dbCpuMsPerPost: engine === 'postgres' ? +((treeCpuMs(cluster.pid) - cpu0.db) / FANOUT_POSTS).toFixed(2) : 0,
    };
    log(`${name}: fan-out`, out.fanout);
    waiting.clear();

    // ---- sustained sends (autocannon) -----------------------------------------------------
    log(`${name}: sustained sends for ${SEND_SECONDS} s per process`);
    const cpu1 = { server: procs.reduce((a, p) => a + p.cpuMs(), 0), db: engine === 'postgres' ? treeCpuMs(cluster.pid) : 0 };
    const runs = await Promise.all(urls.map((u, k) => {
      const mine = active.filter((_, i) => i % urls.length === k);
      let n = 0;
      return autocannon({
        url: u, connections: 32, duration: SEND_SECONDS, pipelining: 1,
        requests: [{
          method: 'PUT',
          setupRequest: (req) => {
            const p = mine[n++ % mine.length];
            req.path = `/api/conversations/${p.conversationId}/messages/${randomUUID()}`;
            req.headers = { ...req.headers, authorization: `Bearer ${p.token}`, 'content-type': 'application/json' };
            req.body = JSON.stringify({ text: 'Tack, det blev bättre.' });
            return req;
          },
        }],
      });
    }));
    out.sends = {
      perSecond: Math.round(runs.reduce((a, r) => a + r.requests.average, 0)),
      p50: Math.max(...runs.map((r) => r.latency.p50)),
      p99: Math.max(...runs.map((r) => r.latency.p99)),
      non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
      errors: runs.reduce((a, r) => a + r.errors + r.timeouts, 0),
    };
    const total = runs.reduce((a, r) => a + r.requests.total, 0);
    out.sends.serverCpuMsPerSend = +((procs.reduce((a, p) => a + p.cpuMs(), 0) - cpu1.server) / Math.max(1, total)).toFixed(2);
    out.sends.dbCpuMsPerSend = engine === 'postgres' ? +((treeCpuMs(cluster.pid) - cpu1.db) / Math.max(1, total)).toFixed(2) : 0;
    // what one core of this machine would sustain for the server process alone
    out.sends.perCoreEstimate = out.sends.serverCpuMsPerSend > 0 ? Math.round(1000 / out.sends.serverCpuMsPerSend) : null;
    log(`${name}: sends`, out.sends);
    for (const s of activeStreams) s.close();

    // ---- one client opens FLOOD streams ---------------------------------------------------
    for (const s of streams.splice(0)) s.close();
    await sleep(500);
    log(`${name}: one client opens ${FLOOD} streams while ${ACTIVE} others read`);
    const greedy = await patient(urls[0], 'Girig Klient');
    const measureOthers = async (ms) => {
      const lat = [];
      const failed = { n: 0 };
      const end = performance.now() + ms;
      let i = 0;
      while (performance.now() < end && i < 10_000) {
        const p = active[i++ % active.length];
        await Promise.all([0, 1, 2, 3].map(async (j) => {
          const q = active[(i + j * 7) % active.length];
          const r = await request(urls[q.home], 'GET', '/api/conversations', { token: q.token }).catch(() => ({ status: 0, ms: NaN }));
          if (r.status === 200) lat.push(r.ms); else failed.n++;
        }));
        void p;
      }
      return { ...percentiles(lat), failed: failed.n };
    };
    // another patient's send and its event on their own stream: the round trip a patient feels
    const rtPatient = active[0];
    const rtWaiting = new Map();
    const rtStream = await openStream(urls[rtPatient.home], rtPatient.token, {
      onEvent: ({ data, at }) => {
        const m = /bench-rt-(\d+)/.exec(JSON.stringify(data));
        const w = m && rtWaiting.get(m[1]);
        if (w) {
          rtWaiting.delete(m[1]);
          w(at);
        }
      },
    });
    let rtSeq = 0;
    const measureRoundTrip = async (ms) => {
      const lat = [];
      let failed = 0;
      const end = performance.now() + ms;
      while (performance.now() < end && lat.length + failed < 2000) {
        const n = String(rtSeq++);
        const t0 = performance.now();
        const arrived = new Promise((resolve) => rtWaiting.set(n, resolve));
        const r = await request(urls[rtPatient.home], 'PUT', `/api/conversations/${rtPatient.conversationId}/messages/rt-${n}`, { token: rtPatient.token, body: { text: `bench-rt-${n}` } }).catch(() => ({ status: 0 }));
        if (r.status !== 201) {
          failed++;
          rtWaiting.delete(n);
          continue;
        }
        const at = await Promise.race([arrived, sleep(10_000).then(() => NaN)]);
        if (Number.isNaN(at)) failed++;
        else lat.push(at - t0);
      }
      return { ...percentiles(lat), failed };
    };
    const baseline = await measureOthers(QUICK ? 1000 : 3000);
    const roundTripBefore = await measureRoundTrip(QUICK ? 1000 : 3000);
    const floodStreams = [];
    let accepted = 0, refused = 0, errors = 0;
    const t0 = performance.now();
    const flooding = pool(Array.from({ length: FLOOD }, (_, i) => i), 200, async (i) => {
      try {
        const s = await openStream(urls[i % urls.length], greedy.token);
        if (s.status === 200) { accepted++; floodStreams.push(s); } else { refused++; s.close(); }
      } catch { errors++; }
    });
    const [during, roundTripDuring] = await Promise.all([measureOthers(QUICK ? 1000 : 3000), measureRoundTrip(QUICK ? 1000 : 3000)]);
    await flooding;
    rtStream.close();
    const floodMs = performance.now() - t0;
    for (const s of floodStreams) s.close();
    out.flood = { attempts: FLOOD, accepted, refused, errors, floodMs: Math.round(floodMs), othersBefore: baseline, othersDuring: during, roundTripBefore, roundTripDuring };
    log(`${name}: flood`, out.flood);
  } finally {
    for (const s of streams) s.close();
    await Promise.all(procs.map((p) => p.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
  if (PROFILE) {
    out.profile = topFunctions(join(profDir)).slice(0, 12);
    log(`${name}: top self time`, out.profile);
    rmSync(profDir, { recursive: true, force: true });
  }
  return out;
}

const fmt = (v, d = 1) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '–');

function table(results) {
  const lines = [];
  const head = ['figure', 'goal', ...results.map((r) => r.name)];
  const rows = [];
  for (const [i, n] of STREAM_STEPS.entries()) {
    rows.push([`${n} idle streams: RSS per stream (KB)`, n === 10000 ? `≤ ${GOALS.rssPerStreamKB} (one process)` : '', ...results.map((r) => fmt(r.idle?.[i]?.rssPerStreamKB))]);
    rows.push([`${n} idle streams: time to open all (s)`, '', ...results.map((r) => fmt((r.idle?.[i]?.openAllMs ?? NaN) / 1000, 2))]);
    rows.push([`${n} idle streams: refused`, '0', ...results.map((r) => String(r.idle?.[i]?.refused ?? '–'))]);
  }
  rows.push(['fan-out p50 (ms)', '', ...results.map((r) => fmt(r.fanout?.p50))]);
  rows.push(['fan-out p95 (ms)', `≤ ${GOALS.fanoutP95One} one / ≤ ${GOALS.fanoutP95Two} two`, ...results.map((r) => fmt(r.fanout?.p95))]);
  rows.push(['fan-out p99 (ms)', '', ...results.map((r) => fmt(r.fanout?.p99))]);
  rows.push(['fan-out lost / failed posts', '0 / 0', ...results.map((r) => `${r.fanout?.lost ?? '–'} / ${r.fanout?.failedPosts ?? '–'}`)]);
  rows.push(['sends per second', `≥ ${GOALS.sendsPerSecond} (one process)`, ...results.map((r) => String(r.sends?.perSecond ?? '–'))]);
  rows.push(['sends p99 (ms)', `≤ ${GOALS.sendsP99}`, ...results.map((r) => fmt(r.sends?.p99, 0))]);
  rows.push(['server CPU per send (ms) [PostgreSQL CPU]', '', ...results.map((r) => `${fmt(r.sends?.serverCpuMsPerSend, 2)} [${fmt(r.sends?.dbCpuMsPerSend, 2)}]`)]);
  rows.push(['sends/s one core could carry (1000 / server CPU per send)', `≥ ${GOALS.sendsPerSecond}`, ...results.map((r) => String(r.sends?.perCoreEstimate ?? '–'))]);
  rows.push(['server CPU per fan-out post (ms) [PostgreSQL CPU]', '', ...results.map((r) => `${fmt(r.fanout?.serverCpuMsPerPost, 2)} [${fmt(r.fanout?.dbCpuMsPerPost, 2)}]`)]);
  rows.push(['sends non-2xx / errors', '0 / 0', ...results.map((r) => `${r.sends?.non2xx ?? '–'} / ${r.sends?.errors ?? '–'}`)]);
  rows.push([`flood: ${FLOOD} streams by one client: accepted / refused`, '≤ cap / rest', ...results.map((r) => `${r.flood?.accepted ?? '–'} / ${r.flood?.refused ?? '–'}`)]);
  rows.push(['others p50 / p99 before flood (ms)', '', ...results.map((r) => `${fmt(r.flood?.othersBefore?.p50)} / ${fmt(r.flood?.othersBefore?.p99)}`)]);
  rows.push(['others p50 / p99 during flood (ms)', 'not stalled', ...results.map((r) => `${fmt(r.flood?.othersDuring?.p50)} / ${fmt(r.flood?.othersDuring?.p99)}`)]);
  rows.push(["another patient's send → own event p50 / p99, no load (ms)", '', ...results.map((r) => `${fmt(r.flood?.roundTripBefore?.p50)} / ${fmt(r.flood?.roundTripBefore?.p99)}`)]);
  rows.push(["another patient's send → own event p50 / p99, during flood (ms) [failed]", 'other patients unaffected', ...results.map((r) => `${fmt(r.flood?.roundTripDuring?.p50)} / ${fmt(r.flood?.roundTripDuring?.p99)} [${r.flood?.roundTripDuring?.failed ?? '–'}]`)]);
  lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

const started = Date.now();
const LOAD0 = loadavg();
const cluster = await startPostgres({ settings: { max_connections: 300 } });
const results = [];
try {
  const configs = [
    ['sqlite ×1', { processes: 1, engine: 'sqlite' }],
    ['postgres ×1', { processes: 1, engine: 'postgres' }],
    ['postgres ×2', { processes: 2, engine: 'postgres' }],
  ].filter(([n]) => !ONLY || ONLY.some((o) => n.startsWith(o)));
  for (const [name, cfg] of configs) {
    try {
      results.push(await runConfig(name, { ...cfg, cluster }));
    } catch (err) {
      log(`${name} failed:`, err instanceof Error ? err.stack : err);
      results.push({ name, error: String(err instanceof Error ? err.message : err) });
    }
  }
} finally {
  await cluster.stop();
}
const report = {
  date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverageAtStart: LOAD0, loadAverageAtEnd: loadavg() },
  quick: QUICK, goals: GOALS, seconds: Math.round((Date.now() - started) / 1000), results,
};
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'bench-server.json'), JSON.stringify(report, null, 2) + '\n');
console.log(table(results));
console.log(`\nload average (1 min) at start ${LOAD0[0].toFixed(1)}, at end ${loadavg()[0].toFixed(1)} on ${cpus().length} cores: above the core count, latencies and rates measure the machine's queue, the CPU rows do not`);
console.log(`bench:server: ${report.seconds} s; JSON in test-results/bench-server.json`);
process.exit(results.some((r) => r.error) ? 1 : 0);
