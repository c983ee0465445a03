// Helpers for the reference server's node:test suites.
import { startServer } from '../../../dist/server/app.js';

/** @param {import('../../../dist/server/app.js').ServerOptions} [opts] */
export async function start(opts = {}) {
  const s = await startServer({ devLogin: true, oidc: false, ...opts });
  const api = (path, init = {}) => fetch(s.listenUrl + path, init);
  const post = (path, body) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** A fresh patient; returns a request function with its bearer token. */
  const patient = async (name = 'Test Testsson') => {
    const { token, subject } = await (await post('/dev/session', { name })).json();
    const as = (path, init = {}) => api('/api' + path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
    return { token, subject, as };
  };
  const staff = async (name = 'Anna Svensson', queue = 'nurse') => {
    const { token } = await (await post('/console/api/login', { name, queue })).json();
    return (path, init = {}) => api('/console/api' + path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  };
  return { s, api, post, patient, staff };
}

export const json = (body) => JSON.stringify(body);

/** Reads an SSE response until `count` events (or `ms`), then aborts. */
export async function readEvents(res, ctrl, count, ms = 3000) {
  const events = [];
  const decoder = new TextDecoder();
  let buf = '';
  const timer = setTimeout(() => ctrl.abort(), ms);
  try {
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data) events.push({ id, event, data: JSON.parse(data) });
        else if (block.startsWith(':')) events.push({ comment: block });
      }
      if (events.filter((e) => !e.comment).length >= count) break;
    }
  } catch { /* aborted */ }
  clearTimeout(timer);
  ctrl.abort();
  return events;
}
