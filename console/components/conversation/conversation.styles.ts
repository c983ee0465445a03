import { css } from 'lit';

export const styles = css`
  header { margin-bottom: var(--_space); }
  h2:focus { outline: none; }
  h2:focus-visible { outline: 3px solid var(--_focus); }
  .thread { max-height: 50vh; overflow-y: auto; border: 1px solid var(--_border); border-radius: 8px; padding: 0; }
  .msg { padding: var(--_space) calc(var(--_space) * 1.5); border-bottom: 1px solid var(--_border); white-space: pre-wrap; overflow-wrap: anywhere; }
  .msg.patient { background: var(--_patient-bubble); }
  .msg.system { color: var(--_muted); font-style: italic; }
  .msg .meta { display: block; font-size: 0.85rem; color: var(--_muted); font-style: normal; }
  .msg .text { display: block; }
  .detail { margin: 4px 0 0; padding-inline-start: 1.2em; list-style: disc; }
  .typing { min-height: 1.5em; color: var(--_muted); margin: 4px 0; }
  .answers { margin-top: calc(var(--_space) * 2); }
  .answer { border-inline-start: 4px solid var(--_primary); padding: 4px var(--_space); margin: 4px 0; }
  dl { margin: 4px 0; display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 2px var(--_space); }
  dt { font-weight: 600; }
  dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .empty { color: var(--_muted); }
`;
