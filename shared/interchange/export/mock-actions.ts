/**
 * Mock actions (docs/mock-format.md#actions) for what a recorded server did, each rendered as the
 * YAML flow text of one list item (`reply: "see you"`, `delay: 41ms`), so equal behaviour is
 * equal text: rules deduplicate by comparing strings.
 */
import { toBase64 } from '../../protocol/base64.js';
import type { IgnorePath } from '../../replay/ignore-paths.js';
import type { ConversationClose, ConversationMessage } from '../conversation.js';
import { samePayload, type TimedReply } from './exchanges.js';
import { scaledMs } from './export-options.js';
import { jsonOf, pathText, type Copy } from './json-fields.js';
import { replyCopies } from './volatile-fields.js';

/** Gaps shorter than this are the server's processing time, not behaviour: no `delay` for them. */
const DELAY_FLOOR_MS = 10;

/** A JSON value as YAML flow text: JSON is YAML, with the characters YAML reads as breaks escaped. */
export function yamlValue(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The actions answering one request (null on connect): delays, replies, and the server's Close when given. */
export function replyActions(
  request: ConversationMessage | null,
  replies: readonly TimedReply[],
  volatile: readonly IgnorePath[],
  speed: number,
): string[] {
  const json = request === null ? undefined : jsonOf(request);
  const actions: string[] = [];
  for (const [i, { message, gapMs }] of replies.entries()) {
    // The first push on connect has no recorded start to count from (the open is not in the file).
    if (request !== null || i > 0) actions.push(...delay(gapMs, speed));
    if (request !== null && samePayload(request, message)) actions.push('reply: { same: true }');
    else actions.push(reply(message, replyCopies(json, jsonOf(message), volatile)));
  }
  return actions;
}

/** `close: {code, reason}` for the server's Close (with `force` for a code a server may not send). */
export function closeActions(close: ConversationClose, gapMs: number, speed: number): string[] {
  const fields: string[] = [];
  if (close.code !== null) fields.push(`code: ${close.code}`);
  // A reason is a template and has no escape for '{{': such a reason is left out.
  if (close.code !== null && close.reason !== '' && !close.reason.includes('{{'))
    fields.push(`reason: ${yamlValue(close.reason)}`);
  if (close.code !== null && !serverMaySend(close.code)) fields.push('force: true');
  return [...delay(gapMs, speed), `close: { ${fields.join(', ')} }`.replace('{  }', '{}')];
}

function delay(gapMs: number, speed: number): string[] {
  const ms = Math.round(scaledMs(gapMs, speed));
  return ms >= DELAY_FLOOR_MS ? [`delay: ${ms}ms`] : [];
}

function reply(message: ConversationMessage, copies: readonly Copy[]): string {
  if (message.text === undefined) return `reply: { base64: ${yamlValue(message.base64 ?? '')} }`;
  const text = message.text;
  const json = jsonOf(message);
  if (copies.length > 0 && json !== undefined && !JSON.stringify(json).includes('{{'))
    return `reply: { json: ${yamlValue(withTemplates(json, copies))} }`;
  // Replies are templates, and a template has no escape for '{{': send such a text as a raw frame.
  if (text.includes('{{'))
    return `raw: [{ opcode: text, payload: { base64: ${yamlValue(toBase64(new TextEncoder().encode(text)))} } }]`;
  return `reply: ${yamlValue(text)}`;
}

/** A copy of the reply with `"{{$.path}}"` where the live request's value goes (a sole `{{…}}` keeps its type). */
function withTemplates(value: unknown, copies: readonly Copy[]): unknown {
  const copy = structuredCloneJson(value);
  for (const { to, from } of copies) {
    const key = to.at(-1);
    let parent: unknown = copy;
    for (const step of to.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
    if (key !== undefined && parent !== null && typeof parent === 'object')
      (parent as Record<string | number, unknown>)[key] = `{{${pathText(from)}}}`;
  }
  return copy;
}

function structuredCloneJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function serverMaySend(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}
