/** Address-bar helpers shared by the strategies. */

/** Parameters a login return may carry; all leave the address bar once read. */
export const CALLBACK_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state', 'vard_login_error'];

/** Removes the callback parameters from the address bar with history.replaceState. */
export function clearCallbackParams(loc: Location = location, hist: History = history): void {
  const url = new URL(loc.href);
  for (const p of CALLBACK_PARAMS) url.searchParams.delete(p);
  hist.replaceState(hist.state, '', url.href);
}

/** This page, without callback parameters: the return address for a login. */
export function returnAddress(loc: Location = location): string {
  const url = new URL(loc.href);
  for (const p of CALLBACK_PARAMS) url.searchParams.delete(p);
  return url.href;
}

/** Resolves a configured URL; only http(s) is accepted. */
export function httpUrl(value: string, base: string): URL {
  const url = new URL(value, base);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not an http(s) URL');
  return url;
}
