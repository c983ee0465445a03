/**
 * Files on messages and internal notes (issue #18): the patient's upload and download under /api,
 * staff's download and notes under /console/api. Its own plugin: it alone takes raw bodies (the
 * allowed file types, up to 10 MB), and its downloads carry their own headers — inline only for
 * images, a sandboxing CSP, nosniff, never cached.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { ATTACHMENT_ALT_HEADER, ATTACHMENT_NAME_HEADER, ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, PATIENT_ROUTES, isImageType } from '../../src/protocol/index.js';
import { CONSOLE_ROUTES } from '../../src/protocol/console.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { route, sessionOf } from '../http.js';
import { RateLimiter } from '../services/rate-limit.js';
import { PATIENT_COOKIE, STAFF_COOKIE } from '../services/sessions.js';
import type { AttachmentRecord, SessionRecord } from '../store/store.js';

/** The download's CSP: nothing loads, scripts never run, even if a browser rendered the bytes as a page. */
export const ATTACHMENT_CSP = "default-src 'none'; sandbox";

const me = (s: SessionRecord | null): SessionRecord => {
  if (!s) throw new Error('route without a session');
  return s;
};

/** RFC 6266 / 8187: an ASCII fallback and the UTF-8 name; no quote, backslash or control character gets through. */
export function contentDisposition(file: Pick<AttachmentRecord, 'name' | 'type'>): string {
  const ascii = file.name.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 100) || 'bilaga';
  const utf8 = encodeURIComponent(file.name).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${isImageType(file.type) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

function sendFile(reply: FastifyReply, file: AttachmentRecord, bytes: Uint8Array): FastifyReply {
  return reply
    .header('content-type', file.type)
    .header('content-length', String(bytes.length))
    .header('content-disposition', contentDisposition(file))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The download's own CSP, set after the app's (this context's onSend runs after the root's). */
function fileHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    if (reply.statusCode === 200 && (ATTACHMENT_TYPES as readonly string[]).includes(String(reply.getHeader('content-type')))) {
      reply.header('content-security-policy', ATTACHMENT_CSP);
    }
    return payload;
  });
}

export const attachmentRoutes: FastifyPluginAsync<{ deps: Deps; uploadsPerMinute?: number }> = async (app, { deps, uploadsPerMinute }) => {
  const { sessions, attachments, notes } = deps;
  const uploads = new RateLimiter(uploadsPerMinute ?? 60);

  await app.register(async (api) => {
    // the files' own types, as bytes; anything else on these routes is 415 (the app's JSON parser aside)
    api.addContentTypeParser([...ATTACHMENT_TYPES], { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
    api.setErrorHandler((err, _req, reply) => {
      if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply.code(413).header('cache-control', 'no-store').send({ code: 'attachment-too-large', message: 'The file is larger than 10 MB.' });
      }
      throw err; // the app's handler
    });
    fileHeaders(api);
    const patient = sessionOf(sessions, 'patient', PATIENT_COOKIE);

    route(api, PATIENT_ROUTES.uploadAttachment, patient, async ({ params }, s, req, reply) => {
      uploads.take(me(s).id);
      const body = req.body;
      if (!Buffer.isBuffer(body)) throw new ApiError(415, 'unsupported-media-type', 'The body is the file, with its type as Content-Type.');
      const header = (name: string) => {
        const h = req.headers[name];
        return typeof h === 'string' ? h : undefined;
      };
      const r = await attachments.upload(me(s), {
        conversationId: params.conversationId, clientId: params.clientId, index: Number(params.index),
        claimedType: (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
        bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
        nameHeader: header(ATTACHMENT_NAME_HEADER), altHeader: header(ATTACHMENT_ALT_HEADER),
      });
      return reply.code(r.created ? 201 : 200).send(r.ref);
    });

    route(api, PATIENT_ROUTES.getAttachment, patient, async ({ params }, s, _req, reply) => {
      const { file, bytes } = await attachments.forPatient(me(s), params.conversationId, params.attachmentId);
      return sendFile(reply, file, bytes);
    });
  }, { prefix: '/api' });

  await app.register(async (api) => {
    fileHeaders(api);
    const staff = sessionOf(sessions, 'staff', STAFF_COOKIE);
    route(api, CONSOLE_ROUTES.attachment, staff, async ({ params }, _s, _req, reply) => {
      const { file, bytes } = await attachments.forStaff(params.conversationId, params.attachmentId);
      return sendFile(reply, file, bytes);
    });
    route(api, CONSOLE_ROUTES.notes, staff, async ({ params }) => ({ notes: await notes.list(params.conversationId) }));
    route(api, CONSOLE_ROUTES.addNote, staff, async ({ params, body }, s, _req, reply) => reply.code(201).send(await notes.add(me(s), params.conversationId, body.text)));
  }, { prefix: '/console/api' });
};
