import { describe, expect, it } from 'vitest';
import { table } from './table.js';

describe('bench table', () => {
  it('keeps a space between a cell longer than its column and the cell before it', () => {
    const lines = table(
      [
        ['contestant', 12],
        ['median', 8],
        ['runs', 6],
      ],
      [['ws', '79.2k', '79.2k 85.1k 80.0k']],
    );
    expect(lines[2]).toBe('ws             79.2k 79.2k 85.1k 80.0k');
    // The header and the rule widen with the column.
    expect(lines[0]).toBe('contestant    median              runs');
    expect(lines[1]).toBe('-'.repeat(lines[0]!.length));
  });

  it('lays out cells that fit as before, and leaves a width-0 column as it is', () => {
    const lines = table(
      [
        ['a', 4],
        ['b', 6],
        ['  goal', 0],
      ],
      [['x', '1.0', '  met']],
    );
    expect(lines).toEqual(['a        b  goal', '----------------', 'x      1.0  met']);
  });
});
