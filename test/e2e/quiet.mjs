// A quiet browser console: a whole journey on the demo page, and one through the reference server
// with the clinician console in a second window, leave no console error or warning on any page
// (no favicon 404, no logged 401 from a session probe before login, nothing while typing
// offline). The harness collects every page's console messages and page errors into `noise`.
import assert from 'node:assert/strict';
import { demoJourney } from './journey.mjs';
import { httpJourney } from './http-journey.mjs';

export const quietScenarios = {
  async 'quiet console: the demo journey (pretend e-ID, triage, chat, booking, evaluation, logout) logs no error or warning'(ctx) {
    await demoJourney(ctx);
    assert.deepEqual(ctx.noise, [], `no console error or warning on the demo or its pretend e-ID page:\n${ctx.noise.join('\n')}`);
  },

  async 'quiet console: the reference-server journey and the clinician console log no error or warning, typing offline included'(ctx) {
    await httpJourney({ ...ctx, offlineTyping: true });
    assert.deepEqual(ctx.noise, [], `no console error or warning on the patient page, the pretend e-ID or the console:\n${ctx.noise.join('\n')}`);
  },
};
