// @ts-check
// The store modules (server/store/*.ts) for node:test suites: bundled by esbuild from the
// sources into a temporary folder (removed at exit) on first use, so a test never runs a stale build.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** @type {Promise<any> | undefined} */
let loaded;

/** @returns {Promise<typeof import('../../server/store/index.ts')>} */
export function loadStore() {
  loaded ??= (async () => {
    // inside the project (node_modules/.cache) so the bundle's imports resolve to its packages
    mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
    const out = mkdtempSync(join(root, 'node_modules', '.cache', 'vard-store-'));
    process.once('exit', () => rmSync(out, { recursive: true, force: true }));
    await build({
      absWorkingDir: root,
      entryPoints: { index: 'server/store/index.ts' },
      outdir: out,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    return import(pathToFileURL(join(out, 'index.mjs')).href);
  })();
  return loaded;
}
