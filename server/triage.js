// The contact-reason questionnaire the reference server hands out (FHIR R4 Questionnaire): the
// same demo questionnaires as the in-browser mock, in Swedish (default) and English. Its answer
// codes route a new conversation to a queue (see queueFor in chat.js).
import { readFileSync } from 'node:fs';

const load = (/** @type {string} */ lang) => JSON.parse(readFileSync(new URL(`../src/adapters/memory/questionnaires/contact-reason.${lang}.json`, import.meta.url), 'utf8'));
const questionnaires = { sv: load('sv'), en: load('en') };

/** The questionnaire for a locale (`sv` unless `en` is asked for). @param {unknown} locale */
export function triageFor(locale) {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('en') ? questionnaires.en : questionnaires.sv;
}
