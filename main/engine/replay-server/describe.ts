/** Phrases for the replay server's timeline: a message in short, a step, a client's assignment, mismatch and end. */
import type { ConversationMessage } from '../../../shared/interchange/conversation.js';
import { formatDuration } from '../mock/duration.js';
import type { ReplayScript, Step } from './script.js';

const PREVIEW_CHARS = 80;

/** A message in short: its text quoted (cut at 80 characters), or the first bytes of a binary one. */
export function preview(opcode: 'text' | 'binary', bytes: Uint8Array, text: string | null): string {
  if (opcode === 'text' && text !== null) {
    const cut = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
    // Printers escape control characters (escapeText): the event keeps the text as it was.
    return `"${cut}"`;
  }
  const hex = Buffer.from(bytes.subarray(0, 8))
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  return `[${opcode} ${bytes.length} B] ${hex}${bytes.length > 8 ? ' …' : ''}`;
}

/** A recorded message in short ('' for none). */
export function previewRecorded(message: ConversationMessage | undefined): string {
  if (message === undefined) return '';
  const bytes =
    message.text !== undefined
      ? Buffer.from(message.text, 'utf8')
      : Buffer.from(message.base64 ?? '', 'base64');
  return preview(message.opcode, bytes, message.text ?? null);
}

/** A step for a `rule` event: `reply text 40 B after 3ms`, `close 4000 "bye"` (mock rules' wording). */
export function describeStep(step: Step, speed: number): string {
  const wait = speed === 0 ? 0 : step.gap / speed;
  const after = wait >= 1 ? ` after ${formatDuration(Math.round(wait))}` : '';
  if (step.kind === 'close')
    return `close ${step.code ?? '(no code)'}${step.reason === '' ? '' : ` ${JSON.stringify(step.reason)}`}${after}`;
  const size =
    step.message.text !== undefined
      ? Buffer.byteLength(step.message.text)
      : Buffer.from(step.message.base64 ?? '', 'base64').length;
  return `reply ${step.message.opcode} ${size} B${after}`;
}

/** What a client got: `replaying recorded connection #1 (URL): 3 client messages, 4 server messages, …`. */
export function describeAssigned(script: ReplayScript, note: string | null): string {
  const { connection, exchanges, pushes, serverMessages } = script;
  const onConnect = pushes.filter((s) => s.kind === 'send').length;
  return (
    `replaying recorded connection #${connection.id} (${connection.url}): ${plural(exchanges.length, 'client message')}, ` +
    `${plural(serverMessages, 'server message')}${onConnect > 0 ? `, ${onConnect} sent on connect` : ''}` +
    `${note === null ? '' : `; ${note}`}`
  );
}

/** Where a client stands when its script is played out and the connection stays open. */
export function describeEnd(script: ReplayScript, unmatched: readonly number[]): string {
  const { exchanges, connection } = script;
  const total = exchanges.length;
  const missing = unmatched
    .slice(0, 3)
    .map((i) => `${i + 1} ${previewRecorded(exchanges[i]?.request)}`)
    .join(', ');
  const matched =
    unmatched.length === 0
      ? total === 1
        ? 'its recorded client message matched'
        : `all ${total} recorded client messages matched`
      : `${total - unmatched.length} of ${total} recorded client messages matched (not received: ${missing}${unmatched.length > 3 ? ', …' : ''})`;
  const close = connection.close;
  const next =
    close?.initiator === 'client'
      ? `; in the recording the client closed next (${close.code ?? 'no code'})`
      : '';
  return `end of the recording, ${matched}${next}; staying open`;
}

/** Why a live message got no reply: it, and the closest recorded client message still expected. */
export function describeMismatch(
  script: ReplayScript,
  live: { readonly index: number; readonly preview: string },
  closest: { readonly index: number; readonly detail: string } | null,
): string {
  const expected =
    closest === null
      ? `the recording has no client message left (all ${script.exchanges.length} matched)`
      : `closest expected: client message ${closest.index + 1} ${previewRecorded(script.exchanges[closest.index]?.request)} (${closest.detail})`;
  return `message ${live.index} ${live.preview} is not in the recording; ${expected}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
