import { html, type TemplateResult } from 'lit';
import { parseKindPayload } from '../../protocol/messages.js';
import type { ThreadItem } from '../../core/conversation-store.js';
import type { QuestionnaireResponse } from '../../core/types.js';
import type { MessageContext } from './context.js';
import { renderQuestionnaire } from './questionnaire.js';
import { renderFallback, renderHandover, renderSystem } from './system.js';
import { renderText } from './text.js';
import { renderVideo } from './video.js';

type KindRenderer = (item: ThreadItem, ctx: MessageContext) => TemplateResult;

const intro = (item: ThreadItem, ctx: MessageContext) => (item.text ? renderText(item.text, ctx) : '');

/**
 * One renderer per message kind; an unknown kind, or a payload that fails its check (the
 * protocol's `parseKindPayload`), falls back. Actions are answered by the payload's `actionId`.
 */
export const KIND_RENDERERS: Record<string, KindRenderer> = {
  text: (item, ctx) => renderText(item.text, ctx),
  system: renderSystem,
  handover: renderHandover,
  video: renderVideo,
  booking(item, ctx) {
    const p = parseKindPayload('booking', item.payload);
    return p ? html`${intro(item, ctx)}<vard-booking .payload=${p} .ctx=${ctx}></vard-booking>` : renderFallback(ctx);
  },
  callback(item, ctx) {
    const p = parseKindPayload('callback', item.payload);
    return p ? html`${intro(item, ctx)}<vard-callback .payload=${p} .ctx=${ctx}></vard-callback>` : renderFallback(ctx);
  },
  questionnaire(item, ctx) {
    const p = parseKindPayload('questionnaire', item.payload);
    if (!p) return renderFallback(ctx);
    return html`${intro(item, ctx)}${renderQuestionnaire({
      questionnaire: p.questionnaire, locale: ctx.locale, done: ctx.response(p.actionId) !== undefined,
      submit: (qr: QuestionnaireResponse) => ctx.submitQuestionnaire(p.actionId, qr),
    })}`;
  },
  evaluation(item, ctx) {
    // the form itself shows below the thread once closed
    return parseKindPayload('evaluation', item.payload) ? html`<p class="system-text">${ctx.t('evaluationNote')}</p>` : renderFallback(ctx);
  },
};

export function renderKind(item: ThreadItem, ctx: MessageContext): TemplateResult {
  const r = Object.hasOwn(KIND_RENDERERS, item.kind) ? KIND_RENDERERS[item.kind] : undefined;
  return r ? r(item, ctx) : renderFallback(ctx);
}

/** Kinds shown centred, without an author line. */
export const NOTE_KINDS = new Set(['system', 'handover', 'evaluation']);
