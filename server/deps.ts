/** What route plugins get: the services (rules), the hub (streams) and the few HTTP settings. */
import type { BearerTokens, PatientKeys } from './broker.js';
import type { EventHub } from './hub.js';
import type { Actions } from './services/actions.js';
import type { Attachments } from './services/attachments.js';
import type { Notes } from './services/notes.js';
import type { Conversations } from './services/conversations.js';
import type { Desk } from './services/desk.js';
import type { RateLimiter } from './services/rate-limit.js';
import type { Sessions } from './services/sessions.js';
import type { Store } from './store/store.js';
import type { MessageTemplate } from '../src/protocol/templates.js';

export interface Deps {
  store: Store;
  sessions: Sessions;
  conversations: Conversations;
  actions: Actions;
  desk: Desk;
  /** Files on messages (issue #18). */
  attachments: Attachments;
  /** Staff-only notes (issue #18). */
  notes: Notes;
  hub: EventHub;
  /** Message sends and conversation starts, per session. */
  sends: RateLimiter;
  /** Every state-changing request, per patient and per clinician. */
  writes: RateLimiter;
  /** Every state-changing request and login start, per client IP. */
  ipWrites: RateLimiter;
  /** Staff log in through an OIDC IdP (/console/auth/login). */
  staffSso: boolean;
  /** The origin browsers use (redirects, cookies). */
  origin: string;
  /** Cookies get `Secure` (the public origin is https). */
  secure: boolean;
  allowOrigin: (origin: string) => boolean;
  devLogin: boolean;
  /** Concurrent event streams per patient (more → 429 too-many-streams). */
  maxStreamsPerPatient: number;
  /** Test hook: hold each patient message acknowledgement this long after storing. */
  ackDelayMs: number;
  /** Per-patient subject and storage key (HMAC under VARD_SECRET). */
  keys: PatientKeys;
  /** The clinic's message templates (VARD_TEMPLATES, else the defaults). */
  templates: readonly MessageTemplate[];
  /** The clinic's name (VARD_CLINIC_NAME), for the templates' `{clinicName}`; unset: the console leaves it to fill in. */
  clinicName?: string;
  /** Bearer access tokens from the e-ID broker (browser OIDC); absent without a broker. */
  bearer?: BearerTokens;
}
