/**
 * The browser's parts of a chat session: the IndexedDB outbox with Web Locks, BroadcastChannel
 * and the page's flush triggers; the purge of stored data and the UI state that survives a login
 * trip (sessionStorage); and the login strategy the configuration names. `<vard-chat>` uses these
 * when it is given a backend rather than a whole session.
 */
import { loadStrategy, type AuthConfig } from '../auth/index.js';
import { saveUiState, takeUiState } from '../auth/return-state.js';
import type { ChatBackend } from '../core/backend.js';
import { createChatSession, type ChatSession, type ChatSessionParts } from '../core/chat-session.js';
import { browserOutbox, type BrowserOutboxOptions } from './browser-outbox.js';
import { purgeWidgetData } from '../storage/purge.js';

export interface BrowserSessionOptions extends BrowserOutboxOptions {
  backend: ChatBackend;
  auth?: AuthConfig | undefined;
  locale?: string;
}

export function browserSessionParts(opts: BrowserSessionOptions): ChatSessionParts {
  const { backend, auth, locale, ...outbox } = opts;
  return {
    backend,
    outbox: browserOutbox(outbox),
    storage: {
      purge: purgeWidgetData,
      saveOpen: () => saveUiState({ open: true, view: 'chat' }),
      forgetOpen: () => void takeUiState(),
    },
    auth: () => loadStrategy(auth, backend),
    ...(locale ? { locale } : {}),
  };
}

export function createBrowserSession(opts: BrowserSessionOptions): ChatSession {
  return createChatSession(browserSessionParts(opts));
}
