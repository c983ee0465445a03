/**
 * Deletes everything the widget stored in this browser for the patient: every IndexedDB database
 * whose name starts with `vard-chat-data-` (the project's convention for widget data) and every
 * sessionStorage/localStorage key starting with `vard-chat:`. The mock server's own database
 * (`vard-chat-mock-server`) is not widget data and stays. Called on logout and on timeout.
 */
export const WIDGET_DB_PREFIX = 'vard-chat-data-';
export const WIDGET_KEY_PREFIX = 'vard-chat:';

export async function purgeWidgetData(): Promise<void> {
  for (const area of ['sessionStorage', 'localStorage'] as const) {
    try {
      const storage = window[area];
      const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
        (k): k is string => !!k && k.startsWith(WIDGET_KEY_PREFIX),
      );
      for (const k of keys) storage.removeItem(k);
    } catch {
      // storage disabled (privacy settings): nothing was stored there either
    }
  }
  let names: string[] = [];
  try {
    names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(WIDGET_DB_PREFIX));
  } catch {
    return;
  }
  await Promise.all(names.map(deleteDatabase));
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    // "blocked": an open connection must close first; the deletion still happens when it does
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}
