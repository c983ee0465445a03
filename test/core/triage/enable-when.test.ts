import { expect } from '@open-wc/testing';
import { enabledItems, type Answers, type EnableWhen, type QuestionnaireItem } from '../../../src/core/triage/index.js';
import { code, coded, q } from './fixtures.js';

const target = (type: QuestionnaireItem['type']): QuestionnaireItem => ({ linkId: 'a', type });
const dependent = (...enableWhen: EnableWhen[]): QuestionnaireItem => ({ linkId: 'b', type: 'string', enableWhen });
const enabled = (item: QuestionnaireItem, when: EnableWhen, answers: Answers) => enabledItems(q(item, dependent(when)), answers).has('b');

describe('triage enableWhen', () => {
  it('exists: true needs an answer, false needs none', () => {
    const a = target('string');
    expect(enabled(a, { question: 'a', operator: 'exists', answerBoolean: true }, {})).to.equal(false);
    expect(enabled(a, { question: 'a', operator: 'exists', answerBoolean: true }, { a: [{ valueString: 'x' }] })).to.equal(true);
    expect(enabled(a, { question: 'a', operator: 'exists', answerBoolean: false }, {})).to.equal(true);
    expect(enabled(a, { question: 'a', operator: 'exists', answerBoolean: false }, { a: [{ valueString: 'x' }] })).to.equal(false);
  });

  it('= and != on codings (system and code), booleans and strings', () => {
    const c = coded('a', 'x', 'y');
    const eq: EnableWhen = { question: 'a', operator: '=', answerCoding: { system: 'urn:s', code: 'x' } };
    const ne: EnableWhen = { ...eq, operator: '!=' };
    expect(enabled(c, eq, { a: [code('x')] })).to.equal(true);
    expect(enabled(c, eq, { a: [code('y')] })).to.equal(false);
    expect(enabled(c, eq, { a: [{ valueCoding: { system: 'urn:other', code: 'x' } }] })).to.equal(false);
    expect(enabled(c, ne, { a: [code('y')] })).to.equal(true);
    expect(enabled(c, ne, { a: [code('x')] })).to.equal(false);
    expect(enabled(c, ne, {})).to.equal(true); // R4: "no answer has a value equal to it"
    const b = target('boolean');
    expect(enabled(b, { question: 'a', operator: '=', answerBoolean: false }, { a: [{ valueBoolean: false }] })).to.equal(true);
    expect(enabled(b, { question: 'a', operator: '=', answerBoolean: false }, { a: [{ valueBoolean: true }] })).to.equal(false);
    const s = target('string');
    expect(enabled(s, { question: 'a', operator: '=', answerString: 'ja' }, { a: [{ valueString: 'ja' }] })).to.equal(true);
    expect(enabled(s, { question: 'a', operator: '!=', answerString: 'ja' }, { a: [{ valueString: 'nej' }] })).to.equal(true);
  });

  it('>, <, >=, <= on integers, decimals and dates', () => {
    const n = target('integer');
    const cases: [EnableWhen['operator'], number, boolean][] = [
      ['>', 4, false], ['>', 5, false], ['>', 6, true],
      ['<', 4, true], ['<', 5, false], ['<', 6, false],
      ['>=', 4, false], ['>=', 5, true], ['>=', 6, true],
      ['<=', 4, true], ['<=', 5, true], ['<=', 6, false],
    ];
    for (const [operator, value, expected] of cases) {
      expect(enabled(n, { question: 'a', operator, answerInteger: 5 }, { a: [{ valueInteger: value }] }), `${value} ${operator} 5`).to.equal(expected);
    }
    const d = target('decimal');
    expect(enabled(d, { question: 'a', operator: '>=', answerDecimal: 38.5 }, { a: [{ valueDecimal: 38.5 }] })).to.equal(true);
    expect(enabled(d, { question: 'a', operator: '>', answerDecimal: 38.5 }, { a: [{ valueDecimal: 38.4 }] })).to.equal(false);
    const date = target('date');
    expect(enabled(date, { question: 'a', operator: '<', answerDate: '2026-01-01' }, { a: [{ valueDate: '2025-12-31' }] })).to.equal(true);
    expect(enabled(date, { question: 'a', operator: '<', answerDate: '2026-01-01' }, { a: [{ valueDate: '2026-01-02' }] })).to.equal(false);
    // an ordering operator with no answer is false
    expect(enabled(n, { question: 'a', operator: '<', answerInteger: 5 }, {})).to.equal(false);
  });

  it('enableBehavior all needs every condition, any needs one', () => {
    const a = coded('a', 'x', 'y', 'z');
    const both = (behavior: 'all' | 'any'): QuestionnaireItem => ({
      linkId: 'b', type: 'string', enableBehavior: behavior,
      enableWhen: [
        { question: 'a', operator: '=', answerCoding: { code: 'x' } },
        { question: 'a', operator: '=', answerCoding: { code: 'y' } },
      ],
    });
    const multi = { ...a, repeats: true };
    expect(enabledItems(q(multi, both('all')), { a: [code('x')] }).has('b')).to.equal(false);
    expect(enabledItems(q(multi, both('all')), { a: [code('x'), code('y')] }).has('b')).to.equal(true);
    expect(enabledItems(q(multi, both('any')), { a: [code('y')] }).has('b')).to.equal(true);
    expect(enabledItems(q(multi, both('any')), { a: [code('z')] }).has('b')).to.equal(false);
  });

  it('nested groups: a disabled group disables everything inside it, however deep', () => {
    const questionnaire = q(
      { linkId: 'go', type: 'boolean' },
      {
        linkId: 'outer', type: 'group', enableWhen: [{ question: 'go', operator: '=', answerBoolean: true }],
        item: [{ linkId: 'inner', type: 'group', item: [{ linkId: 'deep', type: 'string' }] }],
      },
    );
    expect([...enabledItems(questionnaire, { go: [{ valueBoolean: false }] })]).to.deep.equal(['go']);
    expect([...enabledItems(questionnaire, { go: [{ valueBoolean: true }] })]).to.deep.equal(['go', 'outer', 'inner', 'deep']);
  });

  it('an answer to a disabled item counts as no answer (chains, in any order)', () => {
    const questionnaire = q(
      { linkId: 'c', type: 'string', enableWhen: [{ question: 'b', operator: 'exists', answerBoolean: true }] },
      { linkId: 'a', type: 'boolean' },
      { linkId: 'b', type: 'string', enableWhen: [{ question: 'a', operator: '=', answerBoolean: true }] },
    );
    const answers = { a: [{ valueBoolean: true }], b: [{ valueString: 'kvar' }] };
    expect(enabledItems(questionnaire, answers).has('c')).to.equal(true);
    expect(enabledItems(questionnaire, { ...answers, a: [{ valueBoolean: false }] }).has('c')).to.equal(false);
  });
});
