// A LineFile asks fast producers to wait while its disk is behind (issue 6: the proxy pauses its
// sockets for it), and lets them go once the backlog is down to a quarter of the mark.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LineFile } from './line-file.js';
import { tempDir } from './recording.test-util.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

// Nothing is written until a flush (no size or timer trigger within the test).
const options = { highWaterBytes: 1000, flushBytes: 1 << 20, flushMs: 60_000 };

describe('LineFile backlog', () => {
  it('is null under the mark, and a promise over it that resolves once the lines are written', async () => {
    const file = await LineFile.open(join(dir, 'a.jsonl'), options);
    file.append('x'.repeat(900));
    expect(file.backlog()).toBeNull();
    file.append('y'.repeat(200));
    const waiting = file.backlog();
    expect(waiting).toBeInstanceOf(Promise);
    // Every producer that asks gets the same wait.
    expect(file.backlog()).toBe(waiting);
    let relieved = false;
    void waiting!.then(() => (relieved = true));
    await file.flush();
    await waiting;
    expect(relieved).toBe(true);
    expect(file.backlog()).toBeNull();
    await file.close();
  });

  it('lets producers go when the file stops accepting (closed or failed)', async () => {
    const file = await LineFile.open(join(dir, 'b.jsonl'), options);
    file.append('z'.repeat(2000));
    const waiting = file.backlog();
    expect(waiting).not.toBeNull();
    await Promise.all([file.close(), waiting]);
    expect(file.backlog()).toBeNull();
  });
});
