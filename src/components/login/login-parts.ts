import { html, nothing } from 'lit';
import type { LoginMethod } from '../../core/auth.js';
import type { ChatSnapshot } from '../../core/snapshot.js';
import { SessionPhase } from '../../core/session.js';
import type { Locale, MessageKey, Translate } from '../../i18n/index.js';
import { renderSessionBar } from './session-bar.js';

/** The login view for a snapshot: the error to explain, whether messages wait for this login. */
export function renderLogin(s: ChatSnapshot, o: { locale: Locale; clinicName: string | undefined; methods: readonly LoginMethod[]; login: (m: LoginMethod) => void }) {
  const held = s.waitingForLogin > 0;
  const error = s.login.error ?? (s.loadError === 'auth' && held ? 'login-required' : undefined);
  return html`<vard-login .locale=${o.locale} .clinicName=${o.clinicName} .methods=${o.methods} .error=${error}
    .loggedOut=${s.login.loggedOut} ?held=${held} ?redirecting=${s.login.phase === SessionPhase.Redirecting}
    @vard-login-method=${(e: Event & { method: LoginMethod }) => o.login(e.method)}></vard-login>`;
}

/** The name + "Logga ut" bar, and the inactivity warning while it is raised. */
export function renderBar(s: ChatSnapshot, t: Translate<MessageKey>, o: {
  locale: Locale; logout: () => void; inactivity: { seconds: number; warning: boolean; extend: () => void } | undefined;
}) {
  const i = o.inactivity;
  return html`${renderSessionBar(s.patientName, t, o.logout)}
    ${i ? html`<vard-inactivity-dialog .locale=${o.locale} .seconds=${i.seconds} ?open=${i.warning}
      @vard-extend=${i.extend} @vard-inactivity-logout=${o.logout}></vard-inactivity-dialog>` : nothing}`;
}
