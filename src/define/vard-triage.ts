import { VardTriage } from '../components/triage/triage.js';
import { loadFeatureTexts } from '../i18n/load.js';
import { defineElement } from './define-element.js';

/** Defined once the triage's words are here (the features' part of the catalogue), or failed to come. */
export const ready = loadFeatureTexts().then(define, define);

function define(): void {
  defineElement('vard-triage', VardTriage);
}

declare global {
  interface HTMLElementTagNameMap {
    'vard-triage': VardTriage;
  }
}
