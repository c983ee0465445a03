import { css } from 'lit';
import { baseStyles } from '../../src/styles/tokens.styles.js';

/** The console's shared look: the widget's tokens (AA contrast, focus ring, reduced motion) plus forms and buttons. */
export const consoleStyles = [baseStyles, css`
  :host { display: block; }
  h2, h3, h4 { margin: 0 0 var(--_space); line-height: 1.25; }
  h2 { font-size: 1.2rem; }
  h3 { font-size: 1.05rem; }
  h4 { font-size: 1rem; }
  p { margin: 0 0 var(--_space); }
  label { display: block; font-weight: 600; margin: var(--_space) 0 2px; }
  input, select, textarea { font: inherit; color: var(--_on-surface); background: var(--_surface); border: 1px solid var(--_border); border-radius: 6px; padding: 6px 8px; min-height: 44px; max-width: 100%; }
  textarea { width: 100%; resize: vertical; }
  input[type='checkbox'], input[type='radio'] { min-height: 0; width: 1.2em; height: 1.2em; margin: 0 6px 0 0; vertical-align: middle; }
  .check { display: flex; align-items: center; font-weight: 400; }
  button { min-height: 44px; padding: 6px 14px; border-radius: 8px; border: 1px solid var(--_primary); background: var(--_surface); color: var(--_primary); font-weight: 600; }
  button.primary { background: var(--_primary); color: var(--_on-primary); }
  a.button { display: inline-flex; align-items: center; min-height: 44px; padding: 6px 14px; border-radius: 8px; border: 1px solid var(--_primary); font-weight: 600; text-decoration: none; color: var(--_primary); background: var(--_surface); }
  a.button.primary { background: var(--_primary); color: var(--_on-primary); }
  .card + .card { margin-top: var(--_space); }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  .row { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: end; }
  .muted { color: var(--_muted); }
  .hint { font-size: 0.9rem; color: var(--_muted); margin: 2px 0; }
  .error { color: var(--_error); font-weight: 600; }
  fieldset { border: 1px solid var(--_border); border-radius: 8px; margin: var(--_space) 0; padding: var(--_space); }
  legend { font-weight: 600; padding: 0 4px; }
  ul, ol { margin: 0; padding: 0; list-style: none; }
  .card { border: 1px solid var(--_border); border-radius: 10px; padding: calc(var(--_space) * 1.5); background: var(--_surface); }
  .flag { color: var(--_error); font-weight: 700; }
`];
