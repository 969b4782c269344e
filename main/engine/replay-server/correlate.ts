/**
 * `--correlate $.id`: a client that sends its own ids gets them back. The value at each path of
 * the live request goes into the same path of each reply to it — where the reply has that path
 * and, in the recording, held the recorded request's value there (a push in the same batch that
 * carries an id of its own keeps it).
 */
import { isDeepStrictEqual } from 'node:util';
import type { JsonPath } from '../mock/definition.js';
import { readJsonPath } from '../mock/json-path.js';

/** A reply after correlation: its text (re-serialized only when something changed) and the paths set. */
export interface Correlated {
  readonly text: string;
  readonly applied: readonly string[];
}

/**
 * Copies the correlated values of `live` (the live request, parsed) into the reply `text`.
 * `recorded` is the recorded request, parsed (undefined when it was not JSON).
 */
export function correlateReply(
  text: string,
  paths: readonly JsonPath[],
  live: unknown,
  recorded: unknown,
): Correlated {
  if (paths.length === 0 || live === undefined) return { text, applied: [] };
  let reply: unknown;
  try {
    reply = JSON.parse(text) as unknown;
  } catch {
    return { text, applied: [] };
  }
  const applied: string[] = [];
  for (const path of paths) {
    const value = readJsonPath(live, path);
    const was = readJsonPath(reply, path);
    if (value === undefined || was === undefined) continue;
    const recordedValue = recorded === undefined ? undefined : readJsonPath(recorded, path);
    if (recordedValue !== undefined && !isDeepStrictEqual(was, recordedValue)) continue;
    if (isDeepStrictEqual(was, value)) continue;
    if (writeJsonPath(reply, path, value)) applied.push(path.source);
  }
  return applied.length === 0 ? { text, applied } : { text: JSON.stringify(reply), applied };
}

/** Replaces the value at `path` in `root` (mutated) when there is one there. */
function writeJsonPath(root: unknown, path: JsonPath, value: unknown): boolean {
  const last = path.steps.at(-1);
  if (last === undefined || readJsonPath(root, path) === undefined) return false;
  // The value exists, so its parent is an object or array.
  const parent = readJsonPath(root, { source: path.source, steps: path.steps.slice(0, -1) });
  (parent as Record<string | number, unknown>)[last] = value;
  return true;
}
