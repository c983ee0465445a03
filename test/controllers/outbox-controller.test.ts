import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { OutboxController } from '../../src/controllers/outbox-controller.js';
import type { OutboxSnapshot } from '../../src/core/snapshot.js';

function host() {
  const controllers: ReactiveController[] = [];
  const h: ReactiveControllerHost = {
    addController: (c) => void controllers.push(c),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
  return {
    h,
    connect: () => controllers.forEach((c) => c.hostConnected?.()),
    updated: () => controllers.forEach((c) => c.hostUpdated?.()),
    disconnect: () => controllers.forEach((c) => c.hostDisconnected?.()),
  };
}

/** Whether leaving the page now would ask the patient to confirm. */
function leavingAsks(): boolean {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
}

describe('OutboxController', () => {
  it('asks before the page is left only while unsent messages live in memory alone', () => {
    let snap: OutboxSnapshot = { pending: 0, waiting: false, waitReason: undefined, memoryOnly: true };
    const { h, connect, updated, disconnect } = host();
    new OutboxController(h, () => snap);
    connect();
    const set = (memoryOnly: boolean, pending: number) => {
      snap = { ...snap, memoryOnly, pending };
      updated();
    };
    try {
      updated();
      expect(leavingAsks(), 'memory mode, nothing pending').to.equal(false);
      set(true, 2);
      expect(leavingAsks(), 'memory mode, 2 unsent').to.equal(true);
      set(false, 2);
      expect(leavingAsks(), 'stored in IndexedDB: a reload loses nothing').to.equal(false);
      set(true, 1);
      expect(leavingAsks()).to.equal(true);
      set(true, 0);
      expect(leavingAsks(), 'all sent').to.equal(false);
      set(true, 1);
    } finally {
      disconnect();
    }
    expect(leavingAsks(), 'no guard left behind by a removed widget').to.equal(false);
  });

  it('says offline when messages wait for a connection, not when they wait for a login', () => {
    let snap: OutboxSnapshot = { pending: 2, waiting: true, waitReason: 'network', memoryOnly: false };
    const c = new OutboxController(host().h, () => snap);
    expect(c.offline).to.equal(true);
    snap = { ...snap, waitReason: 'auth' };
    expect(c.offline).to.equal(false);
    snap = { ...snap, waitReason: 'offline', pending: 0 };
    expect(c.offline, 'nothing waiting').to.equal(false);
  });
});
