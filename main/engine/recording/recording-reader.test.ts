import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { RecordingError } from '../../../shared/record/line-codec.js';
import { awkwardSplit, exampleSession, testHeader } from '../../../shared/record/session-sim.test-util.js';
import { readRecordingEvents } from './recording-reader.js';
import { asVersion1, readAll, recordTexts, tempDir, writeSession } from './recording.test-util.js';

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
    const lines = await recordTexts(path);
    for (const item of items) {
      if (item.kind !== 'event') continue;
      const stored = JSON.parse(lines[item.line - 1] as string) as { type: string };
      const expected =
        item.event.type === 'frame'
          ? ['wire']
          : item.event.type === 'message'
            ? ['message', 'message-ref']
            : [item.event.type];
      expect(expected).toContain(stored.type);
    }
  });

  it('tolerates and reports a last line cut short by a crash, delivering everything before it', async () => {
    const sim = exampleSession(awkwardSplit);
    const path = join(dir, 'crashed.jsonl');
    await writeSession(path, sim);
    const full = await readFile(path);
    const records = await recordTexts(path);
    const lastStart = full.lastIndexOf(10, full.length - 2) + 1;
    const lastLength = full.length - 1 - lastStart;
    for (const keep of [1, 10, lastLength - 1]) {
      await writeFile(path, full.subarray(0, lastStart + keep));
      const { items, error } = await readAll(path);
      expect(error).toBeNull();
      expect(items.at(-1)).toEqual({ kind: 'truncated', line: records.length, bytes: keep });
      expect(eventsOf(items)).toEqual(sim.expected.slice(0, -1));
    }
    // Only the newline missing: the line is whole, so it counts.
    await writeFile(path, full.subarray(0, -1));
    expect((await readRecordingEvents(path)).events).toEqual(sim.expected);
  });

  it('reports a raw wire record cut inside its bytes as cut short, delivering everything before it', async () => {
    const sim = exampleSession((b) => [b]);
    const path = join(dir, 'crashed-raw.jsonl');
    await writeSession(path, sim);
    const full = await readFile(path);
    const records = await recordTexts(path);
    const wire = records.findIndex((l) => l.startsWith('{"type":"wire"'));
    const headEnd = full.indexOf(10, full.indexOf('{"type":"wire"'));
    const before = sim.expected.findIndex((e) => e.type === 'frame');
    for (const keep of [0, 1, 100]) {
      await writeFile(path, full.subarray(0, headEnd + 1 + keep));
      const { items, error } = await readAll(path);
      expect(error).toBeNull();
      expect(items.at(-1)).toMatchObject({ kind: 'truncated', line: wire + 1 });
      expect(eventsOf(items)).toEqual(sim.expected.slice(0, before));
    }
  });

  it('reads a version 1 recording (wire bytes as base64 in the line) as it reads version 2', async () => {
    const sim = exampleSession(awkwardSplit);
    const path = join(dir, 'v1.jsonl');
    await writeSession(path, sim);
    await writeFile(path, (await asVersion1(path)).join('\n') + '\n');
    expect(await readFile(path, 'utf8')).toContain('"base64":"');
    const read = await readRecordingEvents(path);
    expect(read.header.version).toBe(1);
    expect(read.events).toEqual(sim.expected);
  });

  it('rejects a corrupt line in the middle with its number, after delivering the lines before it', async () => {
    const path = join(dir, 'corrupt.jsonl');
    const sim = exampleSession((b) => [b]);
    await writeSession(path, sim);
    // Edited as text: a version 1 file of the same records.
    const lines = await asVersion1(path);
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

  it('rejects raw wire bytes not followed by a newline', async () => {
    const path = join(dir, 'raw-no-newline.jsonl');
    await writeSession(
      path,
      exampleSession((b) => [b]),
    );
    const full = await readFile(path);
    const records = await recordTexts(path);
    const wire = records.findIndex((l) => l.startsWith('{"type":"wire"')) + 1;
    const head = full.indexOf('{"type":"wire"');
    const length = Number(
      /"length":(\d+)\}/.exec(full.toString('latin1', head, full.indexOf(10, head)))?.[1],
    );
    const newline = full.indexOf(10, head) + 1 + length;
    expect(full[newline]).toBe(10);
    full[newline] = 0x20;
    await writeFile(path, full);
    expect((await readAll(path)).error).toMatchObject({ code: 'RECORDING_BAD_LINE', line: wire });
  });

  it('rejects a newer format version, an empty file, a cut header and an overlong line', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, JSON.stringify({ ...testHeader(), version: 3 }) + '\n');
    await expect(readRecordingEvents(path)).rejects.toMatchObject({
      code: 'RECORDING_UNSUPPORTED_VERSION',
      message:
        'line 1: the recording is format version 3; this reader supports version 2 (a newer wstap wrote it)',
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
