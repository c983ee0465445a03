import { expect } from '@open-wc/testing';
import { HttpBackend } from '../../../src/adapters/http/http-backend.js';
import { ChatClient } from '../../../src/core/chat-client.js';
import { FakeServer, testEnvironment, until } from './fake-server.js';

async function clientOn(server: FakeServer) {
  const backend = new HttpBackend({ baseUrl: 'https://api.test/api', fetch: server.fetch, environment: testEnvironment(), backoff: { baseMs: 1, capMs: 5 } });
  let n = 0;
  const client = new ChatClient({ backend, newId: () => `k${++n}` });
  await client.start();
  await until(() => server.connects.length === 1, 'the stream');
  return client;
}

describe('HttpBackend + ChatClient: local echo and server copy', () => {
  it('merge when the event arrives before the PUT answer', async () => {
    const server = new FakeServer();
    let open!: () => void;
    server.putGate = new Promise((r) => (open = r));
    const client = await clientOn(server);
    client.send('hej från patienten');
    await until(() => server.messages.length === 1, 'the message on the server');
    await until(() => client.thread[0]?.id === 'm1', 'the event applied');
    open();
    await until(() => client.thread[0]?.state === 'sent', 'the PUT answer');
    client.stop();
    expect(client.thread.map((i) => [i.key, i.text, i.state])).to.deep.equal([['k1', 'hej från patienten', 'sent']]);
  });

  it('merge when the PUT answer arrives before the event', async () => {
    const server = new FakeServer();
    const client = await clientOn(server);
    const stream = server.streams[0]!;
    stream.write = () => undefined; // hold the live event back
    client.send('hej igen');
    await until(() => client.thread[0]?.state === 'sent', 'the PUT answer');
    stream.write = (t) => void t;
    stream.close(); // reconnect resumes and delivers the held-back event
    await until(() => server.connects.length === 2, 'the resume');
    // a clinician's reply after the resumed events: once it is in the thread, they have been applied
    server.addMessage('svar från vården');
    await until(() => client.thread.some((i) => i.text === 'svar från vården'), 'the reply');
    client.stop();
    expect(client.thread.filter((i) => i.text !== 'svar från vården').map((i) => [i.key, i.text, i.state])).to.deep.equal([['k1', 'hej igen', 'sent']]);
  });
});
