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
  .files { margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: var(--_space); white-space: normal; }
  .file { display: flex; flex-direction: column; gap: 2px; max-width: 16rem; }
  .file.doc { flex-direction: row; flex-wrap: wrap; align-items: baseline; gap: 4px var(--_space); border: 1px solid var(--_border); border-radius: 8px; padding: 6px 10px; background: var(--_surface); }
  .file img { display: block; max-width: 100%; max-height: 12rem; width: auto; height: auto; border-radius: 6px; border: 1px solid var(--_border); }
  .file-name { font-weight: 600; overflow-wrap: anywhere; }
  .file-meta { font-size: 0.85rem; color: var(--_muted); }
  .chosen { margin: 4px 0; }
  .chosen li { display: flex; flex-wrap: wrap; align-items: center; gap: 4px var(--_space); padding: 2px 0; overflow-wrap: anywhere; }
  .tools { margin-top: 4px; }
  .tools .primary { margin-inline-start: auto; }
  .template-picker { display: flex; flex-wrap: wrap; align-items: end; gap: 4px var(--_space); }
  .template-picker label { width: 100%; margin-bottom: 0; }
  .file-list { margin-top: calc(var(--_space) * 2); }
  .file-list li { padding: 4px 0; border-bottom: 1px solid var(--_border); overflow-wrap: anywhere; }
  .file-list .file-meta { display: block; }
`;
