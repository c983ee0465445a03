/**
 * Turns what the nurse filled in (local dates and times from form fields) into action payloads.
 * Framework-free; each builder returns the payload or the name of the first field that is wrong.
 */
import { isSafeHttpsUrl } from '../../src/protocol/primitives.js';

/** A local date ("2030-01-02") and time ("09:30") as an ISO instant, or null. */
export function localInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const d = new Date(`${date}T${time}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export interface SlotInput { date: string; time: string; minutes: number; type: 'visit' | 'video'; label: string }
export interface WindowInput { date: string; from: string; to: string }

export function buildSlots(inputs: readonly SlotInput[]) {
  const slots: { id: string; start: string; end: string; type: 'visit' | 'video'; label?: string }[] = [];
  for (const [i, s] of inputs.entries()) {
    const start = localInstant(s.date, s.time);
    if (!start) return { ok: false, error: 'invalidDate', field: `slot-${i}-date` } as const;
    const minutes = Number.isFinite(s.minutes) && s.minutes > 0 ? Math.min(s.minutes, 480) : 20;
    const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
    slots.push({ id: `s${i + 1}`, start, end, type: s.type, ...(s.label.trim() ? { label: s.label.trim() } : {}) });
  }
  return { ok: true, value: slots } as const;
}

export function buildWindows(inputs: readonly WindowInput[]) {
  const windows: { id: string; start: string; end: string }[] = [];
  for (const [i, w] of inputs.entries()) {
    const start = localInstant(w.date, w.from);
    const end = localInstant(w.date, w.to);
    if (!start || !end) return { ok: false, error: 'invalidDate', field: `window-${i}-date` } as const;
    if (end <= start) return { ok: false, error: 'invalidWindow', field: `window-${i}-to` } as const;
    windows.push({ id: `w${i + 1}`, start, end });
  }
  return { ok: true, value: windows } as const;
}

/** The meeting link when it is a safe https URL (the protocol's rule), else null. */
export function checkMeetingUrl(raw: string): string | null {
  const t = raw.trim();
  return isSafeHttpsUrl(t) ? new URL(t).href : null;
}

/** Tomorrow's date in local time as "YYYY-MM-DD" (the forms' default). */
export function tomorrow(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
