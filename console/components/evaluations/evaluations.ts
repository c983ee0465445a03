import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConsoleStore } from '../../core/console-store.js';
import type { EvaluationSummary } from '../../core/wire.js';
import { consoleTranslator, type ConsoleLocale } from '../../i18n/index.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { errorText, queueLabel } from '../shared/format.js';

/**
 * The evaluation summary per queue: for each question of the evaluation, how many patients gave
 * each answer, with the scale's own labels (from the server). Read on request and on "update".
 *
 * @internal Rendered by `<vard-console>`.
 */
export class VardConsoleEvaluations extends LitElement {
  static override styles = [consoleStyles, css`
    table { border-collapse: collapse; margin: 4px 0 var(--_space); width: 100%; }
    caption { text-align: start; font-weight: 600; }
    th, td { border-bottom: 1px solid var(--_border); padding: 4px; text-align: start; }
    td.n { text-align: end; }
  `];

  @property() locale: ConsoleLocale = 'sv';
  @property({ attribute: false }) store: ConsoleStore | undefined;
  @state() private summary: EvaluationSummary | undefined;
  @state() private expanded = false;
  @state() private error = '';

  override render() {
    const t = consoleTranslator(this.locale);
    const queues = this.summary?.queues.filter((q) => q.count > 0) ?? [];
    return html`<section aria-labelledby="eval-title">
      <h2 id="eval-title">${t('evaluationsTitle')}</h2>
      <button type="button" aria-expanded=${this.expanded ? 'true' : 'false'} aria-controls="eval-panel" @click=${this.toggle}>${t('evaluationsShow')}</button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.expanded ? html`<div id="eval-panel">${queues.length === 0 ? html`<p class="muted">${t('evaluationsNone')}</p>` : queues.map((q) => html`
        <h3>${queueLabel(q.queue, t)} – ${t('evaluationCount', { count: q.count })}</h3>
        ${q.items.filter((i) => i.options.length).map((i) => html`<table>
          <caption>${i.question}</caption>
          <thead><tr><th scope="col">${t('evaluationAnswer')}</th><th scope="col">${t('evaluationCountHeader')}</th></tr></thead>
          <tbody>${i.options.map((o) => html`<tr><td>${o.label}</td><td class="n">${o.count}</td></tr>`)}</tbody>
        </table>`)}
        ${q.items.filter((i) => !i.options.length).map((i) => html`<p>${i.question}: ${t('evaluationCount', { count: i.answered })}</p>`)}`)}
      </div>` : nothing}
    </section>`;
  }

  private async toggle(): Promise<void> {
    if (this.expanded) {
      this.expanded = false;
      return;
    }
    this.error = '';
    try {
      this.summary = await this.store?.evaluationSummary();
      this.expanded = true;
    } catch (e) {
      this.error = errorText(e, consoleTranslator(this.locale));
    }
  }
}
