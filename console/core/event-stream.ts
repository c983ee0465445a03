/**
 * The console's live stream (`/console/api/events`, Server-Sent Events). The browser's
 * EventSource resumes by itself with Last-Event-ID after a dropped connection; when the server
 * refuses the stream (EventSource closed), this reopens it after a pause with the last id in the
 * `lastEventId` query, so nothing between is lost. A `resync` event means "reload from REST".
 */

/** Connection states. `connecting`: first open; `open`: receiving; `reconnecting`: lost, retrying; `closed`: stopped. */
export const StreamState = { connecting: 'connecting', open: 'open', reconnecting: 'reconnecting', closed: 'closed' } as const;
export type StreamState = (typeof StreamState)[keyof typeof StreamState];

export interface EventStreamOptions {
  url: string;
  onEvent: (data: unknown) => void;
  onResync: () => void;
  onState: (state: StreamState) => void;
  /** The pause before reopening a closed stream (ms). */
  retryMs?: number;
  create?: (url: string) => EventSource;
}

export class ConsoleEventStream {
  private source: EventSource | undefined;
  private lastId = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private state: StreamState = 'closed';

  constructor(private readonly opts: EventStreamOptions) {}

  /** The id of the last event received ('' before any). */
  get lastEventId(): string {
    return this.lastId;
  }

  start(): void {
    this.stopped = false;
    this.open('connecting');
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.source = undefined;
    this.setState('closed');
  }

  private open(state: StreamState): void {
    this.setState(state);
    const url = this.lastId ? `${this.opts.url}?lastEventId=${encodeURIComponent(this.lastId)}` : this.opts.url;
    const es = (this.opts.create ?? ((u) => new EventSource(u, { withCredentials: true })))(url);
    this.source = es;
    es.onopen = () => this.setState('open');
    es.onmessage = (m: MessageEvent<string>) => {
      if (m.lastEventId) this.lastId = m.lastEventId;
      let data: unknown;
      try {
        data = JSON.parse(m.data);
      } catch {
        return; // a torn or foreign line: ignored, the next resume fills the gap
      }
      this.opts.onEvent(data);
    };
    es.addEventListener('resync', (m) => {
      const id = (m as MessageEvent).lastEventId;
      if (id) this.lastId = id;
      this.opts.onResync();
    });
    es.onerror = () => {
      if (this.stopped || es !== this.source) return;
      if (es.readyState === EventSource.CLOSED) {
        // refused (e.g. a server restart answered 5xx): reopen ourselves, resuming from the last id
        es.close();
        this.setState('reconnecting');
        clearTimeout(this.timer);
        this.timer = setTimeout(() => !this.stopped && this.open('reconnecting'), this.opts.retryMs ?? 2000);
      } else {
        this.setState('reconnecting'); // the browser retries with Last-Event-ID
      }
    };
  }

  private setState(s: StreamState): void {
    if (s === this.state) return;
    this.state = s;
    this.opts.onState(s);
  }
}
