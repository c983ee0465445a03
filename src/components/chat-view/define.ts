import { defineElement } from '../../define/define-element.js';
import { VardChatView } from './chat-view.js';
import { VardComposer } from './composer.js';
import { VardConversation } from '../conversation/conversation.js';
import { VardThread } from '../conversation/thread.js';
import { VardInbox } from '../inbox/inbox.js';

defineElement('vard-composer', VardComposer);
defineElement('vard-thread', VardThread);
defineElement('vard-conversation', VardConversation);
defineElement('vard-inbox', VardInbox);
defineElement('vard-chat-view', VardChatView);

declare global {
  interface HTMLElementTagNameMap {
    'vard-chat-view': VardChatView;
    'vard-composer': VardComposer;
    'vard-thread': VardThread;
    'vard-conversation': VardConversation;
    'vard-inbox': VardInbox;
  }
}
