// Size figures of the script-tag build, all gzipped (level 9): what a page downloads on first
// load; what one patient session downloads (first load + panel + its backend + its language,
// with an open conversation: no triage, booking or evaluation); every lazy chunk; the total.
// `measureSize(root)` builds the tree at `root` with that tree's own rollup.config.mjs in a
// child process (the config's paths are relative to the working directory), so the same code
// measures this tree and the previous main side by side.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const HERE = fileURLToPath(import.meta.url);
const gz = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;

/** What one session needs, by the modules it must have (so it holds for any chunking). */
const SESSIONS = {
  // BFF login (the default), the HTTP backend, Swedish (the default language)
  session_http_bff_gz_bytes: [/components\/chat-view\/chat-view\.ts$/, /adapters\/http\/http-backend\.ts$/, /i18n\/sv\.ts$/],
  session_http_oidc_gz_bytes: [/components\/chat-view\/chat-view\.ts$/, /adapters\/http\/http-backend\.ts$/, /i18n\/sv\.ts$/, /auth\/oidc\.ts$/],
  session_mock_gz_bytes: [/components\/chat-view\/chat-view\.ts$/, /adapters\/memory\/memory-backend\.ts$/, /i18n\/sv\.ts$/],
};

async function build(config) {
  const { rollup } = await import('rollup');
  const bundle = await rollup({ ...config, onwarn: () => {} });
  const { output } = await bundle.generate({ ...config.output, sourcemap: false });
  await bundle.close();
  return output.filter((o) => o.type === 'chunk');
}

/** Runs in the tree being measured (cwd): builds the embed and the loader, returns the figures. */
async function measureHere() {
  const { default: configs } = await import(pathToFileURL(resolve('rollup.config.mjs')).href);
  const [, embedConfig, loaderConfig] = configs;
  const embed = await build(embedConfig);
  const loader = (await build(loaderConfig))[0];
  const byName = new Map(embed.map((c) => [c.fileName, c]));
  const closure = (starts) => {
    const seen = new Set();
    const add = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const dep of byName.get(file)?.imports ?? []) add(dep);
    };
    for (const s of starts) add(s);
    return seen;
  };
  const sum = (files) => gz(loader.code) + [...files].reduce((n, f) => n + gz(byName.get(f).code), 0);
  // first load: the loader, the embed entry and everything it imports statically
  const initial = closure(embed.filter((c) => c.isEntry).map((c) => c.fileName));
  const holding = (re) => embed.filter((c) => Object.keys(c.modules).some((id) => re.test(id.replaceAll('\\', '/')))).map((c) => c.fileName);
  const figures = { embed_initial_gz_bytes: sum(initial), embed_total_gz_bytes: sum(byName.keys()) };
  const sessions = {};
  for (const [name, needs] of Object.entries(SESSIONS)) {
    const files = closure([...initial, ...needs.flatMap(holding)]);
    figures[name] = sum(files);
    sessions[name] = files;
  }
  // same resolution and minifier as the embed build; plain JS, so no TypeScript step
  const floor = await build({
    input: fileURLToPath(new URL('./floor.js', import.meta.url)),
    output: embedConfig.output,
    plugins: embedConfig.plugins.filter((p) => p.name !== 'typescript'),
  });
  figures.lit_floor_gz_bytes = floor.reduce((n, c) => n + gz(c.code), 0);
  figures.chunks = embed.map((c) => ({
    file: c.fileName, name: c.name, gz_bytes: gz(c.code), initial: initial.has(c.fileName),
    bff_session: sessions.session_http_bff_gz_bytes.has(c.fileName),
  }));
  return figures;
}

function runChild(cwd) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [HERE, '--here'], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok(JSON.parse(out)) : fail(new Error(`size build in ${cwd} exited ${code}`))));
  });
}

/** The figures of the working tree. */
export const measureSize = () => runChild(process.cwd());

/**
 * The main this tree builds on (the merge base with main, whose dependencies this tree has); on
 * main itself, its first parent: the previous main.
 */
function previousMain() {
  const git = (...args) => execFileSync('git', args).toString().trim();
  try {
    const base = git('merge-base', 'HEAD', 'main');
    return base === git('rev-parse', 'HEAD') ? 'HEAD^1' : base;
  } catch {
    return 'HEAD^1';
  }
}

/**
 * The figures of another commit (default: the previous main, see previousMain), from `git archive` into a temporary folder
 * that borrows this tree's node_modules. Returns undefined when that commit cannot be read.
 */
export async function measureSizeAt(ref = process.env.BENCH_BASE ?? previousMain()) {
  const dir = mkdtempSync(join(tmpdir(), 'vard-size-base-'));
  try {
    const tar = execFileSync('git', ['archive', '--format=tar', ref], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
    return { ref, commit: execFileSync('git', ['rev-parse', '--short', ref]).toString().trim(), ...(await runChild(dir)) };
  } catch (e) {
    console.error(`size baseline ${ref}: ${e.message}`);
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--here') process.stdout.write(JSON.stringify(await measureHere()));
