import { isUtf8 } from 'node:buffer';
import { FrameDecoder } from '../../../shared/protocol/decoder.js';
import type { Frame, Message, Sender } from '../../../shared/protocol/frame.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import { parseCount, UserError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { LineWriter, paletteFor } from '../terminal.js';
import type { DecodeFlags, Io } from './decode-command.js';
import { endLines, humanPrinter, jsonPrinter, violationLine } from './frame-printer.js';
import { readInput } from './read-input.js';
import { StreamPrelude } from './stream-prelude.js';

/** Runs `wstap decode` on a file or standard input and returns the exit code. */
export async function runDecode(file: string | undefined, flags: DecodeFlags, io: Io): Promise<ExitCode> {
  const role = parseRole(flags.role);
  const limit = flags.limit === undefined ? undefined : parseCount('--limit', flags.limit);
  const maxPayload = parseCount('--max-payload', flags.maxPayload ?? '0');
  const out = new LineWriter(io.stdout);
  const err = new LineWriter(io.stderr);
  const color = paletteFor(io.stdout, flags.color === false);
  const errColor = paletteFor(io.stderr, flags.color === false);
  const printer = flags.json ? jsonPrinter() : humanPrinter(color);
  const prelude = new StreamPrelude(role, flags.deflate);
  let decoder: FrameDecoder | null = null;
  let errors = 0;
  let warnings = 0;
  const count = (vs: readonly Violation[]) => {
    for (const v of vs) {
      if (v.severity === 'error') errors++;
      else warnings++;
    }
  };
  // Messages of a compressed session inflate asynchronously; a chain keeps the output in order.
  let chain: Promise<void> = Promise.resolve();
  const emit = (lines: () => Promise<string[]> | string[]) => {
    chain = chain.then(async () => {
      for (const line of await lines()) out.line(line);
    });
  };
  const onFrame = (frame: Frame) => {
    count(frame.violations);
    emit(() => printer.frame(frame));
  };
  const onMessage = (message: Message) => {
    if (!flags.messages && !(message.compressed && prelude.inflater)) return;
    emit(async () => {
      const inflated = message.compressed ? await prelude.inflate(message) : null;
      const extra = inflated?.violations ?? [];
      count(extra);
      if (!flags.messages) return printer.violations(message, extra);
      return printer.message(message, inflated?.payload ?? (message.compressed ? null : message.payload), extra);
    });
  };
  for await (const chunk of readInput({ file, hex: flags.hex === true, limit, stdin: io.stdin })) {
    const frames: Uint8Array | null = decoder === null ? prelude.take(chunk) : chunk;
    if (frames === null) continue;
    if (decoder === null) {
      const sender = prelude.sender(frames);
      for (const note of prelude.notes) err.line(errColor.dim(note));
      count(prelude.handshakeViolations);
      for (const v of prelude.handshakeViolations) err.line(violationLine(v, errColor));
      decoder = new FrameDecoder({
        sender,
        perMessageDeflate: prelude.perMessageDeflate,
        headersOnly: flags.headersOnly === true,
        maxPayload,
        isUtf8,
        onFrame,
        onMessage,
      });
    }
    decoder.push(frames);
    await chain;
    await out.flush();
  }
  for (const note of decoder === null ? prelude.finish() : []) err.line(errColor.dim(note));
  const end = decoder?.end();
  await chain;
  await out.flush();
  prelude.close();
  if (end) {
    count(end.violations);
    for (const line of endLines(end, errors, warnings, errColor)) err.line(line);
  }
  await err.flush();
  return errors > 0 ? EXIT.PROTOCOL_VIOLATION : EXIT.OK;
}

function parseRole(role: string | undefined): Sender | undefined {
  if (role === undefined) return undefined;
  if (role === 'client' || role === 'server') return role;
  throw new UserError(`--role is 'client' (the bytes a client sent) or 'server', got '${role}'`);
}
