// The privacy sweep: dumps everything a browser keeps for a tab after a session (cookies,
// localStorage, sessionStorage, every IndexedDB database with every store's records, Cache
// Storage, the tab's URL history) and looks for what must never be left there: message text
// (a canary), tokens and Swedish personal identity numbers (personnummer).

/** A personnummer, 12 digits (YYYYMMDDXXXX, optionally YYYYMMDD-XXXX) or YYMMDD-XXXX / YYMMDD+XXXX. */
const DATE = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
export const PNR_12 = new RegExp(`(?<!\\d)(?:19|20)\\d{2}${DATE}-?\\d{4}(?!\\d)`);
export const PNR_10 = new RegExp(`(?<!\\d)\\d{2}${DATE}[-+]\\d{4}(?!\\d)`);
/** Token-looking values: a JWT, a bearer header, or a long random-looking string (base64url/hex mixed case). */
const JWT = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/;
const BEARER = /\bBearer\s+\S{8,}/i;
const RANDOM_RUN = /[A-Za-z0-9_-]{32,}/g;
/** Names under which a token would be kept (cookie names, storage keys, URL parameters, record fields). */
const TOKEN_NAME = /(^|[_.:-])(token|access_token|id_token|refresh_token|code|code_verifier|state|nonce|session|sid|auth|jwt)$/i;

/** Everything the browser keeps for this page's origin, the context's cookies and the tab's history. */
export async function dumpBrowser(page, context) {
  const inPage = await page.evaluate(async () => {
    const bytes = (x) => {
      // decoded as text so that plain text stored as bytes is still seen
      const u8 = x instanceof ArrayBuffer ? new Uint8Array(x) : new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
      return `[bytes ${u8.length}] ${new TextDecoder('utf-8', { fatal: false }).decode(u8)}`;
    };
    const plain = (v) => JSON.parse(JSON.stringify(v, (_k, x) => {
      if (x instanceof ArrayBuffer || ArrayBuffer.isView(x)) return bytes(x);
      if (typeof CryptoKey !== 'undefined' && x instanceof CryptoKey) return `[CryptoKey ${x.algorithm.name} extractable=${x.extractable}]`;
      if (x instanceof Blob) return `[Blob ${x.size}]`;
      return x;
    }) ?? 'null');
    const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const dump = {
      localStorage: { ...localStorage }, sessionStorage: { ...sessionStorage }, indexedDB: {}, caches: {},
      url: location.href, navigation: (globalThis.navigation?.entries() ?? []).map((e) => e.url), historyLength: history.length,
      documentCookie: document.cookie,
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await req(indexedDB.open(name));
      const stores = {};
      for (const store of db.objectStoreNames) {
        const os = db.transaction(store).objectStore(store);
        const [keys, values] = [await req(os.getAllKeys()), await req(os.getAll())];
        stores[store] = keys.map((k, i) => ({ key: plain(k), value: plain(values[i]) }));
      }
      db.close();
      dump.indexedDB[name] = stores;
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      dump.caches[name] = [];
      for (const request of await cache.keys()) {
        const res = await cache.match(request);
        dump.caches[name].push({ url: request.url, body: res ? (await res.text()).slice(0, 200_000) : '' });
      }
    }
    return dump;
  });
  // the whole tab history, other origins too (navigation.entries() lists only this origin's)
  const cdp = await context.newCDPSession(page);
  const { entries } = await cdp.send('Page.getNavigationHistory');
  await cdp.detach();
  return { ...inPage, tabHistory: entries.map((e) => e.url), cookies: await context.cookies() };
}

/**
 * What must not be in the dump: each finding names where it was (a path such as
 * `localStorage.x` or `cookies[0].value`) and what it looked like (never the value itself).
 * `identityProvider` names what belongs to the e-ID provider, not to the clinic's page or its
 * backend (in production the broker's own site): its origin's URLs and its cookies (by name,
 * since cookies are per host, not per port); they are left out and counted in `exempt`.
 * @param {object} dump from dumpBrowser
 * @param {{ canaries?: string[], skipDatabases?: string[], identityProvider?: { origin: string, cookies: RegExp }, exempt?: string[] }} [opts]
 */
export function findings(dump, { canaries = [], skipDatabases = [], identityProvider, exempt = [] } = {}) {
  const found = [];
  const add = (path, what) => found.push(`${path}: ${what}`);
  const checkString = (path, s) => {
    if (identityProvider && s.startsWith(`${identityProvider.origin}/`)) return void exempt.push(`${path}: identity provider URL`);
    for (const c of canaries) if (s.toLowerCase().includes(c.toLowerCase())) add(path, 'canary text');
    if (PNR_12.test(s) || PNR_10.test(s)) add(path, 'personal identity number');
    if (JWT.test(s)) add(path, 'JWT');
    if (BEARER.test(s)) add(path, 'bearer token');
    for (const run of s.match(RANDOM_RUN) ?? []) {
      if (/[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run)) { add(path, 'random-looking token'); break; }
    }
    // a token as a URL parameter
    if (/^[a-z][\w+.-]*:\/\//i.test(s)) {
      try {
        const u = new URL(s);
        for (const [k, v] of [...u.searchParams, ...new URLSearchParams(u.hash.slice(1))]) if (v && TOKEN_NAME.test(k)) add(path, `URL parameter "${k}"`);
      } catch { /* not a URL */ }
    }
  };
  const walk = (path, v) => {
    if (typeof v === 'string') return checkString(path, v);
    if (Array.isArray(v)) return v.forEach((x, i) => walk(`${path}[${i}]`, x));
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        checkString(`${path} (key)`, k);
        if (TOKEN_NAME.test(k) && x !== '' && x !== null && x !== undefined) add(`${path}.${k}`, 'token-named field with a value');
        walk(`${path}.${k}`, x);
      }
    }
  };
  const { cookies, indexedDB, ...rest } = dump;
  walk('', rest);
  cookies.forEach((c, i) => {
    const at = `cookies[${i}] ${c.name} (${c.domain}${c.path})`;
    if (identityProvider?.cookies.test(c.name)) return void exempt.push(`${at}: identity provider cookie`);
    checkString(`${at} name`, c.name);
    checkString(`${at} value`, c.value);
    if (TOKEN_NAME.test(c.name) && c.value) add(at, 'token-named cookie with a value');
  });
  for (const [name, stores] of Object.entries(indexedDB)) if (!skipDatabases.includes(name)) walk(`indexedDB.${name}`, stores);
  return found.map((f) => f.replace(/^\./, ''));
}

/** Counts for the report: what was looked at. */
export function dumpFigures(dump, skipDatabases = []) {
  const dbs = Object.entries(dump.indexedDB).filter(([n]) => !skipDatabases.includes(n));
  return {
    cookies: dump.cookies.length,
    storage_keys: Object.keys(dump.localStorage).length + Object.keys(dump.sessionStorage).length,
    idb_dbs: dbs.length,
    idb_records: dbs.reduce((n, [, stores]) => n + Object.values(stores).reduce((m, r) => m + r.length, 0), 0),
    cache_entries: Object.values(dump.caches).reduce((n, e) => n + e.length, 0),
    history_entries: dump.tabHistory.length,
  };
}
