/**
 * The reply box's tools, as template fragments the conversation renders: the "Mallar" picker (a
 * labelled list and a button that puts the chosen template, filled, into the reply) and the
 * files chosen with "Bifoga dokument", each with "Ta bort". Names are bound as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ReplyFile } from '../../core/reply.js';
import { isImageType, type TemplateList } from '../../core/wire.js';
import type { ConsoleLocale, T } from '../../i18n/index.js';
import { sizeText } from '../shared/format.js';

export interface TemplatePickerState {
  list: TemplateList | null;
  failed: boolean;
  insert: () => void;
}

export function renderTemplatePicker(t: T, s: TemplatePickerState): TemplateResult {
  const ready = !!s.list;
  return html`<div class="template-picker">
    <label for="template">${t('templatesLabel')}</label>
    <select id="template" ?disabled=${!ready} aria-describedby=${s.failed ? 'template-failed' : nothing}>
      ${ready ? html`<option value="">${t('templatesChoose')}</option>${s.list!.templates.map((x) => html`<option value=${x.id}>${x.title}</option>`)}`
        : html`<option value="">${s.failed ? t('templatesChoose') : t('templatesLoading')}</option>`}
    </select>
    <button type="button" ?disabled=${!ready} @click=${s.insert}>${t('templatesInsert')}</button>
    ${s.failed ? html`<p id="template-failed" class="hint">${t('templatesFailed')}</p>` : nothing}
  </div>`;
}

export function renderChosenFiles(files: readonly ReplyFile[], t: T, locale: ConsoleLocale, remove: (i: number) => void): TemplateResult | typeof nothing {
  if (!files.length) return nothing;
  return html`<ul class="chosen" aria-label=${t('chosenFiles')}>${files.map((f, i) => html`<li>
    <span class="file-name">${f.name}</span>
    <span class="file-meta">${isImageType(f.file.type) ? t('fileKind_image') : t('fileKind_pdf')}, ${sizeText(f.file.size, locale)}</span>
    <button type="button" aria-label=${t('removeNamed', { name: f.name })} @click=${() => remove(i)}>${t('remove')}</button>
  </li>`)}</ul>`;
}
