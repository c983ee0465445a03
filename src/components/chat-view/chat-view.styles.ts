import { css } from 'lit';

export const styles = css`
  :host { display: flex; flex-direction: column; flex: 1; min-height: 0; }
  .status { margin: 0; padding: var(--_space) calc(var(--_space) * 2); font-size: 0.9rem; color: var(--_muted); border-bottom: 1px solid var(--_border); }
  .thread { flex: 1; min-height: 0; overflow-y: auto; padding: calc(var(--_space) * 1.5); }
  .messages { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: var(--_space); }
  .msg { max-width: 85%; padding: var(--_space) calc(var(--_space) * 1.5); border-radius: var(--_radius); background: var(--_clinic-bubble); align-self: flex-start; overflow-wrap: anywhere; }
  .msg.mine { background: var(--_patient-bubble); align-self: flex-end; }
  .msg.system { background: transparent; align-self: center; text-align: center; font-size: 0.9rem; color: var(--_muted); }
  .msg p { margin: 0; }
  .meta { font-size: 0.8rem; color: var(--_muted); display: flex; gap: var(--_space); justify-content: space-between; }
  .author { font-weight: 600; }
  .text { white-space: pre-wrap; }
  .state { font-size: 0.8rem; color: var(--_muted); text-align: end; }
  .state.failed { color: var(--_error); font-weight: 600; text-align: start; }
  .actions { display: flex; gap: var(--_space); margin-top: 4px; }
  .actions button, .retry-load { min-height: 44px; padding: 0 12px; border-radius: 8px; border: 2px solid var(--_primary); background: var(--_surface); color: var(--_primary); font-weight: 600; }
  .actions .secondary { border-color: var(--_border); color: var(--_on-surface); }
  .empty, .notice { color: var(--_muted); margin: 0; padding: calc(var(--_space) * 2); }
  .outbox-notice { margin: 0; padding: var(--_space) calc(var(--_space) * 2); font-size: 0.9rem; border-bottom: 1px solid var(--_border); background: var(--_surface); color: var(--_on-surface); }
  .outbox-notice.online-only { font-weight: 600; }
  .triage-host { flex: 1; min-height: 0; overflow-y: auto; }
  .next-steps { margin: 0; padding: var(--_space) calc(var(--_space) * 2); font-size: 0.9rem; border-bottom: 1px solid var(--_border); }
  .typing { margin: 0; padding: 0 calc(var(--_space) * 2); min-height: 1.5em; font-size: 0.85rem; color: var(--_muted); font-style: italic; }
`;
