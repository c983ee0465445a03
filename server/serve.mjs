// `npm run serve`: builds the widget, then starts the reference server with the demo page wired to
// it (data-backend="http://localhost:8787/api"), the BFF login with the pretend e-ID provider, and
// the clinician console. State lives in .data/chat.sqlite, so a restart loses nothing.
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './app.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8787);

if (!process.argv.includes('--no-build')) execSync('npm run -s build', { cwd: root, stdio: 'inherit' });
mkdirSync(new URL('../.data/', import.meta.url), { recursive: true });

const s = await startServer({
  port,
  host: '127.0.0.1',
  publicOrigin: `http://localhost:${port}`,
  db: fileURLToPath(new URL('../.data/chat.sqlite', import.meta.url)),
  staticRoot: root,
  devLogin: process.env.DEV_LOGIN === '1',
  // other same-site origins whose pages may call the API with the cookie, e.g. ALLOW_ORIGINS=http://localhost:8000
  allowOrigin: (o) => (process.env.ALLOW_ORIGINS ?? '').split(',').map((x) => x.trim()).filter(Boolean).includes(o),
});
console.log(`Vård Chat reference server: ${s.url}
  patient page (widget on HttpBackend): ${s.url}/demo/http.html
  clinician console:                    ${s.url}/console/
  protocol base URL (data-backend):     ${s.url}/api`);
const stop = async () => {
  await s.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
