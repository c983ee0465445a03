import { expect } from '@open-wc/testing';
import { checkQuestionnaire, type QuestionnaireIssue } from '../../../src/core/triage/index.js';
import { defaultTriage } from '../../../src/adapters/memory/fixtures.js';
import { defaultTriageEn } from '../../../src/adapters/memory/fixtures.js';

const issues = (json: unknown): QuestionnaireIssue[] => {
  const r = checkQuestionnaire(json);
  return r.ok ? [] : r.issues;
};
const one = (item: Record<string, unknown>, ...more: Record<string, unknown>[]) => ({ resourceType: 'Questionnaire', item: [item, ...more] });

describe('triage checkQuestionnaire', () => {
  it('accepts both demo questionnaires', async () => {
    expect(issues(defaultTriage)).to.deep.equal([]);
    expect(issues(await defaultTriageEn())).to.deep.equal([]);
  });

  it('rejects what is not a questionnaire', () => {
    expect(issues(null)[0]!.code).to.equal('invalid');
    expect(issues({ resourceType: 'Patient' })[0]!.feature).to.contain('resourceType');
    expect(issues({ resourceType: 'Questionnaire', item: [] })[0]!.feature).to.contain('item');
  });

  it('names the linkId and the feature of each unsupported feature', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ linkId: 'photo', type: 'attachment' }, 'type "attachment"'],
      [{ linkId: 'vs', type: 'choice', answerValueSet: 'http://x' }, 'answerValueSet'],
      [{ linkId: 'calc', type: 'integer', extension: [{ url: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression' }] }, 'calculatedExpression'],
      [{ linkId: 'min', type: 'integer', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 1 }] }, 'minValue'],
      [{ linkId: 'mod', type: 'string', modifierExtension: [{ url: 'http://x' }] }, 'modifierExtension'],
      [{ linkId: 'rep', type: 'string', repeats: true }, 'repeats on type "string"'],
      [{ linkId: 'g', type: 'group', repeats: true, item: [{ linkId: 'g1', type: 'string' }] }, 'repeats on a group'],
      [{ linkId: 'nest', type: 'string', item: [{ linkId: 'n1', type: 'string' }] }, 'items inside a string item'],
      [{ linkId: 'opt', type: 'choice', answerOption: [{ valueDate: '2020-01-01' }] }, 'answerOption.valueDate'],
    ];
    for (const [item, feature] of cases) {
      const found = issues(one(item));
      expect(found, feature).to.have.length.greaterThan(0);
      expect(found[0]!.code, feature).to.equal('unsupported');
      expect(found[0]!.linkId, feature).to.equal(item.linkId);
      expect(found[0]!.feature, feature).to.contain(feature);
    }
  });

  it('reports enableWhen mistakes: unknown question, exists without boolean, missing enableBehavior, quantity', () => {
    const a = { linkId: 'a', type: 'integer' };
    expect(issues(one({ linkId: 'b', type: 'string', enableWhen: [{ question: 'nope', operator: '=', answerInteger: 1 }] }))[0]!.feature).to.contain('"nope"');
    expect(issues(one(a, { linkId: 'b', type: 'string', enableWhen: [{ question: 'a', operator: 'exists', answerInteger: 1 }] }))[0]!.feature).to.contain('exists');
    expect(issues(one(a, { linkId: 'b', type: 'string', enableWhen: [{ question: 'a', operator: '>', answerInteger: 1 }, { question: 'a', operator: '<', answerInteger: 9 }] }))[0]!.feature).to.contain('enableBehavior');
    const q = issues(one(a, { linkId: 'b', type: 'string', enableWhen: [{ question: 'a', operator: '=', answerQuantity: { value: 1 } }] }));
    expect(q[0]).to.deep.equal({ code: 'unsupported', linkId: 'b', feature: 'enableWhen.answerQuantity' });
    expect(issues(one(a, { linkId: 'b', type: 'string', enableWhen: [{ question: 'a', operator: 'like', answerInteger: 1 }] }))[0]!.feature).to.contain('operator');
    expect(issues(one(a, { linkId: 'b', type: 'string', enableWhen: [{ question: 'a', operator: '=', answerString: '1' }] }))[0]!.feature).to.contain('answerString');
  });

  it('reports duplicate linkIds and a red-flag display item that is always shown', () => {
    expect(issues(one({ linkId: 'x', type: 'string' }, { linkId: 'x', type: 'string' }))[0]).to.deep.equal({ code: 'invalid', linkId: 'x', feature: 'duplicate linkId' });
    const always = { linkId: 'd', type: 'display', text: 'Ring 112', extension: [{ url: 'https://vardchat.se/fhir/StructureDefinition/red-flag', valueString: 'x' }] };
    expect(issues(one(always))[0]!.feature).to.contain('without enableWhen');
  });

  it('ignores presentation-only extensions it does not know', () => {
    const item = { linkId: 'a', type: 'string', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl', valueCodeableConcept: {} }] };
    expect(issues(one(item))).to.deep.equal([]);
  });
});
