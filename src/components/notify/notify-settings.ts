import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BackendError } from '../../core/errors.js';
import type { NotificationSettings, NotificationsApi, NotifyChannel } from '../../core/notifications.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { notifyTexts, type NotifyTextKey } from './notify-texts.js';

type Choice = NotifyChannel | 'none';

/**
 * The patient's notification setting: SMS, e-mail, browser notifications or none; a number or
 * an address is confirmed with the code the backend sends to it; withdrawn at any time. Says
 * plainly what a notification contains and what it never does. A feature chunk of its own.
 *
 * @internal Rendered by `<vard-chat-view>` when the backend offers notifications.
 */
export class VardNotifySettings extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; padding: calc(var(--_space) * 1.5); overflow-y: auto; }
    h2 { font-size: 1.125rem; margin: 0 0 calc(var(--_space) * 1); }
    p { margin: 0 0 calc(var(--_space) * 1); }
    fieldset { border: 1px solid var(--_border); border-radius: 8px; margin: 0 0 calc(var(--_space) * 1.5); padding: calc(var(--_space) * 1); }
    label { display: flex; align-items: center; gap: calc(var(--_space) * 0.75); min-height: 44px; }
    .field { display: block; margin-bottom: calc(var(--_space) * 1); }
    .field span { display: block; margin-bottom: 4px; }
    input[type='tel'], input[type='email'], input[inputmode='numeric'] { font: inherit; width: 100%; min-height: 44px; padding: 0 8px;
      border: 1px solid var(--_border); border-radius: 6px; background: var(--_surface); color: var(--_on-surface); }
    button { font: inherit; min-height: 44px; min-width: 44px; padding: 0 calc(var(--_space) * 1.5); margin: 0 8px 8px 0; cursor: pointer;
      border-radius: 8px; border: 1px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); }
    button.secondary { background: transparent; color: var(--_primary); }
    :focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
    .hint { color: var(--_muted); font-size: 0.9375rem; }
    .error { color: var(--_error); }
  `];

  @property({ attribute: false }) api: NotificationsApi | undefined;
  @property() locale = 'sv';
  /** Where the clinic's site serves dist/vard-chat-sw.js (browser notifications). */
  @property() serviceWorkerUrl = '/vard-chat-sw.js';
  @property({ attribute: false }) onClose: (() => void) | undefined;

  @state() private settings: NotificationSettings | undefined;
  @state() private choice: Choice | undefined;
  @state() private message: { key: NotifyTextKey; error: boolean } | undefined;
  @state() private busy = false;
  private loadedFor: NotificationsApi | undefined;

  protected override willUpdate(): void {
    if (this.api && this.api !== this.loadedFor) {
      this.loadedFor = this.api;
      void this.run(async (api) => this.show(await api.get()));
    }
  }

  private show(s: NotificationSettings): void {
    this.settings = s;
    this.choice ??= s.channels.find((c) => c.confirmed)?.channel ?? s.channels[0]?.channel ?? 'none';
  }

  private async run(fn: (api: NotificationsApi) => Promise<void>, done?: NotifyTextKey): Promise<void> {
    if (!this.api || this.busy) return;
    this.busy = true;
    this.message = undefined;
    try {
      await fn(this.api);
      if (done) this.message = { key: done, error: false };
    } catch (err) {
      const code = err instanceof BackendError ? err.code : undefined;
      const key: NotifyTextKey = code === 'wrong-code' ? 'wrongCode' : code === 'code-expired' ? 'codeExpired'
        : code === 'invalid-address' ? (this.choice === 'sms' ? 'invalidPhone' : 'invalidEmail')
        : err instanceof BackendError && err.kind === 'rate-limited' ? 'tooMany' : 'failed';
      this.message = { key, error: true };
    } finally {
      this.busy = false;
    }
  }

  /** Sets the chosen channel; the others are withdrawn once it holds (one way of being told). */
  private async others(api: NotificationsApi, keep: NotifyChannel | null): Promise<void> {
    for (const c of this.settings?.channels ?? []) if (c.channel !== keep) await api.withdraw(c.channel);
    this.show(await api.get());
  }

  private sendCode(e: SubmitEvent): void {
    e.preventDefault();
    const channel = this.choice;
    if (channel !== 'sms' && channel !== 'email') return;
    const value = new FormData(e.target as HTMLFormElement).get('address');
    void this.run(async (api) => this.show(await api.set(channel, { address: typeof value === 'string' ? value : '' })), 'codeSent');
  }

  private confirmCode(e: SubmitEvent): void {
    e.preventDefault();
    const channel = this.choice;
    if (channel !== 'sms' && channel !== 'email') return;
    const code = String(new FormData(e.target as HTMLFormElement).get('code') ?? '').replace(/\s/g, '');
    void this.run(async (api) => {
      this.show(await api.confirm(channel, code));
      await this.others(api, channel);
    }, 'saved');
  }

  private turnOnPush(): void {
    void this.run(async (api) => {
      const key = this.settings?.vapidPublicKey;
      if (!key || !('serviceWorker' in navigator) || !('PushManager' in window)) throw new Error('unsupported');
      if ((await Notification.requestPermission()) !== 'granted') {
        this.message = { key: 'pushBlocked', error: true };
        return;
      }
      const reg = await navigator.serviceWorker.register(this.serviceWorkerUrl);
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64url(key) });
      this.show(await api.set('webpush', { subscription: sub.toJSON() as never }));
      await this.others(api, 'webpush');
      this.message = { key: 'saved', error: false };
    });
  }

  private withdrawAll(): void {
    void this.run((api) => this.others(api, null), 'withdrawn');
  }

  override render() {
    const t = notifyTexts(this.locale);
    const s = this.settings;
    if (!s) return html`<p role="status">${t('loading')}</p>`;
    const clinic = s.clinicName;
    const current = s.channels.find((c) => c.confirmed);
    const choices: Choice[] = [...s.available, 'none'];
    return html`
      <h2 tabindex="-1">${t('title')}</h2>
      <p>${t('intro', { clinic })}</p>
      <p>${t('whatSent', { clinic })}</p>
      <p>${t('whatNot')}</p>
      <p role="status">${current
        ? current.address ? t('onTo', { channel: t(current.channel), address: current.address }) : t('on', { channel: t(current.channel) })
        : t('off')}</p>
      <fieldset>
        <legend>${t('choose')}</legend>
        ${choices.map((c) => html`<label><input type="radio" name="channel" .value=${c} .checked=${this.choice === c}
          @change=${() => { this.choice = c; this.message = undefined; }}>${t(c)}</label>`)}
      </fieldset>
      ${this.renderChoice(t)}
      ${this.message ? html`<p class=${this.message.error ? 'error' : ''} role=${this.message.error ? 'alert' : 'status'}>${t(this.message.key)}</p>` : nothing}
      <button class="secondary back" type="button" @click=${() => this.onClose?.()}>${t('back')}</button>`;
  }

  private renderChoice(t: ReturnType<typeof notifyTexts>) {
    const s = this.settings!;
    const choice = this.choice;
    if (choice === 'none') {
      return s.channels.length ? html`<button class="withdraw" type="button" ?disabled=${this.busy} @click=${() => this.withdrawAll()}>${t('withdraw')}</button>` : nothing;
    }
    if (choice === 'webpush') {
      return html`<button class="push" type="button" ?disabled=${this.busy} @click=${() => this.turnOnPush()}>${t('turnOnPush')}</button>`;
    }
    if (choice !== 'sms' && choice !== 'email') return nothing;
    const entry = s.channels.find((c) => c.channel === choice);
    const pending = entry && !entry.confirmed && entry.codeExpiresAt;
    return html`
      <form class="address" @submit=${(e: SubmitEvent) => this.sendCode(e)}>
        <label class="field"><span>${t(choice === 'sms' ? 'phone' : 'address')}</span>
          <input name="address" type=${choice === 'sms' ? 'tel' : 'email'} autocomplete=${choice === 'sms' ? 'tel' : 'email'} required
            .value=${entry?.address ?? ''} aria-describedby=${choice === 'sms' ? 'phone-hint' : nothing}></label>
        ${choice === 'sms' ? html`<p class="hint" id="phone-hint">${t('phoneHint')}</p>` : nothing}
        <button type="submit" ?disabled=${this.busy}>${t(pending ? 'newCode' : 'sendCode')}</button>
      </form>
      ${pending ? html`<form class="code" @submit=${(e: SubmitEvent) => this.confirmCode(e)}>
        <label class="field"><span>${t('code')}</span>
          <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required></label>
        <button type="submit" ?disabled=${this.busy}>${t('confirm')}</button>
      </form>` : nothing}
      ${entry?.confirmed ? html`<button class="secondary withdraw" type="button" ?disabled=${this.busy} @click=${() => this.withdrawAll()}>${t('withdraw')}</button>` : nothing}`;
  }
}

/**
 * The way into the setting: a link-styled button ("Aviseringar") under the session bar, in this
 * chunk so its text and style cost the session nothing. The click reaches the host.
 *
 * @internal
 */
export class VardNotifyLink extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; justify-content: flex-end; padding: 0 calc(var(--_space) * 1.5); }
    /* a transparent border: invisible here, a visible boundary in forced colours (high contrast) */
    button { min-height: 44px; padding: 0 12px; font: inherit; cursor: pointer; border: 1px solid transparent;
      border-radius: 8px; background: transparent; color: var(--_primary); text-decoration: underline; }
    button:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  `];

  @property() locale = 'sv';

  override render() {
    return html`<button type="button" part="notify-link">${notifyTexts(this.locale)('title')}</button>`;
  }
}

function base64url(s: string): Uint8Array<ArrayBuffer> {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}
