import { css } from 'lit';

export const styles = css`
  :host { display: flex; flex-direction: column; flex: 1; min-height: 0; }
  .bar { display: flex; align-items: center; gap: var(--_space); padding: 4px calc(var(--_space) * 1.5); border-bottom: 1px solid var(--_border); }
  .bar div { flex: 1; min-width: 0; }
  .status, .presence { margin: 0; font-size: 0.9rem; color: var(--_muted); }
  .status { color: var(--_on-surface); }
  .back, .files { min-height: 44px; padding: 0 10px; border-radius: 8px; border: 2px solid var(--_border); background: var(--_surface); color: var(--_on-surface); }
  .typing { margin: 0; padding: 0 calc(var(--_space) * 2); min-height: 1.5em; font-size: 0.85rem; color: var(--_muted); font-style: italic; }
  /* a long evaluation scrolls inside the footer; the thread keeps part of the panel */
  .footer { border-top: 1px solid var(--_border); padding: var(--_space) calc(var(--_space) * 1.5); max-height: 70%; overflow-y: auto; flex-shrink: 0; }
  .footer p { margin: 0 0 var(--_space); }
  .new { min-height: 44px; padding: 0 12px; border-radius: 8px; border: 0; background: var(--_primary); color: var(--_on-primary); font-weight: 600; }
`;
