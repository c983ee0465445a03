import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consoleTranslator, type ConsoleLocale } from '../../i18n/index.js';
import { QUEUES, type Queue } from '../../core/wire.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { errorText } from '../shared/format.js';

/**
 * The login: "Logga in med SITHS-kort" (a link to the server's staff OIDC login, which comes back
 * to the console with the staff cookie) when the server has a staff IdP, and the development
 * form (name and queue) only when the server says its development login is on. Keeps what was
 * typed when the server refuses or cannot be reached.
 *
 * @internal Rendered by `<vard-console>`.
 */
export class VardConsoleLogin extends LitElement {
  static override styles = consoleStyles;

  @property() locale: ConsoleLocale = 'sv';
  /** The name to start with: the nurse whose session ended, else a test name (development login only). */
  @property() name = 'Anna Svensson';
  /** The server has a staff IdP (SITHS): show its login link. */
  @property({ type: Boolean }) sso = false;
  /** The server's development login is on (DEV_LOGIN=1): show the name form. */
  @property({ type: Boolean }) devLogin = false;
  /** The last SITHS login came back failed (the server's `login_error`). */
  @property({ type: Boolean }) failed = false;
  /** Where the SITHS login starts (the server's staff OIDC route). */
  @property() ssoUrl = '/console/auth/login';
  @property({ attribute: false }) login: ((name: string, queue: Queue) => Promise<void>) | undefined;
  @state() private error = '';
  @state() private busy = false;

  override render() {
    const t = consoleTranslator(this.locale);
    return html`
      ${this.sso || !this.devLogin ? html`<section class="card" aria-labelledby="sso-title">
        <h2 id="sso-title">${t('loginSsoTitle')}</h2>
        ${this.failed ? html`<p class="error" role="alert">${t('loginFailed')}</p>` : nothing}
        ${this.sso
          ? html`<p class="hint">${t('loginSsoHint')}</p>
            <p><a class="button primary" id="login-sso" href=${this.ssoUrl}>${t('loginSso')}</a></p>`
          : html`<p>${t('loginUnavailable')}</p>`}
      </section>` : nothing}
      ${this.devLogin ? this.renderDevForm() : nothing}`;
  }

  private renderDevForm() {
    const t = consoleTranslator(this.locale);
    return html`<form class="card" @submit=${this.handleSubmit} novalidate aria-labelledby="login-title">
      <h2 id="login-title">${t('loginTitle')}</h2>
      <p class="hint">${t('loginHint')}</p>
      <label for="login-name">${t('loginName')}</label>
      <input id="login-name" name="name" autocomplete="name" .value=${this.name} required
        aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'login-error' : nothing}>
      <label for="login-queue">${t('loginQueue')}</label>
      <select id="login-queue" name="queue">
        ${QUEUES.map((q) => html`<option value=${q}>${t(`queue_${q}`)}</option>`)}
      </select>
      ${this.error ? html`<p id="login-error" class="error" role="alert">${this.error}</p>` : nothing}
      <div class="row"><button class="primary" type="submit" ?disabled=${this.busy}>${t('loginSubmit')}</button></div>
    </form>`;
  }

  override focus(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#login-sso, #login-name')?.focus());
  }

  private async handleSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = consoleTranslator(this.locale);
    const form = e.target as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    const queue = (form.elements.namedItem('queue') as HTMLSelectElement).value as Queue;
    if (!name) {
      this.error = t('loginNameMissing');
      (form.elements.namedItem('name') as HTMLInputElement).focus();
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await this.login?.(name, queue);
    } catch (err) {
      this.error = errorText(err, t);
    } finally {
      this.busy = false;
    }
  }
}
