/**
 * The notifier: tells a patient who is not here that the clinic has written.
 *
 * 1. Every event this process's hub reads from the log passes `observe`. A clinician's message
 *    (text or an offer: booking, call-back, video, questionnaire), a handover, and so the first
 *    message of a clinic-started conversation, is claimed by its event id (one row; another
 *    process that reads the same event finds it taken) and makes the patient due in
 *    `batchMinutes` unless they are due already: everything within that window is one notification.
 * 2. `tick` (every `tickMs`, and by hand in tests) takes the due patients — one process takes
 *    each — and dispatches their events: in quiet hours the patient is due again when they end;
 *    with an open stream (here, or on another process: presence rows with a heartbeat on
 *    PostgreSQL) or every message already read, the dispatch is recorded as skipped; otherwise one
 *    delivery per confirmed channel.
 * 3. Deliveries are leased by one process, sent, and recorded (`sent` with the time — the console
 *    shows it); a transient failure is tried again with doubling delays, a final one is `failed`,
 *    a push subscription that is gone is removed.
 *
 * Events that arrive while no process runs are not notified later (the notifier starts at the
 * head of the log). Times come from an injectable clock; the timers are unref'd and stop on close().
 */
import { randomUUID } from 'node:crypto';
import type { EventHub } from '../hub.js';
import type { EventRecord, NotifyChannelName, NotifyDeliveryRecord, NotifyEventRecord, Store } from '../store/store.js';
import { notificationNote, SendError, type Channel, type Note } from './channel.js';
import type { Clock } from './config.js';
import { isQuiet, quietEnd, type Quiet } from './quiet.js';

export interface NotifierOptions {
  clinicName: string;
  clinicUrl: string;
  quiet: Quiet;
  batchMs: number;
  tickMs: number;
  retry: { baseMs: number; maxAttempts: number };
  /** PostgreSQL: how often this process writes which patients have a stream here. */
  presenceMs: number;
  clock: Clock;
  log: (line: string) => void;
}

/** The message an event carries, when it calls for a notification. */
export function triggerOf(e: EventRecord): { conversationId: string; messageId: string } | undefined {
  if (e.audience === 'staff' || e.body.type !== 'message') return undefined;
  const m = e.body.message as { id?: unknown; conversationId?: unknown; kind?: unknown; author?: { role?: unknown } } | undefined;
  if (!m || typeof m.id !== 'string' || typeof m.conversationId !== 'string') return undefined;
  if (m.author?.role === 'clinician' || m.kind === 'handover') return { conversationId: m.conversationId, messageId: m.id };
  return undefined;
}

export class Notifier {
  readonly processId = randomUUID();
  /** The newest event id observed and handled (tests wait on it). */
  seenUpTo = 0;
  private observing: Promise<void> = Promise.resolve();
  private ticking: Promise<void> | undefined;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly untap: () => void;
  private closed = false;
  private readonly note: Note;

  constructor(private readonly store: Store, private readonly hub: EventHub, private readonly channels: ReadonlyMap<NotifyChannelName, Channel>, private readonly o: NotifierOptions) {
    this.note = notificationNote(o.clinicName, o.clinicUrl);
    this.untap = hub.tap((events) => this.observe(events));
    const every = (ms: number, fn: () => Promise<void>) => {
      const t = setInterval(() => void fn().catch((err: unknown) => o.log(`[notify] ${err instanceof Error ? err.message : 'error'}`)), ms);
      t.unref();
      this.timers.push(t);
    };
    every(o.tickMs, () => this.tick());
    if (store.engine === 'postgres') every(o.presenceMs, () => this.heartbeat());
  }

  private observe(events: readonly EventRecord[]): void {
    this.observing = this.observing.then(() => this.consider(events)).catch((err: unknown) => this.o.log(`[notify] recording events failed: ${err instanceof Error ? err.message : 'error'}`));
  }

  private async consider(events: readonly EventRecord[]): Promise<void> {
    for (const e of events) {
      if (this.closed) return;
      const t = triggerOf(e);
      if (t && (await this.store.claimNotifyEvent({ eventId: e.id, patient: e.patient, conversationId: t.conversationId, messageId: t.messageId, at: this.o.clock.now() }))) {
        await this.store.scheduleNotify(e.patient, this.o.clock.now() + this.o.batchMs);
      }
      this.seenUpTo = Math.max(this.seenUpTo, e.id);
    }
  }

  /** Everything observed so far is recorded. */
  async settled(): Promise<void> {
    await this.observing;
  }

  /** Dispatches the due patients and sends the due deliveries (one run at a time). */
  tick(): Promise<void> {
    this.ticking ??= (async () => {
      try {
        const now = this.o.clock.now();
        await this.dispatchDue(now);
        await this.deliverDue(now);
      } finally {
        this.ticking = undefined;
      }
    })();
    return this.ticking;
  }

  private async dispatchDue(now: number): Promise<void> {
    for (;;) {
      const due = await this.store.takeDueNotify(now, 100);
      for (const { patient } of due) {
        if (isQuiet(this.o.quiet, now)) {
          await this.store.scheduleNotify(patient, quietEnd(this.o.quiet, now));
          continue;
        }
        const dispatchId = randomUUID();
        const events = await this.store.dispatchNotifyEvents(patient, dispatchId, now);
        if (!events.length) continue;
        const skip = (await this.online(patient, now)) ? 'online' : (await this.allRead(events)) ? 'read' : null;
        for (const c of await this.store.listNotifyChannels(patient)) {
          if (c.confirmedAt === null || !this.channels.has(c.channel)) continue;
          await this.store.insertNotifyDelivery({
            dispatchId, channel: c.channel, patient, status: skip ? 'skipped' : 'pending', attempts: 0, nextAt: now, sentAt: null, error: skip,
          });
        }
      }
      if (due.length < 100) return;
    }
  }

  /** The patient has a stream open here, or (PostgreSQL) another process saw one lately. */
  private async online(patient: string, now: number): Promise<boolean> {
    if (this.hub.streamsOf(patient) > 0) return true;
    return this.store.engine === 'postgres' && this.store.notifyPresentElsewhere(patient, this.processId, now - 3 * this.o.presenceMs);
  }

  private async allRead(events: readonly NotifyEventRecord[]): Promise<boolean> {
    for (const e of events) {
      if (e.messageId === null) return false;
      const m = await this.store.findMessage(e.conversationId, e.messageId);
      if (m && m.readAt === null) return false;
    }
    return true;
  }

  private async deliverDue(now: number): Promise<void> {
    const leased = await this.store.leaseNotifyDeliveries(now, now + 5 * 60_000, 50);
    for (const d of leased) await this.deliver(d, now);
  }

  private async deliver(d: NotifyDeliveryRecord, now: number): Promise<void> {
    const c = await this.store.findNotifyChannel(d.patient, d.channel);
    const sender = this.channels.get(d.channel);
    if (!c || c.confirmedAt === null || !sender) {
      await this.store.updateNotifyDelivery(d.dispatchId, d.channel, { status: 'skipped', error: 'withdrawn' });
      return;
    }
    if (isQuiet(this.o.quiet, now)) {
      await this.store.updateNotifyDelivery(d.dispatchId, d.channel, { nextAt: quietEnd(this.o.quiet, now) });
      return;
    }
    const attempts = d.attempts + 1;
    try {
      await sender.send(c.address, this.note);
      await this.store.updateNotifyDelivery(d.dispatchId, d.channel, { status: 'sent', attempts, sentAt: new Date(this.o.clock.now()).toISOString(), error: null });
    } catch (err) {
      const e = err instanceof SendError ? err : new SendError('error', true);
      if (e.gone) await this.store.deleteNotifyChannel(d.patient, d.channel);
      const again = e.transient && !e.gone && attempts < this.o.retry.maxAttempts;
      this.o.log(`[notify] ${d.channel} ${again ? 'failed, will retry' : 'failed'}: ${e.code}`);
      await this.store.updateNotifyDelivery(d.dispatchId, d.channel, again
        ? { attempts, error: e.code, nextAt: now + this.o.retry.baseMs * 2 ** (attempts - 1) }
        : { status: 'failed', attempts, error: e.code });
    }
  }

  /** PostgreSQL: writes which patients have a stream in this process (every presenceMs; tests call it). */
  async heartbeat(): Promise<void> {
    await this.store.setNotifyPresence(this.processId, this.hub.patientsWithStreams(), this.o.clock.now());
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.untap();
    await this.observing;
    await this.ticking;
    if (this.store.engine === 'postgres') await this.store.setNotifyPresence(this.processId, [], 0).catch(() => undefined);
  }
}
