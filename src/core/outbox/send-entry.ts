/**
 * How an outbox entry reaches a backend: a message with files uploads each file first (by the
 * entry's clientId and the file's place: a retry, a reload or another tab resending it never
 * stores a file twice), each image's thumbnail after it when the backend takes one, then sends
 * the message naming how many it carries. A thumbnail the backend refuses (`rejected`: a 4xx) is
 * left out, not the message; any other failure fails the entry, which is retried whole.
 */
import type { ChatBackend } from '../backend.js';
import { BackendError } from '../errors.js';
import type { Message } from '../types.js';
import type { OutboxEntry } from './types.js';

export async function sendEntry(backend: ChatBackend, conversationId: string, entry: OutboxEntry, onProgress?: (done: number, total: number) => void): Promise<Message> {
  const files = entry.attachments ?? [];
  if (!files.length) return backend.sendMessage(conversationId, { clientId: entry.clientId, text: entry.text });
  if (!backend.uploadAttachment) throw new BackendError('rejected', 'attachments-unsupported');
  onProgress?.(0, files.length);
  for (const [index, f] of files.entries()) {
    await backend.uploadAttachment(conversationId, entry.clientId, index, { name: f.name, type: f.type, bytes: f.bytes, ...(f.alt ? { alt: f.alt } : {}) });
    if (f.thumbnail && backend.uploadThumbnail) {
      try {
        await backend.uploadThumbnail(conversationId, entry.clientId, index, f.thumbnail);
      } catch (err) {
        if (!(err instanceof BackendError && err.kind === 'rejected')) throw err;
      }
    }
    onProgress?.(index + 1, files.length);
  }
  return backend.sendMessage(conversationId, { clientId: entry.clientId, text: entry.text, attachmentCount: files.length });
}
