/** Quiet hours in Europe/Stockholm: whether a moment falls in them, and when they end. */
const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', hourCycle: 'h23' });
const HOUR = 3_600_000;

export type Quiet = { from: number; to: number } | null;

export function localHour(ms: number): number {
  return Number(hourOf.format(new Date(ms)));
}

export function isQuiet(quiet: Quiet, ms: number): boolean {
  if (!quiet) return false;
  const h = localHour(ms);
  return quiet.from > quiet.to ? h >= quiet.from || h < quiet.to : h >= quiet.from && h < quiet.to;
}

/**
 * The first moment after `ms` outside quiet hours: the top of the local hour `to`. Stockholm's
 * offsets are whole hours, so a local hour starts at a whole UTC hour.
 */
export function quietEnd(quiet: Quiet, ms: number): number {
  if (!isQuiet(quiet, ms)) return ms;
  let t = Math.floor(ms / HOUR) * HOUR;
  for (let i = 0; i < 26 && isQuiet(quiet, t); i++) t += HOUR;
  return t;
}
