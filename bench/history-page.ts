// The long-history bench page: mounts <vard-chat-view> on HistoryBackends and measures, in one
// page: how long a history takes to be on screen and the longest main-thread task meanwhile
// (until the thread's window is full), how soon the first messages show after their data
// arrived, appends interleaved between a 10-message and a 10,000-message thread, and a burst
// of live events (a reconnect's catch-up). Built by bench/history.mjs, driven by Chromium.
import '../src/define/panel.js';
import { HistoryBackend, makeMessages } from './history-backend.js';
import { WINDOW } from '../src/components/conversation/thread.js';

type W = { gc?: () => void; benchDebug?: boolean; performance: Performance & { memory?: { usedJSHeapSize: number } } };
const w = window as unknown as W & Record<string, unknown>;
const heap = () => { w.gc?.(); return w.performance.memory?.usedJSHeapSize ?? 0; };
const tick = () => new Promise((r) => setTimeout(r, 0));
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const list = (view: Element) => view.shadowRoot?.querySelector('vard-conversation')?.shadowRoot?.querySelector('vard-thread')?.shadowRoot?.querySelector('ol');
const newest = (view: Element, text: string) => !!list(view)?.lastElementChild?.textContent?.includes(text);

async function until(cond: () => unknown) {
  while (!cond()) await new Promise((r) => requestAnimationFrame(r));
}

/** Like `until`, but checks after every task (a MessageChannel hop: no timer clamping, no frame wait). */
const hop = () => new Promise<void>((r) => {
  const c = new MessageChannel();
  c.port1.onmessage = () => r();
  c.port2.postMessage(0);
});
async function untilTask(cond: () => unknown) {
  while (!cond()) await hop();
}

/** Long tasks (PerformanceObserver longtask, ≥ 50 ms) and all tasks over 16 ms seen by rAF gaps are not the same: we report longtask entries. */
function watchTasks() {
  const spans: [number, number][] = [];
  const po = new PerformanceObserver((l) => l.getEntries().forEach((e) => spans.push([e.startTime, e.duration])));
  po.observe({ type: 'longtask', buffered: false });
  return {
    longestBetween(t0: number, t1: number) {
      po.takeRecords().forEach((e) => spans.push([e.startTime, e.duration]));
      po.disconnect();
      return Math.max(0, ...spans.filter(([s, d]) => s < t1 && s + d > t0).map(([, d]) => d));
    },
  };
}

/** A backend that notes when a page of messages is handed over (the data "arrives"). */
class TimedBackend extends HistoryBackend {
  arrivedAt = 0;
  /** Frames begun since the first page arrived (counted until `framesStop`). */
  frames = 0;
  framesStop = false;
  override async getMessages(id: string, page?: { before?: string; limit?: number }) {
    const p = await super.getMessages(id, page);
    if (!this.arrivedAt) {
      const tick = () => this.framesStop || (this.frames++, requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    }
    this.arrivedAt = performance.now();
    return p;
  }
  override async getSession() { return { subject: this.subject, name: 'Testa' }; }
  constructor(messages: ReturnType<typeof makeMessages>, firstPage: number, private readonly subject: string) {
    super(messages, firstPage);
  }
}

function mount(backend: HistoryBackend, host: HTMLElement = document.body) {
  const view = document.createElement('vard-chat-view');
  view.style.cssText = 'display:flex;height:600px;width:380px';
  view.backend = backend;
  host.append(view);
  return view;
}

/** Each view a patient of its own (no outbox or stored state from an earlier view or page). */
let round = Math.floor(Math.random() * 1e9);
/** Loads a history of n messages as one page into a fresh view. */
async function benchLoad(n: number) {
  document.body.replaceChildren();
  await tick();
  const messages = makeMessages(n);
  const heapBefore = heap();
  await frame();
  const tasks = watchTasks();
  const backend = new TimedBackend(messages, n, `load-${round++}`);
  const t0 = performance.now();
  const view = mount(backend);
  // the first task after which the newest message is in the DOM: the widget's own work
  await untilTask(() => newest(view, `Meddelande ${n}`));
  const renderedAt = performance.now();
  // frames begun after the data and before the DOM had the messages painted without them: the
  // first frame after the data is frame 1
  const frameNo = backend.frames + 1;
  backend.framesStop = true;
  await frame(); // the frame that shows it has been laid out and painted
  const shownAt = performance.now();
  // on screen: the next frame after the DOM has them (checking only at frames overstated it by up to one)
  const firstMs = shownAt - backend.arrivedAt;
  const firstRenderedMs = renderedAt - backend.arrivedAt;
  // the thread fills its window in slices: the load is over when it is full
  await until(() => (list(view)?.children.length ?? 0) >= Math.min(n, WINDOW));
  await frame();
  const t1 = performance.now();
  const longestTaskMs = tasks.longestBetween(t0, t1);
  if (w.benchDebug) console.log(`load ${n}: shown ${Math.round(shownAt - t0)} ms, first ${Math.round(firstMs)} ms, full ${Math.round(t1 - t0)} ms`);
  return { loadMs: shownAt - t0, firstMs, firstRenderedMs, frameNo, longestTaskMs, nodes: list(view)!.children.length, heapBytes: heap() - heapBefore };
}

/** One append: store update → the message rendered. */
async function appendOnce(backend: HistoryBackend, view: Element, text: string) {
  const ol = list(view)!;
  const s = performance.now();
  await new Promise<void>((resolve) => {
    const mo = new MutationObserver(() => {
      if (ol.lastElementChild?.textContent?.includes(text)) { mo.disconnect(); resolve(); }
    });
    mo.observe(ol, { childList: true, subtree: true, characterData: true });
    backend.push(text);
  });
  return performance.now() - s;
}

/** Appends alternately to a 10-message and a 10,000-message thread, both mounted in this page. */
async function benchAppend(pairs: number) {
  document.body.replaceChildren();
  const small = new TimedBackend(makeMessages(10), 10, 'append-10');
  const big = new TimedBackend(makeMessages(10_000), 10_000, 'append-10000');
  const host = document.createElement('div');
  host.style.cssText = 'display:flex;gap:8px';
  document.body.append(host);
  const vs = mount(small, host);
  const vb = mount(big, host);
  await until(() => newest(vs, 'Meddelande 10') && (list(vb)?.children.length ?? 0) >= WINDOW);
  await frame();
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < pairs; i++) {
    // which goes first alternates as well
    if (i % 2) {
      b.push(await appendOnce(big, vb, `Stor ${i}`));
      s.push(await appendOnce(small, vs, `Liten ${i}`));
    } else {
      s.push(await appendOnce(small, vs, `Liten ${i}`));
      b.push(await appendOnce(big, vb, `Stor ${i}`));
    }
    await tick();
  }
  return { small: s, big: b };
}

/** A reconnect's catch-up: `burst` live events at once into a thread of `n`. */
async function benchBurst(n: number, burst: number) {
  document.body.replaceChildren();
  const backend = new TimedBackend(makeMessages(n), n, `burst-${round++}`);
  const view = mount(backend);
  await until(() => (list(view)?.children.length ?? 0) >= Math.min(n, WINDOW));
  await frame();
  const tasks = watchTasks();
  const t0 = performance.now();
  for (let i = 0; i < burst; i++) backend.push(`Ikapp ${i}`);
  await until(() => newest(view, `Ikapp ${burst - 1}`));
  await frame();
  const t1 = performance.now();
  return { ms: t1 - t0, longestTaskMs: tasks.longestBetween(t0, t1) };
}

/** As the widget does before the first open: the language's texts and its formatters, when idle. */
async function prepare() {
  const View = customElements.get('vard-chat-view') as unknown as { prepare(l: string): Promise<void>; rehearsed?: Promise<unknown> };
  await View.prepare('sv');
  await new Promise((r) => requestIdleCallback(() => setTimeout(r, 0)));
  await View.rehearsed; // the page's rehearsal of the panel, as the widget does when idle
}

Object.assign(w, { benchLoad, benchAppend, benchBurst, benchPrepare: prepare });
