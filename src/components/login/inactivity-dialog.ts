import { LitElement, css, html, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';

/**
 * The inactivity warning (WCAG 2.2.1): a modal alert dialog "Du loggas snart ut" with
 * "Fortsätt vara inloggad" (focused) and "Logga ut". Escape counts as staying logged in.
 *
 * @summary Warns before the inactivity timeout.
 * @event vard-extend - The patient chose to stay logged in.
 * @event vard-inactivity-logout - The patient chose to log out.
 */
export class VardInactivityDialog extends LitElement {
  static override styles = [baseStyles, css`
    dialog { max-width: min(360px, calc(100vw - 32px)); border: 2px solid var(--_primary);
      border-radius: 12px; padding: calc(var(--_space) * 2); color: var(--_on-surface); background: var(--_surface); }
    dialog::backdrop { background: rgb(0 0 0 / 40%); }
    h3 { margin: 0 0 calc(var(--_space) * 1); font-size: 1.125rem; }
    p { margin: 0 0 calc(var(--_space) * 1.5); line-height: 1.45; }
    .actions { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 1); }
    button { min-height: 44px; padding: 0 calc(var(--_space) * 2); border-radius: 8px; font: inherit; font-weight: 600; cursor: pointer;
      border: 2px solid var(--_primary); background: var(--_surface); color: var(--_primary); }
    button.stay { background: var(--_primary); color: var(--_on-primary); }
    button:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  `];

  @property() locale: Locale = 'sv';
  @property({ type: Boolean, reflect: true }) open = false;
  /** Seconds left when the warning was raised. */
  @property({ type: Number }) seconds = 60;

  @query('dialog') private dialog!: HTMLDialogElement;

  override render() {
    const t = translator(this.locale);
    return html`<dialog role="alertdialog" aria-labelledby="t" aria-describedby="d" @cancel=${this.handleCancel}>
      <h3 id="t">${t('inactivityTitle')}</h3>
      <p id="d">${t('inactivityText', { seconds: this.seconds })}</p>
      <div class="actions">
        <button class="stay" type="button" autofocus @click=${() => this.fire('vard-extend')}>${t('inactivityStay')}</button>
        <button class="logout" type="button" @click=${() => this.fire('vard-inactivity-logout')}>${t('logout')}</button>
      </div>
    </dialog>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) {
      this.dialog.showModal();
      this.renderRoot.querySelector<HTMLButtonElement>('.stay')?.focus();
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    }
  }

  private handleCancel(e: Event): void {
    e.preventDefault();
    this.fire('vard-extend');
  }

  /** Internal to the panel: neither bubbles nor leaves the shadow root (the host page gets VardLogoutEvent once). */
  private fire(name: 'vard-extend' | 'vard-inactivity-logout'): void {
    this.dispatchEvent(new Event(name));
  }
}
