import { css } from 'lit';

/**
 * Shared reset and default design tokens. Every public knob is a `--vard-*` custom property
 * with a default; colours meet WCAG 2.1 AA contrast on their backgrounds.
 */
export const baseStyles = css`
  :host {
    --_primary: var(--vard-color-primary, #0b5cad);
    --_on-primary: var(--vard-color-on-primary, #ffffff);
    --_surface: var(--vard-color-surface, #ffffff);
    --_on-surface: var(--vard-color-on-surface, #1b1f24);
    --_muted: var(--vard-color-muted, #4f5966);
    --_border: var(--vard-color-border, #8a94a3);
    --_patient-bubble: var(--vard-color-patient-bubble, #e3eefb);
    --_clinic-bubble: var(--vard-color-clinic-bubble, #f1f3f5);
    --_error: var(--vard-color-error, #b00020);
    --_radius: var(--vard-radius, 12px);
    --_font: var(--vard-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_space: var(--vard-space, 8px);
    font-family: var(--_font);
    font-size: 16px;
    line-height: 1.45;
    color: var(--_on-surface);
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  [hidden] { display: none !important; }
  button { font: inherit; cursor: pointer; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  :focus-visible { outline: 3px solid var(--vard-color-focus, #c25e00); outline-offset: 2px; }
  @media (prefers-reduced-motion: reduce) {
    * { transition: none !important; animation: none !important; }
  }
`;
