/**
 * What to complete at the cursor of a script, from the entries main derives from types/script.d.ts
 * (`script.completions`): the API's exports after a bare word, an interface's members after
 * `name.` when the name's type can be told from the script's text (`const c = await connect(…)`
 * makes `c` a Connection, `assert` is the Assert, `await c.expect(…)` gives a Message). No type
 * checker runs: a name it cannot place gets no member list rather than a wrong one. Pure.
 */
import type { ScriptCompletion } from '../../../shared/ipc/script-commands.js';

/** Where and what to complete. */
export interface CompletionQuery {
  /** null: the module's exports; else the interface whose members are offered. */
  readonly owner: string | null;
  /** Document offset where the word being completed starts. */
  readonly from: number;
  readonly prefix: string;
}

const escape = (s: string): string => s.replace(/[$]/g, '\\$&');

/** The interface a name stands for in `doc`, or null when it cannot be told. */
export function ownerOf(name: string, doc: string): string | null {
  if (name === 'assert') return 'Assert';
  const id = escape(name);
  const declared = new RegExp(
    `\\b(?:const|let|var)\\s+${id}\\s*(?::\\s*([A-Za-z_]\\w*))?\\s*=\\s*(await\\s+)?([^;\\n]*)`,
  );
  const match = declared.exec(doc);
  if (match !== null) {
    if (match[1] !== undefined) return match[1];
    const init = match[3] ?? '';
    if (/^connect\s*\(/.test(init)) return 'Connection';
    if (/\.\s*(expect|next)\s*\(/.test(init)) return 'Message';
    if (/\.\s*(expectClose|close|terminate)\s*\(/.test(init)) return 'CloseInfo';
    return null;
  }
  // A parameter or variable with a type annotation (`(conn: Connection) =>`, `let c: Connection;`).
  const annotated = new RegExp(`\\b${id}\\s*:\\s*([A-Z]\\w*)`).exec(doc);
  return annotated?.[1] ?? null;
}

/** What to complete at offset `pos` of `doc`, or null (inside nothing completable). */
export function queryAt(doc: string, pos: number): CompletionQuery | null {
  const before = doc.slice(Math.max(0, pos - 300), pos);
  const member = /([A-Za-z_$][\w$]*)\s*\.\s*([\w$]*)$/.exec(before);
  if (member !== null) {
    const owner = ownerOf(member[1]!, doc);
    if (owner === null) return null;
    return { owner, from: pos - member[2]!.length, prefix: member[2]! };
  }
  const word = /[A-Za-z_$][\w$]*$/.exec(before);
  if (word === null) return null;
  return { owner: null, from: pos - word[0].length, prefix: word[0] };
}

/** The entries a query offers (CodeMirror filters them further as the user types). */
export function entriesFor(
  entries: readonly ScriptCompletion[],
  query: CompletionQuery,
): readonly ScriptCompletion[] {
  return entries.filter((e) => e.owner === query.owner && e.label.startsWith(query.prefix.slice(0, 1)));
}

/** The tooltip text of an entry: its signature, then its doc. */
export function infoOf(entry: ScriptCompletion): string {
  return entry.info === '' ? entry.detail : `${entry.detail}\n\n${entry.info}`;
}
