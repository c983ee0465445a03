/**
 * Files on messages and internal notes (issue #18): the patient's upload and download under /api,
 * staff's upload, download and notes under /console/api (only for conversations the clinician may see). Its own plugin: it alone takes raw bodies (the
 * allowed file types, up to 10 MB), and its downloads carry their own headers — inline only for
 * images, a sandboxing CSP, nosniff, never cached.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_ALT_HEADER, ATTACHMENT_NAME_HEADER, ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, PATIENT_ROUTES, isImageType } from '../../src/protocol/index.js';
import { CONSOLE_ROUTES } from '../../src/protocol/console.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { route, sessionOf } from '../http.js';
import type { Upload } from '../services/attachments.js';
import { RateLimiter } from '../services/rate-limit.js';
import { staffConversation } from '../services/staff-access.js';
import { limitedSession } from './limits.js';
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

/**
 * The files' own types as raw bodies on this context (anything else on its routes is 415, the
 * app's JSON parser aside), and a file over the limit as 413 `attachment-too-large`.
 */
function rawFiles(api: FastifyInstance): void {
  api.addContentTypeParser([...ATTACHMENT_TYPES], { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
  api.setErrorHandler((err, _req, reply) => {
    if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).header('cache-control', 'no-store').send({ code: 'attachment-too-large', message: 'The file is larger than the route takes (10 MB, a thumbnail 64 KB).' });
    }
    throw err; // the app's handler
  });
}

/** An upload request as the service takes it: the place, the claimed type, the bytes, the name and alt headers. */
function uploadOf(params: { conversationId: string; clientId: string; index: string }, req: FastifyRequest): Upload {
  const body = req.body;
  if (!Buffer.isBuffer(body)) throw new ApiError(415, 'unsupported-media-type', 'The body is the file, with its type as Content-Type.');
  const header = (name: string) => {
    const h = req.headers[name];
    return typeof h === 'string' ? h : undefined;
  };
  return {
    conversationId: params.conversationId, clientId: params.clientId, index: Number(params.index),
    claimedType: (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
    bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    nameHeader: header(ATTACHMENT_NAME_HEADER), altHeader: header(ATTACHMENT_ALT_HEADER),
  };
}

export const attachmentRoutes: FastifyPluginAsync<{ deps: Deps; uploadsPerMinute?: number }> = async (app, { deps, uploadsPerMinute }) => {
  const { sessions, attachments, notes, conversations } = deps;
  const uploads = new RateLimiter(uploadsPerMinute ?? 60);

  await app.register(async (api) => {
    rawFiles(api);
    fileHeaders(api);
    const patient = sessionOf(sessions, 'patient', PATIENT_COOKIE);

    route(api, PATIENT_ROUTES.uploadAttachment, patient, async ({ params }, s, req, reply) => {
      uploads.take(me(s).id);
      const r = await attachments.upload(me(s), uploadOf(params, req));
      return reply.code(r.created ? 201 : 200).send(r.ref);
    });

    // a read like the message pages: no write token (plugins/limits.ts limits writes)
    route(api, PATIENT_ROUTES.listAttachments, patient, async ({ params }, s) => ({ files: await attachments.listForPatient(me(s), params.conversationId) }));

    route(api, PATIENT_ROUTES.getAttachment, patient, async ({ params }, s, _req, reply) => {
      const { file, bytes } = await attachments.forPatient(me(s), params.conversationId, params.attachmentId);
      return sendFile(reply, file, bytes);
    });

    route(api, PATIENT_ROUTES.uploadThumbnail, patient, async ({ params }, s, req, reply) => {
      uploads.take(me(s).id);
      const r = await attachments.thumbnail(me(s), uploadOf(params, req));
      return reply.code(r.created ? 201 : 200).send(r.ref);
    });
    route(api, PATIENT_ROUTES.getThumbnail, patient, async ({ params }, s, _req, reply) => {
      const { file, bytes } = await attachments.forPatient(me(s), params.conversationId, params.attachmentId, true);
      return sendFile(reply, file, bytes);
    });
  }, { prefix: '/api' });

  // staff: only the conversations this clinician may see (403 otherwise, 404 when there is none);
  // writes take a token of the clinician's write limit, uploads also of the upload limit
  await app.register(async (api) => {
    rawFiles(api);
    fileHeaders(api);
    const staff = limitedSession(deps, 'staff', sessionOf(sessions, 'staff', STAFF_COOKIE));
    const mine = (s: SessionRecord | null, id: string) => staffConversation(conversations, me(s), id);

    route(api, CONSOLE_ROUTES.uploadAttachment, staff, async ({ params }, s, req, reply) => {
      uploads.take(me(s).id);
      const c = await mine(s, params.conversationId);
      const r = await attachments.uploadForStaff(c, uploadOf(params, req));
      return reply.code(r.created ? 201 : 200).send(r.ref);
    });
    route(api, CONSOLE_ROUTES.attachment, staff, async ({ params }, s, _req, reply) => {
      const { file, bytes } = await attachments.forStaff(await mine(s, params.conversationId), params.attachmentId);
      return sendFile(reply, file, bytes);
    });
    route(api, CONSOLE_ROUTES.uploadThumbnail, staff, async ({ params }, s, req, reply) => {
      uploads.take(me(s).id);
      const r = await attachments.thumbnailForStaff(await mine(s, params.conversationId), uploadOf(params, req));
      return reply.code(r.created ? 201 : 200).send(r.ref);
    });
    route(api, CONSOLE_ROUTES.thumbnail, staff, async ({ params }, s, _req, reply) => {
      const { file, bytes } = await attachments.forStaff(await mine(s, params.conversationId), params.attachmentId, true);
      return sendFile(reply, file, bytes);
    });
    route(api, CONSOLE_ROUTES.notes, staff, async ({ params }, s) => ({ notes: await notes.list((await mine(s, params.conversationId)).id) }));
    route(api, CONSOLE_ROUTES.addNote, staff, async ({ params, body }, s, _req, reply) => reply.code(201).send(await notes.add(me(s), (await mine(s, params.conversationId)).id, body.text)));
  }, { prefix: '/console/api' });
};
