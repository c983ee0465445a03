import { expect } from '@open-wc/testing';
import { SseParser, type SseEvent } from '../../../src/adapters/http/sse-parser.js';

function parse(chunks: string[], lastId = '') {
  const out: SseEvent[] = [];
  const retries: number[] = [];
  const p = new SseParser((e) => out.push(e), lastId, (ms) => retries.push(ms));
  for (const c of chunks) p.push(c);
  return { out, retries, lastEventId: p.lastEventId };
}

describe('SseParser', () => {
  const text = 'retry: 2000\n: connected\n\nid: 1\ndata: {"a":1}\n\nid: 2\nevent: resync\ndata: x\r\n\r\nid: 3\rdata: line1\rdata: line2\r\r: heartbeat\n\n';
  const expected = [
    { id: '1', event: 'message', data: '{"a":1}' },
    { id: '2', event: 'resync', data: 'x' },
    { id: '3', event: 'message', data: 'line1\nline2' },
  ];

  it('parses events, names, multi-line data and all three line endings; skips comments', () => {
    const r = parse([text]);
    expect(r.out).to.deep.equal(expected);
    expect(r.retries).to.deep.equal([2000]);
    expect(r.lastEventId).to.equal('3');
  });

  it('gives the same events however the text is split (every split point, incl. inside \\r\\n)', () => {
    for (let i = 0; i <= text.length; i++) {
      expect(parse([text.slice(0, i), text.slice(i)]).out, `split at ${i}`).to.deep.equal(expected);
    }
    expect(parse([...text]).out).to.deep.equal(expected);
  });

  it('never dispatches an event cut off before its blank line', () => {
    const r = parse(['id: 1\ndata: a\n\nid: 2\ndata: b\n']);
    expect(r.out.map((e) => e.id)).to.deep.equal(['1']);
    expect(r.lastEventId, 'the id of the cut event is seen, but resume uses dispatched ids').to.equal('2');
  });

  it('carries the last id over to events without one; an id with NUL is ignored', () => {
    const r = parse(['id: 5\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\n'], '4');
    expect(r.out.map((e) => e.id)).to.deep.equal(['5', '5', '5']);
  });
});
