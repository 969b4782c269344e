// Test support for recording files: temp dirs and writing a simulated session through the writer.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionSim } from '../../../shared/record/session-sim.test-util.js';
import { testHeader } from '../../../shared/record/session-sim.test-util.js';
import type { RecordingHeader } from '../../../shared/record/types.js';
import { openRecordingWriter, type RecordingWriterOptions } from './recording-writer.js';
import { readRecording, type ReadRecordingOptions, type RecordingItem } from './recording-reader.js';
import { RecordSplitter } from './record-splitter.js';

/** A fresh temp dir and a function that removes it. */
export async function tempDir(): Promise<{ readonly dir: string; readonly cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'wstap-recording-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes the session's writer calls (and its frame events, which the writer must skip) to `path`. */
export async function writeSession(
  path: string,
  sim: SessionSim,
  options: RecordingWriterOptions = {},
  header: RecordingHeader = testHeader(),
): Promise<void> {
  const writer = await openRecordingWriter(path, header, options);
  let frame = 0;
  const frames = sim.expected.filter((e) => e.type === 'frame');
  for (const call of sim.calls) {
    if (call.kind === 'setup') writer.setup(call.record);
    else if (call.kind === 'event') writer.event(call.event);
    else {
      // The caller may reuse its buffer once wire() returns: scribble over a copy to prove the writer kept none.
      const bytes = call.record.bytes.slice();
      writer.wire({ ...call.record, bytes });
      bytes.fill(0xee);
      for (const f of frames.slice(frame, frame + call.record.frames)) writer.event(f);
      frame += call.record.frames;
    }
  }
  await writer.close();
}

/** Every item a reader yields, and the error it ended with, if any. */
export async function readAll(
  path: string,
  options?: ReadRecordingOptions,
): Promise<{ readonly items: RecordingItem[]; readonly error: unknown }> {
  const items: RecordingItem[] = [];
  try {
    for await (const item of readRecording(path, options)) items.push(item);
    return { items, error: null };
  } catch (error) {
    return { items, error };
  }
}

/** A recording's records as text (raw wire records as their version 1 lines), header first. */
export async function recordTexts(path: string): Promise<string[]> {
  const splitter = new RecordSplitter(1 << 30);
  const lines = splitter.push(await readFile(path));
  const tail = splitter.end();
  return tail === null ? lines : [...lines, tail.text];
}

/** The same recording as a version 1 file: JSON lines only, wire bytes as base64. */
export async function asVersion1(path: string): Promise<string[]> {
  const [header, ...records] = await recordTexts(path);
  return [JSON.stringify({ ...(JSON.parse(header as string) as object), version: 1 }), ...records];
}
