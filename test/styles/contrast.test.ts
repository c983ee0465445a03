import { expect } from '@open-wc/testing';
import { DARK, LIGHT } from '../../src/styles/tokens.styles.js';

/** WCAG 2.1 relative luminance and contrast ratio. */
const lum = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
export const contrast = (a: string, b: string) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe('default colours meet WCAG 2.1 AA', () => {
  it('the contrast formula is right (black on white is 21:1, same colours 1:1)', () => {
    expect(contrast('#000000', '#ffffff')).to.be.closeTo(21, 0.01);
    expect(contrast('#777777', '#777777')).to.equal(1);
  });
  for (const [name, c] of [['light', LIGHT], ['dark', DARK]] as const) {
    const text: [string, string, string, number][] = [
      ['launcher/header text', c.onPrimary, c.primary, 4.5],
      ['body text', c.onSurface, c.surface, 4.5],
      ['secondary text', c.muted, c.surface, 4.5],
      ['secondary text on clinic bubble', c.muted, c.clinicBubble, 4.5],
      ['secondary text on patient bubble', c.muted, c.patientBubble, 4.5],
      ['text on patient bubble', c.onSurface, c.patientBubble, 4.5],
      ['text on clinic bubble', c.onSurface, c.clinicBubble, 4.5],
      ['error text', c.error, c.surface, 4.5],
      ['primary as text on surface', c.primary, c.surface, 4.5],
      ['input borders (non-text, 3:1)', c.border, c.surface, 3],
      ['focus ring (non-text, 3:1)', c.focus, c.surface, 3],
    ];
    for (const [what, fg, bg, min] of text) {
      it(`${name}: ${what} ≥ ${min}:1`, () => {
        expect(contrast(fg, bg)).to.be.at.least(min);
      });
    }
  }
});
