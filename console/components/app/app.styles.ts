import { css } from 'lit';

export const styles = css`
  :host { display: block; max-width: 90rem; margin: 0 auto; padding: var(--_space) calc(var(--_space) * 2); }
  .top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--_space); border-bottom: 1px solid var(--_border); padding-bottom: var(--_space); }
  h1 { font-size: 1.4rem; margin: 0; }
  .who { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); }
  .lang { display: flex; align-items: center; gap: 4px; margin: 0; font-weight: 400; }
  .notices { min-height: 1.5em; margin: var(--_space) 0; }
  .status { margin: 0; }
  .error-box { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; justify-content: space-between; border: 2px solid var(--_error); border-radius: 8px; padding: var(--_space); color: var(--_error); font-weight: 600; }
  vard-console-login { max-width: 28rem; }
  .workspace { display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr; gap: calc(var(--_space) * 2); align-items: start; }
  .side > * + * { margin-top: calc(var(--_space) * 3); }
  @media (max-width: 56rem) { .workspace { grid-template-columns: 1fr; } }
`;
