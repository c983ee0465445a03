/**
 * Defines every message-kind element at once. The panel does not import this: it loads them
 * as feature chunks on first use (src/define/lazy-features.ts).
 */
import '../../define/feature-booking.js';
import '../../define/feature-evaluation.js';
import '../../define/feature-triage.js';
