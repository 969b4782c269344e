import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BatchedOutput } from './batched-output.js';

/** A stream that records each write call; `highWaterMark` 1 makes every write report "full" until it drains. */
function recorder(highWaterMark = 1 << 20): { stream: Writable; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    highWaterMark,
    write(_chunk: Buffer, _encoding, done) {
      setImmediate(done);
    },
  });
  const write = stream.write.bind(stream) as (chunk: string) => boolean;
  stream.write = ((chunk: string) => {
    writes.push(chunk);
    return write(chunk);
  }) as typeof stream.write;
  return { stream, writes };
}

describe('BatchedOutput', () => {
  it('writes the lines of one turn of the event loop in one write per stream run, in order', async () => {
    const out = recorder();
    const err = recorder();
    const output = new BatchedOutput({ out: out.stream, err: err.stream });
    for (let i = 0; i < 1000; i++) output.add([{ to: 'out', text: `line ${i}` }]);
    output.add([{ to: 'err', text: 'status' }]);
    output.add([{ to: 'out', text: 'after' }]);
    await new Promise((resolve) => setImmediate(resolve));
    await output.flush();
    expect(out.writes).toHaveLength(2);
    expect(out.writes[0]!.split('\n')).toHaveLength(1001);
    expect(out.writes[1]).toBe('after\n');
    expect(err.writes).toEqual(['status\n']);
  });

  it('waits for a full stream to drain before the next batch', async () => {
    const out = recorder(1);
    const output = new BatchedOutput({ out: out.stream, err: recorder().stream });
    output.add([{ to: 'out', text: 'a' }]);
    void output.flush();
    await Promise.resolve();
    output.add([{ to: 'out', text: 'b' }]);
    const second = output.flush();
    await Promise.resolve();
    // 'a' filled the stream: 'b' waits for its drain.
    expect(out.writes).toEqual(['a\n']);
    await second;
    expect(out.writes).toEqual(['a\n', 'b\n']);
  });

  it('takes the prompt down around each batch', async () => {
    const out = recorder();
    const calls: string[] = [];
    const output = new BatchedOutput({ out: out.stream, err: out.stream });
    output.setGuard({ hide: () => calls.push('hide'), show: () => calls.push('show') });
    output.add([{ to: 'out', text: 'x' }]);
    output.add([{ to: 'err', text: 'y' }]);
    await output.flush();
    expect(calls).toEqual(['hide', 'show']);
    expect(out.writes).toEqual(['x\n', 'y\n']);
  });

  it('with a bound, drops lines a slow reader cannot take and says how many', async () => {
    const out = recorder(1);
    const err = recorder();
    const output = new BatchedOutput({ out: out.stream, err: err.stream }, 9);
    output.add([1, 2, 3, 4, 5].map((i) => ({ to: 'out' as const, text: `m${i}` })));
    await output.flush();
    expect(out.writes.join('')).toBe('m1\nm2\nm3\n');
    expect(err.writes.join('')).toBe(
      'wstap: 2 lines not shown: the output could not keep up (--record keeps everything, -q prints less)\n',
    );
    output.add([{ to: 'out', text: 'm6' }]);
    await output.flush();
    expect(out.writes.join('')).toBe('m1\nm2\nm3\nm6\n');
  });
});
