// `npm run serve`: the reference server, building only what is missing: the widget and the console
// when their build is absent, the server (esbuild, about a second) when its build is absent or older
// than its sources. Build everything ahead with `npm run build:all`; after that (or after
// `npm ci --omit=dev` on a built tree) `node dist/server/serve.js` starts the server without building.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (script) => execSync(`npm run -s ${script}`, { cwd: root, stdio: 'inherit' });
const built = (rel) => existsSync(join(root, rel));

/** The newest modification time of the .ts files under these folders. */
function newest(folders) {
  let t = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  for (const f of folders) if (existsSync(join(root, f))) walk(join(root, f));
  return t;
}

const serverBuild = join(root, 'dist/server/serve.js');
if (!existsSync(serverBuild) || statSync(serverBuild).mtimeMs < newest(['server', 'src/protocol', 'src/triage'])) run('build:server');
if (!built('dist/vard-chat.js')) run('build');
if (!built('dist/console/index.html')) run('build:console');
await import('../dist/server/serve.js');
