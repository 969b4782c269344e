// The proxy's integrity under load: N messages of random sizes (1 B to 1 MiB; text and binary; some
// fragmented; compressed and not) from npm ws through `wstap proxy` (the binary, recording) to
// gorilla/websocket and back. Every echo is byte-identical, the recording holds every message of
// both directions, and the proxy's memory stays under a stated bound while the app reads slowly.
// N is 10^4 in the default suite; WSTAP_INTEGRITY_MESSAGES=100000 runs the full 10^5.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCliOnce } from '../../main/cli/bin.test-util.js';
import { startServeBin, type ServeBin } from '../../main/cli/serve/serve-bin.test-util.js';
import { readRecording } from '../../main/engine/recording/recording-reader.js';
import { openClient } from '../../main/engine/server/server.test-util.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import type { RunningPeer } from '../peers/process.js';

const MESSAGES = Number(process.env.WSTAP_INTEGRITY_MESSAGES ?? 10_000);
/** The bound the proxy's resident memory must stay under, with the app reading slowly. */
const RSS_BOUND_MIB = 256;
const peers = await requirePeers('go');
let gorilla: RunningPeer | null = null;
let proxy: ServeBin | null = null;
const dir = mkdtempSync(join(tmpdir(), 'wstap-integrity-'));
beforeAll(async () => {
  await buildCliOnce();
  if (peers.ok) gorilla = await startGoPeer('echo', ['-compress']);
}, 180_000);
afterAll(async () => {
  await proxy?.stop('SIGKILL');
  await gorilla?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Sizes: mostly small, some up to 64 KiB, a few up to 1 MiB (deterministic). */
function sizes(count: number): number[] {
  let seed = 42;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    const r = random();
    if (r < 0.002) return 65_536 + Math.floor(random() * (1_048_576 - 65_536));
    if (r < 0.04) return 1024 + Math.floor(random() * 64_512);
    return 1 + Math.floor(random() * 1024);
  });
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

describeWithPeers(peers, `wstap proxy integrity (${MESSAGES} messages)`, () => {
  it('echoes every message byte-identical, records both directions, stays under the memory bound with a slow reader', async () => {
    const file = join(dir, 'integrity.jsonl');
    proxy = await startServeBin([
      'proxy',
      '--target',
      `ws://127.0.0.1:${gorilla!.port}`,
      '-q',
      '--record',
      file,
    ]);
    const pid = proxy.child.pid as number;
    const client = await openClient(`${proxy.url}/echo`, { perMessageDeflate: true });
    const plan = sizes(MESSAGES);
    const sent: Buffer[] = [];
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
    let next = 0;
    const sendUpTo = (limit: number): void => {
      for (; next < Math.min(limit, plan.length); next++) {
        const size = plan[next] as number;
        const binary = next % 2 === 0;
        const payload = binary
          ? randomBytes(size)
          : Buffer.from(
              randomBytes(Math.ceil(size / 2))
                .toString('hex')
                .slice(0, size),
            );
        sent.push(payload);
        const compress = next % 3 !== 0;
        if (next % 10 === 0 && size >= 3) {
          const cut = Math.floor(size / 3);
          client.ws.send(payload.subarray(0, cut), { binary, compress, fin: false });
          client.ws.send(payload.subarray(cut), { binary, compress, fin: true });
        } else client.ws.send(payload, { binary, compress });
      }
    };
    try {
      sendUpTo(64);
      for (let i = 0; i < plan.length; i++) {
        // The slow reader: every 2000 messages the app stops reading for 300 ms.
        if (i > 0 && i % 2000 === 0) {
          client.ws.pause();
          await new Promise((resolve) => setTimeout(resolve, 300));
          client.ws.resume();
        }
        const got = await client.next(30_000);
        const bytes = 'text' in got ? Buffer.from(got.text) : Buffer.from(got.binary);
        if (!bytes.equals(sent[i] as Buffer))
          throw new Error(
            `message ${i} (${(sent[i] as Buffer).length} B) came back different (${bytes.length} B)`,
          );
        sent[i] = Buffer.alloc(0);
        sendUpTo(i + 65);
      }
    } finally {
      clearInterval(sampler);
    }
    client.ws.close(1000);
    await client.closed;
    await proxy.waitFor(/closed: the app closed with 1000/, 30_000);
    expect(await proxy.stop()).toBe(0);
    expect(peak).toBeLessThan(RSS_BOUND_MIB);

    const counts = { out: 0, in: 0, framesOut: 0, framesIn: 0, violations: 0, fragmented: 0 };
    for await (const item of readRecording(file)) {
      if (item.kind !== 'event') continue;
      const event = item.event;
      if (event.type === 'message') {
        counts[event.dir]++;
        if (event.dir === 'out' && event.frameCount > 1) counts.fragmented++;
      } else if (event.type === 'frame') {
        if (event.dir === 'out') counts.framesOut++;
        else counts.framesIn++;
        counts.violations += event.violations.length;
      }
    }
    expect(counts.out).toBe(MESSAGES);
    expect(counts.in).toBe(MESSAGES);
    expect(counts.fragmented).toBe(plan.filter((size, i) => i % 10 === 0 && size >= 3).length);
    expect(counts.violations).toBe(0);
    console.log(
      `integrity: ${MESSAGES} messages, peak proxy RSS ${peak.toFixed(0)} MiB (bound ${RSS_BOUND_MIB}), frames out/in ${counts.framesOut}/${counts.framesIn}`,
    );
  }, 600_000);
});
