/**
 * One chat session's state as the elements see it: immutable, replaced on every change, never
 * changed in place. Elements render from it and send intents to the session (ChatSession,
 * ChatClient); they never read the parts behind it.
 */
import type { AuthErrorCode } from './auth.js';
import type { ChatClient, ClientStatus } from './chat-client.js';
import type { ThreadItem } from './conversation-store.js';
import type { BackendErrorKind } from './errors.js';
import type { LogoutReason, SessionMachine, SessionPhase } from './session.js';
import type { Conversation } from './types.js';

export interface OutboxSnapshot {
  /** Messages written and not yet acknowledged (failed ones not counted). */
  readonly pending: number;
  /** The last try found no connection, or the browser is offline: messages wait. */
  readonly waiting: boolean;
  /** Why they wait: `offline`, or the last error's kind (`network`, `unavailable`, `auth`, …). */
  readonly waitReason: string | undefined;
  /** IndexedDB could not be used: the queue lives only as long as this page. */
  readonly memoryOnly: boolean;
}

export interface ChatSnapshot {
  readonly locale: string;
  readonly status: ClientStatus;
  readonly loadError: BackendErrorKind | undefined;
  /** The logged-in patient's display name (nothing else of the session). */
  readonly patientName: string | undefined;
  readonly loggedIn: boolean;
  readonly login: {
    readonly phase: SessionPhase;
    readonly error: AuthErrorCode | undefined;
    readonly loggedOut: LogoutReason | undefined;
  };
  readonly conversations: readonly Conversation[];
  readonly activeId: string | undefined;
  readonly activeConversation: Conversation | undefined;
  /** The active conversation's thread: server messages, then the outbox's unacknowledged ones. */
  readonly thread: readonly ThreadItem[];
  /** Whether a message of `thread` has files. */
  readonly threadHasFiles: boolean;
  readonly outbox: OutboxSnapshot;
  /** Messages kept until the same patient logs in again (the session ended mid-chat). */
  readonly waitingForLogin: number;
  /** Unread clinic messages over all conversations. */
  readonly unread: number;
}

export function takeSnapshot(client: ChatClient, login: SessionMachine, locale: string): ChatSnapshot {
  const outbox = client.outbox;
  const thread = client.thread;
  return Object.freeze({
    locale,
    status: client.status,
    loadError: client.loadError,
    patientName: client.session?.name,
    loggedIn: client.status === 'ready' && !!client.session,
    login: Object.freeze({ phase: login.phase, error: login.error, loggedOut: login.loggedOut }),
    conversations: Object.freeze(client.store.conversations()),
    activeId: client.activeId,
    activeConversation: client.activeConversation,
    thread,
    threadHasFiles: client.threadHasFiles,
    outbox: Object.freeze({
      pending: outbox?.pendingCount ?? 0,
      waiting: outbox?.waiting ?? false,
      waitReason: outbox?.waiting ? outbox.waitReason : undefined,
      memoryOnly: outbox?.mode === 'memory',
    }),
    waitingForLogin: client.waitingForLogin,
    unread: client.status === 'ready' ? client.inbox.total() : 0,
  });
}
