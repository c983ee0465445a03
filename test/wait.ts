/** Polls `cond` (which may be async) until it is truthy; fails after `ms` with `label` (shared by the browser tests). */
export async function waitFor(cond: () => unknown, ms = 4000, label = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
