// A minimal cookie jar per host for following a login across two origins in node:test.
export class CookieJar {
  jars = new Map();
  /** @param {string} url @param {Response} res */
  store(url, res) {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      if (attrs.some((a) => /^\s*max-age=0$/i.test(a)) || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, pair.slice(i + 1).trim());
    }
    this.jars.set(host, jar);
  }
  header(url) {
    const jar = this.jars.get(new URL(url).host);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
  /** fetch without following redirects, sending and storing cookies. */
  async fetch(url, init = {}) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: this.header(url) } });
    this.store(url, res);
    return res;
  }
}
