import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { OutboxController } from '../../src/controllers/outbox-controller.js';
import type { Outbox } from '../../src/core/outbox/outbox.js';
import { Emitter } from '../../src/core/emitter.js';

/** An outbox whose mode and pending count the test sets. */
class FakeOutbox extends Emitter<{ change: void }> {
  mode: 'durable' | 'memory' = 'memory';
  pendingCount = 0;
  waiting = false;
  set(mode: 'durable' | 'memory', pending: number) {
    this.mode = mode;
    this.pendingCount = pending;
    this.emit('change', undefined);
  }
}

function host() {
  const controllers: ReactiveController[] = [];
  const h: ReactiveControllerHost = {
    addController: (c) => void controllers.push(c),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
  return { h, connect: () => controllers.forEach((c) => c.hostConnected?.()), disconnect: () => controllers.forEach((c) => c.hostDisconnected?.()) };
}

/** Whether leaving the page now would ask the patient to confirm. */
function leavingAsks(): boolean {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
}

describe('OutboxController', () => {
  it('asks before the page is left only while unsent messages live in memory alone', () => {
    const outbox = new FakeOutbox();
    const { h, connect, disconnect } = host();
    new OutboxController(h, () => outbox as unknown as Outbox);
    connect();
    try {
      expect(leavingAsks(), 'memory mode, nothing pending').to.equal(false);
      outbox.set('memory', 2);
      expect(leavingAsks(), 'memory mode, 2 unsent').to.equal(true);
      outbox.set('durable', 2);
      expect(leavingAsks(), 'stored in IndexedDB: a reload loses nothing').to.equal(false);
      outbox.set('memory', 1);
      expect(leavingAsks()).to.equal(true);
      outbox.set('memory', 0);
      expect(leavingAsks(), 'all sent').to.equal(false);
      outbox.set('memory', 1);
    } finally {
      disconnect();
    }
    expect(leavingAsks(), 'no guard left behind by a removed widget').to.equal(false);
  });
});
