/**
 * How an outbox entry reaches a backend: a message with files uploads each file first (by the
 * entry's clientId and the file's place: a retry, a reload or another tab resending it never
 * stores a file twice), then sends the message naming how many it carries.
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
    onProgress?.(index + 1, files.length);
  }
  return backend.sendMessage(conversationId, { clientId: entry.clientId, text: entry.text, attachmentCount: files.length });
}
