import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { LOGIN_METHODS, type AuthErrorCode, type LoginMethod } from '../../core/auth.js';
import type { LogoutReason } from '../../core/session.js';
import { translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { styles } from './login.styles.js';

/**
 * Fired when the patient chooses an e-ID method. Internal to the panel: it neither bubbles nor
 * leaves the shadow root (the host page gets the public `vard-login` once logged in).
 */
export class VardLoginMethodEvent extends Event {
  static readonly eventName = 'vard-login-method';
  constructor(readonly method: LoginMethod) {
    super(VardLoginMethodEvent.eventName);
  }
}

/**
 * The login view shown when there is no session: who the chat is with, why login is needed, one
 * button per configured e-ID method, and a plain note that the page is left and comes back.
 *
 * @summary Login with e-legitimation (BankID, Freja eID).
 * @event {VardLoginMethodEvent} vard-login-method - The patient chose a method (`event.method`).
 * @csspart method - Each login button.
 */
export class VardLogin extends LitElement {
  static override styles = [baseStyles, styles];

  @property() locale: Locale = 'sv';
  /** Who the chat is with (plain text). */
  @property({ attribute: 'clinic-name' }) clinicName: string | undefined;
  /** Which methods show, in order. */
  @property({ attribute: false }) methods: readonly LoginMethod[] = LOGIN_METHODS;
  /** The last login error, shown with the buttons to try again. */
  @property({ attribute: false }) error: AuthErrorCode | undefined;
  /** Set after a logout, for a calm confirmation. */
  @property({ attribute: false }) loggedOut: LogoutReason | undefined;
  /** Messages wait for the login (the session ended mid-chat). */
  @property({ type: Boolean }) held = false;
  /** The page is on its way to the identity provider. */
  @property({ type: Boolean }) redirecting = false;

  /** Focuses the first login button. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
  }

  override render() {
    const t = translator(this.locale);
    const methods = this.methods.length ? this.methods : LOGIN_METHODS;
    return html`
      <h3>${t('loginTitle', { clinic: this.clinicName || t('defaultClinic') })}</h3>
      ${this.error ? html`<p class="error" role="alert">${t(`authError_${this.error}`)}</p>` : nothing}
      ${!this.error && this.loggedOut
        ? html`<p class="done" role="status">${t(this.loggedOut === 'timeout' ? 'loggedOutTimeout' : 'loggedOutDone')}</p>`
        : nothing}
      ${this.held ? html`<p role="status">${t('authHeldMessages')}</p>` : nothing}
      <p>${t('loginWhy')}</p>
      <fieldset class="methods">
        <legend>${t('loginMethodsLabel')}</legend>
        ${methods.map((m) => html`<button type="button" part="method" data-method=${m} ?disabled=${this.redirecting}
          @click=${() => this.dispatchEvent(new VardLoginMethodEvent(m))}>${t(m === 'bankid' ? 'loginBankid' : 'loginFreja')}</button>`)}
      </fieldset>
      <p class="note">${t('loginLeave')}</p>
      <p class="visually-hidden" role="status">${this.redirecting ? t('loginRedirecting') : ''}</p>
    `;
  }
}

declare global {
  interface HTMLElementEventMap {
    'vard-login-method': VardLoginMethodEvent;
  }
}
