// Size figures: what a page downloads on first load from the script tag, everything the script
// tag can load, and a bare Lit element built the same way (the floor), all gzipped.
import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import configs from '../rollup.config.mjs';

const gz = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;

async function build(config) {
  const bundle = await rollup({ ...config, onwarn: () => {} });
  const { output } = await bundle.generate({ ...config.output, sourcemap: false });
  await bundle.close();
  return output.filter((o) => o.type === 'chunk');
}

export async function measureSize() {
  const [, embedConfig, loaderConfig] = configs;
  const embed = await build(embedConfig);
  const loader = await build(loaderConfig);
  const byName = new Map(embed.map((c) => [c.fileName, c]));
  // first load: the loader, the embed entry and everything it imports statically
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const dep of byName.get(name)?.imports ?? []) visit(dep);
  };
  for (const c of embed) if (c.isEntry) visit(c.fileName);
  // what one patient session downloads: the first load, the panel, and the one backend (and
  // the OIDC client only when data-auth="oidc"); a chunk shared by several counts once
  const closure = (names) => {
    const seen = new Set(initial);
    const add = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const dep of byName.get(file)?.imports ?? []) add(dep);
    };
    for (const n of names) for (const c of embed) if (c.name === n && !c.isEntry) add(c.fileName);
    return gz(loader[0].code) + [...seen].reduce((sum, f) => sum + gz(byName.get(f).code), 0);
  };
  const initialGz = gz(loader[0].code) + [...initial].reduce((n, f) => n + gz(byName.get(f).code), 0);
  const totalGz = gz(loader[0].code) + embed.reduce((n, c) => n + gz(c.code), 0);
  // same resolution and minifier as the embed build; plain JS, so no TypeScript step
  const floor = await build({
    input: 'bench/floor.js',
    output: embedConfig.output,
    plugins: embedConfig.plugins.filter((p) => p.name !== 'typescript'),
  });
  const floorGz = floor.reduce((n, c) => n + gz(c.code), 0);
  return {
    embed_initial_gz_bytes: initialGz,
    embed_total_gz_bytes: totalGz,
    lit_floor_gz_bytes: floorGz,
    session_http_bff_gz_bytes: closure(['define', 'http-backend']),
    session_http_oidc_gz_bytes: closure(['define', 'http-backend', 'oidc']),
    session_mock_gz_bytes: closure(['define', 'memory-backend']),
    chunks: embed.map((c) => ({ file: c.fileName, gz_bytes: gz(c.code), initial: initial.has(c.fileName) })),
  };
}
