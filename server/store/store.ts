/**
 * The one storage interface of the reference server. Services use only this; engines implement
 * it (SQLite on better-sqlite3 here, PostgreSQL beside it) and one contract suite runs against
 * both. The store holds SQL and knows nothing of rules: it does not decide who may do what, which
 * status follows which, or what a payload means. Everything JSON (authors, payloads, event bodies,
 * questionnaires and responses) crosses this interface already parsed; engines store it as TEXT
 * and parse it in code (no JSON functions in SQL).
 *
 * Conventions
 * - Times: ISO 8601 strings (`createdAt`, …) for what the protocol shows; epoch milliseconds
 *   (`expiresAt`) for expiry checks. Both are passed in by the caller (services own the clock).
 * - Ids: conversations and messages get ids from the caller (random UUIDs); event ids and the
 *   queue order (`ord`) come from the database.
 * - Every method is one statement or one transaction; `transaction(fn)` groups several.
 *
 * Changes after the first commit are additive only (new optional members, new methods).
 */

/** Who wrote a message: the protocol's Author (kept as JSON; `role` is also a column). */
export interface AuthorRecord {
  role: 'patient' | 'clinician' | 'system';
  name?: string;
  profession?: string;
  [key: string]: unknown;
}

export type SessionKind = 'patient' | 'staff';

export interface SessionRecord {
  id: string;
  kind: SessionKind;
  subject: string;
  name: string;
  profession: string | null;
  queue: string | null;
  /** Epoch ms: the absolute end of the session (its cap). */
  expiresAt: number;
  /** Epoch ms of the last use (the sliding idle timeout counts from it); 0 when unset. */
  lastSeenAt?: number;
  /** A clinician's queues (staff sessions), null otherwise. */
  queues?: string[] | null;
}

/** A pending BFF login (OIDC state, PKCE verifier, nonce), taken once by the callback. */
export interface LoginRecord {
  state: string;
  verifier: string;
  nonce: string;
  returnUrl: string;
  method: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface PatientRecord {
  subject: string;
  name: string;
}

export type ConversationMode = 'sync' | 'async';
export type ConversationStatus = 'queued' | 'active' | 'waiting-for-patient' | 'waiting-for-clinic' | 'closed';
export type Initiator = 'patient' | 'clinic';

export interface ConversationRecord {
  id: string;
  /** The patient's subject. */
  patient: string;
  mode: ConversationMode;
  status: ConversationStatus;
  initiator: Initiator;
  queue: string;
  assignee: AuthorRecord | null;
  subject: string | null;
  /** The coded contact reason (routing), when there is one. */
  reason: string | null;
  expectedAnswerBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Queue order, assigned by the database at insert (increasing). */
  ord: number;
}

/** A conversation with its patient's name (staff lists). */
export interface ConversationWithPatient extends ConversationRecord {
  patientName: string | null;
}

export type NewConversation = Omit<ConversationRecord, 'ord'>;

export interface ConversationPatch {
  status?: ConversationStatus;
  queue?: string;
  /** `null` clears the assignee. */
  assignee?: AuthorRecord | null;
  updatedAt: string;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  /** 1, 2, 3… per conversation, assigned by the store at insert. */
  seq: number;
  clientId: string | null;
  author: AuthorRecord;
  kind: string;
  text: string;
  payload: unknown;
  createdAt: string;
  readAt: string | null;
  /** References to the message's files (the bytes are elsewhere: `readAttachmentBytes`). */
  attachments?: AttachmentRefRecord[] | null;
}

export type NewMessage = Omit<MessageRecord, 'seq' | 'readAt'>;

/** What a message keeps of each file: the protocol's AttachmentRef. */
export interface AttachmentRefRecord {
  id: string;
  name: string;
  type: string;
  size: number;
  width?: number;
  height?: number;
  alt?: string;
  thumbnail?: { width: number; height: number };
}

/**
 * A stored file: its metadata here, its bytes apart (on disk beside the SQLite file, a bytea
 * table on PostgreSQL). Keyed for idempotency by (conversationId, clientId, index): the
 * message's clientId and the file's place in it.
 */
export interface AttachmentRecord {
  id: string;
  conversationId: string;
  clientId: string;
  index: number;
  /** Who uploaded it. */
  uploaderRole: 'patient' | 'clinician';
  name: string;
  type: string;
  size: number;
  width: number | null;
  height: number | null;
  alt: string | null;
  /** Hex SHA-256 of the bytes (a repeated upload is the same file when this matches). */
  sha256: string;
  /** The message that carries it, once sent. */
  messageId: string | null;
  createdAt: string;
  /** Its thumbnail, when its sender uploaded one (absent or null: none). */
  thumbnail?: ThumbnailRecord | null;
}

/** A small copy of an image, made by its sender; its bytes are a blob of their own (`readAttachmentBytes(id)`). */
export interface ThumbnailRecord {
  /** The blob's id (`thumb-<uuid>`), never shown. */
  id: string;
  type: string;
  width: number;
  height: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
}

export type InsertAttachmentResult = { created: boolean; attachment: AttachmentRecord };

/** A staff-only note on a conversation; never in a patient's response or stream. */
export interface NoteRecord {
  id: string;
  conversationId: string;
  author: AuthorRecord;
  text: string;
  createdAt: string;
}

/** `insertMessage`: created, or the message that already holds this (conversationId, clientId). */
export type InsertMessageResult = { created: true; message: MessageRecord } | { created: false; message: MessageRecord };

/** The triage a patient answered when starting a conversation, kept with it. */
export interface TriageRecord {
  conversationId: string;
  /** The Questionnaire the server served (a snapshot: it may change later). */
  questionnaire: unknown;
  /** The QuestionnaireResponse as the patient sent it (validated by the service). */
  response: unknown;
  /** linkIds whose answers raised a red flag, with the questionnaire's reason text. */
  redFlags: { linkId: string; reason: string }[];
  createdAt: string;
}

/** Something a clinician offered that the patient answers (booking, call-back, questionnaire). */
export interface ActionRecord {
  conversationId: string;
  /** Assigned by the server when the clinician offers it. */
  actionId: string;
  /** The message that carries the offer. */
  messageId: string;
  kind: string;
  createdAt: string;
  /** The patient's answer (null until answered; answered once). */
  response: unknown;
  answeredAt: string | null;
}

export interface EvaluationRecord {
  conversationId: string;
  /** The evaluation Questionnaire the patient was shown (a snapshot). */
  questionnaire: unknown;
  /** Its QuestionnaireResponse. */
  response: unknown;
  /** The queue the conversation was in when it was evaluated (summaries per queue). */
  queue: string;
  createdAt: string;
}

// ---- notifications (server/notify/; docs/notifications.md) --------------------------------

export type NotifyChannelName = 'sms' | 'email' | 'webpush';

/** A patient's channel: the number, the address or the push subscription (JSON), and its one-time code. */
export interface NotifyChannelRecord {
  patient: string;
  channel: NotifyChannelName;
  /** sms: E.164; email: the address; webpush: the PushSubscription as JSON text. */
  address: string;
  /** When the code was given (webpush: when set); null while unconfirmed. */
  confirmedAt: string | null;
  /** scrypt of the pending code (`salt:hash`, hex); null when none is pending. */
  codeHash: string | null;
  /** Epoch ms. */
  codeExpiresAt: number | null;
  /** Wrong guesses of the pending code. */
  codeTries: number;
  updatedAt: string;
}

export interface NotifyChannelPatch {
  confirmedAt?: string | null;
  codeHash?: string | null;
  codeExpiresAt?: number | null;
  codeTries?: number;
  updatedAt: string;
}

/** An event that calls for a notification, claimed once (by its event id) across processes. */
export interface NotifyEventRecord {
  eventId: number;
  patient: string;
  conversationId: string;
  messageId: string | null;
  /** Epoch ms. */
  at: number;
  /** The dispatch (batch) that covered it; null until then. */
  dispatchId: string | null;
}

export type NotifyDeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** One notification of one dispatch on one channel. */
export interface NotifyDeliveryRecord {
  dispatchId: string;
  channel: NotifyChannelName;
  patient: string;
  status: NotifyDeliveryStatus;
  attempts: number;
  /** Epoch ms: when to try (again); also the lease of the process that is trying. */
  nextAt: number;
  sentAt: string | null;
  /** A code (never an address or a message text). */
  error: string | null;
}

export interface NotifyDeliveryPatch {
  status?: NotifyDeliveryStatus;
  attempts?: number;
  nextAt?: number;
  sentAt?: string | null;
  error?: string | null;
}

/** Who sees an event: the patient's own streams, staff streams, or both. */
export type Audience = 'both' | 'patient' | 'staff';

export interface NewEvent {
  /** The patient the event concerns (patient streams get only their own). */
  patient: string;
  audience: Audience;
  /** The conversation, when there is one (staff filtering by queue builds on it). */
  conversationId: string | null;
  /** The event as the stream sends it, without its `id` (the hub adds it). */
  body: Record<string, unknown>;
}

export interface EventRecord extends NewEvent {
  /** From the database (AUTOINCREMENT / a sequence), increasing. */
  id: number;
}

/** Which messages `markRead` marks: those *to* this reader (patient reads clinic messages, staff the patient's). */
export type Reader = 'patient' | 'staff';

export interface Store {
  readonly engine: 'sqlite' | 'postgres';

  /** Runs `fn` in one transaction; the store handed to `fn` is bound to it. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  // ---- sessions and logins -------------------------------------------------------------
  insertSession(s: SessionRecord): Promise<void>;
  /**
   * The session if it exists, is of this kind, has not expired at `now` and — when `idleSince`
   * is given — was last seen after `idleSince`.
   */
  findSession(id: string, kind: SessionKind, now: number, idleSince?: number): Promise<SessionRecord | undefined>;
  /** Sets the session's last-seen time (the sliding idle timeout). */
  touchSession(id: string, at: number): Promise<void>;
  deleteSession(id: string): Promise<void>;
  insertLogin(l: LoginRecord): Promise<void>;
  /** Deletes and returns the login if it exists and has not expired (one use). */
  takeLogin(state: string, now: number): Promise<LoginRecord | undefined>;
  /**
   * Deletes expired sessions and logins, and — when `idleSince` is given — sessions last seen at
   * or before it; returns how many rows went.
   */
  purgeExpired(now: number, idleSince?: number): Promise<number>;

  // ---- patients --------------------------------------------------------------------------
  upsertPatient(p: PatientRecord): Promise<void>;
  findPatient(subject: string): Promise<PatientRecord | undefined>;
  listPatients(): Promise<PatientRecord[]>;

  // ---- conversations ---------------------------------------------------------------------
  insertConversation(c: NewConversation): Promise<ConversationRecord>;
  findConversation(id: string): Promise<ConversationRecord | undefined>;
  /** Returns the updated conversation (undefined when there is none). */
  updateConversation(id: string, patch: ConversationPatch): Promise<ConversationRecord | undefined>;
  /** A patient's conversations in queue order (`ord`). */
  listConversationsOfPatient(patient: string): Promise<ConversationRecord[]>;
  /** Every conversation with its patient's name, in `ord` order. */
  listConversations(): Promise<ConversationWithPatient[]>;
  /** How many queued conversations of `queue` are ahead of `ord`. */
  countQueuedAhead(queue: string, ord: number): Promise<number>;
  /** Queued conversations of `queue` behind `ord` (they move up when one leaves). */
  listQueuedBehind(queue: string, ord: number): Promise<ConversationRecord[]>;
  /** The first queued conversation of the queue, else the first unassigned `waiting-for-clinic` one. */
  nextInQueue(queue: string): Promise<ConversationRecord | undefined>;
  /** Open (not closed) conversations assigned to a clinician of this name. */
  listOpenAssignedTo(name: string): Promise<ConversationRecord[]>;

  // ---- messages --------------------------------------------------------------------------
  /**
   * Inserts a message with the next `seq`. When `clientId` is set and a message with that
   * (conversationId, clientId) exists, nothing is inserted and the existing one is returned
   * (`created: false`): the caller compares bodies. Safe under concurrent calls.
   */
  insertMessage(m: NewMessage): Promise<InsertMessageResult>;
  findMessage(conversationId: string, id: string): Promise<MessageRecord | undefined>;
  findMessageByClientId(conversationId: string, clientId: string): Promise<MessageRecord | undefined>;
  /** Up to `limit` messages with `seq < before` (all when before is undefined), newest first. */
  listMessagesBefore(conversationId: string, before: number | undefined, limit: number): Promise<MessageRecord[]>;
  /** Every message of a conversation, oldest first (console detail, record note). */
  listMessages(conversationId: string): Promise<MessageRecord[]>;
  lastMessage(conversationId: string): Promise<MessageRecord | undefined>;
  /** Unread messages for this reader: `patient` counts clinician messages only (not system, not own). */
  countUnread(conversationId: string, reader: Reader): Promise<number>;
  /**
   * Marks unread messages *to* `reader` with `seq <= upToSeq` read at `at`, and returns them as
   * updated. `patient` marks clinician and system messages; `staff` marks the patient's.
   */
  markRead(conversationId: string, reader: Reader, upToSeq: number, at: string): Promise<MessageRecord[]>;

  // ---- triage, actions, evaluations ------------------------------------------------------
  insertTriage(t: TriageRecord): Promise<void>;
  findTriage(conversationId: string): Promise<TriageRecord | undefined>;
  insertAction(a: Omit<ActionRecord, 'response' | 'answeredAt'>): Promise<void>;
  findAction(conversationId: string, actionId: string): Promise<ActionRecord | undefined>;
  listActions(conversationId: string): Promise<ActionRecord[]>;
  /** Stores the answer if the action is unanswered; false when it was answered already (or is missing). */
  answerAction(conversationId: string, actionId: string, response: unknown, at: string): Promise<boolean>;
  /** Stores the evaluation; false when the conversation has one already. */
  insertEvaluation(e: EvaluationRecord): Promise<boolean>;
  findEvaluation(conversationId: string): Promise<EvaluationRecord | undefined>;
  /** Evaluations, optionally of one queue, oldest first. */
  listEvaluations(queue?: string): Promise<EvaluationRecord[]>;

  // ---- attachments and notes (issue #18) ---------------------------------------------------
  /**
   * Stores a file's bytes and record, unless (conversationId, clientId, index) holds one
   * already: then nothing is stored and that one is returned (`created: false`; the caller
   * compares `sha256`). Safe under concurrent calls (one wins; the other's bytes are removed).
   */
  insertAttachment(a: AttachmentRecord, bytes: Uint8Array): Promise<InsertAttachmentResult>;
  findAttachment(conversationId: string, id: string): Promise<AttachmentRecord | undefined>;
  /** The files uploaded for one message (by its clientId), by index. */
  listAttachmentsOfClientId(conversationId: string, clientId: string): Promise<AttachmentRecord[]>;
  /** The messages of a conversation that carry files, newest first (a conversation's file list). */
  listMessagesWithAttachments(conversationId: string): Promise<MessageRecord[]>;
  /** Marks the files of `clientId` as carried by `messageId`. */
  linkAttachments(conversationId: string, clientId: string, messageId: string): Promise<void>;
  /**
   * Stores the thumbnail of attachment `attachmentId` unless it has one already: then nothing is
   * stored and the attachment is returned as it is (`created: false`; the caller compares
   * `thumbnail.sha256`). Safe under concurrent calls (one wins; the other's bytes are removed).
   * Undefined when there is no such attachment.
   */
  insertAttachmentThumbnail(attachmentId: string, t: ThumbnailRecord, bytes: Uint8Array): Promise<InsertAttachmentResult | undefined>;
  /** The bytes of a stored file or thumbnail (by its blob id), or undefined. */
  readAttachmentBytes(id: string): Promise<Uint8Array | undefined>;
  insertNote(n: NoteRecord): Promise<void>;
  /** A conversation's notes, oldest first. */
  listNotes(conversationId: string): Promise<NoteRecord[]>;

  // ---- event log -------------------------------------------------------------------------
  /** Appends an event; its id comes from the database. Listeners hear of it after commit. */
  appendEvent(e: NewEvent): Promise<number>;
  /** Events with id > afterId, oldest first, at most `limit` (all audiences, all patients). */
  eventsAfter(afterId: number, limit: number): Promise<EventRecord[]>;
  /** A patient's events (audience both/patient) with id > afterId, oldest first, at most `limit`. */
  patientEventsAfter(patient: string, afterId: number, limit: number): Promise<EventRecord[]>;
  /** Staff-visible events (audience both/staff) with id > afterId, oldest first, at most `limit`. */
  staffEventsAfter(afterId: number, limit: number): Promise<EventRecord[]>;
  /** The newest event id ever assigned (kept when the log is pruned empty); 0 when none. */
  headEventId(): Promise<number>;
  /** Deletes events with id < beforeId and remembers the prune point. */
  pruneEvents(beforeId: number): Promise<void>;
  /** The highest `beforeId` ever pruned (0 when never). */
  prunedBefore(): Promise<number>;
  /**
   * Calls `listener` after events were committed (batched: one call may stand for several
   * events; in this process or — PostgreSQL with LISTEN/NOTIFY — in another). The hub then reads
   * `eventsAfter` once for all its subscribers. `lastId`, when given, is the newest event the
   * call stands for (PostgreSQL's NOTIFY payload): a reader that has read it already can skip the
   * read. Returns an unsubscribe function.
   */
  onEvents(listener: (lastId?: number) => void): () => void;

  // ---- notifications (server/notify/) ----------------------------------------------------
  /** Sets a channel (replacing the one of this patient and kind). */
  upsertNotifyChannel(r: NotifyChannelRecord): Promise<void>;
  findNotifyChannel(patient: string, channel: NotifyChannelName): Promise<NotifyChannelRecord | undefined>;
  listNotifyChannels(patient: string): Promise<NotifyChannelRecord[]>;
  updateNotifyChannel(patient: string, channel: NotifyChannelName, patch: NotifyChannelPatch): Promise<NotifyChannelRecord | undefined>;
  /** Counts one wrong guess; returns the tries after it (0 when there is no channel). Atomic. */
  addNotifyCodeTry(patient: string, channel: NotifyChannelName): Promise<number>;
  /** False when there was none. */
  deleteNotifyChannel(patient: string, channel: NotifyChannelName): Promise<boolean>;
  /** Records an event for notification; false when it was recorded already (by this or another process). */
  claimNotifyEvent(e: Omit<NotifyEventRecord, 'dispatchId'>): Promise<boolean>;
  /** The patient is due at `dueAt` unless already due (the earlier time stays). */
  scheduleNotify(patient: string, dueAt: number): Promise<void>;
  /** Takes (deletes and returns) up to `limit` patients due at `now`; a patient is taken by one caller only. */
  takeDueNotify(now: number, limit: number): Promise<{ patient: string; dueAt: number }[]>;
  /** Assigns the patient's undispatched events at or before `upTo` to `dispatchId`; returns them. */
  dispatchNotifyEvents(patient: string, dispatchId: string, upTo: number): Promise<NotifyEventRecord[]>;
  insertNotifyDelivery(d: NotifyDeliveryRecord): Promise<void>;
  /**
   * Leases up to `limit` pending deliveries due at `now` until `leaseUntil` and returns them;
   * a delivery is leased by one caller only.
   */
  leaseNotifyDeliveries(now: number, leaseUntil: number, limit: number): Promise<NotifyDeliveryRecord[]>;
  updateNotifyDelivery(dispatchId: string, channel: NotifyChannelName, patch: NotifyDeliveryPatch): Promise<void>;
  listNotifyDeliveries(patient: string): Promise<NotifyDeliveryRecord[]>;
  /** Sent notifications that covered an event of this conversation, oldest first. */
  listNotifiedFor(conversationId: string): Promise<{ at: string; channel: NotifyChannelName }[]>;
  /** This process's patients with an open stream (replaces its earlier rows), seen at `at`. */
  setNotifyPresence(processId: string, patients: readonly string[], at: number): Promise<void>;
  /** Whether another process saw a stream of this patient at or after `since`. */
  notifyPresentElsewhere(patient: string, processId: string, since: number): Promise<boolean>;

  /** Closes connections (and the listener). */
  close(): Promise<void>;
}
