import { expect } from '@open-wc/testing';
import {
  answerFromText, buildResponse, contactReason, estimateTotal, initialAnswers, steps, type Answers,
} from '../../../src/core/triage/index.js';
import { defaultTriage } from '../../../src/adapters/memory/fixtures.js';
import { code, coded, q } from './fixtures.js';

const CS = 'https://vardchat.se/fhir/CodeSystem/contact-reason';
const reason = (c: string) => ({ valueCoding: { system: CS, code: c, display: c } });

describe('triage QuestionnaireResponse', () => {
  it('references the questionnaire, is completed, and keeps linkIds and value types', () => {
    const answers: Answers = {
      reason: [reason('prescription')],
      medicine: [{ valueString: 'Levaxin 50 mikrogram' }],
      'days-left': [{ valueInteger: 2 }],
    };
    const r = buildResponse(defaultTriage, answers, { authored: new Date('2026-01-02T03:04:05Z') });
    expect(r.resourceType).to.equal('QuestionnaireResponse');
    expect(r.questionnaire).to.equal('https://vardchat.se/fhir/Questionnaire/contact-reason|1.0.0');
    expect(r.status).to.equal('completed');
    expect(r.authored).to.equal('2026-01-02T03:04:05.000Z');
    expect(r.item).to.deep.equal([
      { linkId: 'reason', text: 'Vad gäller din kontakt?', answer: [reason('prescription')] },
      {
        linkId: 'prescription', text: 'Ditt recept', item: [
          { linkId: 'medicine', text: 'Vilket läkemedel gäller det? Skriv namn och styrka.', answer: [{ valueString: 'Levaxin 50 mikrogram' }] },
          { linkId: 'days-left', text: 'För hur många dagar har du läkemedel kvar?', answer: [{ valueInteger: 2 }] },
        ],
      },
    ]);
  });

  it('leaves out answers to hidden items, display items and empty groups', () => {
    const answers: Answers = {
      reason: [reason('other')],
      symptom: [{ valueCoding: { system: 'https://vardchat.se/fhir/CodeSystem/symptom', code: 'fever' } }], // answered, then the reason changed
      temperature: [{ valueDecimal: 39.5 }],
      'other-text': [{ valueString: 'Intyg' }],
    };
    const r = buildResponse(defaultTriage, answers);
    expect(r.item!.map((i) => i.linkId)).to.deep.equal(['reason', 'other-text']);
    expect(JSON.stringify(r)).not.to.contain('39.5');
  });

  it('uses Questionnaire/id when there is no url, and keeps decimal, boolean, date and multi-select values', () => {
    const questionnaire = {
      resourceType: 'Questionnaire' as const, id: 'x',
      item: [
        { ...coded('many', 'a', 'b'), repeats: true },
        { linkId: 'yes', type: 'boolean' as const },
        { linkId: 'n', type: 'decimal' as const },
        { linkId: 'd', type: 'date' as const },
      ],
    };
    const r = buildResponse(questionnaire, {
      many: [code('a'), code('b')], yes: [{ valueBoolean: false }], n: [{ valueDecimal: 1.5 }], d: [{ valueDate: '2026-02-03' }],
    });
    expect(r.questionnaire).to.equal('Questionnaire/x');
    expect(r.item!.map((i) => i.answer)).to.deep.equal([
      [code('a'), code('b')], [{ valueBoolean: false }], [{ valueDecimal: 1.5 }], [{ valueDate: '2026-02-03' }],
    ]);
  });

  it('gives the coded contact reason as the routing hint', () => {
    expect(contactReason(defaultTriage, { reason: [reason('booking')] })).to.deep.equal({ system: CS, code: 'booking', display: 'booking' });
    expect(contactReason(defaultTriage, {})).to.equal(undefined);
    // without the marker extension: the first answered coded choice
    expect(contactReason(q(coded('a', 'x')), { a: [code('x')] })!.code).to.equal('x');
  });

  it('starts from initial values and initialSelected options', () => {
    const questionnaire = q(
      { linkId: 's', type: 'string', initial: [{ valueString: 'förifyllt' }] },
      { linkId: 'c', type: 'choice', answerOption: [{ valueString: 'a' }, { valueString: 'b', initialSelected: true }] },
    );
    expect(initialAnswers(questionnaire)).to.deep.equal({ s: [{ valueString: 'förifyllt' }], c: [{ valueString: 'b' }] });
  });

  it('turns typed text into typed answers (decimal comma accepted) or an issue', () => {
    expect(answerFromText({ linkId: 'n', type: 'decimal' }, ' 38,5 ')).to.deep.equal({ answer: { valueDecimal: 38.5 } });
    expect(answerFromText({ linkId: 'n', type: 'integer' }, '3.5').issue!.code).to.equal('integer');
    expect(answerFromText({ linkId: 'd', type: 'date' }, '2026-02-30').issue!.code).to.equal('date');
    expect(answerFromText({ linkId: 'd', type: 'date' }, '2026-02-28')).to.deep.equal({ answer: { valueDate: '2026-02-28' } });
    expect(answerFromText({ linkId: 's', type: 'string' }, '   ')).to.deep.equal({});
  });

  it('lists the steps of the enabled items, with their groups, skipping red-flag display items', () => {
    const advice = steps(defaultTriage, { reason: [reason('advice')] });
    expect(advice.map((s) => s.item.linkId)).to.deep.equal(['reason', 'symptom', 'duration', 'description']);
    expect(advice[1]!.groups).to.deep.equal(['Om dina besvär']);
  });

  it('estimates the number of steps from the longest branch while the question is unanswered', () => {
    expect(estimateTotal(defaultTriage, {}, 'reason')).to.equal(4);
    expect(estimateTotal(defaultTriage, { reason: [reason('other')] }, 'reason')).to.equal(2);
  });
});
