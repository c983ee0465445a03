// The long-history bench page: mounts <vard-chat-view> on a HistoryBackend and measures how long
// a history takes to be on screen, how long one appended message takes to render, how many
// message nodes are in the DOM, and the JS heap. Built by bench/history.mjs, driven by Chromium.
import '../src/define/panel.js';
import { HistoryBackend, makeMessages } from './history-backend.js';

const w = window as unknown as { gc?: () => void; benchHistory: typeof benchHistory; performance: Performance & { memory?: { usedJSHeapSize: number } } };
const heap = () => { w.gc?.(); return w.performance.memory?.usedJSHeapSize ?? 0; };
const tick = () => new Promise((r) => setTimeout(r, 0));
const list = (view: Element) => view.shadowRoot?.querySelector('vard-conversation')?.shadowRoot?.querySelector('vard-thread')?.shadowRoot?.querySelector('ol');

async function until(cond: () => unknown) {
  while (!cond()) await new Promise((r) => requestAnimationFrame(r));
}

async function benchHistory(n: number) {
  document.body.replaceChildren();
  await tick();
  const messages = makeMessages(n);
  await tick();
  const heapBefore = heap();
  await tick();
  const spans: [number, number][] = [];
  const po = new PerformanceObserver((l) => l.getEntries().forEach((e) => spans.push([e.startTime, e.duration])));
  po.observe({ type: 'longtask', buffered: false });
  const backend = new HistoryBackend(messages, n);
  const t0 = performance.now();
  const view = document.createElement('vard-chat-view');
  view.style.cssText = 'display:flex;height:600px;width:380px';
  view.backend = backend;
  document.body.append(view);
  await until(() => list(view)?.lastElementChild?.textContent?.includes(`Meddelande ${n}`));
  await tick(); // after the frame that shows it has been laid out and painted
  const t1 = performance.now();
  const loadMs = t1 - t0;
  // append: store update to rendered, median of 61
  const times: number[] = [];
  for (let i = 0; i < 61; i++) {
    const text = `Nytt ${i}`;
    const s = performance.now();
    backend.push(text);
    const ol = list(view)!;
    await new Promise<void>((resolve) => {
      const mo = new MutationObserver(() => { if (ol.lastElementChild?.textContent?.includes(text)) { mo.disconnect(); resolve(); } });
      mo.observe(ol, { childList: true, subtree: true, characterData: true });
    });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  await tick();
  po.disconnect();
  // main-thread tasks that overlap the load (from element created to history on screen)
  if (n > 100 && (window as unknown as { benchDebug?: boolean }).benchDebug) console.log('spans', JSON.stringify(spans.map(([a, d]) => [Math.round(a - t0), Math.round(d)])), Math.round(t1 - t0));
  const longTasks = spans.filter(([start, d]) => start < t1 && start + d > t0).map(([, d]) => d);
  const nodes = list(view)!.children.length;
  const heapAfter = heap();
  return { loadMs, appendMs: times[Math.floor(times.length / 2)]!, nodes, longestTaskMs: Math.max(0, ...longTasks), heapBytes: heapAfter - heapBefore };
}
w.benchHistory = benchHistory;
