import { css } from 'lit';

export const styles = css`
  :host { display: block; padding: var(--vard-space-4, 16px); }
  h3 { margin: 0 0 var(--vard-space-2, 8px); font-size: 1.125rem; }
  p { margin: 0 0 var(--vard-space-3, 12px); line-height: 1.45; }
  .error { padding: var(--vard-space-2, 8px) var(--vard-space-3, 12px); border-left: 4px solid var(--vard-color-danger, #b3261e);
    background: var(--vard-color-danger-bg, #fdecea); color: var(--vard-color-text, #1b1b1b); }
  .done { padding: var(--vard-space-2, 8px) var(--vard-space-3, 12px); border-left: 4px solid var(--vard-color-primary, #0b5cad);
    background: var(--vard-color-surface-2, #eef3f9); }
  .methods { display: flex; flex-direction: column; gap: var(--vard-space-2, 8px); margin: 0 0 var(--vard-space-3, 12px);
    padding: 0; border: 0; }
  .methods legend { padding: 0; margin-bottom: var(--vard-space-2, 8px); font-weight: 600; }
  button { min-height: 44px; padding: 0 var(--vard-space-4, 16px); border-radius: 8px; font: inherit; font-weight: 600;
    cursor: pointer; border: 2px solid var(--vard-color-primary, #0b5cad); background: var(--vard-color-primary, #0b5cad);
    color: var(--vard-color-on-primary, #fff); }
  button:disabled { opacity: 0.6; cursor: progress; }
  button:focus-visible { outline: 3px solid var(--vard-color-focus, #ffbf47); outline-offset: 2px; }
  .note { font-size: 0.9375rem; color: var(--vard-color-text-muted, #4a4a4a); }
  @media (forced-colors: active) { button { border-color: ButtonText; } }
`;
