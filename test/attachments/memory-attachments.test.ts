import { expect } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { BackendError } from '../../src/core/errors.js';
import { PRE_OP_PDF } from '../../src/adapters/memory/fixtures.js';

const bytes = (n: number, v = 1) => new Uint8Array(n).fill(v);

describe('MemoryBackend attachments (the demo)', () => {
  it('uploads are idempotent by clientId and index; the message carries them; a missing one is refused', async () => {
    const b = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false, triage: null, session: { subject: 's', name: 'Test' } });
    const c = await b.startConversation({ mode: 'async' });
    const a = await b.uploadAttachment(c.id, 'k1', 0, { name: 'arm.jpg', type: 'image/jpeg', bytes: bytes(10), alt: 'Armen' });
    expect(await b.uploadAttachment(c.id, 'k1', 0, { name: 'arm.jpg', type: 'image/jpeg', bytes: bytes(10), alt: 'Armen' })).to.deep.equal(a);
    const conflict = await b.uploadAttachment(c.id, 'k1', 0, { name: 'arm.jpg', type: 'image/jpeg', bytes: bytes(10, 2) }).catch((e: BackendError) => e.code);
    expect(conflict).to.equal('attachment-conflict');
    const svg = await b.uploadAttachment(c.id, 'k1', 1, { name: 'x.svg', type: 'image/svg+xml', bytes: bytes(10) }).catch((e: BackendError) => e.code);
    expect(svg).to.equal('unsupported-media-type');
    const missing = await b.sendMessage(c.id, { clientId: 'k1', text: '', attachmentCount: 2 }).catch((e: BackendError) => e.code);
    expect(missing).to.equal('attachments-missing');
    const m = await b.sendMessage(c.id, { clientId: 'k1', text: '', attachmentCount: 1 });
    expect(m.attachments).to.deep.equal([a]);
    expect((await b.sendMessage(c.id, { clientId: 'k1', text: '', attachmentCount: 1 })).id, 'a repeat is the same message').to.equal(m.id);
    const url = b.attachmentUrl(c.id, a.id)!;
    expect(url.startsWith('blob:')).to.equal(true);
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).to.deep.equal(bytes(10));
  });

  it('lists the conversation’s files newest first: the clinic’s document and the patient’s photo, not an unsent upload', async () => {
    const b = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false, triage: null, session: { subject: 's', name: 'Test' } });
    const c = await b.startConversation({ mode: 'async' });
    expect(await b.listAttachments(c.id)).to.deep.equal([]);
    const a = await b.uploadAttachment(c.id, 'k1', 0, { name: 'arm.jpg', type: 'image/jpeg', bytes: bytes(10) });
    const m = await b.sendMessage(c.id, { clientId: 'k1', text: 'Armen', attachmentCount: 1 });
    await b.uploadAttachment(c.id, 'k2', 0, { name: 'ej skickad.jpg', type: 'image/jpeg', bytes: bytes(10) });
    const doc = (await b.sendDocument(c.id))!;
    const files = await b.listAttachments(c.id);
    expect(files.map((f) => [f.name, f.author.role, f.messageId])).to.deep.equal([[PRE_OP_PDF.name, 'clinician', doc.id], ['arm.jpg', 'patient', m.id]]);
    expect(files[1]).to.deep.equal({ ...a, messageId: m.id, author: m.author, createdAt: m.createdAt });
    expect(files[0]!.type).to.equal('application/pdf');
    const gone = await b.listAttachments('none').catch((e: BackendError) => e.kind);
    expect(gone).to.equal('not-found');
  });
});
