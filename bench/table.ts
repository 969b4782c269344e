/**
 * Lays out a bench's printed table: a header, a rule, then the rows. `head` gives each column's
 * title and width; the first column is padded on the right, the others on the left. A column
 * widens to keep at least one space before its longest cell or title (a run-by-run list can be
 * longer than its title), so neighbouring cells never run together; width 0 leaves a column's
 * cells as they are (a last, free-text column).
 */
export function table(
  head: readonly (readonly [string, number])[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = head.map(([title, width], i) => {
    if (width === 0) return 0;
    const longest = Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0));
    return Math.max(width, longest + 1);
  });
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[i] ?? 0))).join('');
  const top = line(head.map(([title]) => title));
  return [top, '-'.repeat(top.length), ...rows.map(line)];
}
