/**
 * A rehearsal of the panel, once per page, when the browser is idle before the first open: a
 * hidden `<vard-chat-view>` on an in-memory backend shows a short conversation and is removed.
 *
 * Why: the first time a page shows a conversation, Lit prepares every template, the elements'
 * styles are built and their classes set up. That once-per-page work cost about 40 ms after the
 * patient's messages had arrived (7–10 ms on every later view); rehearsed while idle, it is done
 * before the patient opens the chat (docs/benchmarks.md, `history_first_messages_ms`).
 *
 * Nothing of it reaches the page: it is placed in `<vard-chat>`'s own shadow root (the host's
 * DOM is not touched), the view in a closed shadow root of its own (no selector or test
 * locator finds it), is invisible and off screen, is inert and hidden from assistive technology; in
 * rehearsal the view sends no public event, stores no hint and starts no timer; the backend is
 * in memory (no network, no storage), and the session is disposed when done.
 */
import type { ChatBackend } from '../../core/backend.js';
import { createChatSession } from '../../core/chat-session.js';
import type { Message } from '../../core/types.js';
import type { Locale } from '../../i18n/index.js';

function backend(): ChatBackend {
  const at = new Date().toISOString();
  const conversation = { id: 'r', mode: 'async', status: 'waiting-for-clinic', initiator: 'patient', createdAt: at, updatedAt: at } as const;
  const messages: Message[] = (['patient', 'clinician'] as const).map((role, i) =>
    ({ id: `r${i}`, conversationId: 'r', seq: i + 1, kind: 'text', text: '', createdAt: at, readAt: at, author: { role } }));
  const no = () => Promise.reject(new Error('r'));
  const none = async () => undefined;
  return {
    getSession: async () => ({ subject: 'r', name: '' }),
    listConversations: async () => [{ ...conversation, unreadCount: 0 }],
    getMessages: async () => ({ messages }),
    getTriage: no, startConversation: no, sendMessage: no, respond: no, submitEvaluation: no,
    markRead: none, setTyping: none, subscribe: none,
  };
}

/**
 * Shows a conversation hidden once in `place` (`<vard-chat>` passes its shadow root, so the host
 * page's DOM is never touched), then removes it; never rejects.
 */
export async function rehearse(locale: Locale, place: ParentNode = document.body): Promise<void> {
  const host = document.createElement('div');
  // laid out (so styles, fonts and layout are warmed too), but invisible, off screen and inert
  host.style.cssText = 'position:fixed;left:-9999px;width:380px;height:600px;display:flex;visibility:hidden';
  host.inert = true;
  const session = createChatSession({ backend: backend(), locale });
  const view = document.createElement('vard-chat-view');
  view.rehearsal = true;
  view.locale = locale;
  view.session = session;
  const root = host.attachShadow({ mode: 'closed' });
  // the view's context events are its own (as <vard-chat>'s panel stops them)
  for (const type of ['context-provider', 'context-request']) root.addEventListener(type, (e) => e.stopPropagation());
  root.append(view);
  place.append(host);
  // the session loaded, then time for the view, the conversation and its thread to render:
  // timers, not frames (none come in a background tab)
  await session.start().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 100));
  host.remove();
  session.dispose();
}
