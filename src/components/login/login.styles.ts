import { css } from 'lit';

export const styles = css`
  :host { display: block; padding: calc(var(--_space) * 2); }
  h3 { margin: 0 0 calc(var(--_space) * 1); font-size: 1.125rem; }
  p { margin: 0 0 calc(var(--_space) * 1.5); line-height: 1.45; }
  .error { padding: calc(var(--_space) * 1) calc(var(--_space) * 1.5); border-left: 4px solid var(--_error);
    background: var(--_surface); color: var(--_on-surface); }
  .done { padding: calc(var(--_space) * 1) calc(var(--_space) * 1.5); border-left: 4px solid var(--_primary);
    background: var(--_clinic-bubble); }
  .methods { display: flex; flex-direction: column; gap: calc(var(--_space) * 1); margin: 0 0 calc(var(--_space) * 1.5);
    padding: 0; border: 0; }
  .methods legend { padding: 0; margin-bottom: calc(var(--_space) * 1); font-weight: 600; }
  button { min-height: 44px; padding: 0 calc(var(--_space) * 2); border-radius: 8px; font: inherit; font-weight: 600;
    cursor: pointer; border: 2px solid var(--_primary); background: var(--_primary);
    color: var(--_on-primary); }
  button:disabled { opacity: 0.6; cursor: progress; }
  button:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .note { font-size: 0.9375rem; color: var(--_muted); }
  @media (forced-colors: active) { button { border-color: ButtonText; } }
`;
