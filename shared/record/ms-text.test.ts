import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msText } from './ms-text.js';

describe('msText', () => {
  it('writes event times (whole microseconds in ms) exactly as JSON.stringify does', () => {
    const times = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.integer({ min: 1_700_000_000_000_000, max: 1_900_000_000_000_000 }),
      fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
    );
    fc.assert(
      fc.property(times, (micros) => {
        const x = Math.round(micros) / 1000;
        expect(msText(x)).toBe(JSON.stringify(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes any other number as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(msText(x)).toBe(JSON.stringify(x));
      }),
      {
        numRuns: 20_000,
      },
    );
    for (const x of [0, -0, 0.5, -0.5, -0.001, 1.1, 1e21, 2 ** 42, 2 ** 42 + 0.5, 4398046511103.999])
      expect(msText(x)).toBe(JSON.stringify(x));
  });
});
