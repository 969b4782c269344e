/**
 * Which request fields vary from one run to the next and so must not decide a match: the
 * `--ignore` paths, plus correlation ids found in the recording — a field named like an id
 * (`id`, `requestId`, `seq`, …) whose value a reply to that request carries under the same name.
 * Replies then get the live request's value there (see copiesInto).
 */
import type { IgnorePath } from '../../replay/ignore-paths.js';
import type { ConversationConnection } from '../conversation.js';
import { serverScript } from './exchanges.js';
import {
  copiesInto,
  ignoredFields,
  isIdName,
  jsonOf,
  pathText,
  readField,
  scalarFields,
  type Copy,
  type FieldPath,
} from './json-fields.js';

/** The ignore paths plus the correlation ids of the connections' requests (as concrete paths), deduplicated. */
export function volatilePaths(
  connections: readonly ConversationConnection[],
  ignore: readonly IgnorePath[],
): IgnorePath[] {
  const found = new Map<string, IgnorePath>(ignore.map((p) => [p.source, p]));
  for (const connection of connections) {
    for (const { request, replies } of serverScript(connection).exchanges) {
      const json = jsonOf(request);
      if (json === undefined) continue;
      for (const field of scalarFields(json)) {
        if (
          !isIdName(field.path.at(-1)) ||
          (typeof field.value !== 'string' && typeof field.value !== 'number')
        )
          continue;
        const echoed = replies.some((r) => {
          const reply = jsonOf(r.message);
          return reply !== undefined && readField(reply, field.path) === field.value;
        });
        const source = pathText(field.path);
        if (echoed && !found.has(source) && !ignoredBy(field.path, [...found.values()], json))
          found.set(source, concretePath(field.path, source));
      }
    }
  }
  return [...found.values()];
}

/** The copies a reply needs: its fields holding one of the request's volatile values. */
export function replyCopies(request: unknown, reply: unknown, volatile: readonly IgnorePath[]): Copy[] {
  if (request === undefined || reply === undefined) return [];
  return copiesInto(reply, ignoredFields(request, volatile));
}

/** Whether an ignore path already takes the field out (it or a field around it). */
function ignoredBy(path: FieldPath, paths: readonly IgnorePath[], json: unknown): boolean {
  return ignoredFields(json, paths).some((f) => f.path.every((step, i) => path[i] === step));
}

function concretePath(path: FieldPath, source: string): IgnorePath {
  return {
    source,
    steps: path.map((step) =>
      typeof step === 'number' ? { kind: 'index', index: step } : { kind: 'key', key: step },
    ),
  };
}
