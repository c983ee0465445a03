import { css } from 'lit';

export const styles = css`
  :host { display: flex; flex-direction: column; flex: 1; min-height: 0; position: relative; }
  .scroller { position: relative; flex: 1; min-height: 0; overflow-y: auto; overflow-anchor: none; padding: calc(var(--_space) * 1.5); }
  .messages { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: var(--_space); }
  .msg { max-width: 85%; padding: var(--_space) calc(var(--_space) * 1.5); border-radius: var(--_radius); background: var(--_clinic-bubble); align-self: flex-start; overflow-wrap: anywhere; }
  .msg.mine { background: var(--_patient-bubble); align-self: flex-end; }
  .msg.system { background: transparent; align-self: center; text-align: center; font-size: 0.9rem; color: var(--_muted); max-width: 95%; }
  .msg p { margin: 0; }
  .day { font-size: 0.8rem; font-weight: 600; color: var(--_muted); text-align: center; margin-bottom: 4px !important; }
  .meta { font-size: 0.8rem; color: var(--_muted); display: flex; gap: var(--_space); justify-content: space-between; }
  /* the time never wraps ("09: / 00" beside a long author label at 320 px); the label wraps instead */
  .meta time { white-space: nowrap; flex: none; }
  .meta .author { min-width: 0; overflow-wrap: anywhere; }
  .author { font-weight: 600; }
  .text { white-space: pre-wrap; }
  .card-title { font-weight: 600; margin-top: 4px !important; }
  .note { color: var(--_muted); }
  a { color: var(--_primary); }
  .action-link { display: inline-flex; align-items: center; min-height: 44px; font-weight: 600; }
  .state { font-size: 0.8rem; color: var(--_muted); text-align: end; }
  .state.failed { color: var(--_error); font-weight: 600; text-align: start; }
  .actions { display: flex; gap: var(--_space); margin-top: 4px; }
  .actions button, .older, .marker { min-height: 44px; padding: 0 12px; border-radius: 8px; border: 2px solid var(--_primary); background: var(--_surface); color: var(--_primary); font-weight: 600; }
  .actions .secondary { border-color: var(--_border); color: var(--_on-surface); }
  .older-row { display: flex; justify-content: center; align-items: center; margin-bottom: var(--_space); min-height: 48px; }
  .loading { color: var(--_muted); font-size: 0.9rem; margin: 0; }
  .empty { color: var(--_muted); margin: 0; padding: var(--_space); }
  .marker { position: absolute; inset-block-end: var(--_space); inset-inline-start: 50%; transform: translateX(-50%); background: var(--_primary); color: var(--_on-primary); box-shadow: 0 2px 6px rgb(0 0 0 / 0.25); }
`;
