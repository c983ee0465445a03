/**
 * Loaded by web-test-runner before every test file (see testRunnerHtml in
 * web-test-runner.config.mjs). The widget downloads a language's texts before it shows the
 * panel (`<vard-chat>` waits for them); tests that render inner elements directly get all
 * catalogues here (the features' words too), as the panel would. The lazy download itself is
 * tested in test/i18n-load.test.ts and the e2e suite.
 */
import { loadCatalogue, loadFeatureTexts } from '../src/i18n/index.js';

export const ready = Promise.all([loadFeatureTexts(), loadCatalogue('sv'), loadCatalogue('en'), loadCatalogue('ar')]);
