/**
 * The two sides of a replay difference as lines to show side by side: JSON pretty-printed with
 * each line's path (`$.user.name`, as shared/replay/json-diff.ts names them), so the lines of the
 * fields that differ can be highlighted; other payloads as their text. Pure.
 */
import type { FieldDifference } from '../../../shared/replay/json-diff.js';
import type { ReportMessage } from '../../../shared/replay/replay-report.js';

/** One line of one side. */
export interface DiffLine {
  readonly text: string;
  /** The JSON path the line shows ('' for non-JSON text). */
  readonly path: string;
  /** It shows a field that differs (or the whole message differs). */
  readonly changed: boolean;
}

/** Most lines a side shows (a huge message is cut, and says so). */
export const MAX_DIFF_LINES = 400;

/** The path of a member, as json-diff writes it. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function parse(message: ReportMessage | undefined): { ok: true; value: unknown } | { ok: false } {
  if (message?.text === undefined) return { ok: false };
  const text = message.text.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Pretty-printed JSON, each line with the path of what it shows. */
export function jsonLines(value: unknown): { text: string; path: string }[] {
  const out: { text: string; path: string }[] = [];
  const walk = (v: unknown, path: string, indent: string, prefix: string, comma: string): void => {
    if (out.length > MAX_DIFF_LINES) return;
    if (v !== null && typeof v === 'object') {
      const entries: [string | number, unknown][] = Array.isArray(v)
        ? v.map((item, i) => [i, item])
        : Object.entries(v as Record<string, unknown>);
      const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
      if (entries.length === 0) {
        out.push({ text: `${indent}${prefix}${open}${close}${comma}`, path });
        return;
      }
      out.push({ text: `${indent}${prefix}${open}`, path });
      entries.forEach(([key, item], i) => {
        const label = typeof key === 'number' ? '' : `${JSON.stringify(key)}: `;
        walk(item, childPath(path, key), `${indent}  `, label, i < entries.length - 1 ? ',' : '');
      });
      out.push({ text: `${indent}${close}${comma}`, path });
      return;
    }
    out.push({ text: `${indent}${prefix}${JSON.stringify(v) ?? 'null'}${comma}`, path });
  };
  walk(value, '$', '', '', '');
  return out;
}

/** Whether `path` is a differing path or inside one (a whole object that is only on one side). */
function differs(path: string, fields: readonly string[]): boolean {
  return fields.some((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`));
}

/** One side's lines: JSON with its differing fields marked, else the payload as text (all marked when it differs). */
export function sideLines(
  message: ReportMessage | undefined,
  fields: readonly FieldDifference[],
  side: 'expected' | 'actual',
): DiffLine[] {
  if (message === undefined) return [];
  // The differences this side has a value for (a field only on the other side marks nothing here).
  const paths = fields.filter((f) => f[side] !== undefined).map((f) => f.path);
  const parsed = parse(message);
  if (parsed.ok && !paths.includes('$')) {
    const lines = jsonLines(parsed.value).map((l) => ({ ...l, changed: differs(l.path, paths) }));
    return cut(lines);
  }
  const text = message.text ?? `(binary, base64) ${message.base64 ?? ''}`;
  const changed = fields.length > 0;
  return cut(text.split('\n').map((line) => ({ text: line, path: '', changed })));
}

function cut(lines: DiffLine[]): DiffLine[] {
  if (lines.length <= MAX_DIFF_LINES) return lines;
  // JSON is not walked past the bound: how much is left out is not counted.
  return [
    ...lines.slice(0, MAX_DIFF_LINES),
    { text: `… cut at ${MAX_DIFF_LINES} lines`, path: '', changed: false },
  ];
}
