// The environment is read once into a checked object; a wrong value names its variable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEnv } from '../../../dist/server/app.js';

test('readEnv: defaults, values, and an error naming the variable that is wrong', () => {
  const d = readEnv({}, '/srv/vard');
  assert.deepEqual(d, { port: 8787, idpPort: 8788, host: '127.0.0.1', publicOrigin: 'http://localhost:8787', db: '/srv/vard/.data/chat.sqlite', devLogin: false, allowOrigins: [], sendsPerMinute: 30, maxStreamsPerPatient: 5, databaseUrl: undefined, databaseListenUrl: undefined, pgPoolMax: 10 });
  const c = readEnv({ PORT: '9000', HOST: '0.0.0.0', PUBLIC_ORIGIN: 'https://chat.clinic.example', VARD_DB: '/var/lib/vard/chat.sqlite', DEV_LOGIN: '1', ALLOW_ORIGINS: 'https://www.clinic.example, https://clinic.example', VARD_SENDS_PER_MINUTE: '60', VARD_MAX_STREAMS_PER_PATIENT: '3' }, '/srv/vard');
  assert.deepEqual(c, { port: 9000, idpPort: 9001, host: '0.0.0.0', publicOrigin: 'https://chat.clinic.example', db: '/var/lib/vard/chat.sqlite', devLogin: true, allowOrigins: ['https://www.clinic.example', 'https://clinic.example'], sendsPerMinute: 60, maxStreamsPerPatient: 3, databaseUrl: undefined, databaseListenUrl: undefined, pgPoolMax: 10 });
  for (const [env, name] of [
    [{ PORT: 'eighty' }, 'PORT'], [{ IDP_PORT: '-1' }, 'IDP_PORT'], [{ PORT: '70000' }, 'PORT'], [{ PUBLIC_ORIGIN: 'chat.clinic.example' }, 'PUBLIC_ORIGIN'],
    [{ PUBLIC_ORIGIN: 'https://chat.clinic.example/path' }, 'PUBLIC_ORIGIN'], [{ ALLOW_ORIGINS: 'https://ok.example,javascript:alert(1)' }, 'ALLOW_ORIGINS'],
    [{ DEV_LOGIN: 'yes' }, 'DEV_LOGIN'], [{ VARD_SENDS_PER_MINUTE: '0' }, 'VARD_SENDS_PER_MINUTE'],
  ]) assert.throws(() => readEnv(env, '/srv'), new RegExp(`^Error: ${name}`), JSON.stringify(env));
});
