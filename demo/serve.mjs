// `npm start`: builds the widget, then serves the demo at http://localhost:8000 (PORT overrides).
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { jsonModules } from './json-modules.mjs';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8000);

execSync('npm run -s build', { cwd: root, stdio: 'inherit' });

await startDevServer({
  config: {
    rootDir: root,
    port,
    hostname: process.env.HOST ?? 'localhost',
    // production builds of lit (no "dev mode" warning in the console)
    nodeResolve: { exportConditions: ['production'] },
    plugins: [jsonModules(root), esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })],
    middleware: [
      function home(ctx, next) {
        if (ctx.url === '/' || ctx.url === '/index.html') ctx.redirect('/demo/');
        return next();
      },
    ],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
console.log(`Vård Chat demo: http://localhost:${port}/demo/  (script-tag page: /demo/embed.html)`);
