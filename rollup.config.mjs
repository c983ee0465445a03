import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import json from '@rollup/plugin-json';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { readFileSync } from 'node:fs';

// the CSS in css`` templates, minified (lightningcss): whitespace and comments are most of our
// styles' bytes. HTML templates are left as written (their whitespace can be text).
const minifyCss = () => minifyLiterals({ options: { shouldMinify: () => false }, failOnError: true });

/** Emits static files beside a bundle (the console's page and stylesheet). */
const staticFiles = (files) => ({
  name: 'static-files',
  buildStart() {
    for (const [from] of files) this.addWatchFile(from);
  },
  generateBundle() {
    for (const [from, fileName] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(from) });
  },
});

/**
 * The script tag's shared core, one chunk: the checks of what a backend sends (valibot, the
 * protocol's resources and the kinds the panel renders itself), idb, the backoff and the typed
 * errors. Every session loads all of them with the panel and its backend; left to rollup they
 * are four small chunks, each with its own import and export lists and gzip frame.
 */
const CORE = /(node_modules\/(valibot|idb)\/|src\/protocol\/(parse|primitives|message|resources|kinds\/notes|kinds\/video)\.ts$|src\/core\/(errors|backoff)\.ts$)/;
const coreChunk = (id) => (CORE.test(id.replaceAll('\\', '/')) ? 'core' : undefined);

// two compress passes: a few hundred bytes less per session than one
const terse = () => terser({ format: { comments: false }, ecma: 2021, module: true, compress: { passes: 2, keep_fargs: false } });

const configs = [
  // npm package: ESM, lit and idb external, declarations beside the code.
  {
    input: {
      index: 'src/index.ts', define: 'src/define/vard-chat.ts', testing: 'src/testing/index.ts',
      triage: 'src/triage/index.ts', 'triage-define': 'src/define/vard-triage.ts', protocol: 'src/protocol/entry.ts',
    },
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    external: [/^lit(\/.*)?$/, /^@lit\//, /^idb(\/.*)?$/],
    plugins: [json(), typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: true, declarationDir: 'dist' })],
  },
  // Script tag, part 1: the widget as ES modules with everything bundled, split so that the
  // first load is the launcher only; the panel and the mock backend load on first open.
  {
    input: { embed: 'src/embed/embed.ts' },
    // the entry's chunk may export more than embed.ts does (what the lazy chunks import from it),
    // so rollup needs no facade: the loader's import is one request, not two in a row
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist/vard-chat', format: 'es', sourcemap: true, chunkFileNames: '[name]-[hash].js', manualChunks: coreChunk },
    plugins: [
      minifyCss(),
      nodeResolve({ browser: true }),
      json(),
      typescript({ tsconfig: './tsconfig.json', outDir: 'dist/vard-chat', declaration: false, sourceMap: true }),
      terse(),
    ],
  },
  // Script tag, part 2: the classic-script loader clinics paste (dist/vard-chat.js).
  {
    input: 'src/embed/loader.ts',
    output: { file: 'dist/vard-chat.js', format: 'iife', sourcemap: true },
    plugins: [
      // the service worker for browser notifications, served by the clinic's site (docs/notifications.md)
      staticFiles([['src/sw/vard-chat-sw.js', 'vard-chat-sw.js']]),
      typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: false, sourceMap: true }),
      terser({ format: { comments: false } }),
    ],
  },
  // The clinician console (console/): served by the reference server under /console/.
  // `npm run build:console` builds this one alone.
  {
    name: 'console',
    input: { console: 'console/main.ts' },
    output: { dir: 'dist/console', format: 'es', sourcemap: true, chunkFileNames: '[name]-[hash].js' },
    plugins: [
      nodeResolve({ browser: true }),
      json(),
      typescript({ tsconfig: './console/tsconfig.json', outDir: 'dist/console', declaration: false, sourceMap: true }),
      terse(),
      staticFiles([['console/index.html', 'index.html'], ['console/console.css', 'console.css'], ['console/favicon.svg', 'favicon.svg']]),
    ],
  },
];

// rollup rejects unknown options: the name only selects (`--environment BUILD:console`)
const only = process.env.BUILD;
export default configs.filter((c) => !only || c.name === only).map(({ name: _name, ...c }) => c);
