// @ts-check
// A small HTTP load balancer for tests: one address in front of several server processes. Each
// request goes to the next backend in turn (or where `route` says); a backend that refuses the
// connection (its process was killed) is skipped and the request goes to the next one. Responses
// are streamed through as they come, so SSE works; when a backend dies mid-stream the client's
// response is cut, as behind a real load balancer, and the client reconnects.
import http from 'node:http';

/**
 * @typedef {object} Proxy
 * @property {string} url
 * @property {number} port
 * @property {{ method: string, path: string, backend: number }[]} log every request and where it went (paths only)
 * @property {() => Promise<void>} close
 */

/**
 * @param {() => { host: string, port: number }[]} backends read at each request (fill it after the servers start)
 * @param {{ route?: (method: string, path: string) => number | undefined }} [opts] preferred backend index for a request
 * @returns {Promise<Proxy>}
 */
export async function startProxy(backends, opts = {}) {
  let next = 0;
  /** @type {Proxy['log']} */
  const log = [];
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer(async (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    for await (const c of req) chunks.push(/** @type {Buffer} */ (c));
    const body = Buffer.concat(chunks);
    const list = backends();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const preferred = opts.route?.(req.method ?? 'GET', path);
    const first = preferred ?? next++ % list.length;
    const attempt = (/** @type {number} */ tries) => {
      if (tries >= list.length) {
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'bad-gateway', message: 'No server answered.' }));
        return;
      }
      const i = (first + tries) % list.length;
      const target = /** @type {{ host: string, port: number }} */ (list[i]);
      const up = http.request({
        host: target.host, port: target.port, method: req.method, path: req.url, agent,
        headers: { ...req.headers, host: req.headers.host ?? '', 'content-length': String(body.length) },
      }, (upRes) => {
        log.push({ method: req.method ?? 'GET', path, backend: i });
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        res.flushHeaders();
        upRes.on('data', (d) => res.write(d));
        upRes.on('end', () => res.end());
        upRes.on('error', () => res.destroy());
        upRes.on('close', () => { if (!upRes.complete) res.destroy(); });
      });
      let sent = false;
      up.on('socket', () => (sent = true));
      up.on('error', (/** @type {NodeJS.ErrnoException} */ err) => {
        // refused (or reset before any answer): the process is gone, try the next one
        if (!res.headersSent && (err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET' || !sent)) return attempt(tries + 1);
        res.destroy();
      });
      res.on('close', () => up.destroy());
      up.end(body);
    };
    attempt(0);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    async close() {
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
