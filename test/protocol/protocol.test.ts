import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  ActionBody, BackendEvent, EvaluationBody, KIND_ANSWERS, KIND_PAYLOADS, Message, PATIENT_ROUTES, QuestionnaireResponse,
  StartConversationBody, isKindWithPayload, messageTextProblem, parseKindPayload, parseWith, routePath,
} from '../../src/protocol/index.js';
import { KIND_EXAMPLES } from '../../src/protocol/examples.js';

const ok = (schema: v.GenericSchema, input: unknown) => v.safeParse(schema, input).success;

describe('protocol schemas', () => {
  describe('the examples of every kind', () => {
    for (const [name, ex] of Object.entries(KIND_EXAMPLES)) {
      it(`${name}: the message, its payload and its answer validate`, () => {
        expect(ok(Message, ex.message), 'message').to.equal(true);
        const kind = ex.message.kind;
        if (isKindWithPayload(kind)) expect(parseKindPayload(kind, ex.message.payload), 'payload').to.not.equal(null);
        if (ex.answer) {
          const body = ex.answer.body;
          const schema = kind === 'evaluation' ? EvaluationBody : ActionBody;
          expect(ok(schema, body), 'answer body').to.equal(true);
          if (kind in KIND_ANSWERS) {
            const answer = (body as { response: unknown }).response;
            expect(ok(KIND_ANSWERS[kind as keyof typeof KIND_ANSWERS], answer), 'answer of its kind').to.equal(true);
          }
        }
        for (const other of ex.otherAnswers ?? []) expect(ok(ActionBody, other), 'other answer').to.equal(true);
      });
    }

    it('cover every kind that has a payload', () => {
      const covered = new Set(Object.values(KIND_EXAMPLES).map((e) => e.message.kind));
      for (const kind of Object.keys(KIND_PAYLOADS)) expect(covered.has(kind), kind).to.equal(true);
    });
  });

  describe('refuses the shapes the sides used to disagree on', () => {
    it('handover as { to, queue } (the widget’s old parser)', () => {
      expect(parseKindPayload('handover', { to: { role: 'clinician', name: 'A' }, queue: 'doctor' })).to.equal(null);
    });
    it('call-back as { around, phoneHint } (the mock’s old shape)', () => {
      expect(parseKindPayload('callback', { around: '2026-12-03T13:00:00.000Z', phoneHint: '12 34' })).to.equal(null);
    });
    it('a booking answer with the old { type, slotId } or { type, otherTimes }', () => {
      expect(ok(ActionBody, { response: { type: 'booking', slotId: 's-1' } })).to.equal(false);
      expect(ok(ActionBody, { response: { type: 'booking', otherTimes: true } })).to.equal(false);
    });
  });

  describe('hostile values', () => {
    it('a video link must be https without user info', () => {
      for (const url of ['javascript:alert(1)', 'http://video.example.se/x', 'https://www.1177.se@evil.example/x', 'data:text/html,x', '/relative']) {
        expect(parseKindPayload('video', { url }), url).to.equal(null);
      }
      expect(parseKindPayload('video', { url: 'https://video.example.se/m/1' })).to.deep.equal({ url: 'https://video.example.se/m/1' });
    });
    it('unknown fields are dropped from a payload, not passed on', () => {
      const p = parseKindPayload('system', { event: 'joined', html: '<img src=x onerror=alert(1)>' });
      expect(p).to.deep.equal({ event: 'joined' });
    });
    it('an answer with two values, or none, is not a FHIR answer', () => {
      const qr = (answer: unknown) => ({ resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'a', answer: [answer] }] });
      expect(ok(QuestionnaireResponse, qr({ valueBoolean: true }))).to.equal(true);
      expect(ok(QuestionnaireResponse, qr({ valueBoolean: true, valueString: 'x' }))).to.equal(false);
      expect(ok(QuestionnaireResponse, qr({}))).to.equal(false);
    });
    it('a call-back answer checks the corrected phone number', () => {
      expect(ok(ActionBody, { response: { windowId: 'w-1', phone: '070-123 45 67' } })).to.equal(true);
      expect(ok(ActionBody, { response: { windowId: 'w-1', phone: 'ring mig' } })).to.equal(false);
    });
    it('an event of an unknown type, or without an id, is refused', () => {
      expect(ok(BackendEvent, { type: 'resync', id: 'r-1' })).to.equal(true);
      expect(ok(BackendEvent, { type: 'resync' })).to.equal(false);
      expect(ok(BackendEvent, { type: 'exec', id: '1' })).to.equal(false);
    });
    it('a start body with a reason longer than a code is refused', () => {
      expect(ok(StartConversationBody, { reason: 'advice' })).to.equal(true);
      expect(ok(StartConversationBody, { reason: 'x'.repeat(65) })).to.equal(false);
      expect(ok(StartConversationBody, { reason: { code: 'advice', display: 'Rådgivning' } })).to.equal(true);
    });
  });

  it('message text: empty, too long (code points, not UTF-16 units)', () => {
    expect(messageTextProblem('  \n ')).to.equal('message-empty');
    expect(messageTextProblem('😀'.repeat(4000))).to.equal(null);
    expect(messageTextProblem('😀'.repeat(4001))).to.equal('message-too-long');
  });

  it('parseWith warns with the path and never the value', () => {
    const reasons: string[] = [];
    const secret = 'Mitt personnummer är 19121212-1212';
    expect(parseWith(Message, { id: 'm', conversationId: 'c', seq: 1, author: { role: secret }, kind: 'text', text: secret, createdAt: 'x' }, (r) => reasons.push(r))).to.equal(null);
    expect(reasons).to.have.length(1);
    expect(reasons[0]).to.match(/^author\.role: /);
    expect(reasons[0]).to.not.contain('1212');
  });

  it('routePath fills and encodes parameters', () => {
    expect(routePath(PATIENT_ROUTES.sendMessage, { conversationId: 'c 1', clientId: 'k/1' })).to.equal('/conversations/c%201/messages/k%2F1');
    expect(() => routePath(PATIENT_ROUTES.respond, { conversationId: 'c' })).to.throw(/actionId/);
  });
});
