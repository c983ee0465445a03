/**
 * The attachment routes of the HTTP protocol that carry more than a URL (issue #18): the upload
 * (the file's bytes as the body with their type, the name and alt text percent-encoded in
 * headers, never in the URL, to `PUT …/attachments/{clientId}/{index}`, idempotent on the
 * server) and the conversation's file list (`GET …/attachments`). Loaded only when a patient
 * sends a file or opens the list, so the session does not carry it.
 */
import { BackendError } from '../../core/errors.js';
import type { AttachmentUpload } from '../../core/backend.js';
import { ATTACHMENT_ALT_HEADER, ATTACHMENT_NAME_HEADER, AttachmentRef, ConversationFiles, type AttachmentRef as Ref, type ConversationFile } from '../../protocol/attachments.js';
import { parseWith } from '../../protocol/parse.js';
import { authHeaders, errorFromResponse, joinUrl, requestJson, type RequestConfig } from './request.js';

const seg = encodeURIComponent;

export async function uploadAttachment(cfg: RequestConfig, conversationId: string, clientId: string, index: number, file: AttachmentUpload): Promise<Ref> {
  const headers: Record<string, string> = { 'content-type': file.type, [ATTACHMENT_NAME_HEADER]: encodeURIComponent(file.name) };
  if (file.alt) headers[ATTACHMENT_ALT_HEADER] = encodeURIComponent(file.alt);
  return put(cfg, `/conversations/${seg(conversationId)}/attachments/${seg(clientId)}/${index}`, headers, file.bytes);
}

/** `PUT …/attachments/{clientId}/{index}/thumbnail`: an image's small copy (JPEG), after the file. */
export function uploadThumbnail(cfg: RequestConfig, conversationId: string, clientId: string, index: number, bytes: Uint8Array): Promise<Ref> {
  return put(cfg, `/conversations/${seg(conversationId)}/attachments/${seg(clientId)}/${index}/thumbnail`, { 'content-type': 'image/jpeg' }, bytes);
}

/** A raw body PUT whose answer is an `AttachmentRef`. */
async function put(cfg: RequestConfig, path: string, own: Record<string, string>, bytes: Uint8Array): Promise<Ref> {
  const headers: Record<string, string> = { accept: 'application/json', ...(await authHeaders(cfg)), ...own };
  let res: Response;
  try {
    res = await cfg.fetch(joinUrl(cfg.baseUrl, path), {
      method: 'PUT', headers, credentials: cfg.credentials, cache: 'no-store', body: bytes as Uint8Array<ArrayBuffer>,
    });
  } catch {
    throw new BackendError('network');
  }
  if (!res.ok) throw await errorFromResponse(res);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new BackendError('unavailable', 'invalid-response');
  }
  const ref = parseWith(AttachmentRef, body);
  if (!ref) throw new BackendError('unavailable', 'invalid-response');
  return ref;
}

/** `GET …/attachments`: every file on a sent message of the conversation, newest first. */
export async function listAttachments(cfg: RequestConfig, conversationId: string): Promise<ConversationFile[]> {
  const list = parseWith(ConversationFiles, await requestJson(cfg, 'GET', `/conversations/${seg(conversationId)}/attachments`));
  if (!list) throw new BackendError('unavailable', 'invalid-response');
  return list.files;
}
