/**
 * The typed database schema (Kysely's `Database` interface), the same for every engine. Columns
 * are snake_case; JSON is TEXT (parsed in code); epoch milliseconds are bigint columns that an
 * engine may hand back as strings (read them with `Number()`).
 */
import type { Generated } from 'kysely';

export interface SessionsTable {
  id: string;
  kind: string;
  subject: string;
  name: string;
  profession: string | null;
  queue: string | null;
  expires_at: number | string;
  /** Epoch ms of the last use (sliding idle timeout); 0 when never touched. */
  last_seen: Generated<number | string>;
  /** A clinician's queues, JSON array (staff sessions). */
  queues: string | null;
}

export interface LoginsTable {
  state: string;
  verifier: string;
  nonce: string;
  return_url: string;
  method: string;
  expires_at: number | string;
}

export interface PatientsTable {
  subject: string;
  name: string;
}

export interface ConversationsTable {
  id: string;
  patient: string;
  mode: string;
  status: string;
  initiator: string;
  queue: string;
  /** JSON Author or null. */
  assignee: string | null;
  subject: string | null;
  reason: string | null;
  expected_answer_by: string | null;
  created_at: string;
  updated_at: string;
  ord: number | string;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number | string;
  client_id: string | null;
  /** JSON Author. */
  author: string;
  /** The author's role, a column of its own so no query needs JSON functions. */
  author_role: string;
  kind: string;
  text: string;
  /** JSON or null. */
  payload: string | null;
  created_at: string;
  read_at: string | null;
  /** JSON AttachmentRef[] or null (migration 0002). */
  attachments: string | null;
}

export interface AttachmentsTable {
  id: string;
  conversation_id: string;
  client_id: string;
  idx: number | string;
  uploader_role: string;
  name: string;
  type: string;
  size: number | string;
  width: number | string | null;
  height: number | string | null;
  alt: string | null;
  sha256: string;
  message_id: string | null;
  created_at: string;
  /** The thumbnail's blob id, type, pixels and SHA-256, or null (migration 0005). */
  thumb_id: string | null;
  thumb_type: string | null;
  thumb_width: number | string | null;
  thumb_height: number | string | null;
  thumb_sha256: string | null;
}

/** PostgreSQL keeps the bytes here; SQLite keeps them in files beside the database. */
export interface AttachmentBlobsTable {
  id: string;
  bytes: Uint8Array;
}

export interface NotesTable {
  id: string;
  conversation_id: string;
  /** JSON Author. */
  author: string;
  text: string;
  created_at: string;
}

export interface TriageTable {
  conversation_id: string;
  questionnaire: string;
  response: string;
  red_flags: string;
  created_at: string;
}

export interface ActionsTable {
  conversation_id: string;
  action_id: string;
  message_id: string;
  kind: string;
  created_at: string;
  response: string | null;
  answered_at: string | null;
}

export interface EvaluationsTable {
  conversation_id: string;
  questionnaire: string;
  response: string;
  queue: string;
  created_at: string;
}

export interface EventsTable {
  id: Generated<number | string>;
  patient: string;
  audience: string;
  conversation_id: string | null;
  /** JSON event body (without its id). */
  body: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface NotifyChannelsTable {
  patient: string;
  channel: string;
  address: string;
  confirmed_at: string | null;
  code_hash: string | null;
  code_expires_at: number | string | null;
  code_tries: number;
  updated_at: string;
}

export interface NotifyEventsTable {
  event_id: number | string;
  patient: string;
  conversation_id: string;
  message_id: string | null;
  at: number | string;
  dispatch_id: string | null;
}

export interface NotifyDueTable {
  patient: string;
  due_at: number | string;
}

export interface NotifyDeliveriesTable {
  dispatch_id: string;
  channel: string;
  patient: string;
  status: string;
  attempts: number;
  next_at: number | string;
  sent_at: string | null;
  error: string | null;
}

export interface NotifyPresenceTable {
  process_id: string;
  patient: string;
  seen_at: number | string;
}

export interface Database {
  sessions: SessionsTable;
  logins: LoginsTable;
  patients: PatientsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  triage: TriageTable;
  actions: ActionsTable;
  evaluations: EvaluationsTable;
  events: EventsTable;
  meta: MetaTable;
  attachments: AttachmentsTable;
  attachment_blobs: AttachmentBlobsTable;
  notes: NotesTable;
  notify_channels: NotifyChannelsTable;
  notify_events: NotifyEventsTable;
  notify_due: NotifyDueTable;
  notify_deliveries: NotifyDeliveriesTable;
  notify_presence: NotifyPresenceTable;
}
