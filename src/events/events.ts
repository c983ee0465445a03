/**
 * Public DOM events of <vard-chat>. Each is an Event subclass with readonly typed fields,
 * prefixed `vard-`, bubbling and composed so a host page can listen on the element or on
 * document. No health content is ever put in an event unless the integrator opted in
 * (`expose-content` attribute), and then only in `vard-message-sent`'s `text`.
 */
const init: EventInit = { bubbles: true, composed: true };

/** The panel opened. */
export class VardOpenEvent extends Event {
  static readonly eventName = 'vard-open' as const;
  constructor() {
    super(VardOpenEvent.eventName, init);
  }
}

/** The panel closed. */
export class VardCloseEvent extends Event {
  static readonly eventName = 'vard-close' as const;
  constructor() {
    super(VardCloseEvent.eventName, init);
  }
}

/** The patient logged in. Carries no identity. */
export class VardLoginEvent extends Event {
  static readonly eventName = 'vard-login' as const;
  constructor() {
    super(VardLoginEvent.eventName, init);
  }
}

/** The patient logged out, or the session ended (`reason`). */
export class VardLogoutEvent extends Event {
  static readonly eventName = 'vard-logout' as const;
  constructor(readonly reason: 'user' | 'inactivity' | 'expired') {
    super(VardLogoutEvent.eventName, init);
  }
}

/** A message of the patient's was acknowledged by the backend. */
export class VardMessageSentEvent extends Event {
  static readonly eventName = 'vard-message-sent' as const;
  constructor(
    readonly conversationId: string,
    readonly clientId: string,
    /** Only when the integrator set `expose-content`; otherwise undefined. */
    readonly text?: string,
  ) {
    super(VardMessageSentEvent.eventName, init);
  }
}

/** The number of unread clinic messages changed. */
export class VardUnreadChangeEvent extends Event {
  static readonly eventName = 'vard-unread-change' as const;
  constructor(readonly count: number) {
    super(VardUnreadChangeEvent.eventName, init);
  }
}

export interface VardEventMap {
  'vard-open': VardOpenEvent;
  'vard-close': VardCloseEvent;
  'vard-login': VardLoginEvent;
  'vard-logout': VardLogoutEvent;
  'vard-message-sent': VardMessageSentEvent;
  'vard-unread-change': VardUnreadChangeEvent;
}

export type VardEventName = keyof VardEventMap;
export const VARD_EVENTS: readonly VardEventName[] = [
  'vard-open', 'vard-close', 'vard-login', 'vard-logout', 'vard-message-sent', 'vard-unread-change',
];

declare global {
  interface HTMLElementEventMap extends VardEventMap {}
}
