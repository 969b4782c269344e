/**
 * Lays out a bench's printed table: a header, a rule, then the rows. `head` gives each column's
 * title and width; the first column is padded on the right, the others on the left.
 */
export function table(
  head: readonly (readonly [string, number])[],
  rows: readonly (readonly string[])[],
): string[] {
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(head[0]?.[1] ?? 0) : cell.padStart(head[i]?.[1] ?? 0)))
      .join('');
  const top = line(head.map(([title]) => title));
  return [top, '-'.repeat(top.length), ...rows.map(line)];
}
