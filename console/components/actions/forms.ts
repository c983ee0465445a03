/**
 * The action forms: how each renders (labelled fields, Swedish defaults) and how it is read into
 * a call on the store. Reading checks the fields first and names the first wrong one.
 */
import { html, type TemplateResult } from 'lit';
import { buildSlots, buildWindows, checkMeetingUrl, localInstant, tomorrow } from '../../core/action-payloads.js';
import type { ConsoleStore } from '../../core/console-store.js';
import { QUESTIONNAIRE_TEMPLATES } from '../../core/templates.js';
import { QUEUES, type Queue } from '../../core/wire.js';
import type { ConsoleKey, ConsoleLocale, T } from '../../i18n/index.js';

export type ActionKind = 'handover' | 'booking' | 'callback' | 'video' | 'questionnaire' | 'close';
export type FormResult =
  | { ok: false; message: string; field: string }
  | { ok: true; run: (store: ConsoleStore) => Promise<void>; done: ConsoleKey };

interface Ctx { t: T; locale: ConsoleLocale; rows: { booking: number; callback: number }; setRows: (r: Partial<{ booking: number; callback: number }>) => void }
interface ActionForm { render: (c: Ctx) => TemplateResult; read: (fd: FormData, t: T) => FormResult; submit: ConsoleKey }

const val = (fd: FormData, name: string) => String(fd.get(name) ?? '');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const textField = (t: T, value: string) => html`
  <label for="action-text">${t('messageToPatient')}</label>
  <textarea id="action-text" name="text" rows="2" maxlength="4000" .value=${value}></textarea>`;

const field = (id: string, label: string, input: TemplateResult) => html`<div><label for=${id}>${label}</label>${input}</div>`;

function missingText(fd: FormData, t: T): FormResult | null {
  return val(fd, 'text').trim() ? null : { ok: false, message: t('fieldMissing', { field: t('messageToPatient').toLowerCase() }), field: 'text' };
}

const handover: ActionForm = {
  submit: 'handoverSubmit',
  render: ({ t }) => html`
    <label for="handover-queue">${t('handoverQueue')}</label>
    <select id="handover-queue" name="queue">${QUEUES.map((q) => html`<option value=${q}>${t(`queue_${q}`)}</option>`)}</select>
    <label for="handover-to">${t('handoverPerson')}</label>
    <input id="handover-to" name="to" autocomplete="off" maxlength="80" aria-describedby="handover-hint">
    <p id="handover-hint" class="hint">${t('handoverPersonHint')}</p>`,
  read: (fd) => {
    const queue = val(fd, 'queue') as Queue;
    const to = val(fd, 'to').trim();
    return { ok: true, done: 'handedOver', run: (s) => s.handover(queue, to || undefined) };
  },
};

const booking: ActionForm = {
  submit: 'bookingSubmit',
  render: ({ t, rows, setRows }) => html`
    ${textField(t, t('bookingDefaultText'))}
    ${range(rows.booking).map((i) => html`<fieldset><legend>${t('slotLegend', { n: i + 1 })}</legend><div class="grid">
      ${field(`slot-${i}-date`, t('slotDate'), html`<input type="date" id="slot-${i}-date" name="slot-${i}-date" .value=${tomorrow()}>`)}
      ${field(`slot-${i}-time`, t('slotTime'), html`<input type="time" id="slot-${i}-time" name="slot-${i}-time" .value=${`${String(9 + i).padStart(2, '0')}:00`}>`)}
      ${field(`slot-${i}-minutes`, t('slotLength'), html`<input type="number" min="5" max="480" step="5" id="slot-${i}-minutes" name="slot-${i}-minutes" .value=${'20'}>`)}
      ${field(`slot-${i}-type`, t('slotType'), html`<select id="slot-${i}-type" name="slot-${i}-type">
        <option value="visit">${t('slotType_visit')}</option><option value="video">${t('slotType_video')}</option></select>`)}
      ${field(`slot-${i}-label`, t('slotLabel'), html`<input id="slot-${i}-label" name="slot-${i}-label" maxlength="200" autocomplete="off">`)}
      </div>${rows.booking > 1 ? html`<button type="button" @click=${() => setRows({ booking: rows.booking - 1 })}>${t('removeSlot', { n: i + 1 })}</button>` : ''}
    </fieldset>`)}
    <button type="button" @click=${() => setRows({ booking: rows.booking + 1 })} ?disabled=${rows.booking >= 10}>${t('addSlot')}</button>`,
  read: (fd, t) => {
    const missing = missingText(fd, t);
    if (missing) return missing;
    const inputs = [];
    for (let i = 0; fd.has(`slot-${i}-date`); i++) {
      const type = val(fd, `slot-${i}-type`) === 'video' ? 'video' : 'visit';
      inputs.push({ date: val(fd, `slot-${i}-date`), time: val(fd, `slot-${i}-time`), minutes: Number(val(fd, `slot-${i}-minutes`)), type, label: val(fd, `slot-${i}-label`) } as const);
    }
    const built = buildSlots(inputs);
    if (!built.ok) return { ok: false, message: t(built.error), field: built.field };
    const text = val(fd, 'text').trim();
    return { ok: true, done: 'sent', run: (s) => s.send({ kind: 'booking', text, payload: { slots: built.value } }) };
  },
};

const callback: ActionForm = {
  submit: 'callbackSubmit',
  render: ({ t, rows, setRows }) => html`
    ${textField(t, t('callbackDefaultText'))}
    ${range(rows.callback).map((i) => html`<fieldset><legend>${t('windowLegend', { n: i + 1 })}</legend><div class="grid">
      ${field(`window-${i}-date`, t('slotDate'), html`<input type="date" id="window-${i}-date" name="window-${i}-date" .value=${tomorrow()}>`)}
      ${field(`window-${i}-from`, t('windowFrom'), html`<input type="time" id="window-${i}-from" name="window-${i}-from" .value=${`${String(8 + i * 2).padStart(2, '0')}:00`}>`)}
      ${field(`window-${i}-to`, t('windowTo'), html`<input type="time" id="window-${i}-to" name="window-${i}-to" .value=${`${String(10 + i * 2).padStart(2, '0')}:00`}>`)}
      </div>${rows.callback > 1 ? html`<button type="button" @click=${() => setRows({ callback: rows.callback - 1 })}>${t('removeWindow', { n: i + 1 })}</button>` : ''}
    </fieldset>`)}
    <button type="button" @click=${() => setRows({ callback: rows.callback + 1 })} ?disabled=${rows.callback >= 6}>${t('addWindow')}</button>`,
  read: (fd, t) => {
    const missing = missingText(fd, t);
    if (missing) return missing;
    const inputs = [];
    for (let i = 0; fd.has(`window-${i}-date`); i++) inputs.push({ date: val(fd, `window-${i}-date`), from: val(fd, `window-${i}-from`), to: val(fd, `window-${i}-to`) });
    const built = buildWindows(inputs);
    if (!built.ok) return { ok: false, message: t(built.error), field: built.field };
    const text = val(fd, 'text').trim();
    return { ok: true, done: 'sent', run: (s) => s.send({ kind: 'callback', text, payload: { windows: built.value } }) };
  },
};

const video: ActionForm = {
  submit: 'videoSubmit',
  render: ({ t }) => html`
    ${textField(t, t('videoDefaultText'))}
    <label for="video-url">${t('videoUrl')}</label>
    <input id="video-url" name="url" type="url" inputmode="url" autocomplete="off" placeholder="https://">
    <div class="grid">
      ${field('video-date', t('slotDate'), html`<input type="date" id="video-date" name="date" .value=${tomorrow()}>`)}
      ${field('video-time', t('videoStart'), html`<input type="time" id="video-time" name="time" .value=${'10:00'}>`)}
    </div>`,
  read: (fd, t) => {
    const missing = missingText(fd, t);
    if (missing) return missing;
    const url = checkMeetingUrl(val(fd, 'url'));
    if (!url) return { ok: false, message: t('invalidUrl'), field: 'url' };
    const start = localInstant(val(fd, 'date'), val(fd, 'time'));
    if (!start) return { ok: false, message: t('invalidDate'), field: 'date' };
    const text = val(fd, 'text').trim();
    return { ok: true, done: 'sent', run: (s) => s.send({ kind: 'video', text, payload: { url, start } }) };
  },
};

const questionnaire: ActionForm = {
  submit: 'questionnaireSubmit',
  render: ({ t, locale }) => html`
    <label for="questionnaire-template">${t('questionnaireChoose')}</label>
    <select id="questionnaire-template" name="template">${QUESTIONNAIRE_TEMPLATES.map((q) => html`<option value=${q.id}>${q.title[locale]}</option>`)}</select>`,
  read: (fd) => {
    const tpl = QUESTIONNAIRE_TEMPLATES.find((q) => q.id === val(fd, 'template')) ?? QUESTIONNAIRE_TEMPLATES[0]!;
    return { ok: true, done: 'sent', run: (s) => s.send({ kind: 'questionnaire', text: tpl.text, payload: { questionnaire: tpl.questionnaire } }) };
  },
};

const close: ActionForm = {
  submit: 'closeSubmit',
  render: ({ t }) => html`
    <p>${t('closeConfirm')}</p>
    <label class="check"><input type="checkbox" name="evaluation" checked>${t('closeEvaluation')}</label>`,
  read: (fd) => {
    const evaluation = fd.get('evaluation') === 'on';
    return { ok: true, done: 'closed', run: (s) => s.close(evaluation) };
  },
};

export const ACTION_FORMS: Record<ActionKind, ActionForm> = { handover, booking, callback, video, questionnaire, close };
