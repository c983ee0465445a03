// `npm run build:server`: bundles the reference server (server/*.ts, and what it imports from
// src/: the protocol schemas and the triage engine) into dist/server/ with esbuild. Packages stay
// external (they are the server's `dependencies`), so `npm ci --omit=dev` + `node dist/server/serve.js` works.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: { app: 'server/app.ts', serve: 'server/serve.ts', 'store/index': 'server/store/index.ts' },
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
});
if (!process.argv.includes('--quiet')) console.log(`build:server: dist/server/ in ${Date.now() - started} ms`);
