/**
 * What the composer does with files the patient picked or pasted (lazy, with prepare.ts and the
 * strings): each is checked and re-encoded; the ones that cannot be attached come back as
 * sentences in the patient's language (the name as plain text), never as a silent drop.
 */
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../protocol/attachments.js';
import type { OutboxFile } from '../core/outbox/types.js';
import { prepareAttachment } from './prepare.js';
import { attachTranslator, problemKey } from './strings.js';

export async function pickFiles(files: readonly File[], already: number, locale: string): Promise<{ added: OutboxFile[]; errors: string[] }> {
  const t = attachTranslator(locale);
  const added: OutboxFile[] = [];
  const errors: string[] = [];
  for (const f of files) {
    if (already + added.length >= MAX_ATTACHMENTS_PER_MESSAGE) {
      errors.push(t('tooMany', { max: MAX_ATTACHMENTS_PER_MESSAGE }));
      break;
    }
    const r = await prepareAttachment(f, f.name || '');
    if (r.ok) added.push(r.file);
    else errors.push(t(problemKey(r.reason), { name: f.name || t('document') }));
  }
  return { added, errors };
}
