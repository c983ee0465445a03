import { createContext } from '@lit/context';
import type { ChatSession } from '../core/chat-session.js';
import type { ChatSnapshot } from '../core/snapshot.js';

/**
 * What `<vard-chat-view>` publishes to the elements inside the panel: the session's current
 * snapshot (render from it) and the session itself (send intents to it). A new value on every
 * snapshot, so consumers that subscribe re-render.
 */
export interface ChatContextValue {
  readonly snapshot: ChatSnapshot;
  readonly session: ChatSession;
}

export const chatContext = createContext<ChatContextValue | undefined>(Symbol('vard-chat-session'));
