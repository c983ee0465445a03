/**
 * Attachments: the rules for a file on a message (issue #18, docs/attachments.md). An upload is
 * keyed by the message's clientId and the file's place in it, so a retried upload never stores
 * twice; the type is what the bytes are (sniff.ts), checked against the claimed one; the
 * clinic's scanner sees every file before it is stored. Files are served only to the
 * conversation's patient (another patient: 404, as for a conversation) and to staff.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as v from 'valibot';
import {
  AttachmentName, MAX_ATTACHMENT_ALT, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE, MAX_THUMBNAIL_BYTES, MAX_THUMBNAIL_EDGE, THUMBNAIL_TYPES,
  type AttachmentRef, type ConversationFile,
} from '../../src/protocol/index.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { AttachmentRecord, AttachmentRefRecord, ConversationRecord, Store } from '../store/store.js';
import type { AttachmentScanner } from '../attachments/scanner.js';
import { sniff } from '../attachments/sniff.js';
import { now, type Conversations, type PatientWho } from './conversations.js';
import { author } from './views.js';

export interface Upload {
  conversationId: string;
  clientId: string;
  index: number;
  /** The Content-Type the client sent. */
  claimedType: string;
  bytes: Uint8Array;
  /** The X-Attachment-Name and X-Attachment-Alt headers as sent (percent-encoded). */
  nameHeader: string | undefined;
  altHeader: string | undefined;
}

/** A header's percent-encoded UTF-8, or 400. */
function decodeHeader(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalid(`${what}: not percent-encoded UTF-8`);
  }
}

export function refOf(a: AttachmentRecord): AttachmentRef {
  const r: AttachmentRef = { id: a.id, name: a.name, type: a.type as AttachmentRef['type'], size: a.size };
  if (a.width !== null) r.width = a.width;
  if (a.height !== null) r.height = a.height;
  if (a.alt !== null && a.alt !== '') r.alt = a.alt;
  if (a.thumbnail) r.thumbnail = { width: a.thumbnail.width, height: a.thumbnail.height };
  return r;
}

/** A thumbnail upload: the file's place, the claimed type, the bytes. */
export type ThumbnailUpload = Pick<Upload, 'conversationId' | 'clientId' | 'index' | 'claimedType' | 'bytes'>;

/** The upload's own checks, before anything is looked up: its place, size, name and alt text. */
function checkUpload(u: Upload): { name: string; alt: string | null } {
  if (u.index >= MAX_ATTACHMENTS_PER_MESSAGE) throw new ApiError(422, 'too-many-attachments', `At most ${MAX_ATTACHMENTS_PER_MESSAGE} files on a message.`);
  if (u.bytes.length > MAX_ATTACHMENT_BYTES) throw new ApiError(413, 'attachment-too-large');
  if (u.nameHeader === undefined) throw invalid('X-Attachment-Name is missing');
  const name = decodeHeader(u.nameHeader, 'X-Attachment-Name');
  if (!v.safeParse(AttachmentName, name).success) throw invalid('X-Attachment-Name: 1–200 characters, no control characters');
  const alt = u.altHeader === undefined ? null : decodeHeader(u.altHeader, 'X-Attachment-Alt');
  if (alt !== null && alt.length > MAX_ATTACHMENT_ALT) throw invalid(`X-Attachment-Alt: at most ${MAX_ATTACHMENT_ALT} characters`);
  return { name, alt };
}

/** A thumbnail's own checks: its type (415) and size (413), before anything is looked up. */
function checkThumbnail(u: ThumbnailUpload): void {
  if (!(THUMBNAIL_TYPES as readonly string[]).includes(u.claimedType)) throw new ApiError(415, 'unsupported-media-type', 'A thumbnail is JPEG or WebP.');
  if (u.bytes.length > MAX_THUMBNAIL_BYTES) throw new ApiError(413, 'attachment-too-large', `A thumbnail is at most ${MAX_THUMBNAIL_BYTES} bytes.`);
  if (u.index >= MAX_ATTACHMENTS_PER_MESSAGE) throw new ApiError(422, 'too-many-attachments', `At most ${MAX_ATTACHMENTS_PER_MESSAGE} files on a message.`);
}

export class Attachments {
  constructor(private readonly store: Store, private readonly conversations: Conversations, private readonly scanner: AttachmentScanner) {}

  /** The patient uploads a file of a message not yet sent: 201 first, 200 for the same bytes again. */
  async upload(patient: PatientWho, u: Upload): Promise<{ created: boolean; ref: AttachmentRef }> {
    const meta = checkUpload(u);
    return this.put(await this.conversations.own(patient, u.conversationId), 'patient', u, meta);
  }

  /**
   * A clinician uploads a clinic document or image of a message not yet sent: the same rules
   * (types by content, scanner, limits, once per place). The caller has checked that this
   * clinician may act on the conversation (services/staff-access.ts).
   */
  async uploadForStaff(conversation: ConversationRecord, u: Upload): Promise<{ created: boolean; ref: AttachmentRef }> {
    const meta = checkUpload(u);
    return this.put(conversation, 'clinician', u, meta);
  }

  private async put(c: ConversationRecord, role: AttachmentRecord['uploaderRole'], u: Upload, { name, alt }: { name: string; alt: string | null }): Promise<{ created: boolean; ref: AttachmentRef }> {
    const sha256 = createHash('sha256').update(u.bytes).digest('hex');
    const same = async (): Promise<AttachmentRecord | undefined> =>
      (await this.store.listAttachmentsOfClientId(c.id, u.clientId)).find((a) => a.index === u.index);
    // a repeat of what is stored answers the same, whatever happened since (sent, closed);
    // a place the other side uploaded to is never theirs (clientIds are per sender)
    const before = await same();
    if (before) {
      if (before.sha256 !== sha256 || before.uploaderRole !== role) throw new ApiError(409, 'attachment-conflict', 'Another file is stored at this place of the message.');
      return { created: false, ref: refOf(before) };
    }
    if (await this.store.findMessageByClientId(c.id, u.clientId)) throw new ApiError(409, 'message-sent', 'The message is sent already; its files cannot change.');
    if (c.status === 'closed') throw new ApiError(409, 'conversation-closed');

    const found = sniff(u.bytes, u.claimedType);
    if (!found.ok) throw new ApiError(422, 'attachment-invalid', `The file is not a valid ${u.claimedType}.`);
    const scanned = await this.scanner.scan(u.bytes, { type: found.file.type, size: u.bytes.length, conversationId: c.id });
    if (!scanned.ok) throw new ApiError(422, 'attachment-rejected', 'The file was refused by the scanner.');

    const record: AttachmentRecord = {
      id: `att-${randomUUID()}`, conversationId: c.id, clientId: u.clientId, index: u.index, uploaderRole: role, name,
      type: found.file.type, size: u.bytes.length, width: found.file.width ?? null, height: found.file.height ?? null, alt,
      sha256, messageId: null, createdAt: now(),
    };
    const r = await this.store.insertAttachment(record, u.bytes);
    if (!r.created && (r.attachment.sha256 !== sha256 || r.attachment.uploaderRole !== role)) throw new ApiError(409, 'attachment-conflict', 'Another file is stored at this place of the message.');
    return { created: r.created, ref: refOf(r.attachment) };
  }

  /**
   * The sender's small copy of the image at (clientId, index): after the file, before the
   * message; JPEG or WebP (415 otherwise), at most 64 KB (413) and 320 px each side (422), checked
   * by its bytes and seen by the scanner like a file. Once per file: the same bytes again 200,
   * others 409 `attachment-conflict`; before the file 409 `attachment-missing`; a first one once
   * the message is sent 409 `message-sent` (the message's references are fixed by then).
   */
  async thumbnail(patient: PatientWho, u: ThumbnailUpload): Promise<{ created: boolean; ref: AttachmentRef }> {
    checkThumbnail(u);
    return this.putThumbnail(await this.conversations.own(patient, u.conversationId), 'patient', u);
  }

  /** A clinician's thumbnail for their own upload (the caller has checked the conversation). */
  async thumbnailForStaff(conversation: ConversationRecord, u: ThumbnailUpload): Promise<{ created: boolean; ref: AttachmentRef }> {
    checkThumbnail(u);
    return this.putThumbnail(conversation, 'clinician', u);
  }

  private async putThumbnail(c: ConversationRecord, role: AttachmentRecord['uploaderRole'], u: ThumbnailUpload): Promise<{ created: boolean; ref: AttachmentRef }> {
    const sha256 = createHash('sha256').update(u.bytes).digest('hex');
    const file = (await this.store.listAttachmentsOfClientId(c.id, u.clientId)).find((a) => a.index === u.index);
    // the other side's file is not there for this sender, as none would be
    if (!file || file.uploaderRole !== role) throw new ApiError(409, 'attachment-missing', 'Upload the file before its thumbnail.');
    const same = (a: AttachmentRecord) => {
      if (a.thumbnail!.sha256 !== sha256) throw new ApiError(409, 'attachment-conflict', 'Another thumbnail is stored for this file.');
      return { created: false, ref: refOf(a) };
    };
    if (file.thumbnail) return same(file);
    if (!file.type.startsWith('image/')) throw new ApiError(422, 'attachment-invalid', 'Only an image has a thumbnail.');
    if (file.messageId !== null || await this.store.findMessageByClientId(c.id, u.clientId)) throw new ApiError(409, 'message-sent', 'The message is sent already; its files cannot change.');

    const found = sniff(u.bytes, u.claimedType);
    if (!found.ok) throw new ApiError(422, 'attachment-invalid', `The thumbnail is not a valid ${u.claimedType}.`);
    const { width, height } = found.file;
    if (!width || !height || width > MAX_THUMBNAIL_EDGE || height > MAX_THUMBNAIL_EDGE) {
      throw new ApiError(422, 'thumbnail-too-large', `A thumbnail is at most ${MAX_THUMBNAIL_EDGE} px on each side.`);
    }
    const scanned = await this.scanner.scan(u.bytes, { type: found.file.type, size: u.bytes.length, conversationId: c.id });
    if (!scanned.ok) throw new ApiError(422, 'attachment-rejected', 'The thumbnail was refused by the scanner.');
    const r = await this.store.insertAttachmentThumbnail(file.id, { id: `thumb-${randomUUID()}`, type: found.file.type, width, height, sha256 }, u.bytes);
    if (!r) throw new ApiError(409, 'attachment-missing', 'Upload the file before its thumbnail.');
    return r.created ? { created: true, ref: refOf(r.attachment) } : same(r.attachment);
  }

  /**
   * The references a message of `clientId` carries: files 0…count-1 must all be uploaded
   * (409 `attachments-missing`). Run inside the send's transaction.
   */
  static async forMessage(tx: Store, conversationId: string, clientId: string, count: number, role: AttachmentRecord['uploaderRole'] = 'patient'): Promise<AttachmentRefRecord[]> {
    const files = (await tx.listAttachmentsOfClientId(conversationId, clientId)).filter((a) => a.index < count && a.uploaderRole === role);
    if (files.length !== count) throw new ApiError(409, 'attachments-missing', `The message names ${count} files; ${files.length} are uploaded.`);
    return files.map((a) => ({ ...refOf(a) }));
  }

  /**
   * A file for the conversation's patient: their own, and the clinic's once sent (a clinician's
   * file not yet on a message is not the patient's to read); 404 otherwise, as for a conversation.
   */
  async forPatient(patient: PatientWho, conversationId: string, id: string, thumbnail = false): Promise<{ file: AttachmentRecord; bytes: Uint8Array }> {
    const c = await this.conversations.own(patient, conversationId);
    return this.read(c.id, id, (f) => f.uploaderRole === 'patient' || f.messageId !== null, thumbnail);
  }

  /**
   * Every file on a sent message of the patient's conversation, newest message first (a
   * message's files in their order): the references the messages carry, so a file uploaded for
   * a message not yet sent is never listed. 404 for a conversation that is not the patient's.
   */
  async listForPatient(patient: PatientWho, conversationId: string): Promise<ConversationFile[]> {
    const c = await this.conversations.own(patient, conversationId);
    const files: ConversationFile[] = [];
    for (const m of await this.store.listMessagesWithAttachments(c.id)) {
      for (const ref of m.attachments ?? []) {
        files.push({ ...(ref as AttachmentRef), messageId: m.id, author: author(m.author), createdAt: m.createdAt });
      }
    }
    return files;
  }

  /** A file for staff (the caller has checked that this clinician may see the conversation). */
  async forStaff(conversation: ConversationRecord, id: string, thumbnail = false): Promise<{ file: AttachmentRecord; bytes: Uint8Array }> {
    return this.read(conversation.id, id, undefined, thumbnail);
  }

  private async read(conversationId: string, id: string, may: (f: AttachmentRecord) => boolean = () => true, thumbnail = false): Promise<{ file: AttachmentRecord; bytes: Uint8Array }> {
    const found = await this.store.findAttachment(conversationId, id);
    if (!found || !may(found)) throw notFound();
    // a thumbnail is served as its file (its name, its access), with its own type
    const file = thumbnail ? (found.thumbnail ? { ...found, type: found.thumbnail.type } : undefined) : found;
    if (!file) throw notFound();
    const bytes = await this.store.readAttachmentBytes(thumbnail ? found.thumbnail!.id : file.id);
    if (!bytes) throw notFound();
    return { file, bytes };
  }
}
