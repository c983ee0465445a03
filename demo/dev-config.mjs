// The demo server's configuration (@web/dev-server), shared by `npm start` (demo/serve.mjs) and
// the tests that check it.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { jsonModules } from './json-modules.mjs';
import { compression } from './compression.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));

export function demoConfig({ port, hostname }) {
  return {
    rootDir: root,
    port,
    hostname,
    // production builds of lit (no "dev mode" warning in the console)
    nodeResolve: { exportConditions: ['production'] },
    plugins: [jsonModules(root), esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })],
    middleware: [
      compression(),
      function home(ctx, next) {
        if (ctx.url === '/' || ctx.url === '/index.html') ctx.redirect('/demo/');
        return next();
      },
    ],
  };
}
