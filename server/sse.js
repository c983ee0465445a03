// The Server-Sent Events stream: one per patient session (or per console), resumed with
// Last-Event-ID, with heartbeats, and a `resync` event when the resume point is too old.

/**
 * @typedef {{ res: import('node:http').ServerResponse, patient: string | null, last: number, beat?: ReturnType<typeof setInterval>, tear?: boolean }} Subscriber
 */

export class EventHub {
  /** @param {import('./chat.js').Chat} chat @param {{ heartbeatMs: number }} opts */
  constructor(chat, opts) {
    this.chat = chat;
    this.heartbeatMs = opts.heartbeatMs;
    /** @type {Set<Subscriber>} */
    this.subs = new Set();
    /** Test hook: ids of the events cut in half by `cut('torn')`. @type {string[]} */
    this.tornIds = [];
  }

  /**
   * Opens a stream. `lastEventId` is the Last-Event-ID header (or the `lastEventId` query).
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {string | null} patient null for the clinician console (every staff-visible event)
   * @param {string | undefined} lastEventId
   */
  open(req, res, patient, lastEventId) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    req.socket.setNoDelay(true);
    const head = this.chat.headId();
    // a fresh stream (no Last-Event-ID) is told where it starts, so a reconnect before any
    // event resumes from there instead of from "now" (which would skip what came in between)
    const fresh = lastEventId === undefined || lastEventId === '';
    res.write(`retry: 2000\n${fresh ? `id: ${head}\n` : ''}: connected\n\n`);
    /** @type {Subscriber} */
    const sub = { res, patient, last: head };
    if (lastEventId !== undefined && lastEventId !== '') {
      // a client may resume from the id of a resync event ("resync-<head>") as well
      const raw = lastEventId.startsWith('resync-') ? lastEventId.slice(7) : lastEventId;
      const n = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
      if (Number.isNaN(n) || n < this.chat.prunedBefore() - 1 || n > head) {
        // too old (pruned), unknown, or from another server's log: reload from REST
        res.write(`id: ${head}\nevent: resync\ndata: ${JSON.stringify({ type: 'resync', id: `resync-${head}` })}\n\n`);
      } else {
        sub.last = n;
      }
    }
    this.subs.add(sub);
    const beat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    sub.beat = beat;
    const done = () => {
      clearInterval(beat);
      this.subs.delete(sub);
    };
    res.on('close', done);
    this.flush(sub);
  }

  /** Delivers what each subscriber has not seen yet. */
  notify() {
    for (const s of this.subs) this.flush(s);
  }

  /** @param {Subscriber} s */
  flush(s) {
    for (;;) {
      const batch = this.chat.eventsAfter(s.patient, s.last);
      if (!batch.length) return;
      let out = '';
      for (const e of batch) out += `id: ${e.id}\ndata: ${JSON.stringify(e.body)}\n\n`;
      if (s.tear) {
        // test hook (cut 'torn'): the id line and half the data, then FIN (not RST, which
        // could make the client drop what it has not read yet)
        this.subs.delete(s);
        clearInterval(s.beat);
        this.tornIds.push(batch[0].id);
        s.res.write(out.slice(0, out.indexOf('\ndata: ') + 20), () => setTimeout(() => s.res.socket?.end(), 50));
        return;
      }
      s.res.write(out);
      s.last = Number(batch[batch.length - 1].id);
      if (batch.length < 500) return;
    }
  }

  /**
   * Test hook (chaos suite; never called by the server itself): cuts the patients' streams
   * (not the console's) the way networks do. `end`: a clean close; `reset`: the socket torn
   * down; `torn`: at the next event, its id line and half its data, then the connection
   * closed, so a client that resumed from an incomplete block would skip that event; `stall`:
   * the connection stays open but goes silent (no events, no heartbeats) until the client's
   * heartbeat watchdog gives up. Returns how many streams were cut.
   * @param {'end' | 'reset' | 'torn' | 'stall'} mode
   */
  cut(mode) {
    let n = 0;
    for (const s of [...this.subs]) {
      if (s.patient === null) continue;
      n++;
      if (mode === 'torn') {
        s.tear = true; // at its next event (see flush)
        continue;
      }
      this.subs.delete(s);
      clearInterval(s.beat);
      if (mode === 'end') s.res.end();
      else if (mode === 'reset') s.res.socket?.destroy();
    }
    return n;
  }

  /** Patient streams open now (test hook). */
  patientStreams() {
    let n = 0;
    for (const s of this.subs) if (s.patient !== null && !s.tear) n++;
    return n;
  }

  /** Ends every stream (shutdown; also a test hook for server-side closes). */
  closeAll() {
    for (const s of this.subs) s.res.end();
    this.subs.clear();
  }
}
