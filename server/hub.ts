/**
 * The Server-Sent Events hub: one stream per patient session (or per console), resumed with
 * Last-Event-ID, with heartbeats, and a `resync` event when the resume point is too old.
 *
 * One database read per new event per process: when the store says events were committed, the
 * hub reads everything after its cursor once and hands each event to the matching local
 * subscribers. A stream that resumes from an older id reads its own backlog once, on open. Both
 * run one at a time (a promise chain), so no event is skipped or sent twice at the seam.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventRecord, Store } from './store/store.js';

const PAGE = 500;

/** Where a conversation is, for the staff streams' filter: its queue and its assignee's name. */
export interface Placement {
  queue: string;
  assignee: string | null;
}

/** A staff stream's filter: may this clinician see events of a conversation placed so? */
export type StaffFilter = (p: Placement) => boolean;

interface Subscriber {
  res: ServerResponse;
  /** null: a staff stream (every staff-visible event). */
  patient: string | null;
  /** The last event id this stream has. */
  last: number;
  /** Test hook (cut 'torn'): tear at the next event. */
  tear?: boolean;
  /** Staff streams: only events of conversations this lets through (those without a conversation pass). */
  allow?: StaffFilter;
  /** The session (its stored id) the stream belongs to: it ends with the session. */
  session?: string;
  /** Epoch ms (the sessions' clock) when the stream ends: the session's idle deadline or cap; the client reconnects and is checked again. */
  until?: number;
}

/** What ties a stream to its session. */
export interface StreamLease {
  session: string;
  until: number;
}

export type CutMode = 'end' | 'reset' | 'torn' | 'stall';

export class EventHub {
  private readonly subs = new Set<Subscriber>();
  /** Every event ≤ cursor has been handed to the subscribers. */
  private cursor = 0;
  private chain: Promise<void> = Promise.resolve();
  private pumping = false;
  private again = false;
  private readonly beat: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;
  private closed = false;
  /** Test hook: ids of the events cut in half by `cut('torn')`. */
  readonly tornIds: string[] = [];
  /** Open streams per patient (from open until the connection closes). */
  private readonly perPatient = new Map<string, number>();
  /** Notifications (server/notify/): told of every event this process reads from the log. */
  private readonly taps = new Set<(events: readonly EventRecord[]) => void>();
  /**
   * Where each conversation is (staff filters), kept from the staff `conversation` events as the
   * pump passes them; a conversation not seen yet is read from the store once.
   */
  private readonly placements = new Map<string, Placement>();

  private constructor(private readonly store: Store, heartbeatMs: number, private readonly retention: number, private readonly now: () => number) {
    this.unsubscribe = store.onEvents(() => this.wake());
    this.beat = setInterval(() => {
      const t = this.now();
      for (const s of [...this.subs]) {
        // a stream does not outlive its session's idle deadline or cap: it ends, the client reconnects and is checked again
        if (s.until !== undefined && t >= s.until) this.end(s);
        else s.res.write(': heartbeat\n\n');
      }
    }, heartbeatMs);
    this.beat.unref();
  }

  /** `retention`: events kept for resume (older ones are pruned every 1,000 events; a resume from before them gets `resync`). */
  static async create(store: Store, opts: { heartbeatMs: number; retention?: number; now?: () => number }): Promise<EventHub> {
    const hub = new EventHub(store, opts.heartbeatMs, opts.retention ?? 50_000, opts.now ?? Date.now);
    hub.cursor = await store.headEventId();
    return hub;
  }

  /** Runs `fn` after everything queued before it (pumps and opens never interleave). */
  private serial(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** New events were committed: read them once (coalesced while a read is running). */
  private wake(): void {
    if (this.closed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.serial(async () => {
      try {
        do {
          this.again = false;
          await this.pump();
        } while (this.again);
      } finally {
        this.pumping = false;
      }
    }).catch((err: unknown) => console.error('[hub] reading events failed:', err instanceof Error ? err.message : 'unknown'));
  }

  private async pump(): Promise<void> {
    for (;;) {
      const batch = await this.store.eventsAfter(this.cursor, PAGE);
      if (!batch.length) return;
      for (const t of this.taps) t(batch);
      const seen = await this.placementsOf(batch);
      for (const s of [...this.subs]) {
        const mine = batch.filter((e) => e.id > s.last && matches(s, e, seen));
        if (mine.length) this.deliver(s, mine);
        if (this.subs.has(s) && !s.tear) s.last = Math.max(s.last, batch[batch.length - 1]!.id);
      }
      const before = this.cursor;
      this.cursor = batch[batch.length - 1]!.id;
      if (Math.floor(before / 1000) !== Math.floor(this.cursor / 1000)) await this.store.pruneEvents(this.cursor - this.retention);
      if (batch.length < PAGE) return;
    }
  }

  /**
   * For each event of a conversation, where the conversation was before and after it (a
   * `conversation` event may move it): a filtered staff stream gets the event when either lets it
   * through, so a clinician also hears that a conversation left their queue.
   */
  private async placementsOf(events: readonly EventRecord[]): Promise<Map<number, Placement[]>> {
    const out = new Map<number, Placement[]>();
    let filtered = false;
    for (const s of this.subs) if (s.allow) filtered = true;
    if (!filtered) {
      // nobody filters: forget rather than keep what would go stale
      this.placements.clear();
      return out;
    }
    for (const e of events) {
      const id = e.conversationId;
      if (!id || e.audience === 'patient') continue;
      let before = this.placements.get(id);
      if (!before) {
        const c = await this.store.findConversation(id);
        before = c ? { queue: c.queue, assignee: typeof c.assignee?.name === 'string' ? c.assignee.name : null } : { queue: '', assignee: null };
      }
      const after = placementOfEvent(e) ?? before;
      if (this.placements.size > 100_000) this.placements.clear();
      this.placements.set(id, after);
      out.set(e.id, after === before ? [after] : [before, after]);
    }
    return out;
  }

  private deliver(s: Subscriber, events: readonly EventRecord[]): void {
    let out = '';
    for (const e of events) out += `id: ${e.id}\ndata: ${JSON.stringify({ ...e.body, id: String(e.id) })}\n\n`;
    if (s.tear) {
      // test hook (cut 'torn'): the id line and half the data, then FIN (not RST, which could
      // make the client drop what it has not read yet)
      this.subs.delete(s);
      this.tornIds.push(String(events[0]!.id));
      s.res.write(out.slice(0, out.indexOf('\ndata: ') + 20), () => setTimeout(() => s.res.socket?.end(), 50));
      return;
    }
    s.res.write(out);
    s.last = events[events.length - 1]!.id;
  }

  /**
   * Opens a stream on a raw response. `lastEventId` is the Last-Event-ID header (or the
   * `lastEventId` query); a resync id ("resync-<n>") resumes from n.
   */
  open(req: IncomingMessage, res: ServerResponse, patient: string | null, lastEventId: string | undefined, allow?: StaffFilter, lease?: StreamLease): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    req.socket.setNoDelay(true);
    const sub: Subscriber = { res, patient, last: 0, ...(allow ? { allow } : {}), ...(lease ? { session: lease.session, until: lease.until } : {}) };
    if (patient !== null) this.perPatient.set(patient, (this.perPatient.get(patient) ?? 0) + 1);
    res.on('close', () => {
      this.subs.delete(sub);
      if (patient === null) return;
      const n = (this.perPatient.get(patient) ?? 1) - 1;
      if (n > 0) this.perPatient.set(patient, n);
      else this.perPatient.delete(patient);
    });
    return this.serial(async () => {
      if (res.destroyed || this.closed) return;
      const head = await this.store.headEventId();
      const fresh = lastEventId === undefined || lastEventId === '';
      // a fresh stream is told where it starts, so a reconnect before any event resumes from
      // there instead of from "now" (which would skip what came in between)
      res.write(`retry: 2000\n${fresh ? `id: ${this.cursor}\n` : ''}: connected\n\n`);
      sub.last = this.cursor;
      if (!fresh) {
        const raw = lastEventId.startsWith('resync-') ? lastEventId.slice(7) : lastEventId;
        const n = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
        if (Number.isNaN(n) || n < (await this.store.prunedBefore()) - 1 || n > head) {
          // too old (pruned), unknown, or from another server's log: reload from REST
          res.write(`id: ${head}\nevent: resync\ndata: ${JSON.stringify({ type: 'resync', id: `resync-${head}` })}\n\n`);
          sub.last = Math.max(this.cursor, head);
        } else {
          await this.backlog(sub, n);
        }
      }
      this.subs.add(sub);
    });
  }

  /** What a resuming stream missed, up to the hub's cursor (the pump brings the rest). */
  private async backlog(sub: Subscriber, from: number): Promise<void> {
    let after = from;
    while (after < this.cursor) {
      const page = sub.patient === null ? await this.store.staffEventsAfter(after, PAGE) : await this.store.patientEventsAfter(sub.patient, after, PAGE);
      const upTo = page.filter((e) => e.id <= this.cursor);
      // the backlog's placements are where conversations are now (the store), not where they were then
      const now = new Map<number, Placement[]>();
      if (sub.allow) {
        for (const e of upTo) {
          if (!e.conversationId) continue;
          const c = await this.store.findConversation(e.conversationId);
          now.set(e.id, [c ? { queue: c.queue, assignee: typeof c.assignee?.name === 'string' ? c.assignee.name : null } : { queue: '', assignee: null }]);
        }
      }
      const mine = upTo.filter((e) => matches(sub, e, now));
      if (mine.length) this.deliver(sub, mine);
      if (page.length < PAGE || upTo.length < page.length) break;
      after = upTo[upTo.length - 1]!.id;
    }
    sub.last = Math.max(from, this.cursor);
  }

  /**
   * Test hook (chaos suite; never called by the server itself): cuts the patients' streams
   * (not the console's) the way networks do. `end`: a clean close; `reset`: the socket torn
   * down; `torn`: at the next event, its id line and half its data, then the connection
   * closed; `stall`: the connection stays open but goes silent. Returns how many were cut.
   */
  cut(mode: CutMode): number {
    let n = 0;
    for (const s of [...this.subs]) {
      if (s.patient === null) continue;
      n++;
      if (mode === 'torn') {
        s.tear = true;
        continue;
      }
      this.subs.delete(s);
      if (mode === 'end') s.res.end();
      else if (mode === 'reset') s.res.socket?.destroy();
    }
    return n;
  }

  /** Ends every stream of a session (logout). */
  endSession(session: string): void {
    for (const s of [...this.subs]) if (s.session === session) this.end(s);
  }

  private end(s: Subscriber): void {
    this.subs.delete(s);
    s.res.end();
  }

  /** This patient's streams whose connection is open (capped per patient by the route). */
  streamsOf(patient: string): number {
    return this.perPatient.get(patient) ?? 0;
  }

  /** Patients with a stream open in this process (notifications: presence). */
  patientsWithStreams(): string[] {
    return [...this.perPatient.keys()];
  }

  /** Hears every event this process reads from the log, once, in order (notifications). Returns an unsubscribe function. */
  tap(fn: (events: readonly EventRecord[]) => void): () => void {
    this.taps.add(fn);
    return () => this.taps.delete(fn);
  }

  /** Patient streams open now (test hook). */
  patientStreams(): number {
    let n = 0;
    for (const s of this.subs) if (s.patient !== null && !s.tear) n++;
    return n;
  }

  /** Ends every stream (a test hook for server-side closes; also shutdown). */
  closeAll(): void {
    for (const s of this.subs) s.res.end();
    this.subs.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.beat);
    this.unsubscribe();
    this.closeAll();
    await this.chain;
  }
}

function matches(s: Subscriber, e: EventRecord, placements: Map<number, Placement[]>): boolean {
  if (s.patient === null) {
    if (e.audience === 'patient') return false;
    if (!s.allow || !e.conversationId) return true;
    return (placements.get(e.id) ?? []).some(s.allow);
  }
  return e.patient === s.patient && e.audience !== 'staff';
}

/** A staff `conversation` event carries where the conversation is now (ConsoleConversation: queueName, assignee). */
function placementOfEvent(e: EventRecord): Placement | undefined {
  if (e.body['type'] !== 'conversation') return undefined;
  const c = e.body['conversation'] as { queueName?: unknown; assignee?: { name?: unknown } } | undefined;
  if (!c || typeof c.queueName !== 'string') return undefined;
  return { queue: c.queueName, assignee: typeof c.assignee?.name === 'string' ? c.assignee.name : null };
}
