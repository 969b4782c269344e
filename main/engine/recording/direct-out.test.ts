import { execFileSync, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { platform } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alignedMemory, DIRECT_BLOCK, DirectOut } from './direct-out.js';
import { openFileOut, type FileOut } from './file-out.js';
import { tempDir } from './recording.test-util.js';

/** A deterministic stream of bytes, cut into batches of many sizes (some over the bounce buffer's 2 MiB). */
function batches(seed: number): Buffer[][] {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  let value = 0;
  const chunk = (size: number): Buffer => {
    const bytes = Buffer.allocUnsafe(size);
    for (let i = 0; i < size; i++) bytes[i] = value++ % 251;
    return bytes;
  };
  const sizes = [1, 17, 4095, 4096, 4097, 8191, 65_536, 1 << 20, (2 << 20) + 3, 5 << 20];
  return Array.from({ length: 40 }, () =>
    Array.from({ length: 1 + next(3) }, () =>
      chunk(next(4) === 0 ? (sizes[next(sizes.length)] as number) : next(3000)),
    ),
  );
}

describe('DirectOut', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it.runIf(platform() === 'linux')(
    'is what a recording gets on Linux (this file system takes O_DIRECT)',
    async () => {
      const out = await openFileOut(join(dir, 'r.jsonl'), { exclusive: false, direct: true });
      expect(out.direct).toBe(true);
      await out.close();
      const buffered = await openFileOut(join(dir, 'b.jsonl'), { exclusive: false, direct: false });
      expect(buffered.direct).toBe(false);
      await buffered.close();
    },
  );

  it('writes every byte in order: whole blocks as they fill, the rest when a write must be complete', async () => {
    const path = join(dir, 'stream.bin');
    const out = await openFileOut(path, { exclusive: false, direct: true });
    const sent: Buffer[] = [];
    let round = 0;
    for (const batch of batches(7)) {
      const complete = round++ % 3 === 0;
      await out.write(batch, complete);
      sent.push(...batch);
      const expected = Buffer.concat(sent);
      const file = await readFile(path);
      // The file only ever holds what was written, in order, and exactly as much as `written` says.
      expect(file.length).toBe(out.written);
      expect(file.equals(expected.subarray(0, file.length))).toBe(true);
      expect(out.written + out.waiting).toBe(expected.length);
      if (complete) expect(out.waiting).toBe(0);
      else if (out.direct) expect(out.waiting).toBeLessThan(DIRECT_BLOCK);
    }
    await out.write([], true);
    expect((await readFile(path)).equals(Buffer.concat(sent))).toBe(true);
    await out.close();
  });

  it.runIf(DirectOut.supported())(
    'reopens the file buffered when a direct write is refused (EINVAL)',
    async () => {
      const path = join(dir, 'refused.bin');
      const probe = await openFileOut(path, { exclusive: false, direct: true });
      await probe.close();
      // Memory 16 bytes off a page boundary: the kernel refuses a direct write from it, as it would a
      // file system that accepted O_DIRECT at open but cannot write that way.
      const fd = await open(path, constants.O_WRONLY | constants.O_TRUNC | constants.O_DIRECT);
      const misaligned = alignedMemory(2).subarray(16);
      const out: FileOut = new DirectOut(fd, path, misaligned);
      const parts = [Buffer.from('first line\n'), Buffer.alloc(70_000, 'x'), Buffer.from('\nlast\n')];
      await out.write(parts, true);
      expect(out.direct).toBe(false);
      await out.write([Buffer.from('after\n')], false);
      await out.write([], true);
      await out.close();
      expect((await readFile(path)).equals(Buffer.concat([...parts, Buffer.from('after\n')]))).toBe(true);
    },
  );

  it('keeps exclusive creation: an existing file is refused and left alone', async () => {
    const path = join(dir, 'exists.jsonl');
    await writeFile(path, 'keep me');
    await expect(openFileOut(path, { exclusive: true, direct: true })).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(await readFile(path, 'utf8')).toBe('keep me');
    const fresh = await openFileOut(join(dir, 'new.jsonl'), { exclusive: true, direct: true });
    await fresh.write([Buffer.from('one line\n')], true);
    await fresh.close();
    expect((await stat(join(dir, 'new.jsonl'))).size).toBe(9);
  });
});

describe.runIf(platform() === 'linux')('a recording into something that is not a file', () => {
  it('is written buffered (a pipe takes no offsets)', async () => {
    // A FIFO read by `cat`: what `--record /dev/stdout` is when stdout is a pipe.
    const { dir, cleanup } = await tempDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (chunk: Buffer) => (got += chunk.toString()));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const out = await openFileOut(fifo, { exclusive: false, direct: true });
    expect(out.direct).toBe(false);
    await out.write([Buffer.from('line one\n'), Buffer.from('line two\n')], true);
    await out.close();
    await done;
    expect(got).toBe('line one\nline two\n');
    await cleanup();
  });
});
