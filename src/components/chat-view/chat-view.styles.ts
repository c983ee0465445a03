import { css } from 'lit';

/** The panel inside: notices, the triage host and "what happens next" (the thread styles its own). */
export const styles = css`
  :host { display: flex; flex-direction: column; flex: 1; min-height: 0; }
  .retry-load { min-height: 44px; padding: 0 12px; border-radius: 8px; border: 2px solid var(--_primary); background: var(--_surface); color: var(--_primary); font-weight: 600; }
  .notice { color: var(--_muted); margin: 0; padding: calc(var(--_space) * 2); }
  .outbox-notice { margin: 0; padding: var(--_space) calc(var(--_space) * 2); font-size: 0.9rem; border-bottom: 1px solid var(--_border); background: var(--_surface); color: var(--_on-surface); }
  .outbox-notice.online-only { font-weight: 600; }
  .triage-host { flex: 1; min-height: 0; overflow-y: auto; }
  .next-steps { margin: 0; padding: var(--_space) calc(var(--_space) * 2); font-size: 0.9rem; border-bottom: 1px solid var(--_border); }
`;
