/**
 * An incremental Server-Sent Events parser (the WHATWG "event stream interpretation"): feed it
 * text chunks as they arrive, in any split; it dispatches complete events only, so an event cut
 * off by a dropped connection is never delivered half.
 */
export interface SseEvent {
  /** The stream's last event id after this event (the `id:` field, carried over). */
  id: string;
  event: string;
  data: string;
}

export class SseParser {
  /** The last event id seen (what a reconnect sends as Last-Event-ID). */
  lastEventId: string;
  /** The last event id as of the last complete block (an event, or an `id:` alone): safe to resume from. */
  committedId: string;
  private buf = '';
  private data: string[] = [];
  private event = '';
  private hasData = false;

  constructor(
    private readonly onEvent: (e: SseEvent) => void,
    lastEventId = '',
    /** Called for a `retry:` field, with the reconnection time in ms. */
    private readonly onRetry?: (ms: number) => void,
  ) {
    this.lastEventId = lastEventId;
    this.committedId = lastEventId;
  }

  push(chunk: string): void {
    const buf = this.buf + chunk;
    let start = 0;
    for (let i = 0; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // a lone \r at the very end may be the first half of \r\n: wait for more
      if (c === 13 && i + 1 === buf.length) break;
      this.line(buf.slice(start, i));
      if (c === 13 && buf.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.buf = buf.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return; // comment (heartbeat)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.onRetry?.(Number(value));
        break;
      default:
        break;
    }
  }

  private dispatch(): void {
    this.committedId = this.lastEventId;
    if (this.hasData) this.onEvent({ id: this.lastEventId, event: this.event || 'message', data: this.data.join('\n') });
    this.data = [];
    this.hasData = false;
    this.event = '';
  }
}
