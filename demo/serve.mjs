// `npm start`: builds the widget, then serves the demo at http://localhost:8000 (PORT overrides).
// The pretend e-ID page is on the same server and port: /demo/pretend-eid.html.
import { startDevServer } from '@web/dev-server';
import { execSync } from 'node:child_process';
import { demoConfig, root } from './dev-config.mjs';

const port = Number(process.env.PORT ?? 8000);

execSync('npm run -s build', { cwd: root, stdio: 'inherit' });

await startDevServer({
  config: demoConfig({ port, hostname: process.env.HOST ?? 'localhost' }),
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
console.log(`Vård Chat demo: http://localhost:${port}/demo/  (script-tag page: /demo/embed.html,
  pretend e-ID step: http://localhost:${port}/demo/pretend-eid.html, on the same port)`);
