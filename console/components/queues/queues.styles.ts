import { css } from 'lit';

export const styles = css`
  section + section { margin-top: calc(var(--_space) * 2); }
  .queue { display: grid; grid-template-columns: 1fr auto; gap: 2px var(--_space); align-items: center; padding: var(--_space) 0; border-bottom: 1px solid var(--_border); }
  .queue .name { font-weight: 600; }
  .queue .count { grid-column: 1; color: var(--_muted); }
  .queue button { grid-column: 2; grid-row: 1 / span 2; }
  .conversations li { margin: 4px 0; }
  .conv { display: block; width: 100%; text-align: start; border-color: var(--_border); color: var(--_on-surface); font-weight: 400; }
  .conv[aria-current='true'] { border: 2px solid var(--_primary); background: var(--_clinic-bubble); }
  .conv .who { display: block; font-weight: 600; }
  .conv .meta { display: block; font-size: 0.9rem; color: var(--_muted); }
`;
