/**
 * Internal notes: a clinician's note on a conversation that only staff see (a word with a
 * colleague). Kept in their own table, announced on staff streams only (audience `staff`);
 * nothing the patient can reach reads them.
 */
import { randomUUID } from 'node:crypto';
import { noteTextProblem, type InternalNote } from '../../src/protocol/notes.js';
import { ApiError } from '../errors.js';
import type { NoteRecord, Store } from '../store/store.js';
import { now, type Conversations } from './conversations.js';
import { clinician, type StaffWho } from './desk.js';
import { author } from './views.js';

export function noteView(n: NoteRecord): InternalNote {
  return { id: n.id, conversationId: n.conversationId, author: author(n.author), text: n.text, createdAt: n.createdAt };
}

export class Notes {
  constructor(private readonly store: Store, private readonly conversations: Conversations) {}

  async add(staff: StaffWho, conversationId: string, text: string): Promise<InternalNote> {
    const problem = noteTextProblem(text);
    if (problem) throw new ApiError(422, problem);
    return this.store.transaction(async (tx) => {
      const c = await this.conversations.find(conversationId, tx);
      const note: NoteRecord = { id: `n-${randomUUID()}`, conversationId: c.id, author: clinician(staff), text, createdAt: now() };
      await tx.insertNote(note);
      // staff streams only: a patient stream never reads audience 'staff'
      await tx.appendEvent({ patient: c.patient, audience: 'staff', conversationId: c.id, body: { type: 'note', note: noteView(note) } });
      return noteView(note);
    });
  }

  async list(conversationId: string): Promise<InternalNote[]> {
    const c = await this.conversations.find(conversationId);
    return (await this.store.listNotes(c.id)).map(noteView);
  }
}
