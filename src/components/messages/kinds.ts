import { html, type TemplateResult } from 'lit';
import type { ThreadItem } from '../../core/conversation-store.js';
import type { MessageContext } from './context.js';
import { renderFallback, renderHandover, renderSystem } from './system.js';
import { renderText } from './text.js';
import { renderVideo } from './video.js';

export type KindRenderer = (item: ThreadItem, ctx: MessageContext) => TemplateResult;

/** The message's own text before a kind's part (it is readable alone: the protocol's fallback). */
export const intro = (item: ThreadItem, ctx: MessageContext) => (item.text ? renderText(item.text, ctx) : '');

/** A kind whose renderer (and payload check) is in a feature chunk not here yet: its text alone. */
const pending: KindRenderer = (item, ctx) => html`${intro(item, ctx)}`;

/**
 * One renderer per message kind; an unknown kind, or a payload that fails its check (the
 * protocol's schema of that kind), falls back. Booking, call-back, questionnaire and evaluation
 * are checked and rendered by their feature chunks (src/define/lazy-features.ts), which replace
 * the placeholders here when they load (`registerKindRenderers`), so their schemas and elements
 * are downloaded only by a session that shows such a message.
 */
export const KIND_RENDERERS: Record<string, KindRenderer> = {
  text: (item, ctx) => renderText(item.text, ctx),
  system: renderSystem,
  handover: renderHandover,
  video: renderVideo,
  booking: pending,
  callback: pending,
  questionnaire: pending,
  evaluation: pending,
};

export { renderFallback };

/** Counts the feature chunks registered: a message rendered before one came renders again after. */
export let renderersVersion = 0;

/** Called by a feature chunk when it loads: its kinds' renderers replace the placeholders. */
export function registerKindRenderers(renderers: Record<string, KindRenderer>): void {
  Object.assign(KIND_RENDERERS, renderers);
  renderersVersion++;
}

export function renderKind(item: ThreadItem, ctx: MessageContext): TemplateResult {
  const r = Object.hasOwn(KIND_RENDERERS, item.kind) ? KIND_RENDERERS[item.kind] : undefined;
  return r ? r(item, ctx) : renderFallback(ctx);
}

/** Kinds shown centred, without an author line. */
export const NOTE_KINDS = new Set(['system', 'handover', 'evaluation']);
