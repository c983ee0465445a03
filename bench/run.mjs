// `npm run bench`: prints figures as a table and writes bench-results.json.
// Each figure is compared with a baseline measured in the same run, never with a fixed time.
import { writeFileSync } from 'node:fs';
import { measureSize } from './size.mjs';
import { measureOutbox } from './outbox.mjs';
import { measureHistory } from './history.mjs';

const BUDGET = { embed_initial_gz_bytes: 12 * 1024, embed_total_gz_bytes: 40 * 1024 };
const GOAL = {
  outbox_enqueue_ratio: 0.5, outbox_flush_ratio: 0.8, // offline outbox (issue 3)
  history_10k_ms: 1000, history_10k_longest_task_ms: 50, append_ratio_10k_vs_10: 1.5, dom_nodes_10k: 200, heap_mb_per_1k: 5, // long history (issue 6)
};

const size = await measureSize();
const outbox = await measureOutbox(1000);
const results = {
  embed_initial_gz_bytes: size.embed_initial_gz_bytes,
  embed_total_gz_bytes: size.embed_total_gz_bytes,
  lit_floor_gz_bytes: size.lit_floor_gz_bytes,
  session_http_bff_gz_bytes: size.session_http_bff_gz_bytes,
  session_http_oidc_gz_bytes: size.session_http_oidc_gz_bytes,
  session_mock_gz_bytes: size.session_mock_gz_bytes,
  outbox_enqueue_ratio: outbox.outbox_enqueue_ratio,
  outbox_flush_ratio: outbox.outbox_flush_ratio,
};
const history = await measureHistory();
Object.assign(results, history);

const rows = [
  ['figure', 'value', 'baseline (same run)', 'goal', 'ok'],
  ['embed_initial_gz_bytes', results.embed_initial_gz_bytes, `Lit floor ${results.lit_floor_gz_bytes}`, `<= ${BUDGET.embed_initial_gz_bytes}`, results.embed_initial_gz_bytes <= BUDGET.embed_initial_gz_bytes],
  ['embed_total_gz_bytes', results.embed_total_gz_bytes, `Lit floor ${results.lit_floor_gz_bytes}`, `<= ${BUDGET.embed_total_gz_bytes}`, results.embed_total_gz_bytes <= BUDGET.embed_total_gz_bytes],
  ['lit_floor_gz_bytes', results.lit_floor_gz_bytes, '-', '-', true],
  // what one patient session downloads (first load + panel + its backend [+ OIDC client]): reported
  ['session_http_bff_gz_bytes', results.session_http_bff_gz_bytes, `all chunks ${results.embed_total_gz_bytes}`, '-', true],
  ['session_http_oidc_gz_bytes', results.session_http_oidc_gz_bytes, `all chunks ${results.embed_total_gz_bytes}`, '-', true],
  ['session_mock_gz_bytes', results.session_mock_gz_bytes, `all chunks ${results.embed_total_gz_bytes}`, '-', true],
  ['outbox_enqueue_ratio', results.outbox_enqueue_ratio, `raw idb puts ${Math.round(outbox.detail.rawMs)} ms / outbox ${Math.round(outbox.detail.outboxMs)} ms (n=${outbox.detail.n})`, `>= ${GOAL.outbox_enqueue_ratio}`, results.outbox_enqueue_ratio >= GOAL.outbox_enqueue_ratio],
  ['outbox_flush_ratio', results.outbox_flush_ratio, `fetch loop ${Math.round(outbox.detail.fetchMs)} ms / outbox ${Math.round(outbox.detail.flushMs)} ms (n=${outbox.detail.n})`, `>= ${GOAL.outbox_flush_ratio}`, results.outbox_flush_ratio >= GOAL.outbox_flush_ratio],
  ['history_10k_ms', history.history_10k_ms, `10 messages ${history.history_10_ms} ms`, `<= ${GOAL.history_10k_ms}`, history.history_10k_ms <= GOAL.history_10k_ms],
  ['history_10k_longest_task_ms', history.history_10k_longest_task_ms, '-', `<= ${GOAL.history_10k_longest_task_ms} (goal)`, history.history_10k_longest_task_ms <= GOAL.history_10k_longest_task_ms],
  ['append_ratio_10k_vs_10', history.append_ratio_10k_vs_10, `${history.append_10k_ms} ms vs ${history.append_10_ms} ms (1,000: ${history.append_1k_ms} ms)`, `<= ${GOAL.append_ratio_10k_vs_10}`, history.append_ratio_10k_vs_10 <= GOAL.append_ratio_10k_vs_10],
  ['dom_nodes_10k', history.dom_nodes_10k, '-', `<= ${GOAL.dom_nodes_10k}`, history.dom_nodes_10k <= GOAL.dom_nodes_10k],
  ['heap_mb_per_1k', history.heap_mb_per_1k, '-', `<= ${GOAL.heap_mb_per_1k}`, history.heap_mb_per_1k <= GOAL.heap_mb_per_1k],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
console.log('\nchunks (gz bytes):');
for (const c of size.chunks) console.log(`  ${c.initial ? '*' : ' '} ${c.file.padEnd(32)} ${c.gz_bytes}`);
console.log('  (* = downloaded on first load)');

writeFileSync('bench-results.json', JSON.stringify(results, null, 2) + '\n');
// only the size budgets fail the run; the timing goals are reported (shared CI machines are noisy)
const over = rows.slice(1, 3).filter((r) => r[4] === false);
if (over.length) {
  console.error(`\nover budget: ${over.map((r) => r[0]).join(', ')}`);
  process.exitCode = 1;
}
