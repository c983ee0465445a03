import { html, nothing } from 'lit';
import type { OutboxController } from '../../controllers/outbox-controller.js';
import type { MessageKey, Translate as T } from '../../i18n/index.js';

/** The offline and online-only notices above the thread (polite status messages). */
export function renderOutboxNotices(state: OutboxController, t: T<MessageKey>) {
  return html`
    <div class="outbox-notices" role="status">
      ${state.offline ? html`<p class="outbox-notice offline">${t('offlineNotice')}</p>` : nothing}
      ${state.onlineOnly ? html`<p class="outbox-notice online-only">${t('onlineOnlyNotice')}</p>` : nothing}
      ${state.offline && state.pendingCount > 0
        ? html`<p class="outbox-notice pending">${t('outboxPending', { count: state.pendingCount })}</p>` : nothing}
    </div>
  `;
}
