import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  AttachmentRef, Message, MAX_ATTACHMENT_BYTES, PATIENT_ROUTES, SendMessageBody, UploadParams, attachmentProblem, cleanAttachmentName,
} from '../../src/protocol/index.js';
import { KIND_EXAMPLES } from '../../src/protocol/examples.js';

const ok = (schema: v.GenericSchema, input: unknown) => v.safeParse(schema, input).success;
const ref = { id: 'att-1', name: 'utslag.jpg', type: 'image/jpeg', size: 1000 };

describe('protocol: attachments', () => {
  it('a reference takes only the allow-listed types (no SVG, no HTML)', () => {
    expect(ok(AttachmentRef, ref)).to.equal(true);
    for (const type of ['image/png', 'image/webp', 'application/pdf']) expect(ok(AttachmentRef, { ...ref, type }), type).to.equal(true);
    for (const type of ['image/svg+xml', 'text/html', 'application/octet-stream', 'IMAGE/JPEG']) expect(ok(AttachmentRef, { ...ref, type }), type).to.equal(false);
  });

  it('names are length-limited plain text without control characters', () => {
    expect(ok(AttachmentRef, { ...ref, name: 'x'.repeat(200) })).to.equal(true);
    expect(ok(AttachmentRef, { ...ref, name: 'x'.repeat(201) })).to.equal(false);
    expect(ok(AttachmentRef, { ...ref, name: '' })).to.equal(false);
    expect(ok(AttachmentRef, { ...ref, name: 'a\u0000b.jpg' })).to.equal(false);
    expect(ok(AttachmentRef, { ...ref, name: '<img src=x onerror=alert(1)>.jpg' }), 'markup is only text').to.equal(true);
  });

  it('size within 1 … 10 MB; at most 5 on a message', () => {
    expect(ok(AttachmentRef, { ...ref, size: MAX_ATTACHMENT_BYTES })).to.equal(true);
    expect(ok(AttachmentRef, { ...ref, size: MAX_ATTACHMENT_BYTES + 1 })).to.equal(false);
    expect(ok(AttachmentRef, { ...ref, size: 0 })).to.equal(false);
    const base = KIND_EXAMPLES['text (attachments)']!.message;
    expect(ok(Message, base)).to.equal(true);
    const five = Array.from({ length: 5 }, (_, i) => ({ ...ref, id: `a${i}` }));
    expect(ok(Message, { ...base, attachments: five })).to.equal(true);
    expect(ok(Message, { ...base, attachments: [...five, ref] })).to.equal(false);
  });

  it('the send body names how many files the message carries (1–5)', () => {
    expect(ok(SendMessageBody, { text: '' , attachmentCount: 2 })).to.equal(true);
    expect(ok(SendMessageBody, { text: 'hej', attachmentCount: 0 })).to.equal(false);
    expect(ok(SendMessageBody, { text: 'hej', attachmentCount: 6 })).to.equal(false);
  });

  it('the upload route is keyed by clientId and index; a raw body of the allowed types', () => {
    const r = PATIENT_ROUTES.uploadAttachment;
    expect(r.method).to.equal('PUT');
    expect(r.rawBody.types).to.deep.equal(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
    expect(ok(UploadParams, { conversationId: 'c1', clientId: 'k-1', index: '0' })).to.equal(true);
    expect(ok(UploadParams, { conversationId: 'c1', clientId: 'k/1', index: '0' })).to.equal(false);
    expect(PATIENT_ROUTES.getAttachment.responses[200]).to.equal('file');
  });

  it("the widget's check before storing: type, empty, size", () => {
    expect(attachmentProblem({ type: 'image/jpeg', size: 10 })).to.equal(null);
    expect(attachmentProblem({ type: 'image/svg+xml', size: 10 })).to.equal('attachment-type');
    expect(attachmentProblem({ type: 'application/pdf', size: 0 })).to.equal('attachment-empty');
    expect(attachmentProblem({ type: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 })).to.equal('attachment-too-large');
  });

  it('cleanAttachmentName: no control characters or path separators, cut to 200, never empty', () => {
    expect(cleanAttachmentName('a\u0007b/../c.pdf')).to.equal('ab_.._c.pdf');
    expect(cleanAttachmentName('   ')).to.equal('bilaga');
    expect([...cleanAttachmentName('å'.repeat(300))].length).to.equal(200);
  });
});
