import { VardChat } from '../components/vard-chat/vard-chat.js';
import { defineElement } from './define-element.js';

defineElement('vard-chat', VardChat);

declare global {
  interface HTMLElementTagNameMap {
    'vard-chat': VardChat;
  }
}
