import { startDevServer } from '@web/dev-server';
import { demoConfig } from '/work/wt/first5/demo/dev-config.mjs';
const cfg = demoConfig({ port: 0, hostname: '127.0.0.1' });
cfg.middleware.unshift(async (ctx, next) => { await next(); console.log(ctx.url, ctx.status, ctx.response.type, typeof ctx.body, ctx.body?.constructor?.name, ctx.response.get('content-encoding')); });
const server = await startDevServer({ config: cfg, readCliArgs: false, readFileConfig: false, logStartMessage: false, autoExitProcess: false });
const r = await fetch(`http://127.0.0.1:${server.server.address().port}/dist/vard-chat.js`, { headers: { 'accept-encoding': 'br' } });
console.log(r.status, r.headers.get('content-encoding'));
await server.stop();
