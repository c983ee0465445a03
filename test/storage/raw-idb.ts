/** Reads IndexedDB raw, without idb or the widget's code: what someone with the profile on disk could see. */
import { WIDGET_DB_PREFIX } from '../../src/storage/outbox-db.js';

export async function widgetDbNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(WIDGET_DB_PREFIX));
}

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Every record of every store of one database. */
export async function dumpDb(name: string): Promise<unknown[]> {
  const open = indexedDB.open(name);
  const db = await req(open);
  db.onversionchange = () => db.close();
  try {
    const names = [...db.objectStoreNames];
    if (!names.length) return [];
    const tx = db.transaction(names, 'readonly');
    const all = await Promise.all(names.map((n) => req(tx.objectStore(n).getAll())));
    return all.flat();
  } finally {
    db.close();
  }
}

/** Serialises records with every binary field decoded as UTF-8 and Latin-1, so plain text in them would show. */
export function serialise(records: unknown[]): string {
  const dec = new TextDecoder('utf-8');
  const latin = new TextDecoder('latin1');
  return JSON.stringify(records, (_k, v: unknown) => {
    if (v instanceof ArrayBuffer) return dec.decode(v) + latin.decode(v);
    if (ArrayBuffer.isView(v)) return dec.decode(v) + latin.decode(v);
    return v;
  });
}
