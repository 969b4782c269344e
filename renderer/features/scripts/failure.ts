/**
 * A script's failure text ("file:line:column: what", one per line when soft checks failed too) as
 * parts the editor can jump to. Pure.
 */
import { fileName } from '../file-name.js';

/** One failure line. */
export interface FailurePart {
  /** The file named, or null when the line names no position. */
  readonly file: string | null;
  /** 1-based line and column, or null. */
  readonly line: number | null;
  readonly column: number | null;
  /** What went wrong (the whole line when it names no position). */
  readonly message: string;
}

// Lazy up to the first `:N:N: `: a Windows drive's colon is not a position.
const POSITION = /^(.+?):(\d+):(\d+): ([\s\S]*)$/;

/** The parts of a failure; [] for null. */
export function parseFailure(failure: string | null): readonly FailurePart[] {
  if (failure === null || failure === '') return [];
  return failure.split('\n').map((text) => {
    const match = POSITION.exec(text);
    if (match === null) return { file: null, line: null, column: null, message: text };
    return { file: match[1]!, line: Number(match[2]), column: Number(match[3]), message: match[4]! };
  });
}

/** "name.ts:4:9" for a part with a position (the file's base name, to keep the line short). */
export function positionLabel(part: FailurePart): string {
  if (part.file === null || part.line === null) return '';
  return `${fileName(part.file)}:${part.line}:${part.column ?? 1}`;
}
