import { html, css } from 'lit';
import type { MessageKey, Translate } from '../../i18n/index.js';

/** The logged-in patient's name and "Logga ut", shown at the top of the chat (plain text). */
export function renderSessionBar(name: string | undefined, t: Translate<MessageKey>, onLogout: () => void) {
  return html`<div class="session-bar" part="session">
    <span class="who">${name ? t('loggedInAs', { name }) : ''}</span>
    <button class="logout" type="button" @click=${onLogout}>${t('logout')}</button>
  </div>`;
}

export const sessionBarStyles = css`
  .session-bar { display: flex; align-items: center; justify-content: space-between; gap: calc(var(--_space) * 1);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5); border-bottom: 1px solid var(--_border);
    font-size: 0.9375rem; }
  .session-bar .who { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .session-bar .logout { min-height: 44px; min-width: 44px; padding: 0 calc(var(--_space) * 1.5); font: inherit; cursor: pointer;
    border: 1px solid currentColor; border-radius: 8px; background: transparent; color: inherit; }
  .session-bar .logout:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
`;
