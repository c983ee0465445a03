import { css } from 'lit';

/** Shared look of the interactive message cards (booking, call-back, questionnaire, evaluation). */
export const actionStyles = css`
  :host { display: block; margin-top: 4px; }
  p { margin: 0 0 6px; }
  .choices { display: flex; flex-direction: column; gap: 6px; margin: 0; padding: 0; list-style: none; }
  button { min-height: 44px; padding: 6px 12px; border-radius: 8px; border: 2px solid var(--_primary); background: var(--_surface); color: var(--_primary); font-weight: 600; text-align: start; }
  button.primary { background: var(--_primary); color: var(--_on-primary); }
  button.secondary { border-color: var(--_border); color: var(--_on-surface); }
  button[disabled] { opacity: 0.6; cursor: default; }
  label { display: block; font-weight: 600; font-size: 0.9rem; margin: 6px 0 2px; }
  input, textarea { font: inherit; font-size: 16px; padding: 8px; border: 2px solid var(--_border); border-radius: 8px; width: 100%; background: var(--_surface); color: var(--_on-surface); }
  .row { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
  .error { color: var(--_error); font-weight: 600; }
  .done { font-weight: 600; }
  fieldset { border: 0; padding: 0; margin: 0; }
  legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
  .scale { display: flex; gap: 4px; flex-wrap: wrap; }
  .scale label { display: inline-flex; align-items: center; justify-content: center; min-width: 44px; min-height: 44px; border: 2px solid var(--_border); border-radius: 8px; margin: 0; }
  .scale input { width: auto; margin: 0 4px 0 0; }
  label.option { display: flex; align-items: center; gap: 8px; min-height: 44px; padding: 6px 12px; border: 2px solid var(--_border); border-radius: 8px; margin: 0; font-weight: 400; }
  label.option input { width: auto; margin: 0; }
`;
