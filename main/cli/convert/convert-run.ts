import { writeFile } from 'node:fs/promises';
import type { Conversation } from '../../../shared/interchange/conversation.js';
import { ExportError, type ExportOptions } from '../../../shared/interchange/export/export-options.js';
import { toMessageLines } from '../../../shared/interchange/export/jsonl.js';
import { toK6Script } from '../../../shared/interchange/export/k6.js';
import { toMockDefinition } from '../../../shared/interchange/export/mock.js';
import { toPlaywrightFixture } from '../../../shared/interchange/export/playwright.js';
import { harText, toHar } from '../../../shared/interchange/har/har-write.js';
import {
  onlyConnections,
  recordingFileBytes,
  type RecordingText,
} from '../../../shared/interchange/recording-text.js';
import { recordingFromConversation } from '../../../shared/interchange/to-recording.js';
import { EngineError } from '../../engine/errors.js';
import { loadInterchange, type Interchange } from '../../engine/interchange/load-interchange.js';
import { VERSION } from '../../engine/version.js';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { paletteFor } from '../terminal.js';
import type { ConvertPlan, OutputFormat } from './convert-plan.js';

const TOOL = `wstap ${VERSION}`;

/** Reads IN, writes OUT in the plan's format, says what it wrote (and any warning) on stderr. */
export async function runConvert(plan: ConvertPlan, io: Io): Promise<ExitCode> {
  const err = paletteFor(io.stderr, false);
  let read: Interchange;
  try {
    read = await loadInterchange(plan.input, {
      recordingText: plan.format === 'har' || plan.format === 'wstap',
    });
  } catch (error) {
    if (error instanceof EngineError) throw new UserError(error.message);
    throw error;
  }
  if (plan.from !== null && plan.from !== read.kind) {
    throw new UserError(
      `--from says ${plan.from.replace(/-/g, ' ')}, but ${plan.input} is ${read.conversation.source.replace(/-/g, ' ')}`,
    );
  }
  const { conversation, recording } = selected(read, plan.connections);
  let text: string | Uint8Array;
  try {
    text = output(plan.format, conversation, recording, exportOptions(plan));
  } catch (error) {
    if (error instanceof ExportError) throw new UserError(error.message);
    throw error;
  }
  if (plan.output === '-') {
    io.stdout.write(text);
  } else {
    try {
      await writeFile(plan.output, text);
    } catch (error) {
      throw new UserError(`cannot write ${plan.output}: ${(error as Error).message}`);
    }
  }
  for (const warning of conversation.warnings ?? [])
    io.stderr.write(`${err.yellow(`warning: ${warning}`)}\n`);
  const messages = conversation.connections.reduce((sum, c) => sum + c.messages.length, 0);
  const where = plan.output === '-' ? 'standard output' : plan.output;
  const count = conversation.connections.length;
  io.stderr.write(
    `${err.dim(`wrote ${where}: ${plan.format}, ${count} connection${count === 1 ? '' : 's'}, ${messages} message${messages === 1 ? '' : 's'} from ${conversation.source.replace(/-/g, ' ')}`)}\n`,
  );
  return EXIT.OK;
}

/** The connections the plan asks for (all when it names none); a missing one is a UserError listing those there are. */
function selected(
  read: Interchange,
  ids: readonly number[],
): { conversation: Conversation; recording: RecordingText | null } {
  if (ids.length === 0) return read;
  const all = read.conversation.connections;
  const missing = ids.filter((id) => !all.some((c) => c.id === id));
  if (missing.length > 0)
    throw new UserError(
      `--connection ${missing.join(',')}: no such connection; the file has ${all.map((c) => c.id).join(', ')}`,
    );
  const keep = new Set(ids);
  return {
    conversation: { ...read.conversation, connections: all.filter((c) => keep.has(c.id)) },
    recording: read.recording === null ? null : onlyConnections(read.recording, keep),
  };
}

function exportOptions(plan: ConvertPlan): ExportOptions {
  return {
    ...(plan.connections.length > 0 ? { connections: plan.connections } : {}),
    ignore: plan.ignore,
    ...(plan.speed === undefined ? {} : { speed: plan.speed }),
    ...(plan.target === undefined ? {} : { target: plan.target }),
    source: plan.input,
    ...(plan.output === '-' ? {} : { output: plan.output }),
  };
}

/** The contents of OUT (a wstap recording as bytes: version 2 has raw wire records). */
function output(
  format: OutputFormat,
  conversation: Conversation,
  recording: RecordingText | null,
  options: ExportOptions,
): string | Uint8Array {
  switch (format) {
    case 'har':
      return harText(toHar(conversation, { tool: TOOL, recording }));
    case 'wstap':
      // A recording's own lines when there are (lossless); else one made from the conversation.
      return recordingFileBytes(recording ?? recordingFromConversation(conversation, TOOL));
    case 'messages':
      return toMessageLines(conversation, options);
    case 'k6':
      return toK6Script(conversation, options);
    case 'playwright':
      return toPlaywrightFixture(conversation, options);
    case 'mock':
      return toMockDefinition(conversation, options);
  }
}
