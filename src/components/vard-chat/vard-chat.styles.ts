import { css } from 'lit';

export const styles = css`
  /* !important in a shadow root's :host beats the host page's !important: the page cannot hide,
     move or restyle the widget by accident (e.g. "* { all: unset !important }"). Theme it with
     the --vard-* custom properties instead. */
  :host {
    position: fixed !important;
    inset-block-end: var(--vard-offset-block, 16px) !important;
    inset-inline-end: var(--vard-offset-inline, 16px) !important;
    inset-block-start: auto !important;
    inset-inline-start: auto !important;
    z-index: var(--vard-z-index, 1000) !important;
    display: block !important;
    visibility: visible !important;
    opacity: 1 !important;
    margin: 0 !important;
    padding: 0 !important;
    width: auto !important;
    height: auto !important;
    transform: none !important;
    contain: layout style !important;
  }
  :host([position='left']) {
    inset-inline-end: auto !important;
    inset-inline-start: var(--vard-offset-inline, 16px) !important;
  }
  .launcher {
    display: inline-flex; align-items: center; gap: var(--_space);
    min-height: 48px; padding: 0 20px; border: 2px solid transparent; border-radius: 999px;
    background: var(--_primary); color: var(--_on-primary); font-weight: 600;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
  }
  .launcher:hover { filter: brightness(1.1); }
  .badge { min-width: 1.5em; padding: 0 6px; border-radius: 999px; background: var(--_on-primary); color: var(--_primary); font-size: 0.85rem; text-align: center; }
  .panel {
    position: absolute; inset-block-end: 0; inset-inline-end: 0;
    display: flex; flex-direction: column;
    width: min(var(--vard-panel-width, 380px), calc(100vw - 2 * var(--vard-offset-inline, 16px)));
    height: min(var(--vard-panel-height, 600px), calc(100vh - 2 * var(--vard-offset-block, 16px)));
    background: var(--_surface); color: var(--_on-surface);
    border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: 0 8px 32px rgb(0 0 0 / 0.3); overflow: hidden;
    /* clip, not just hide: focus moving to content below must never scroll the header away */
    overflow: clip;
  }
  :host([position='left']) .panel { inset-inline-end: auto; inset-inline-start: 0; }
  /* a plain div, not <header>: the widget must not add a banner landmark to the host page */
  .header {
    display: flex; align-items: center; gap: var(--_space);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    background: var(--_primary); color: var(--_on-primary);
  }
  h2 { flex: 1; margin: 0; font-size: 1.05rem; }
  h2:focus { outline: none; }
  .close {
    min-width: 44px; min-height: 44px; border: 2px solid currentColor; border-radius: 8px;
    background: transparent; color: inherit; font-size: 0.95rem; padding: 0 10px;
  }
  .body { flex: 1; min-height: 0; display: flex; flex-direction: column; }
  .notice { padding: calc(var(--_space) * 2); }
  @media (forced-colors: active) {
    .launcher, .panel, .close { border: 2px solid CanvasText; }
  }
`;
