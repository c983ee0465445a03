/**
 * What survives the trip to the identity provider: only non-sensitive UI state (the panel was
 * open, which view), in sessionStorage under `vard-chat:ui`. Nothing the patient wrote, no health
 * data. First-load code: keep it tiny.
 */
export const UI_STATE_KEY = 'vard-chat:ui';

export interface UiState {
  open: boolean;
  view: 'chat';
}

export function saveUiState(state: UiState): void {
  try {
    sessionStorage.setItem(UI_STATE_KEY, JSON.stringify({ open: state.open, view: state.view }));
  } catch {
    // storage unavailable: the patient opens the chat again after the login
  }
}

/** Reads and forgets the saved UI state. */
export function takeUiState(): UiState | undefined {
  try {
    const raw = sessionStorage.getItem(UI_STATE_KEY);
    sessionStorage.removeItem(UI_STATE_KEY);
    const v = raw ? (JSON.parse(raw) as Partial<UiState>) : undefined;
    return v && v.open === true ? { open: true, view: 'chat' } : undefined;
  } catch {
    return undefined;
  }
}

/** True when this URL is a login's return to the widget (reopen the panel to finish or explain it). */
export function looksLikeLoginReturn(url: URL, oidc: boolean): boolean {
  const q = url.searchParams;
  return q.has('vard_login_error') || (oidc && q.has('state') && (q.has('code') || q.has('error')));
}

/**
 * A hint that a patient is logged in with this widget in this tab (`vard-chat:active`, no
 * personal data; purged with the rest at logout): a page load with it sets the panel up hidden,
 * so that the inactivity timer and its warning run before the panel is opened.
 */
export const ACTIVE_KEY = 'vard-chat:active';

export function markActive(active: boolean): void {
  try {
    if (active) sessionStorage.setItem(ACTIVE_KEY, '1');
    else sessionStorage.removeItem(ACTIVE_KEY);
  } catch {
    // storage unavailable: the timer starts when the panel is first opened
  }
}

export function wasActive(): boolean {
  try {
    return sessionStorage.getItem(ACTIVE_KEY) === '1';
  } catch {
    return false;
  }
}
