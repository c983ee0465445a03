/**
 * Features that not every session needs, each a chunk of its own: downloaded, and their
 * elements defined, on first use. An element rendered before its definition arrives upgrades
 * in place (Lit keeps the properties set on it). A message kind's renderer and its payload's
 * schema come with its feature: until then the thread shows the message's text alone, and
 * renders again when the feature is here (`loadFeatureFor`).
 *
 * - triage: the FHIR questionnaire engine, `<vard-triage>` and the inline questionnaire
 * - booking: proposed times and call-back (`<vard-booking>`, `<vard-callback>`)
 * - evaluation: the rating after a closed conversation (`<vard-evaluation>`)
 * - login: the e-ID choice when there is no session (`<vard-login>`)
 * - notify: the notification setting and its link, when the backend offers a channel
 * - inbox: the list of the patient's conversations (`<vard-inbox>`), when there are several
 * - attachments: the files of a message (`<vard-attachments>`, issue #18), when one with files is
 *   shown, and the conversation's file list (`<vard-file-list>`), when the patient opens it
 * - pick: the composer's file checks, re-encoding and chosen-files list, on the first pick or paste
 * - inactivity: the warning before the inactivity timeout (`<vard-inactivity-dialog>`), when raised
 *
 * The words of the first five are a chunk of their own per language too (`sv-features.ts`),
 * downloaded with the first of them.
 */
import { loadFeatureTexts } from '../i18n/load.js';

const FEATURES = {
  triage: () => import('./feature-triage.js'),
  booking: () => import('./feature-booking.js'),
  evaluation: () => import('./feature-evaluation.js'),
  notify: () => import('./feature-notify.js'),
  login: () => import('./feature-login.js'),
  inbox: () => import('./feature-inbox.js'),
  attachments: () => import('./feature-attachments.js'),
  pick: () => import('./feature-pick.js'),
  inactivity: () => import('./feature-inactivity.js'),
};
export type Feature = keyof typeof FEATURES;

/** The features whose words are in the features' part of the catalogue (`sv-features.ts`). */
const WITH_TEXTS = { triage: 1, booking: 1, evaluation: 1, login: 1, inbox: 1 };

const started = new Map<Feature, Promise<unknown>>();
const ready = new Set<Feature>();

/** Downloads a feature once (a failed download is tried again on the next call). */
export function loadFeature<F extends Feature>(name: F): ReturnType<(typeof FEATURES)[F]> {
  let p = started.get(name);
  if (!p) {
    // the words of triage, login, booking, the evaluation and the list come in parallel with
    // the code; the module defines its elements once they are here (`ready`)
    p = Promise.all([FEATURES[name](), name in WITH_TEXTS && loadFeatureTexts()])
      .then(async ([m]) => (await (m as { ready?: Promise<void> }).ready, m));
    started.set(name, p);
    p.then(() => ready.add(name), () => started.delete(name));
  }
  return p as ReturnType<(typeof FEATURES)[F]>;
}

/** Whether a feature has been downloaded (its elements are defined). */
export const featureReady = (name: Feature): boolean => ready.has(name);

/** The feature whose element renders a message kind; other kinds need none. */
const KIND_FEATURE: Record<string, Feature | undefined> = {
  booking: 'booking', callback: 'booking', questionnaire: 'triage', evaluation: 'evaluation',
};

/**
 * Starts the download of what a message kind needs, if anything: the download while it is not
 * here yet (render again when it settles), undefined when the kind needs none or it is here.
 */
export function loadFeatureFor(kind: string): Promise<unknown> | undefined {
  const f = Object.hasOwn(KIND_FEATURE, kind) ? KIND_FEATURE[kind] : undefined;
  return f && !ready.has(f) ? loadFeature(f) : undefined;
}
