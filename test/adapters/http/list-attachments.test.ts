// HttpBackend.listAttachments against the real reference server (the one web-test-runner
// starts, real SQLite): the patient's and the clinic's files on sent messages, newest message
// first, with the message, its author and time; an unsent upload not listed; another patient's
// conversation is not-found, as the server says 404.
import { expect } from '@open-wc/testing';
import { BackendError } from '../../../src/core/errors.js';
import { clinicianDriver, newPatientToken, patientBackend, serverUrl } from './reference-server.js';

const fixture = async (name: string) => new Uint8Array(await (await fetch(`/test/fixtures/attachments/${name}`)).arrayBuffer());
const HOSTILE = '<img src=x onerror=alert(1)>.pdf';

describe('HttpBackend.listAttachments (reference server)', () => {
  it('lists the clinic’s and the patient’s files newest first; not an unsent one; another patient not-found', async () => {
    const [jpeg, pdf] = await Promise.all([fixture('tiny.jpg'), fixture('tiny.pdf')]);
    const b = await patientBackend(await newPatientToken('Astrid Andersson'));
    const conv = await b.startConversation({ mode: 'async' });
    expect(await b.listAttachments(conv.id)).to.deep.equal([]);

    const photo = await b.uploadAttachment(conv.id, 'p1', 0, { name: 'utslag.jpg', type: 'image/jpeg', bytes: jpeg });
    const sent = await b.sendMessage(conv.id, { clientId: 'p1', text: 'Så här ser det ut', attachmentCount: 1 });
    await b.uploadAttachment(conv.id, 'p2', 0, { name: 'ej skickad.jpg', type: 'image/jpeg', bytes: jpeg });

    // the clinic sends a PDF through the console's routes
    const nurse = await clinicianDriver('Anna Svensson');
    const at = `${await serverUrl()}/console/api/conversations/${conv.id}`;
    const auth = { authorization: `Bearer ${nurse.token}` };
    const up = await fetch(`${at}/attachments/n1/0`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/pdf', 'x-attachment-name': encodeURIComponent(HOSTILE) }, body: pdf });
    expect(up.status).to.equal(201);
    const doc = await up.json() as { id: string };
    const posted = await fetch(`${at}/messages`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'text', text: 'Inför operationen', clientId: 'n1', attachmentCount: 1 }) });
    expect(posted.status).to.equal(201);

    const files = await b.listAttachments(conv.id);
    expect(files.map((f) => [f.id, f.name, f.author.role])).to.deep.equal([[doc.id, HOSTILE, 'clinician'], [photo.id, 'utslag.jpg', 'patient']]);
    expect(files[0]!.author.name).to.equal('Anna Svensson');
    expect(files[1]).to.deep.equal({ ...photo, messageId: sent.id, author: sent.author, createdAt: sent.createdAt });

    const other = await patientBackend(await newPatientToken('Annan Patient'));
    const err = await other.listAttachments(conv.id).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(BackendError);
    expect((err as BackendError).kind).to.equal('not-found');
  });

  it('an answer that is not a file list is unavailable (invalid-response), never half-shown', async () => {
    const fetchFn = async () => new Response(JSON.stringify({ files: [{ id: 'x', name: 'a.svg', type: 'image/svg+xml', size: 1 }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    const b = await patientBackend(undefined, { fetch: fetchFn });
    const err = await b.listAttachments('c1').then(() => null, (e: unknown) => e);
    expect((err as BackendError).kind).to.equal('unavailable');
    expect((err as BackendError).code).to.equal('invalid-response');
  });
});
