/**
 * Where in a handler an error happened, as `file:line:column`: stack frames parsed, file URLs
 * (with their `?v=` reload query) turned back into paths, and frames in a transpiled TypeScript
 * handler mapped to the .ts source through the source map it was built with.
 */
import { realpathSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A 1-based line and column in a file. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Transpiled .mjs path → the .ts it came from and the map between them. */
const generated = new Map<string, { readonly source: string; readonly map: SourceMap }>();

/** Remembers a transpiled file so positions in it can be reported in its source. */
export function registerGenerated(outFile: string, sourceFile: string, map: SourceMapPayload): void {
  generated.set(outFile, { source: sourceFile, map: new SourceMap(map) });
}

/** The user's file behind a position: unchanged unless it is in a transpiled file. */
export function originalPosition(position: SourcePosition): SourcePosition {
  const built = generated.get(position.file);
  if (built === undefined) return position;
  // SourceMap positions are 0-based; an unmapped spot still names the file.
  const entry = built.map.findEntry(position.line - 1, position.column - 1) as Partial<{
    originalLine: number;
    originalColumn: number;
  }>;
  if (entry.originalLine === undefined || entry.originalColumn === undefined)
    return { file: built.source, line: 1, column: 1 };
  return { file: built.source, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/** Replaces transpiled file paths in a message (e.g. "imported from /tmp/…/0-h.mjs") by their sources. */
export function withSourcePaths(text: string): string {
  let out = text;
  for (const [outFile, { source }] of generated)
    if (out.includes(outFile)) out = out.split(outFile).join(source);
  return out;
}

/** A path from a stack location: a file URL loses its query (`?v=3`), a path stays. */
function locationPath(location: string): string {
  if (!location.startsWith('file://')) return location;
  const url = new URL(location);
  url.search = '';
  url.hash = '';
  return fileURLToPath(url);
}

// "    at fn (file:///a/b.mjs?v=1:3:9)", "    at async fn (/a/b.cjs:3:9)", "    at file:///a/b.mjs:3:9"
const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/** Every frame of a stack that names a file position, mapped to the user's sources. */
export function stackPositions(stack: string): SourcePosition[] {
  const positions: SourcePosition[] = [];
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line);
    if (!match || match[1]!.startsWith('node:')) continue;
    positions.push(
      originalPosition({ file: locationPath(match[1]!), line: Number(match[2]), column: Number(match[3]) }),
    );
  }
  return positions;
}

/**
 * The position V8 puts above a SyntaxError's stack (what `node --check` prints too):
 * "file:line", the source line, then carets under the spot.
 */
export function syntaxErrorPosition(text: string): SourcePosition | null {
  const match = /^(.+?):(\d+)\r?\n.*\r?\n(\s*)\^/m.exec(text);
  if (match)
    return originalPosition({
      file: locationPath(match[1]!),
      line: Number(match[2]),
      column: match[3]!.length + 1,
    });
  // "Unexpected end of input" points past the last line: no source line, no caret, column 1.
  const bare = /^((?:file:\/\/|\/|[A-Za-z]:\\).+?):(\d+)\r?\n\s*\r?\n/m.exec(text);
  if (!bare) return null;
  return originalPosition({ file: locationPath(bare[1]!), line: Number(bare[2]), column: 1 });
}

/** `file:line:column`. */
export function formatPosition(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.column}`;
}

/** An error as one line: "TypeError: x is not a function", or just the message of a plain Error. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error))
    return `${String(error)} (a thrown ${typeof error}: throw an Error to see the line)`;
  const message = withSourcePaths(error.message);
  return error.name === 'Error' ? message : `${error.name}: ${message}`;
}

const realPaths = new Map<string, string>();

/** Whether a stack frame's file is `file`: Node names modules by their real path, a caller may not. */
function sameFile(frameFile: string, file: string): boolean {
  if (frameFile === file) return true;
  let real = realPaths.get(file);
  if (real === undefined) {
    try {
      real = realpathSync(file);
    } catch {
      real = file;
    }
    realPaths.set(file, real);
  }
  return frameFile === real;
}

/**
 * "<file>:<line>:<col>: <message> (in <where>)" for an error a handler threw: the position is the
 * first stack frame in `file` (the handler's own line, even when the throw came from code it
 * called); without one, the file alone and the top frame the stack names.
 */
export function handlerFailure(error: unknown, file: string, where: string): string {
  const positions = error instanceof Error && error.stack !== undefined ? stackPositions(error.stack) : [];
  const own = positions.find((p) => sameFile(p.file, file));
  const suffix = ` (in ${where})`;
  if (own) return `${formatPosition(own)}: ${describeError(error)}${suffix}`;
  const top = positions[0];
  return `${file}: ${describeError(error)}${suffix}${top ? `, at ${formatPosition(top)}` : ''}`;
}
