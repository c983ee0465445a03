import { html, type TemplateResult } from 'lit';
import { parseBooking, parseCallback, parseEvaluation, parseQuestionnairePayload } from '../../core/message-kinds.js';
import type { ThreadItem } from '../../core/conversation-store.js';
import type { QuestionnaireResponse } from '../../core/types.js';
import type { MessageContext } from './context.js';
import { renderQuestionnaire } from './questionnaire.js';
import { renderFallback, renderHandover, renderSystem } from './system.js';
import { renderText } from './text.js';
import { renderVideo } from './video.js';

type KindRenderer = (item: ThreadItem, ctx: MessageContext) => TemplateResult;

const intro = (item: ThreadItem, ctx: MessageContext) => (item.text ? renderText(item.text, ctx) : '');

/** One renderer per message kind; an unknown kind, or a payload that fails its check, falls back. */
export const KIND_RENDERERS: Record<string, KindRenderer> = {
  text: (item, ctx) => renderText(item.text, ctx),
  system: renderSystem,
  handover: renderHandover,
  video: renderVideo,
  booking(item, ctx) {
    const p = parseBooking(item.payload);
    return p && item.id
      ? html`${intro(item, ctx)}<vard-booking .payload=${p} .ctx=${ctx} .messageId=${item.id}></vard-booking>`
      : renderFallback(ctx);
  },
  callback(item, ctx) {
    const p = parseCallback(item.payload);
    return p && item.id
      ? html`${intro(item, ctx)}<vard-callback .payload=${p} .ctx=${ctx} .messageId=${item.id}></vard-callback>`
      : renderFallback(ctx);
  },
  questionnaire(item, ctx) {
    const p = parseQuestionnairePayload(item.payload);
    const id = item.id;
    if (!p || !id) return renderFallback(ctx);
    return html`${intro(item, ctx)}${renderQuestionnaire({
      questionnaire: p.questionnaire, locale: ctx.locale, done: ctx.response(id) !== undefined,
      submit: (qr: QuestionnaireResponse) => ctx.submitQuestionnaire(id, qr),
    })}`;
  },
  evaluation(item, ctx) {
    parseEvaluation(item.payload); // the form itself shows below the thread once closed
    return html`<p class="system-text">${ctx.t('evaluationNote')}</p>`;
  },
};

export function renderKind(item: ThreadItem, ctx: MessageContext): TemplateResult {
  const r = Object.hasOwn(KIND_RENDERERS, item.kind) ? KIND_RENDERERS[item.kind] : undefined;
  return r ? r(item, ctx) : renderFallback(ctx);
}

/** Kinds shown centred, without an author line. */
export const NOTE_KINDS = new Set(['system', 'handover', 'evaluation']);
