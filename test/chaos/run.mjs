// The chaos suite: what breaks a patient's message (reloads mid-flush, closed tabs, cut streams,
// server restarts, storage failures, a server process killed behind a load balancer), in real Chromium against the built widget and the
// reference server. Run `npm run build` first (`npm test` does, in test:e2e). Prints a markdown
// table of the figures and the closing line "chaos: N passed, N failed".
import { run } from '../e2e/harness.mjs';

// each module exports an object of named scenarios
const modules = await Promise.all([
  import('./outbox.mjs'),
  import('./stream.mjs'),
  import('./two-processes.mjs'),
]);

const ok = await run(Object.assign({}, ...modules.map((m) => m.scenarios)), { label: 'chaos' });
process.exit(ok ? 0 : 1);
