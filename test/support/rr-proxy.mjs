// @ts-check
// A small round-robin TCP proxy for tests: one address in front of several server processes,
// as a load balancer would be. Each new connection goes to the next backend in turn; a backend
// that refuses (its process was killed) is skipped for that connection. Connection-level, so
// SSE streams and keep-alive requests stay on the process they started on until it goes away.
import { createServer, connect } from 'node:net';

/**
 * @param {{ host: string, port: number }[]} backends
 * @returns {Promise<{ url: string, port: number, connections: number[], close(): Promise<void> }>}
 */
export async function startProxy(backends) {
  let next = 0;
  /** connections opened per backend (tests check that both took traffic) */
  const connections = backends.map(() => 0);
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const tryBackend = (/** @type {number} */ attempts) => {
      if (attempts >= backends.length) return client.destroy();
      const i = next++ % backends.length;
      const upstream = connect(backends[i]);
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        connections[i]++;
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.on('error', () => {
        if (!connected) return tryBackend(attempts + 1);
        client.destroy();
      });
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    tryBackend(0);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
