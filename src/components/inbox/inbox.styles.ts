import { css } from 'lit';

export const styles = css`
  :host { display: flex; flex-direction: column; flex: 1; min-height: 0; }
  .top { display: flex; align-items: center; justify-content: space-between; gap: var(--_space); padding: var(--_space) calc(var(--_space) * 1.5); border-bottom: 1px solid var(--_border); }
  h3 { margin: 0; font-size: 1rem; }
  .new { min-height: 44px; padding: 0 14px; border-radius: 8px; border: 0; background: var(--_primary); color: var(--_on-primary); font-weight: 600; }
  ul { list-style: none; margin: 0; padding: 0; overflow-y: auto; flex: 1; min-height: 0; }
  li { border-bottom: 1px solid var(--_border); }
  .row { display: block; width: 100%; text-align: start; padding: var(--_space) calc(var(--_space) * 1.5); min-height: 44px; border: 0; background: var(--_surface); color: var(--_on-surface); }
  .row:hover { background: var(--_clinic-bubble); }
  .line { display: flex; justify-content: space-between; gap: var(--_space); margin: 0; }
  .title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .unread { flex: none; min-width: 1.6em; padding: 0 6px; border-radius: 999px; background: var(--_primary); color: var(--_on-primary); font-size: 0.8rem; font-weight: 700; text-align: center; }
  .preview, .meta, .line { display: block; }
  .line { display: flex; }
  .preview { margin: 2px 0; color: var(--_on-surface); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .meta { margin: 0; font-size: 0.8rem; color: var(--_muted); }
  .closed .title { font-weight: 400; }
  .empty { padding: calc(var(--_space) * 2); color: var(--_muted); margin: 0; }
`;
