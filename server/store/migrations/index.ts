/**
 * Versioned migrations, one numbered file each, run in name order by Kysely's Migrator. They are
 * imported here (not read from a folder at run time) so the bundled server carries them. Add a
 * migration as a new file and a new line; never edit one that has shipped.
 */
import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { sessionLifetime } from './0002-session-lifetime.js';
import { notify } from './0003-notify.js';
import { attachments } from './0004-attachments.js';
import { thumbnails } from './0005-thumbnails.js';

export type Engine = 'sqlite' | 'postgres';

export function migrations(engine: Engine): MigrationProvider {
  const all: Record<string, Migration> = {
    '0001-initial': initial(engine),
    '0002-session-lifetime': sessionLifetime,
    '0003-notify': notify,
    '0004-attachments': attachments(engine),
    '0005-thumbnails': thumbnails,
  };
  return { getMigrations: async () => all };
}
