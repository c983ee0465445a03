import { css } from 'lit';

export const styles = css`
  :host { display: block; }
  .triage { padding: calc(var(--_space) * 1.5); }
  .progress, .group, .hint { font-size: 0.875rem; color: var(--_muted); margin: 0 0 var(--_space); }
  .group { font-weight: 600; }
  fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
  .question, legend, h3 { display: block; font-size: 1.05rem; font-weight: 600; margin: 0 0 var(--_space); padding: 0; }
  .info { font-size: 1rem; margin: 0 0 var(--_space); }
  .option {
    display: flex; gap: var(--_space); align-items: center; min-height: 44px; padding: 6px 10px; margin: 0 0 6px;
    border: 2px solid var(--_border); border-radius: 8px; cursor: pointer;
  }
  .option:has(input:checked) { border-color: var(--_primary); background: var(--_patient-bubble); }
  .option input { width: 20px; height: 20px; margin: 0; flex: none; accent-color: var(--_primary); }
  .other-label { display: block; font-weight: 600; margin: var(--_space) 0 4px; }
  input.text, textarea {
    display: block; width: 100%; min-height: 44px; padding: 10px; font: inherit; font-size: 16px;
    color: var(--_on-surface); background: var(--_surface); border: 2px solid var(--_border); border-radius: 8px;
  }
  textarea { resize: vertical; }
  [aria-invalid='true'] input.text, input[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--_error); }
  fieldset[aria-invalid='true'] .option { border-color: var(--_error); }
  .error { color: var(--_error); font-weight: 600; margin: var(--_space) 0 0; }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); justify-content: flex-end; margin-top: calc(var(--_space) * 2); }
  .actions button { min-height: 44px; padding: 0 18px; border-radius: 8px; font-weight: 600; }
  .primary { border: 2px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); }
  .primary[disabled] { opacity: 0.6; cursor: progress; }
  .secondary { border: 2px solid var(--_primary); background: var(--_surface); color: var(--_primary); }
  .summary { margin: 0; }
  .summary .row { display: grid; grid-template-columns: 1fr auto; gap: 2px var(--_space); padding: var(--_space) 0; border-bottom: 1px solid var(--_border); }
  .summary dt { grid-column: 1 / -1; font-weight: 600; }
  .summary dd { margin: 0; overflow-wrap: anywhere; }
  .link { background: none; border: 0; padding: 0 4px; min-height: 44px; color: var(--_primary); text-decoration: underline; }
  .emergency { border: 3px solid var(--_error); border-radius: var(--_radius); padding: calc(var(--_space) * 1.5); }
  .emergency h3 { color: var(--_error); }
  .call { font-weight: 700; font-size: 1.05rem; }
  .phones { display: flex; gap: var(--_space); flex-wrap: wrap; }
  .phones a {
    display: inline-flex; align-items: center; min-height: 44px; padding: 0 16px; border-radius: 8px;
    background: var(--_error); color: #fff; font-weight: 700; text-decoration: none;
  }
  .invalid { border-left: 4px solid var(--_error); padding-left: var(--_space); }
  .invalid li { overflow-wrap: anywhere; }
  @media (forced-colors: active) { .option:has(input:checked) { outline: 2px solid CanvasText; } }
`;
