// Test support for recording files: temp dirs and writing a simulated session through the writer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionSim } from '../../../shared/record/session-sim.test-util.js';
import { testHeader } from '../../../shared/record/session-sim.test-util.js';
import type { RecordingHeader } from '../../../shared/record/types.js';
import { openRecordingWriter, type RecordingWriterOptions } from './recording-writer.js';
import { readRecording, type ReadRecordingOptions, type RecordingItem } from './recording-reader.js';

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
