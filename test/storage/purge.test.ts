import { expect } from '@open-wc/testing';
import { purgeWidgetData } from '../../src/storage/purge.js';

const open = (name: string) =>
  new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('s');
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
const names = async () => (await indexedDB.databases()).map((d) => d.name);

describe('purgeWidgetData', () => {
  it('deletes vard-chat-data-* databases and vard-chat: keys, and nothing else', async () => {
    await open('vard-chat-data-outbox-user1');
    await open('vard-chat-data-cache');
    await open('vard-chat-mock-server');
    await open('host-page-db');
    sessionStorage.setItem('vard-chat:ui', '{"open":true}');
    sessionStorage.setItem('host-key', 'x');
    localStorage.setItem('vard-chat:draft', 'y');
    localStorage.setItem('host-local', 'z');
    await purgeWidgetData();
    const left = await names();
    expect(left).to.not.include('vard-chat-data-outbox-user1');
    expect(left).to.not.include('vard-chat-data-cache');
    expect(left).to.include('vard-chat-mock-server');
    expect(left).to.include('host-page-db');
    expect(sessionStorage.getItem('vard-chat:ui')).to.equal(null);
    expect(localStorage.getItem('vard-chat:draft')).to.equal(null);
    expect(sessionStorage.getItem('host-key')).to.equal('x');
    expect(localStorage.getItem('host-local')).to.equal('z');
    indexedDB.deleteDatabase('host-page-db');
    sessionStorage.removeItem('host-key');
    localStorage.removeItem('host-local');
  });
});
