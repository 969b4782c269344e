import { describe, expect, it } from 'vitest';
import { parseFailure, positionLabel } from './failure.js';

describe('parseFailure', () => {
  it('splits file:line:column from what went wrong', () => {
    const [part] = parseFailure('/tmp/t/e.ws.ts:5:9: #1: expected text "bye" within 300 ms; 1 message came');
    expect(part).toEqual({
      file: '/tmp/t/e.ws.ts',
      line: 5,
      column: 9,
      message: '#1: expected text "bye" within 300 ms; 1 message came',
    });
    expect(positionLabel(part!)).toBe('e.ws.ts:5:9');
  });

  it('keeps a message that itself has colons and numbers, and a Windows drive', () => {
    const [part] = parseFailure('C:\\s\\a.ts:2:25: RangeError: not the answer: 41:2:3: x');
    expect(part).toMatchObject({
      file: 'C:\\s\\a.ts',
      line: 2,
      column: 25,
      message: 'RangeError: not the answer: 41:2:3: x',
    });
    expect(positionLabel(part!)).toBe('a.ts:2:25');
  });

  it('one part per line (soft checks first); a line without a position stays whole', () => {
    const parts = parseFailure('/a.ts:3:1: check one\ndid not finish within 1000 ms (--timeout): stopped');
    expect(parts).toHaveLength(2);
    expect(parts[1]).toEqual({
      file: null,
      line: null,
      column: null,
      message: 'did not finish within 1000 ms (--timeout): stopped',
    });
    expect(positionLabel(parts[1]!)).toBe('');
    expect(parseFailure(null)).toEqual([]);
  });
});
