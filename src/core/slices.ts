/**
 * Long work in slices, so the main thread stays free for input and painting: a page of 10,000
 * messages, or a burst of live events after a reconnect, never holds it for one long task.
 * Framework-free (no DOM): `scheduler`, `MessageChannel` and `performance` are looked up on
 * globalThis, and the clock and the yield can be injected (tests).
 */
type SchedulerLike = { yield?: () => Promise<void>; postTask?: (f: () => void, o: { priority: 'background' }) => unknown };

/**
 * Runs `fn` as background work: after the page's other tasks and input (`scheduler.postTask`
 * with background priority where the browser has it, else a timer).
 */
export function inBackground(fn: () => void): void {
  const s = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof s?.postTask === 'function') s.postTask(fn, { priority: 'background' });
  else setTimeout(fn, 0);
}

/**
 * Gives the main thread back between slices: `scheduler.yield()` where the browser has it (the
 * continuation keeps its place ahead of other tasks), else a MessageChannel message (no 4 ms
 * timer clamp), else a timer.
 */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const c = new MessageChannel();
      c.port1.onmessage = () => {
        c.port1.close();
        resolve();
      };
      c.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface SliceOptions {
  /** Items handed to `work` at a time (default 100). */
  size?: number;
  /** After this much work in one task, yield before the next batch (default 8 ms: half a frame). */
  budgetMs?: number;
  now?: () => number;
  yield?: () => Promise<void>;
}

/**
 * Calls `work` with consecutive batches of `items`, in order, yielding to the main thread
 * whenever a task has worked for `budgetMs`. Resolves with the number of tasks it used.
 */
export async function inSlices<T>(items: readonly T[], work: (batch: readonly T[]) => void, opts: SliceOptions = {}): Promise<number> {
  const size = Math.max(1, opts.size ?? 100);
  const budget = opts.budgetMs ?? 8;
  const now = opts.now ?? (() => performance.now());
  const pause = opts.yield ?? yieldToMain;
  let tasks = 1;
  let started = now();
  for (let i = 0; i < items.length; i += size) {
    if (i > 0 && now() - started >= budget) {
      await pause();
      tasks++;
      started = now();
    }
    work(items.slice(i, i + size));
  }
  return tasks;
}
