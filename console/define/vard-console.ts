/**
 * Registers the console's elements: the only module that calls customElements.define, through
 * one explicit call (the package marks only the widget's modules as having side effects).
 */
import { defineElement } from '../../src/define/define-element.js';
import { VardConsoleActions } from '../components/actions/actions.js';
import { VardConsole } from '../components/app/app.js';
import { VardConsoleConversation } from '../components/conversation/conversation.js';
import { VardConsoleEvaluations } from '../components/evaluations/evaluations.js';
import { VardConsoleLogin } from '../components/login/login.js';
import { VardConsoleNote } from '../components/note/note.js';
import { VardConsoleInternalNotes } from '../components/internal-notes/internal-notes.js';
import { VardConsoleQueues } from '../components/queues/queues.js';
import { VardConsoleStart } from '../components/start/start.js';

export function defineConsole(): void {
  defineElement('vard-console-login', VardConsoleLogin);
  defineElement('vard-console-queues', VardConsoleQueues);
  defineElement('vard-console-start', VardConsoleStart);
  defineElement('vard-console-actions', VardConsoleActions);
  defineElement('vard-console-note', VardConsoleNote);
  defineElement('vard-console-internal-notes', VardConsoleInternalNotes);
  defineElement('vard-console-evaluations', VardConsoleEvaluations);
  defineElement('vard-console-conversation', VardConsoleConversation);
  defineElement('vard-console', VardConsole);
}

declare global {
  interface HTMLElementTagNameMap {
    'vard-console': VardConsole;
    'vard-console-login': VardConsoleLogin;
    'vard-console-queues': VardConsoleQueues;
    'vard-console-start': VardConsoleStart;
    'vard-console-actions': VardConsoleActions;
    'vard-console-conversation': VardConsoleConversation;
    'vard-console-note': VardConsoleNote;
    'vard-console-internal-notes': VardConsoleInternalNotes;
    'vard-console-evaluations': VardConsoleEvaluations;
  }
}
