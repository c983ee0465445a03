import type { ChatBackend } from '../core/backend.js';

const preloaders = new WeakMap<ChatBackend, () => unknown>();

/** Downloads a lazy backend's code ahead of its first use (the panel is about to open); else nothing. */
export function preloadBackend(backend: ChatBackend | undefined): void {
  if (backend) preloaders.get(backend)?.();
}

/**
 * A ChatBackend that loads the real one on first use, so the code of an adapter is only
 * downloaded when the patient opens the chat (or when `preloadBackend` asks ahead).
 */
export function lazyBackend(load: () => Promise<ChatBackend>): ChatBackend {
  let loaded: Promise<ChatBackend> | undefined;
  let ready: ChatBackend | undefined;
  const get = () => (loaded ??= load().then((b) => (ready = b), (err: unknown) => { loaded = undefined; throw err; }));
  const call = <K extends keyof ChatBackend>(name: K) =>
    (async (...args: unknown[]) => ((await get())[name] as (...a: unknown[]) => unknown)(...args)) as unknown as ChatBackend[K];
  const backend: ChatBackend = {
    getSession: call('getSession'),
    getTriage: call('getTriage'),
    listConversations: call('listConversations'),
    startConversation: call('startConversation'),
    getMessages: call('getMessages'),
    sendMessage: call('sendMessage'),
    markRead: call('markRead'),
    setTyping: call('setTyping'),
    respond: call('respond'),
    submitEvaluation: call('submitEvaluation'),
    // present only when the loaded adapter has one, as on the adapter itself (the chat client
    // calls `backend.logout?.()`; an always-present one hid that the adapter has none)
    // the loaded adapter's (it is loaded by getSession, before the client subscribes)
    get signalsOpen() {
      return ready?.signalsOpen;
    },
    get logout() {
      const b = ready;
      return b?.logout ? () => b.logout!() : undefined;
    },
    async login(method, returnTo) {
      const b = await get();
      if (!b.login) throw new Error('login-not-configured');
      await b.login(method, returnTo);
    },
    setCredentials(credentials) {
      void get().then((b) => b.setCredentials?.(credentials), () => undefined);
    },
    // set by the session, which uses the adapter at once: passed on when it has loaded (in order)
    setAuthRequiredHandler(handler) {
      void get().then((b) => b.setAuthRequiredHandler?.(handler), () => undefined);
    },
    subscribe(onEvent, opts) {
      void get().then((b) => { if (!opts.signal.aborted) b.subscribe(onEvent, opts); }, () => undefined);
    },
  };
  preloaders.set(backend, () => get().catch(() => undefined));
  return backend;
}
