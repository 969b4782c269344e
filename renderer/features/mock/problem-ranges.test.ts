import { describe, expect, it } from 'vitest';
import type { MockTextProblem } from '../../../shared/ipc/mock-commands.js';
import { lineStarts, problemRanges } from './problem-ranges.js';

const problem = (line: number, column: number, path = '', message = 'wrong'): MockTextProblem => ({
  severity: 'error',
  line,
  column,
  path,
  message,
});

describe('problem ranges', () => {
  const text = 'routes:\n  - path: /a\n    rulez: []\n    match: { txet: "a b" }\n';

  it('finds line starts', () => {
    expect(lineStarts(text)).toEqual([0, 8, 21, 35, 62]);
  });

  it('underlines the key or value at line:column, with the path in the message', () => {
    const [key] = problemRanges(text, [problem(3, 5, 'routes[0].rulez', "unknown key 'rulez'")]);
    expect(text.slice(key!.from, key!.to)).toBe('rulez');
    expect(key!.message).toBe("routes[0].rulez: unknown key 'rulez'");
    const [quoted] = problemRanges(text, [problem(4, 20)]);
    expect(text.slice(quoted!.from, quoted!.to)).toBe('"a b"');
    const [flow] = problemRanges(text, [problem(4, 12)]);
    expect(text.slice(flow!.from, flow!.to)).toBe('{ txet: "a b" }');
    const [open] = problemRanges('a: { b: [1,\n', [problem(1, 4)]);
    expect(open).toMatchObject({ from: 3, to: 4 });
  });

  it('keeps a range inside the text however the position lies', () => {
    for (const p of [problem(1, 1), problem(99, 99), problem(0, 0), problem(2, 50)]) {
      const [r] = problemRanges(text, [p]);
      expect(r!.from).toBeGreaterThanOrEqual(0);
      expect(r!.to).toBeLessThanOrEqual(text.length);
      expect(r!.to).toBeGreaterThanOrEqual(r!.from);
    }
    expect(problemRanges('', [problem(1, 1)])).toEqual([
      { from: 0, to: 0, severity: 'error', message: 'wrong' },
    ]);
  });
});
