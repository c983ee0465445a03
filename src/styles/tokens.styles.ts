import { css, unsafeCSS } from 'lit';

/**
 * Default colours, light and dark. Each pair used for text meets WCAG 2.1 AA contrast
 * (checked in test/styles/contrast.test.ts). Integrators override them with the public
 * `--vard-color-*` custom properties.
 */
export const LIGHT = {
  primary: '#0b5cad', onPrimary: '#ffffff', surface: '#ffffff', onSurface: '#1b1f24', muted: '#4f5966',
  border: '#8a94a3', patientBubble: '#e3eefb', clinicBubble: '#f1f3f5', error: '#b00020', focus: '#c25e00',
} as const;
export const DARK = {
  primary: '#8cc4ff', onPrimary: '#0b1a2b', surface: '#1b1f24', onSurface: '#eef1f4', muted: '#b8c0cc',
  border: '#7d8794', patientBubble: '#243a55', clinicBubble: '#2b3036', error: '#ff8a9a', focus: '#ffb366',
} as const;

const vars = (c: typeof LIGHT | typeof DARK) => unsafeCSS(`
    --_primary: var(--vard-color-primary, ${c.primary});
    --_on-primary: var(--vard-color-on-primary, ${c.onPrimary});
    --_surface: var(--vard-color-surface, ${c.surface});
    --_on-surface: var(--vard-color-on-surface, ${c.onSurface});
    --_muted: var(--vard-color-muted, ${c.muted});
    --_border: var(--vard-color-border, ${c.border});
    --_patient-bubble: var(--vard-color-patient-bubble, ${c.patientBubble});
    --_clinic-bubble: var(--vard-color-clinic-bubble, ${c.clinicBubble});
    --_error: var(--vard-color-error, ${c.error});
    --_focus: var(--vard-color-focus, ${c.focus});`);

/** Shared reset and default design tokens for every element of the widget. */
export const baseStyles = css`
  :host {
    ${vars(LIGHT)}
    --_radius: var(--vard-radius, 12px);
    --_font: var(--vard-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_space: var(--vard-space, 8px);
    font-family: var(--_font) !important;
    font-size: 16px !important;
    font-weight: 400 !important;
    font-style: normal !important;
    line-height: 1.45 !important;
    letter-spacing: normal !important;
    text-align: start !important;
    text-transform: none !important;
    color: var(--_on-surface) !important;
    box-sizing: border-box !important;
  }
  @media (prefers-color-scheme: dark) {
    :host { ${vars(DARK)} }
  }
  *, *::before, *::after { box-sizing: inherit; }
  [hidden] { display: none !important; }
  button { font: inherit; cursor: pointer; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  :focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  @media (prefers-reduced-motion: reduce) {
    * { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
  }
  @media (forced-colors: active) {
    :focus-visible { outline-color: Highlight; }
  }
`;
