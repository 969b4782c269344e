import { frameBits, frameSummary, payloadPreview } from '../../../shared/protocol/describe.js';
import type { Frame, Message, StreamEnd } from '../../../shared/protocol/frame.js';
import { frameToJson, messageToJson } from '../../../shared/protocol/frame-json.js';
import { opcodeName, OPCODE } from '../../../shared/protocol/opcodes.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import type { Palette } from '../terminal.js';

/** Turns decoder output into terminal lines: human (one line per frame) or JSON Lines. */
export interface FramePrinter {
  frame(frame: Frame): string[];
  /** `payload` is the inflated payload of a compressed message, when inflation ran. */
  message(message: Message, payload: Uint8Array | null, extra: readonly Violation[]): string[];
  /** Problems found outside any printed frame or message (e.g. a message that failed to inflate). */
  violations(message: Message, violations: readonly Violation[]): string[];
}

/** JSON Lines: one object per frame (and per message with --messages). */
export function jsonPrinter(): FramePrinter {
  return {
    frame: (frame) => [JSON.stringify({ type: 'frame', ...frameToJson(frame) })],
    message: (message, payload, extra) => {
      const json = messageToJson(message, payload);
      return [JSON.stringify({ type: 'message', ...json, violations: [...json.violations, ...extra] })];
    },
    violations: (message, violations) =>
      violations.map((v) => JSON.stringify({ type: 'violation', messageIndex: message.index, firstFrame: message.firstFrame, ...v })),
  };
}

/** Human lines: `#3  @1042  FIN op=text mask=3f9a12c0 len=5/7-bit  "hello"`, violations beneath. */
export function humanPrinter(c: Palette): FramePrinter {
  return {
    frame(frame) {
      const index = c.dim(`#${frame.index}`.padEnd(6));
      const offset = c.dim(`@${frame.offset}`.padEnd(10));
      const summary = frameSummary(frame);
      const lines = [`${index} ${offset} ${styleBits(frame, c)}  ${summary}`.trimEnd()];
      for (const v of frame.violations) lines.push(violationLine(v, c));
      return lines;
    },
    message(message, payload, extra) {
      const type = opcodeName(message.opcode);
      const size = payload === null ? message.wireLength : payload.length;
      const shown = payload ?? message.payload;
      const textual = message.opcode === OPCODE.TEXT && (payload !== null || !message.compressed);
      const frames = message.frameCount === 1 ? '1 frame' : `${message.frameCount} frames`;
      const ratio = message.compressed && payload !== null ? `, ${message.wireLength} B on the wire` : '';
      const preview = shown === null ? '' : `: ${payloadPreview(shown, textual, size)}`;
      const lines = [c.cyan(`       = message #${message.index} ${type} ${size} B in ${frames}${ratio}`) + preview];
      for (const v of extra) lines.push(violationLine(v, c));
      return lines;
    },
    violations: (_message, violations) => violations.map((v) => violationLine(v, c)),
  };
}

function styleBits(frame: Frame, c: Palette): string {
  const bits = frameBits(frame);
  if (frame.opcode === OPCODE.CLOSE) return c.yellow(bits);
  if (frame.opcode === OPCODE.PING || frame.opcode === OPCODE.PONG) return c.magenta(bits);
  return bits;
}

/** `   ✗ UNMASKED_CLIENT_FRAME: … — a strict peer closes with 1002 (RFC 6455 §5.1)`. */
export function violationLine(v: Violation, c: Palette): string {
  const mark = v.severity === 'error' ? c.red('   ✗ ' + v.code) : c.yellow('   ! ' + v.code);
  const consequence =
    v.severity === 'warning'
      ? 'accepted by strict peers'
      : v.code.startsWith('HANDSHAKE_')
        ? 'a strict peer fails the connection'
        : `a strict peer closes with ${v.closeCode}`;
  return `${mark}: ${v.message} ${c.dim(`— ${consequence} (${v.rfc})`)}`;
}

/** The closing summary (stderr): counts, and what the end of the stream left unfinished. */
export function endLines(end: StreamEnd, errors: number, warnings: number, c: Palette): string[] {
  const lines = end.violations.map((v) => violationLine(v, c));
  if (end.stoppedAt) lines.push(c.red(`decoding stopped at byte ${end.stoppedAt.offset}: ${end.stoppedAt.reason}`));
  const counts = `${end.frames} frames, ${end.messages} messages, ${end.bytes} bytes`;
  const problems = errors === 0 && warnings === 0 ? 'no violations' : `${errors} violations, ${warnings} warnings`;
  lines.push(`${counts}; ${errors > 0 ? c.red(problems) : problems}`);
  return lines;
}
