import { css } from 'lit';

export const styles = css`
  :host { display: block; border-top: 1px solid var(--_border); padding: var(--_space) calc(var(--_space) * 1.5) calc(var(--_space) * 1.5); }
  label { display: block; font-weight: 600; font-size: 0.9rem; margin-bottom: 4px; }
  .row { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: flex-end; }
  textarea {
    /* the box keeps room to write: where the buttons do not fit beside it they go below it,
       "Bifoga fil" at the start and "Skicka" at the end (the buttons' group takes that line) */
    flex: 100 1 12rem; min-width: 0; min-height: 48px; max-height: 160px; resize: vertical; padding: 10px;
    font: inherit; font-size: 16px; color: var(--_on-surface); background: var(--_surface);
    border: 2px solid var(--_border); border-radius: 8px;
  }
  textarea[aria-invalid='true'] { border-color: var(--_error); }
  .buttons { display: flex; flex: 1 0 auto; gap: var(--_space); }
  .send { margin-inline-start: auto; min-height: 48px; min-width: 64px; padding: 0 16px; /* a transparent border: forced colours (Windows high contrast) paint it, so the button keeps its outline */ border: 2px solid transparent; border-radius: 8px; background: var(--_primary); color: var(--_on-primary); font-weight: 600; }
  .attach { min-height: 48px; padding: 0 12px; border: 2px solid var(--_primary); border-radius: 8px; background: var(--_surface); color: var(--_primary); font-weight: 600; }
  .hint, .count { font-size: 0.8rem; color: var(--_muted); margin: 4px 0 0; }
  .error { color: var(--_error); font-weight: 600; font-size: 0.9rem; margin: 4px 0 0; }
`;
