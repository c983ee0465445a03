// `npm run serve`: one command on a fresh machine. Builds the server (esbuild, about a second),
// builds the widget (and the console, when it has a build) only when their build is missing, then
// starts dist/server/serve.js. After `npm ci --omit=dev` on a built tree, run `node dist/server/serve.js`.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (script) => execSync(`npm run -s ${script}`, { cwd: root, stdio: 'inherit' });
const scripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts ?? {};

run('build:server');
if (!existsSync(new URL('../dist/vard-chat.js', import.meta.url))) run('build');
if (scripts['build:console'] && !existsSync(new URL('../dist/console/index.html', import.meta.url))) run('build:console');
await import('../dist/server/serve.js');
