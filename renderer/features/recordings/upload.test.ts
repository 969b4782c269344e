import { describe, expect, it } from 'vitest';
import type { Channel, Input } from '../../../shared/ipc/contract.js';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/ipc/recording-commands.js';
import { checkUploadSize, uploadFile, type Call } from './upload.js';

function fakeFile(size: number) {
  const bytes = new Uint8Array(size).map((_, i) => i % 251);
  return {
    name: 'drop.har',
    size,
    slice: (start: number, end: number) => ({
      arrayBuffer: () => Promise.resolve(bytes.slice(start, end).buffer),
    }),
  };
}

describe('dropped file upload', () => {
  it('sends the bytes in bounded chunks, then ends with the path main gives', async () => {
    const calls: { channel: Channel; input: unknown }[] = [];
    let received = 0;
    const call = (async <C extends Channel>(channel: C, input: Input<C>) => {
      calls.push({ channel, input });
      if (channel === 'recording.uploadBegin') return { upload: 7 };
      if (channel === 'recording.uploadChunk') {
        received += atob((input as { base64: string }).base64).length;
        return { received };
      }
      return { path: '/tmp/x/1-drop.har' };
    }) as Call;
    const size = UPLOAD_CHUNK_BYTES * 2 + 5;
    const progress: number[] = [];
    expect(await uploadFile(call, fakeFile(size), (n) => progress.push(n))).toBe('/tmp/x/1-drop.har');
    expect(calls.map((c) => c.channel)).toEqual([
      'recording.uploadBegin',
      'recording.uploadChunk',
      'recording.uploadChunk',
      'recording.uploadChunk',
      'recording.uploadEnd',
    ]);
    expect(calls[0]?.input).toEqual({ name: 'drop.har', bytes: size });
    expect(progress).toEqual([UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES * 2, size]);
  });

  it('stops at the first failed step', async () => {
    const call = (async (channel: Channel) =>
      channel === 'recording.uploadBegin' ? { upload: 1 } : null) as Call;
    expect(await uploadFile(call, fakeFile(10))).toBeNull();
  });

  it('refuses more than 200 MiB before sending anything', () => {
    expect(checkUploadSize(200 * 1024 * 1024)).toBeNull();
    expect(checkUploadSize(200 * 1024 * 1024 + 1)).toMatch(/at most/);
  });
});
