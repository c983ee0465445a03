/**
 * The contract every ChatBackend must meet, as a mocha suite (describe/it globals; it runs in a
 * browser test runner such as web-test-runner). Integrators run it against their own adapter:
 *
 *   import { runBackendConformance } from 'vard-chat/testing';
 *   runBackendConformance('my backend', async () => ({ backend, clinician }));
 *
 * The factory gives a backend logged in as a fresh patient with no conversations, and a small
 * driver that plays the clinician on the same server. Test runners open several pages at once,
 * so a test page is often a hidden background tab: an adapter that (rightly) pauses its stream
 * while hidden should be given an always-visible environment here (HttpBackend: `environment`).
 */
import type { ChatBackend } from '../core/backend.js';
import { BackendError, type BackendErrorKind } from '../core/errors.js';
import type { BackendEvent, Message } from '../core/types.js';
import type * as v from 'valibot';
import {
  parseKindPayload, type BookingOffer, type CallbackOffer, type HandoverPayload, type KindWithPayload, type QuestionnaireOffer,
  type VideoPayload,
} from '../protocol/messages.js';
import { KIND_EXAMPLES, type KindExample } from '../protocol/examples.js';
import { checkBody, checkMessage, checkResult, type Violation } from './checked.js';

/** What the clinician offers, by kind: the payload without the `actionId` (the backend assigns it). */
export interface Offers {
  booking: v.InferOutput<typeof BookingOffer>;
  callback: v.InferOutput<typeof CallbackOffer>;
  video: VideoPayload;
  questionnaire: v.InferOutput<typeof QuestionnaireOffer>;
  /** To a queue, and to a named colleague when `to` is given (the backend fills in `from`). */
  handover: Omit<HandoverPayload, 'from'>;
  /** Closes the conversation with an evaluation request (the backend's questionnaire, or none). */
  evaluation: Record<string, never>;
}
export type OfferKind = keyof Offers;

/** The clinician's side, as far as the contract needs it. */
export interface ClinicianDriver {
  /** The clinician writes a text message in the conversation. */
  send(conversationId: string, text: string): Promise<void>;
  /** The clinic closes the conversation. */
  close(conversationId: string): Promise<void>;
  /**
   * Optional: the clinician sends a message of another kind with `text` (a readable summary)
   * and the offer. Without it the message-kind cases are skipped: a backend is only held to
   * the kinds it can produce.
   */
  offer?<K extends OfferKind>(conversationId: string, kind: K, offer: Offers[K], text: string): Promise<void>;
}

export interface ConformanceTarget {
  /** Logged in as a fresh patient with no conversations. */
  backend: ChatBackend;
  clinician: ClinicianDriver;
  /** The same server without a session: auth errors. Optional. */
  anonymous?: ChatBackend;
  /** The same server as another patient: the first patient's conversations are not-found. Optional. */
  otherPatient?: ChatBackend;
  dispose?(): void | Promise<void>;
}

export interface ConformanceOptions {
  /** Per-test timeout, ms (default 8000). */
  timeoutMs?: number;
  /**
   * Cases known not to conform yet (a part of the title each): they must fail, and a case that
   * passes fails with "now conforms", so the list only shrinks. For a backend on its way to the
   * contract; a backend going live has none.
   */
  expectedFailures?: string[];
}

interface MochaLike {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: (this: { timeout(ms: number): void; skip(): void }) => Promise<void>): void;
}

class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
}

function check(cond: unknown, what: string): asserts cond {
  if (!cond) throw new ConformanceFailure(what);
}

async function rejectsWith(p: Promise<unknown>, kind: BackendErrorKind, what: string, code?: string): Promise<BackendError> {
  try {
    await p;
  } catch (err) {
    check(err instanceof BackendError, `${what}: expected a BackendError, got ${String(err)}`);
    check(err.kind === kind, `${what}: expected kind "${kind}", got "${err.kind}"`);
    if (code) check(err.code === code, `${what}: expected code "${code}", got "${err.code}"`);
    return err;
  }
  throw new ConformanceFailure(`${what}: expected a rejection with kind "${kind}", but it resolved`);
}

async function until<T>(get: () => T | undefined, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new ConformanceFailure(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let counter = 0;
const uid = () => `conf-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Follows `subscribe` into an array until stopped. */
function collect(backend: ChatBackend, since?: string) {
  const events: BackendEvent[] = [];
  const ctrl = new AbortController();
  backend.subscribe((e) => events.push(e), since ? { signal: ctrl.signal, since } : { signal: ctrl.signal });
  return { events, stop: () => ctrl.abort() };
}

const PROBE = '[probe] ';

/**
 * Subscribes and waits until the subscription is live: a stream that starts "now" may connect
 * a moment later, so the clinician writes probe messages until one arrives (tests ignore them).
 */
async function collectLive(backend: ChatBackend, clinician: ClinicianDriver, conversationId: string) {
  const live = collect(backend);
  for (let n = 0; live.events.length === 0; n++) {
    if (n >= 20) throw new ConformanceFailure('the subscription delivered nothing within 10 s');
    await clinician.send(conversationId, `${PROBE}${n}`);
    const end = Date.now() + 500;
    while (live.events.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  }
  return live;
}

const clinicianTexts = (events: BackendEvent[], conversationId: string) =>
  events.flatMap((e) => (e.type === 'message' && e.message.conversationId === conversationId && e.message.author.role === 'clinician' && !e.message.text.startsWith(PROBE) ? [e.message.text] : []));

/**
 * The backend as the suite sees it: every value it returns, every event it delivers (with each
 * message's payload checked for its kind) and every body the suite hands it is checked against
 * the protocol's schemas. A returned value that fails throws at once; an event that fails is
 * recorded and fails the test at its end.
 */
function checkedBackend(b: ChatBackend, violations: Violation[]): ChatBackend {
  const out = <T>(what: string, p: Promise<T>) => p.then((v) => checkResult(what, v));
  return {
    signalsOpen: b.signalsOpen,
    getSession: () => b.getSession().then((s) => (s === null ? s : checkResult('getSession', s))),
    getTriage: (locale) => out('getTriage', b.getTriage(locale)),
    listConversations: () => out('listConversations', b.listConversations()),
    startConversation: (req) => out('startConversation', b.startConversation(checkBody('startConversation', req))),
    getMessages: (id, page) => out('getMessages', b.getMessages(id, page)),
    sendMessage: (id, msg) => out('sendMessage', b.sendMessage(id, checkBody('sendMessage', msg))),
    markRead: (id, messageId) => b.markRead(id, messageId),
    setTyping: (id, typing) => b.setTyping(id, typing),
    respond: (id, actionId, response) => b.respond(id, actionId, checkBody('respond', response)),
    submitEvaluation: (id, answers) => b.submitEvaluation(id, checkBody('submitEvaluation', answers)),
    subscribe: (onEvent, o) => b.subscribe((e) => {
      const problem = checkMessage('event', e);
      if (problem) violations.push(problem);
      onEvent(e);
    }, o),
  };
}

export function runBackendConformance(name: string, factory: () => Promise<ConformanceTarget>, opts: ConformanceOptions = {}): void {
  const { describe, it } = globalThis as unknown as MochaLike;
  const timeout = opts.timeoutMs ?? 8000;
  /** Runs one contract test with a fresh target whose backends are checked against the schemas. */
  const test = (title: string, fn: (t: ConformanceTarget) => Promise<void>, needs?: keyof ConformanceTarget | 'offer') =>
    it(title, async function () {
      this.timeout(timeout);
      const raw = await factory();
      const violations: Violation[] = [];
      const wrap = (b: ChatBackend | undefined) => b && checkedBackend(b, violations);
      const t: ConformanceTarget = { ...raw, backend: wrap(raw.backend)!, anonymous: wrap(raw.anonymous), otherPatient: wrap(raw.otherPatient) };
      const known = opts.expectedFailures?.some((part) => title.includes(part)) ?? false;
      try {
        if (needs === 'offer' ? !t.clinician.offer : needs && !t[needs]) return this.skip();
        try {
          await fn(t);
          check(violations.length === 0, `not the protocol's shape: ${violations.map((v) => v.reason).join('; ')}`);
        } catch (err) {
          if (known && err instanceof Error && err.name === 'ConformanceFailure') return;
          throw err;
        }
        check(!known, 'now conforms: remove it from expectedFailures');
      } finally {
        await raw.dispose?.();
      }
    });

  describe(`ChatBackend conformance: ${name}`, () => {
    describe('session', () => {
      test('getSession gives the logged-in patient', async ({ backend }) => {
        const s = await backend.getSession();
        check(s && typeof s.subject === 'string' && s.subject.length > 0, 'session has a subject');
        check(typeof s.name === 'string', 'session has a name');
      });
      test('without a session: getSession is null and data calls fail with auth', async ({ anonymous }) => {
        check((await anonymous!.getSession()) === null, 'getSession() resolves null without a session');
        await rejectsWith(anonymous!.listConversations(), 'auth', 'listConversations without a session');
        await rejectsWith(anonymous!.startConversation({}), 'auth', 'startConversation without a session');
      }, 'anonymous');
      test('getTriage gives a FHIR Questionnaire', async ({ backend }) => {
        check((await backend.getTriage()).resourceType === 'Questionnaire', 'resourceType is Questionnaire');
      });
    });

    describe('conversations', () => {
      test('a started conversation is listed, open, initiated by the patient', async ({ backend }) => {
        const c = await backend.startConversation({ mode: 'sync' });
        check(c.initiator === 'patient' && c.status !== 'closed', 'new conversation is open, initiator patient');
        const list = await backend.listConversations();
        check(list.some((x) => x.id === c.id), 'listConversations includes it');
      });
      test('an unknown conversation is not-found', async ({ backend }) => {
        await rejectsWith(backend.getMessages(uid()), 'not-found', 'getMessages of an unknown id');
        await rejectsWith(backend.sendMessage(uid(), { clientId: uid(), text: 'x' }), 'not-found', 'sendMessage to an unknown id');
      });
      test("another patient's conversation is not-found (never revealed)", async ({ backend, otherPatient }) => {
        const c = await backend.startConversation({});
        await rejectsWith(otherPatient!.getMessages(c.id), 'not-found', "getMessages of another patient's conversation");
        await rejectsWith(otherPatient!.sendMessage(c.id, { clientId: uid(), text: 'x' }), 'not-found', "sendMessage to another patient's conversation");
      }, 'otherPatient');
    });

    describe('sending', () => {
      test('sendMessage is idempotent on clientId: one message, returned twice', async ({ backend }) => {
        const c = await backend.startConversation({});
        const clientId = uid();
        const a = await backend.sendMessage(c.id, { clientId, text: 'Hej, jag har ont i halsen.' });
        const b = await backend.sendMessage(c.id, { clientId, text: 'Hej, jag har ont i halsen.' });
        check(a.id === b.id && a.seq === b.seq, 'the repeat returns the same message');
        check(a.clientId === clientId && a.author.role === 'patient', 'the message carries the clientId and the patient as author');
        const page = await backend.getMessages(c.id);
        check(page.messages.filter((m) => m.clientId === clientId).length === 1, 'exactly one message stored');
      });
      test('the same clientId with another text is rejected', async ({ backend }) => {
        const c = await backend.startConversation({});
        const clientId = uid();
        await backend.sendMessage(c.id, { clientId, text: 'första' });
        await rejectsWith(backend.sendMessage(c.id, { clientId, text: 'andra' }), 'rejected', 'a different body under the same clientId');
      });
      test('a message over 4000 characters is rejected with message-too-long', async ({ backend }) => {
        const c = await backend.startConversation({});
        await rejectsWith(backend.sendMessage(c.id, { clientId: uid(), text: 'a'.repeat(4001) }), 'rejected', 'a too long message', 'message-too-long');
      });
      test('a closed conversation takes no new messages', async ({ backend, clinician }) => {
        const c = await backend.startConversation({});
        await backend.sendMessage(c.id, { clientId: uid(), text: 'hej' });
        await clinician.close(c.id);
        await rejectsWith(backend.sendMessage(c.id, { clientId: uid(), text: 'efteråt' }), 'rejected', 'sending to a closed conversation');
      });
    });

    describe('paging', () => {
      test('pages go newest first, each ascending by seq, and cover every message once', async ({ backend }) => {
        const c = await backend.startConversation({});
        const sent: Message[] = [];
        for (let i = 0; i < 7; i++) sent.push(await backend.sendMessage(c.id, { clientId: uid(), text: `meddelande ${i}` }));
        const seen: Message[] = [];
        let before: string | undefined;
        let pages = 0;
        do {
          const page = await backend.getMessages(c.id, before ? { limit: 3, before } : { limit: 3 });
          check(page.messages.length <= 3, 'a page holds at most `limit` messages');
          for (let i = 1; i < page.messages.length; i++) check(page.messages[i]!.seq > page.messages[i - 1]!.seq, 'a page is ascending by seq');
          if (seen[0] && page.messages.length) check(page.messages[page.messages.length - 1]!.seq < seen[0].seq, 'an older page is older');
          seen.unshift(...page.messages);
          before = page.before;
          check(++pages < 20, 'paging ends');
        } while (before);
        const ids = seen.map((m) => m.id);
        check(new Set(ids).size === ids.length, 'no message on two pages');
        for (const m of sent) check(ids.includes(m.id), 'every sent message is on a page');
      });
    });

    describe('live events', () => {
      test('events arrive once each, with unique ids, in server order', async ({ backend, clinician }) => {
        const c = await backend.startConversation({});
        const live = await collectLive(backend, clinician, c.id);
        try {
          await backend.sendMessage(c.id, { clientId: uid(), text: 'patient 1' });
          for (let i = 0; i < 3; i++) await clinician.send(c.id, `klinik ${i}`);
          await until(() => (clinicianTexts(live.events, c.id).length >= 3 ? true : undefined), 'three clinician messages');
          const ids = live.events.map((e) => e.id);
          check(new Set(ids).size === ids.length, 'no event id twice');
          check(clinicianTexts(live.events, c.id).join('|') === 'klinik 0|klinik 1|klinik 2', 'clinician messages in the order written');
          // a message's first event comes in seq order (later ones may update it, e.g. read)
          const firstSeen = new Map<string, number>();
          for (const e of live.events) if (e.type === 'message' && e.message.conversationId === c.id && !firstSeen.has(e.message.id)) firstSeen.set(e.message.id, e.message.seq);
          const seqs = [...firstSeen.values()];
          for (let i = 1; i < seqs.length; i++) check(seqs[i]! > seqs[i - 1]!, 'new messages arrive in seq order');
        } finally {
          live.stop();
        }
      });
      test('subscribe with `since` resumes after that event: nothing missed, nothing older', async ({ backend, clinician }) => {
        const c = await backend.startConversation({});
        const first = await collectLive(backend, clinician, c.id);
        await clinician.send(c.id, 'före');
        const seen = await until(() => first.events.find((e) => e.type === 'message' && e.message.text === 'före'), 'the first message');
        first.stop();
        const lastId = first.events[first.events.length - 1]!.id;
        check(first.events.indexOf(seen) >= 0, 'first message seen');
        for (let i = 0; i < 3; i++) await clinician.send(c.id, `under uppehållet ${i}`);
        const resumed = collect(backend, lastId);
        try {
          await until(() => (clinicianTexts(resumed.events, c.id).length >= 3 ? true : undefined), 'the three missed messages');
          await new Promise((r) => setTimeout(r, 150));
          const texts = clinicianTexts(resumed.events, c.id);
          check(texts.join('|') === 'under uppehållet 0|under uppehållet 1|under uppehållet 2', `resumed with exactly the missed messages, in order (got ${texts.length})`);
          check(!resumed.events.some((e) => e.id === lastId), 'the resume point itself is not repeated');
        } finally {
          resumed.stop();
        }
      });
      test('signalsOpen: onOpen is called, and means live: a message sent right after it arrives', async ({ backend, clinician }) => {
        if (!backend.signalsOpen) return; // optional: the client then does not wait for the stream
        const c = await backend.startConversation({});
        const events: BackendEvent[] = [];
        const ctrl = new AbortController();
        let opened = false;
        backend.subscribe((e) => events.push(e), { signal: ctrl.signal, onOpen: () => (opened = true) });
        try {
          await until(() => (opened ? true : undefined), 'onOpen within 3 s (the adapter says signalsOpen)', 3000);
          await clinician.send(c.id, 'direkt efter öppning');
          await until(() => (clinicianTexts(events, c.id).includes('direkt efter öppning') ? true : undefined), 'the message sent right after onOpen');
        } finally {
          ctrl.abort();
        }
      });
      test('no events are delivered after the signal aborts', async ({ backend, clinician }) => {
        const c = await backend.startConversation({});
        const live = await collectLive(backend, clinician, c.id);
        live.stop();
        const before = live.events.length;
        await clinician.send(c.id, 'efter stopp');
        await new Promise((r) => setTimeout(r, 300));
        check(live.events.length === before, 'nothing delivered after abort');
      });
    });

    describe('read marks and responses', () => {
      test('markRead of a clinician message resolves; of an unknown message is not-found', async ({ backend, clinician }) => {
        const c = await backend.startConversation({});
        await clinician.send(c.id, 'läs mig');
        const page = await backend.getMessages(c.id);
        const m = page.messages.find((x) => x.author.role === 'clinician' && x.text === 'läs mig');
        check(m, 'the clinician message is in the thread');
        await backend.markRead(c.id, m.id);
        await rejectsWith(backend.markRead(c.id, uid()), 'not-found', 'markRead of an unknown message');
      });
      test('setTyping resolves on an own conversation; an answer to an unknown action is not-found', async ({ backend }) => {
        const c = await backend.startConversation({});
        await backend.setTyping(c.id, true);
        await rejectsWith(backend.respond(c.id, uid(), { slotId: 's1' }), 'not-found', 'respond to an action that does not exist');
      });
      test('unread counts the clinician’s messages only, never system notes such as "joined"', async ({ backend, clinician }) => {
        const c = await backend.startConversation({ mode: 'sync' });
        await clinician.send(c.id, 'en fråga från vården');
        const page = await backend.getMessages(c.id);
        const fromClinic = page.messages.filter((m) => m.author.role === 'clinician' && !m.readAt).length;
        const summary = (await backend.listConversations()).find((x) => x.id === c.id);
        check(summary, 'the conversation is listed');
        check(summary.unreadCount === fromClinic, `unreadCount ${summary.unreadCount}, clinician messages unread ${fromClinic}`);
      });
    });

    describe('message kinds (each kind of the protocol examples, when the driver can offer it)', () => {
      for (const [label, ex] of Object.entries(KIND_EXAMPLES)) {
        const kind = ex.message.kind;
        if (!isOfferKind(kind)) continue;
        test(`${label}: the patient gets the protocol's payload${ex.answer ? ', answers it at its actionId once' : ''}`, async ({ backend, clinician }) => {
          const c = await backend.startConversation({ mode: 'sync' });
          await clinician.send(c.id, 'hej');
          await clinician.offer!(c.id, kind, offerOf(kind, ex), ex.message.text);
          const page = await backend.getMessages(c.id, { limit: 200 });
          const m = [...page.messages].reverse().find((x) => x.kind === kind);
          check(m, `a ${kind} message in the thread`);
          check(m.payload !== undefined, `the ${kind} message has a payload`);
          await answerKind(backend, c.id, kind, m, ex);
        }, 'offer');
      }
    });
  });
}

function isOfferKind(kind: string): kind is OfferKind & KindWithPayload {
  return ['booking', 'callback', 'video', 'questionnaire', 'handover', 'evaluation'].includes(kind);
}

/** The example's payload as the clinician offers it: without the ids the backend assigns. */
function offerOf<K extends OfferKind>(kind: K, ex: KindExample): Offers[K] {
  const { actionId: _a, from: _f, ...offer } = ex.message.payload as Record<string, unknown>;
  return (kind === 'evaluation' ? {} : offer) as Offers[K];
}

/** Answers an action kind with the example's answer; a second answer is refused. */
async function answerKind(backend: ChatBackend, conversationId: string, kind: OfferKind, m: Message, ex: KindExample): Promise<void> {
  const body = ex.answer?.body as { response?: unknown; answers?: unknown } | undefined;
  if (!body) return;
  if (kind === 'evaluation') {
    await backend.submitEvaluation(conversationId, body.answers as never);
    await rejectsWith(backend.submitEvaluation(conversationId, body.answers as never), 'rejected', 'a second evaluation');
    return;
  }
  // a booking answer names a slot of this offer, a call-back answer a window of it
  let response = body.response;
  let actionId: string;
  if (kind === 'booking') {
    const p = parseKindPayload('booking', m.payload)!;
    [actionId, response] = [p.actionId, { slotId: p.slots[0]!.id }];
  } else if (kind === 'callback') {
    const p = parseKindPayload('callback', m.payload)!;
    [actionId, response] = [p.actionId, { windowId: p.windows[0]!.id }];
  } else {
    actionId = parseKindPayload('questionnaire', m.payload)!.actionId;
  }
  await backend.respond(conversationId, actionId, response);
  await rejectsWith(backend.respond(conversationId, actionId, response), 'rejected', `a second answer to the ${kind}`);
  if (actionId !== m.id) await rejectsWith(backend.respond(conversationId, m.id, response), 'not-found', `an answer posted to the message id instead of the actionId`);
}
