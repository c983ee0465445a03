import { expect } from '@open-wc/testing';
import { redFlags, validateAnswers, validateItem, type Answers } from '../../../src/core/triage/index.js';
import { defaultTriage } from '../../../src/adapters/memory/fixtures.js';
import { code, coded, q } from './fixtures.js';

const SY = 'https://vardchat.se/fhir/CodeSystem/symptom';
const symptom = (c: string) => ({ valueCoding: { system: SY, code: c } });
const advice = { valueCoding: { system: 'https://vardchat.se/fhir/CodeSystem/contact-reason', code: 'advice' } };

describe('triage validation', () => {
  it('required: no answer is an issue; false is an answer', () => {
    expect(validateItem({ linkId: 'a', type: 'string', required: true }, [])).to.deep.equal([{ linkId: 'a', code: 'required' }]);
    expect(validateItem({ linkId: 'b', type: 'boolean', required: true }, [{ valueBoolean: false }])).to.deep.equal([]);
    expect(validateItem({ linkId: 'c', type: 'string' }, [])).to.deep.equal([]);
  });

  it('maxLength counts characters, not UTF-16 units', () => {
    const item = { linkId: 'a', type: 'string' as const, maxLength: 3 };
    expect(validateItem(item, [{ valueString: 'åäö' }])).to.deep.equal([]);
    expect(validateItem(item, [{ valueString: '😀😀😀' }])).to.deep.equal([]);
    expect(validateItem(item, [{ valueString: 'åäöx' }])).to.deep.equal([{ linkId: 'a', code: 'max-length', max: 3 }]);
  });

  it('repeats: several options only on a repeating choice, and only options it has', () => {
    const single = coded('a', 'x', 'y');
    expect(validateItem(single, [code('x'), code('y')]).map((i) => i.code)).to.deep.equal(['option']);
    expect(validateItem({ ...single, repeats: true }, [code('x'), code('y')])).to.deep.equal([]);
    expect(validateItem({ ...single, repeats: true }, [code('z')]).map((i) => i.code)).to.deep.equal(['option']);
    expect(validateItem({ linkId: 'o', type: 'open-choice', answerOption: [{ valueString: 'x' }] }, [{ valueString: 'eget svar' }])).to.deep.equal([]);
  });

  it('validates only enabled items', () => {
    const questionnaire = q(
      { linkId: 'go', type: 'boolean' },
      { linkId: 'why', type: 'string', required: true, enableWhen: [{ question: 'go', operator: '=', answerBoolean: true }] },
    );
    expect(validateAnswers(questionnaire, { go: [{ valueBoolean: false }] })).to.deep.equal([]);
    expect(validateAnswers(questionnaire, { go: [{ valueBoolean: true }] })).to.deep.equal([{ linkId: 'why', code: 'required' }]);
  });
});

describe('triage red flags', () => {
  it('an answer option with the extension raises its reason, and un-raises when the answer changes', () => {
    let answers: Answers = { reason: [advice], symptom: [symptom('stroke-signs')] };
    const flags = redFlags(defaultTriage, answers);
    expect(flags).to.have.length(1);
    expect(flags[0]!.linkId).to.equal('symptom');
    expect(flags[0]!.reason).to.contain('stroke');
    answers = { ...answers, symptom: [symptom('fever')] };
    expect(redFlags(defaultTriage, answers)).to.deep.equal([]);
  });

  it('a display item with the extension raises when its enableWhen holds (chest pain and breathing)', () => {
    expect(redFlags(defaultTriage, { reason: [advice], symptom: [symptom('chest-pain')] })).to.deep.equal([]);
    const both = redFlags(defaultTriage, { reason: [advice], symptom: [symptom('chest-pain'), symptom('breathing')] });
    expect(both.map((f) => f.linkId)).to.deep.equal(['chest-and-breathing']);
    expect(both[0]!.reason).to.contain('andningssvårigheter');
  });

  it('a flagged answer in a hidden branch does not raise', () => {
    const other = { valueCoding: { system: 'https://vardchat.se/fhir/CodeSystem/contact-reason', code: 'other' } };
    expect(redFlags(defaultTriage, { reason: [other], symptom: [symptom('stroke-signs')] })).to.deep.equal([]);
  });
});
