/**
 * The panel's elements, defined together when `<vard-chat>` first opens (a lazy chunk of the
 * script tag). Internal: not a public entry. The message kinds not every session needs —
 * triage and inline questionnaires, booking and call-back, evaluation — the login, the inbox and
 * the inactivity warning are not here: they are feature chunks defined on first use
 * (./lazy-features.ts, ./feature-*.ts).
 */
import { VardChatView } from '../components/chat-view/chat-view.js';
import { VardComposer } from '../components/chat-view/composer.js';
import { VardConversation } from '../components/conversation/conversation.js';
import { VardThread } from '../components/conversation/thread.js';
import { defineElement } from './define-element.js';

defineElement('vard-composer', VardComposer);
defineElement('vard-thread', VardThread);
defineElement('vard-conversation', VardConversation);
defineElement('vard-chat-view', VardChatView);

declare global {
  interface HTMLElementTagNameMap {
    'vard-chat-view': VardChatView;
    'vard-composer': VardComposer;
    'vard-thread': VardThread;
    'vard-conversation': VardConversation;
  }
}
