import { rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { tempFolders } from './handlers.test-util.js';
import { watchFiles, type FileWatcher } from './watch-files.js';

const DEBOUNCE = 50;
const folder = tempFolders();
const running: FileWatcher[] = [];
afterEach(() => {
  for (const watcher of running.splice(0)) watcher.close();
});

/** A watch whose onChange batches can be awaited one at a time. */
function watched(paths: readonly string[]): {
  readonly batches: string[][];
  next(timeoutMs?: number): Promise<string[]>;
} {
  const batches: string[][] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  running.push(
    watchFiles(
      paths,
      (changed) => {
        batches.push([...changed].sort());
        wake?.();
      },
      { debounceMs: DEBOUNCE },
    ),
  );
  return {
    batches,
    async next(timeoutMs = 5_000) {
      if (batches.length <= taken) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no change within ${timeoutMs} ms`)), timeoutMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return batches[taken++]!;
    },
  };
}

/** One debounce period and a margin: long enough for a pending batch to have been reported. */
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, DEBOUNCE * 3));

describe('watchFiles', () => {
  test('reports a write', async () => {
    const file = join(await folder(), 'h.mjs');
    await writeFile(file, 'one');
    const watch = watched([file]);
    await writeFile(file, 'two');
    expect(await watch.next()).toEqual([file]);
  });

  test('follows editors that save by renaming a new file over the old one, again and again', async () => {
    const dir = await folder();
    const file = join(dir, 'h.ts');
    await writeFile(file, 'v1');
    const watch = watched([file]);
    for (const version of ['v2', 'v3']) {
      await writeFile(join(dir, '.h.ts.swp'), version);
      await rename(join(dir, '.h.ts.swp'), file);
      expect(await watch.next()).toEqual([file]);
    }
  });

  test('a burst of writes to several files is one call with every changed file', async () => {
    const dir = await folder();
    const [a, b, other] = [join(dir, 'a.ts'), join(dir, 'b.ts'), join(dir, 'other.ts')];
    await Promise.all([writeFile(a, 'a'), writeFile(b, 'b'), writeFile(other, 'o')]);
    const watch = watched([a, b]);
    for (let i = 0; i < 5; i += 1) await writeFile(a, `a${i}`);
    await writeFile(b, 'b1');
    await writeFile(other, 'o1');
    expect(await watch.next()).toEqual([a, b]);
    await settled();
    expect(watch.batches).toHaveLength(1);
  });

  test('a touch or a save without edits fires nothing; a deletion does', async () => {
    const file = join(await folder(), 'h.mjs');
    await writeFile(file, 'same');
    const watch = watched([file]);
    await utimes(file, new Date(), new Date());
    await writeFile(file, 'same');
    await settled();
    expect(watch.batches).toEqual([]);
    await rm(file);
    expect(await watch.next()).toEqual([file]);
  });

  test('after close nothing is reported', async () => {
    const file = join(await folder(), 'h.mjs');
    await writeFile(file, 'one');
    const closed = watched([file]);
    running.pop()!.close();
    const open = watched([file]);
    await writeFile(file, 'two');
    // The open watch sees the write; the closed one, on the same events and debounce, would have by now.
    await open.next();
    await settled();
    expect(closed.batches).toEqual([]);
  });

  test('onChange errors go to onError', async () => {
    const file = join(await folder(), 'h.mjs');
    await writeFile(file, 'one');
    const errors = new Promise<Error>((resolve) => {
      running.push(
        watchFiles(
          [file],
          () => {
            throw new Error('reload failed');
          },
          { debounceMs: DEBOUNCE, onError: resolve },
        ),
      );
    });
    await writeFile(file, 'two');
    expect((await errors).message).toBe('reload failed');
  });

  test('without onError, a throwing onChange is a process warning and watching goes on', async () => {
    const file = join(await folder(), 'h.mjs');
    await writeFile(file, 'one');
    let calls = 0;
    running.push(
      watchFiles(
        [file],
        () => {
          calls += 1;
          throw new Error(`reload ${calls} failed`);
        },
        { debounceMs: DEBOUNCE },
      ),
    );
    for (const [content, expected] of [
      ['two', 'reload 1 failed'],
      ['three', 'reload 2 failed'],
    ] as const) {
      const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
      await writeFile(file, content);
      expect((await warned).message).toBe(expected);
    }
  });
});
