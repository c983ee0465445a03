// The environment is read once into a checked object; a wrong value names its variable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEnv } from '../../../dist/server/app.js';

test('readEnv: defaults, values, and an error naming the variable that is wrong', () => {
  const d = readEnv({}, '/srv/vard');
  const oidc = { acr: { bankid: 'urn:grn:authn:se:bankid', freja: 'urn:grn:authn:se:frejaid' }, personalNumberClaim: 'https://id.oidc.se/claim/personalIdentityNumber' };
  assert.deepEqual(d, { port: 8787, idpPort: 8788, host: '127.0.0.1', publicOrigin: 'http://localhost:8787', db: '/srv/vard/.data/chat.sqlite', devLogin: false, allowOrigins: [], sendsPerMinute: 30, maxStreamsPerPatient: 5, databaseUrl: undefined, databaseListenUrl: undefined, pgPoolMax: 10,
    writesPerMinute: 240, ipWritesPerMinute: 2400, sessionIdleSeconds: 900, sessionMaxSeconds: 14_400, staffOidc: undefined, oidc, secret: undefined });
  const c = readEnv({ PORT: '9000', HOST: '0.0.0.0', PUBLIC_ORIGIN: 'https://chat.clinic.example', VARD_DB: '/var/lib/vard/chat.sqlite', DEV_LOGIN: '1', ALLOW_ORIGINS: 'https://www.clinic.example, https://clinic.example', VARD_SENDS_PER_MINUTE: '60', VARD_MAX_STREAMS_PER_PATIENT: '3',
    VARD_WRITES_PER_MINUTE: '100', VARD_IP_WRITES_PER_MINUTE: '1000', VARD_SESSION_IDLE_SECONDS: '600', VARD_SESSION_MAX_SECONDS: '28800',
    STAFF_OIDC_ISSUER: 'https://idp.region.example/siths', STAFF_OIDC_CLIENT_ID: 'vard-console', STAFF_OIDC_CLIENT_SECRET: 's3cret' }, '/srv/vard');
  assert.deepEqual(c, { port: 9000, idpPort: 9001, host: '0.0.0.0', publicOrigin: 'https://chat.clinic.example', db: '/var/lib/vard/chat.sqlite', devLogin: true, allowOrigins: ['https://www.clinic.example', 'https://clinic.example'], sendsPerMinute: 60, maxStreamsPerPatient: 3, databaseUrl: undefined, databaseListenUrl: undefined, pgPoolMax: 10,
    writesPerMinute: 100, ipWritesPerMinute: 1000, sessionIdleSeconds: 600, sessionMaxSeconds: 28_800,
    staffOidc: { issuer: 'https://idp.region.example/siths', clientId: 'vard-console', clientSecret: 's3cret' }, oidc, secret: undefined });
  for (const [env, name] of [
    [{ PORT: 'eighty' }, 'PORT'], [{ IDP_PORT: '-1' }, 'IDP_PORT'], [{ PORT: '70000' }, 'PORT'], [{ PUBLIC_ORIGIN: 'chat.clinic.example' }, 'PUBLIC_ORIGIN'],
    [{ PUBLIC_ORIGIN: 'https://chat.clinic.example/path' }, 'PUBLIC_ORIGIN'], [{ ALLOW_ORIGINS: 'https://ok.example,javascript:alert(1)' }, 'ALLOW_ORIGINS'],
    [{ DEV_LOGIN: 'yes' }, 'DEV_LOGIN'], [{ VARD_SENDS_PER_MINUTE: '0' }, 'VARD_SENDS_PER_MINUTE'],
    [{ VARD_SESSION_IDLE_SECONDS: '0' }, 'VARD_SESSION_IDLE_SECONDS'], [{ VARD_SESSION_MAX_SECONDS: 'forever' }, 'VARD_SESSION_MAX_SECONDS'],
    [{ STAFF_OIDC_ISSUER: 'https://idp.example' }, 'STAFF_OIDC_ISSUER'], [{ STAFF_OIDC_ISSUER: 'http://idp.example', STAFF_OIDC_CLIENT_ID: 'a', STAFF_OIDC_CLIENT_SECRET: 'b' }, 'STAFF_OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'not a url' }, 'OIDC_ISSUER'], [{ OIDC_ISSUER: 'http://broker.example' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'https://broker.example' }, 'OIDC_CLIENT_ID'], [{ OIDC_ISSUER: 'https://broker.example', OIDC_CLIENT_ID: 'c' }, 'OIDC_CLIENT_SECRET'],
    [{ OIDC_ISSUER: 'https://broker.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_PRIVATE_KEY_FILE: '/k.pem' }, 'OIDC_CLIENT_SECRET'],
    [{ OIDC_SCOPE: 'openid  profile' }, 'OIDC_SCOPE'], [{ VARD_SECRET: 'short' }, 'VARD_SECRET'],
  ]) assert.throws(() => readEnv(env, '/srv'), new RegExp(`^Error: ${name}`), JSON.stringify(env));
});

test('readEnv: the e-ID broker and the server secret', () => {
  const c = readEnv({
    OIDC_ISSUER: 'https://clinic.broker.example', OIDC_CLIENT_ID: 'vard', OIDC_CLIENT_SECRET: 'top-secret', OIDC_ACR_BANKID: 'urn:grn:authn:se:bankid:same-device',
    OIDC_ACR_FREJA: 'urn:x:freja', OIDC_PERSONAL_NUMBER_CLAIM: 'ssn', OIDC_SCOPE: 'openid profile ssn', OIDC_API_AUDIENCE: 'https://chat.clinic.example/api',
    VARD_SECRET: 'x'.repeat(44),
  }, '/srv');
  assert.deepEqual(c.oidc, {
    issuer: 'https://clinic.broker.example', clientId: 'vard', clientSecret: 'top-secret', acr: { bankid: 'urn:grn:authn:se:bankid:same-device', freja: 'urn:x:freja' },
    personalNumberClaim: 'ssn', scope: 'openid profile ssn', audience: 'https://chat.clinic.example/api',
  });
  assert.equal(c.secret, 'x'.repeat(44));
  assert.deepEqual(readEnv({ OIDC_ISSUER: 'https://b.example', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY_FILE: '/etc/vard/key.pem', OIDC_PRIVATE_KEY_ID: 'k1' }, '/srv').oidc,
    { ...readEnv({}, '/srv').oidc, issuer: 'https://b.example', clientId: 'c', privateKeyFile: '/etc/vard/key.pem', privateKeyId: 'k1' });
  // an error never echoes a secret
  assert.throws(() => readEnv({ VARD_SECRET: 'hunter2' }, '/srv'), (e) => !e.message.includes('hunter2'));
});
