import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { RecordingError } from '../../../shared/record/line-codec.js';
import { awkwardSplit, exampleSession, testHeader } from '../../../shared/record/session-sim.test-util.js';
import { readRecordingEvents } from './recording-reader.js';
import { readAll, tempDir, writeSession } from './recording.test-util.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const eventsOf = (items: Awaited<ReturnType<typeof readAll>>['items']): SessionEvent[] =>
  items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));

describe('a recording read back', () => {
  it.each([1 << 20, 4096, 7])(
    'gives exactly the events of the live session (read chunk %i B)',
    async (chunkSize) => {
      const sim = exampleSession(awkwardSplit);
      const path = join(dir, 'session.jsonl');
      await writeSession(path, sim);
      const { items, error } = await readAll(path, { chunkSize });
      expect(error).toBeNull();
      expect(items[0]).toEqual({ kind: 'header', header: testHeader() });
      expect(eventsOf(items)).toEqual(sim.expected);
      expect(items.some((i) => i.kind === 'truncated' || i.kind === 'skipped')).toBe(false);
      // Frames are derived, never stored.
      expect(await readFile(path, 'utf8')).not.toContain('"type":"frame"');
    },
  );

  it('numbers items by their line', async () => {
    const path = join(dir, 'lines.jsonl');
    await writeSession(
      path,
      exampleSession((b) => [b]),
    );
    const { items } = await readAll(path);
    const lines = (await readFile(path, 'utf8')).split('\n');
    for (const item of items) {
      if (item.kind !== 'event') continue;
      const stored = JSON.parse(lines[item.line - 1] as string) as { type: string };
      const expected = item.event.type === 'frame' ? ['wire'] : item.event.type === 'message' ? ['message', 'message-ref'] : [item.event.type];
      expect(expected).toContain(stored.type);
    }
  });

  it('tolerates and reports a last line cut short by a crash, delivering everything before it', async () => {
    const sim = exampleSession(awkwardSplit);
    const path = join(dir, 'crashed.jsonl');
    await writeSession(path, sim);
    const full = await readFile(path, 'utf8');
    const lines = full.trimEnd().split('\n');
    const lastStart = full.length - (lines.at(-1) as string).length - 1;
    for (const keep of [1, 10, (lines.at(-1) as string).length - 1]) {
      await writeFile(path, full.slice(0, lastStart + keep));
      const { items, error } = await readAll(path);
      expect(error).toBeNull();
      expect(items.at(-1)).toEqual({ kind: 'truncated', line: lines.length, bytes: keep });
      expect(eventsOf(items)).toEqual(sim.expected.slice(0, -1));
    }
    // Only the newline missing: the line is whole, so it counts.
    await writeFile(path, full.slice(0, -1));
    expect((await readRecordingEvents(path)).events).toEqual(sim.expected);
  });

  it('rejects a corrupt line in the middle with its number, after delivering the lines before it', async () => {
    const path = join(dir, 'corrupt.jsonl');
    const sim = exampleSession((b) => [b]);
    await writeSession(path, sim);
    const lines = (await readFile(path, 'utf8')).split('\n');
    const wireLine = lines.findIndex((l) => l.startsWith('{"type":"wire"')) + 1;
    lines[wireLine - 1] = (lines[wireLine - 1] as string).replace('"frames":8', '"frames":7');
    await writeFile(path, lines.join('\n'));
    const { items, error } = await readAll(path);
    expect(error).toBeInstanceOf(RecordingError);
    expect(error).toMatchObject({
      code: 'RECORDING_FRAME_MISMATCH',
      line: wireLine,
      message: `line ${wireLine}: wire record of connection 1 direction out says its 406 bytes completed 7 frames; decoding them completed 8`,
    });
    expect(eventsOf(items)).toEqual(sim.expected.slice(0, 2));

    lines[wireLine - 1] = '{"type":"wire","conn":1,';
    await writeFile(path, lines.join('\n'));
    expect((await readAll(path)).error).toMatchObject({ code: 'RECORDING_NOT_JSON', line: wireLine });
  });

  it('rejects a newer format version, an empty file, a cut header and an overlong line', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, JSON.stringify({ ...testHeader(), version: 2 }) + '\n');
    await expect(readRecordingEvents(path)).rejects.toMatchObject({
      code: 'RECORDING_UNSUPPORTED_VERSION',
      message:
        'line 1: the recording is format version 2; this reader supports version 1 (a newer wstap wrote it)',
    });
    await writeFile(path, '');
    await expect(readRecordingEvents(path)).rejects.toMatchObject({
      code: 'RECORDING_BAD_HEADER',
      message: 'line 1: the file is empty',
    });
    await writeFile(path, JSON.stringify(testHeader()).slice(0, 30));
    await expect(readRecordingEvents(path)).rejects.toMatchObject({ code: 'RECORDING_TRUNCATED' });
    await writeFile(
      path,
      `${JSON.stringify(testHeader())}\n{"type":"error","message":"${'x'.repeat(300)}"}\n`,
    );
    await expect(readRecordingEvents(path, { maxLineBytes: 256, chunkSize: 64 })).rejects.toMatchObject({
      code: 'RECORDING_LINE_TOO_LONG',
      line: 2,
    });
  });

  it('skips lines of unknown types (a newer minor addition) and blank lines, unless strict', async () => {
    const path = join(dir, 'newer.jsonl');
    const sim = exampleSession((b) => [b]);
    await writeSession(path, sim);
    await appendFile(path, '\n{"type":"annotation","conn":1,"seq":99,"t":1,"wall":2,"note":"later"}\n');
    const read = await readRecordingEvents(path);
    expect(read).toMatchObject({ skipped: 1, truncated: null });
    expect(read.events).toEqual(sim.expected);
    const { items } = await readAll(path);
    expect(items.at(-1)).toMatchObject({ kind: 'skipped', type: 'annotation' });
    await expect(readRecordingEvents(path, { strict: true })).rejects.toMatchObject({
      code: 'RECORDING_UNKNOWN_TYPE',
    });
  });

  it('reads a file that is only a header', async () => {
    const path = join(dir, 'empty-session.jsonl');
    await writeFile(path, JSON.stringify(testHeader()) + '\n');
    expect(await readRecordingEvents(path)).toEqual({
      header: testHeader(),
      events: [],
      truncated: null,
      skipped: 0,
    });
  });
});
