import { css } from 'lit';

export const styles = css`
  section { margin-top: calc(var(--_space) * 2); }
  .toggles { display: flex; flex-wrap: wrap; gap: var(--_space); }
  .toggles button[aria-expanded='true'] { background: var(--_primary); color: var(--_on-primary); }
  .panel { margin-top: var(--_space); }
  .grid { display: flex; flex-wrap: wrap; gap: 0 var(--_space); align-items: end; }
  .grid > div { min-width: 9rem; }
`;
