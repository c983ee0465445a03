// On-the-fly compression for the demo server (@web/dev-server, Koa middleware): brotli, else gzip,
// for text, JavaScript, JSON and SVG answers of 1 KB or more, when the browser accepts it.
import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

const COMPRESSIBLE = /^(text\/(?!event-stream)|application\/(javascript|json|manifest\+json|xml)|image\/svg\+xml)/;
const MIN_BYTES = 1024;

export function compression() {
  return async function compress(ctx, next) {
    await next();
    const body = ctx.body;
    if (ctx.status !== 200 || body == null || ctx.method === 'HEAD' || ctx.response.get('content-encoding')) return;
    if (!COMPRESSIBLE.test(ctx.response.type)) return;
    const encoding = ctx.acceptsEncodings('br', 'gzip', 'identity');
    if (encoding !== 'br' && encoding !== 'gzip') return;
    let source;
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      const bytes = Buffer.from(body);
      if (bytes.length < MIN_BYTES) return;
      source = Readable.from([bytes]);
    } else if (typeof body.pipe === 'function') {
      source = body;
    } else {
      return; // a JSON object: small in the demo, left alone
    }
    ctx.vary('Accept-Encoding');
    const type = ctx.response.type;
    ctx.remove('Content-Length');
    ctx.set('Content-Encoding', encoding);
    ctx.body = source.pipe(encoding === 'br'
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : createGzip());
    ctx.type = type;
  };
}
