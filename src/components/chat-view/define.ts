import { defineElement } from '../../define/define-element.js';
import '../triage/define.js';
import { VardChatView } from './chat-view.js';
import { VardComposer } from './composer.js';

defineElement('vard-composer', VardComposer);
defineElement('vard-chat-view', VardChatView);

declare global {
  interface HTMLElementTagNameMap {
    'vard-chat-view': VardChatView;
    'vard-composer': VardComposer;
  }
}
