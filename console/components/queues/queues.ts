import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consoleTranslator, type ConsoleLocale, type T } from '../../i18n/index.js';
import type { Overview, Queue, QueueSummary } from '../../core/wire.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { ConsoleNoticeEvent, errorText, queueLabel, waitText } from '../shared/format.js';
import { styles } from './queues.styles.js';

/**
 * The queues (waiting count, longest wait, "Ta nästa patient") and the list of conversations.
 * Waiting times tick every 30 s; counts follow the live stream through the overview.
 *
 * @internal Rendered by `<vard-console>`.
 */
export class VardConsoleQueues extends LitElement {
  static override styles = [consoleStyles, styles];

  @property() locale: ConsoleLocale = 'sv';
  @property({ attribute: false }) overview: Overview | null = null;
  @property() currentId = '';
  @property({ attribute: false }) takeNext: ((q: Queue) => Promise<unknown>) | undefined;
  @property({ attribute: false }) openConversation: ((id: string) => Promise<void>) | undefined;
  @state() private showClosed = false;
  @state() private busy: Queue | undefined;
  private readonly clock = new ClockController(this);

  override render() {
    const t = consoleTranslator(this.locale);
    const o = this.overview;
    return html`
      <section aria-labelledby="queues-title">
        <h2 id="queues-title">${t('queuesTitle')}</h2>
        <ul class="queues">${(o?.queues ?? []).map((q) => this.renderQueue(q, t))}</ul>
      </section>
      <section aria-labelledby="conv-title">
        <h2 id="conv-title">${t('conversationsTitle')}</h2>
        <label class="check"><input type="checkbox" .checked=${this.showClosed}
          @change=${(e: Event) => (this.showClosed = (e.target as HTMLInputElement).checked)}>${t('showClosed')}</label>
        ${this.renderConversations(t)}
      </section>`;
  }

  private renderQueue(summary: QueueSummary, t: T) {
    const { name: q, waiting, oldestWaitingSince: oldest } = summary;
    const name = queueLabel(q, t);
    return html`<li class="queue" data-queue=${q}>
      <span class="name">${name}</span>
      <span class="count">${waiting > 0 ? t('queueWaiting', { count: waiting }) : t('queueEmpty')}${
        waiting > 0 && oldest ? html`, ${t('queueLongest', { wait: waitText(oldest, this.clock.now, t) })}` : nothing}</span>
      <button type="button" class="primary" aria-label=${t('takeNextIn', { queue: name })}
        ?disabled=${this.busy !== undefined} @click=${() => this.handleTake(q)}>${t('takeNext')}</button>
    </li>`;
  }

  private renderConversations(t: T) {
    const list = (this.overview?.conversations ?? [])
      .filter((c) => this.showClosed || c.status !== 'closed')
      .slice().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    if (!list.length) return html`<p class="muted">${t('conversationsEmpty')}</p>`;
    return html`<ul class="conversations" aria-labelledby="conv-title">${list.map((c) => html`<li>
      <button type="button" class="conv" aria-current=${c.id === this.currentId ? 'true' : 'false'}
        @click=${() => void this.openConversation?.(c.id)}>
        <span class="who">${c.patient.name}</span><span class="visually-hidden"> · </span>
        <span class="meta">${t(`mode_${c.mode}`)} · ${t(`status_${c.status}`)}${c.redFlag ? ` · ${t('redFlag')}` : ''} · ${queueLabel(c.queueName, t)}${
          c.initiator === 'clinic' ? ` · ${t('startedByClinic')}` : ''}</span>
      </button></li>`)}</ul>`;
  }

  private async handleTake(q: Queue): Promise<void> {
    const t = consoleTranslator(this.locale);
    this.busy = q;
    try {
      const taken = await this.takeNext?.(q);
      if (taken === null) this.dispatchEvent(new ConsoleNoticeEvent({ kind: 'info', text: t('nobodyWaiting', { queue: queueLabel(q, t) }) }));
    } catch (e) {
      this.dispatchEvent(new ConsoleNoticeEvent({ kind: 'error', text: errorText(e, t) }));
    } finally {
      this.busy = undefined;
    }
  }
}
