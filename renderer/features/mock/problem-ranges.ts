/**
 * Where a mock problem's line:column falls in the editor's text, as a range to underline: from
 * the column to the end of the word or value there (at least one character). Pure.
 */
import type { MockTextProblem } from '../../../shared/ipc/mock-commands.js';

/** A problem as an editor range (offsets into the text). */
export interface ProblemRange {
  readonly from: number;
  readonly to: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Offsets of every line start. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The problems of `text` as ranges, clamped inside the text. */
export function problemRanges(text: string, problems: readonly MockTextProblem[]): ProblemRange[] {
  const starts = lineStarts(text);
  return problems.map((p) => {
    const lineIndex = Math.min(Math.max(p.line - 1, 0), starts.length - 1);
    const lineStart = starts[lineIndex]!;
    const lineEnd = lineIndex + 1 < starts.length ? starts[lineIndex + 1]! - 1 : text.length;
    const from = Math.min(lineStart + Math.max(p.column - 1, 0), lineEnd);
    const rest = text.slice(from, lineEnd);
    // A key (`rulez:`), a scalar up to the next separator, or a flow `{…}` / `[…]` on its line.
    const word = flowLength(rest) ?? /^("[^"\n]*"|'[^'\n]*'|[^\s,:{}[\]]+)/.exec(rest)?.[0].length ?? 0;
    const to = word > 0 ? from + word : Math.min(from + 1, text.length);
    const where = p.path ? `${p.path}: ` : '';
    return { from, to: Math.max(to, from), severity: p.severity, message: `${where}${p.message}` };
  });
}

/** The length of a flow collection opening `text` and closing on the same line, else null. */
function flowLength(text: string): number | null {
  if (text[0] !== '{' && text[0] !== '[') return null;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return null;
}
