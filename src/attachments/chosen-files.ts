import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OutboxFile } from '../core/outbox/types.js';
import { baseStyles } from '../styles/tokens.styles.js';
import { pickFiles } from './pick.js';
import { attachTranslator, formatSize } from './strings.js';

/**
 * The files a patient chose for the next message, before it is sent: each checked and
 * re-encoded when added (`add`), listed with its name (plain text), its size and "Ta bort"; below
 * them the sentences that say why a file could not be attached. In the pick chunk with the
 * re-encoding, so a session downloads it only when the patient picks or pastes a file. The
 * composer sends `files` with the text and then calls `clear`.
 *
 * @internal Rendered by `<vard-composer>`; defined by the pick feature chunk.
 * @fires vard-file-remove - after "Ta bort" removed a file (the composer puts focus back in the text box).
 */
export class VardChosenFiles extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    ul { list-style: none; margin: 4px 0 0; padding: 0; }
    li { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; padding: 2px 0; }
    .file-name { overflow-wrap: anywhere; }
    .file-size { color: var(--_muted); font-size: 0.85rem; }
    .remove { min-height: 32px; padding: 0 10px; border: 1px solid var(--_border); border-radius: 6px; background: var(--_surface); color: var(--_on-surface); }
    .error { color: var(--_error); font-weight: 600; font-size: 0.9rem; margin: 4px 0 0; }
    .error p { margin: 0; }
  `];

  @property() locale = 'sv';
  /** The files that go with the next message, in the order chosen. */
  @state() files: readonly OutboxFile[] = [];
  /** Why the last files picked could not all be attached: sentences with the file's name as text. */
  @state() errors: readonly string[] = [];

  /** Checks and re-encodes picked or pasted files, then lists them or says why not. */
  async add(picked: readonly File[]): Promise<void> {
    const { added, errors } = await pickFiles(picked, this.files.length, this.locale);
    this.files = [...this.files, ...added];
    this.errors = errors;
    await this.updateComplete;
  }

  /** The message went: nothing chosen, nothing to say. */
  clear(): void {
    this.files = [];
    this.errors = [];
  }

  private removeAt(i: number): void {
    this.files = this.files.filter((_, n) => n !== i);
    this.errors = [];
    this.dispatchEvent(new Event('vard-file-remove'));
  }

  override render() {
    const t = attachTranslator(this.locale);
    return html`
      ${this.files.length ? html`<ul class="files" aria-label=${t('chosen')}>${this.files.map((f, i) => html`<li>
        <span class="file-name">${f.name}</span> <span class="file-size">${formatSize(f.size, this.locale)}</span>
        <button type="button" class="remove" aria-label=${t('removeNamed', { name: f.name })} @click=${() => this.removeAt(i)}>${t('remove')}</button>
      </li>`)}</ul>` : nothing}
      ${this.errors.length ? html`<div class="error" role="alert">${this.errors.map((e) => html`<p>${e}</p>`)}</div>` : nothing}`;
  }
}
