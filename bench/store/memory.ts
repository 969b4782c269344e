import type { Direction } from '../../shared/model/events.js';
import { FrameDecoder } from '../../shared/protocol/decoder.js';
import type { Frame } from '../../shared/protocol/frame.js';
import { summarizeFrame } from '../../main/engine/frame-store/frame-index.js';
import { FrameStore, type FrameSummary } from '../../main/engine/frame-store/frame-store.js';
import { buildCorpus } from '../decoder/corpus.js';

/** Something that keeps frame summaries: the store, or the baseline array of objects. */
export interface Keeper {
  add(conn: number, seq: number, dir: Direction, t: number, frame: Frame): number;
  get(id: number): FrameSummary | undefined;
  /** Index bytes the keeper believes it holds (null: it cannot tell). */
  claimedBytes(): number | null;
  close(): Promise<void>;
}

/** One way of keeping frames, measured against the others in the same process. */
export interface MemoryContestant {
  readonly id: string;
  readonly label: string;
  create(): Keeper;
}

/** The baseline: a plain array of summary objects, what a store without an index would keep. */
export const objectsBaseline: MemoryContestant = {
  id: 'objects',
  label: 'baseline: array of summary objects',
  create: () => {
    const rows: FrameSummary[] = [];
    return {
      add: (conn, seq, dir, t, frame) => {
        const id = rows.length;
        rows.push(summarizeFrame(id, conn, seq, dir, t, frame));
        return id;
      },
      get: (id) => rows[id],
      claimedBytes: () => null,
      close: async () => undefined,
    };
  },
};

const storeContestant = (
  id: string,
  label: string,
  options: ConstructorParameters<typeof FrameStore>[0],
): MemoryContestant => ({
  id,
  label,
  create: () => {
    const store = new FrameStore(options);
    return {
      add: (conn, seq, dir, t, frame) => store.add(conn, seq, dir, t, frame),
      get: (id) => store.get(id),
      claimedBytes: () => store.stats().indexBytes,
      close: () => store.close(),
    };
  },
});

/** Every contestant; the first is the baseline the others are compared with. */
export const MEMORY_CONTESTANTS: readonly MemoryContestant[] = [
  objectsBaseline,
  storeContestant('store', 'FrameStore (64K-row chunks)', {}),
  // One chunk that doubles up to 2^24 rows: what a plain doubling array costs (slack, copies).
  storeContestant('store-doubling', 'FrameStore, one doubling array (info)', {
    index: { chunkRows: 2 ** 24 },
  }),
];

/** Distinct real frames, decoded from the decoder bench's corpus and then fed round-robin. */
export function framePool(size: number, seed: number): Frame[] {
  const frames: Frame[] = [];
  // headersOnly: a Frame's payload is a view of a pooled buffer; keepers never read it anyway.
  const decoder = new FrameDecoder({ sender: 'client', headersOnly: true, onFrame: (f) => frames.push(f) });
  decoder.push(buildCorpus(size, seed).bytes);
  return frames;
}

/** The stamp frame `i` gets: varied enough that no column is constant. */
export const stampOf = (i: number): { conn: number; seq: number; dir: Direction; t: number } => ({
  conn: i % 64,
  seq: i >>> 6,
  dir: (i & 1) === 0 ? 'out' : 'in',
  t: 1000 + i * 0.37,
});

/** Adds `count` frames from `pool` to `keeper`; returns the ms it took. */
export function fill(keeper: Keeper, pool: readonly Frame[], count: number): number {
  const started = performance.now();
  for (let i = 0, p = 0; i < count; i++) {
    const { conn, seq, dir, t } = stampOf(i);
    keeper.add(conn, seq, dir, t, pool[p] as Frame);
    if (++p === pool.length) p = 0;
  }
  return performance.now() - started;
}

/** Ids whose summaries differ from what was added (a sample of ~100 plus the last); [] when right. */
export function referee(keeper: Keeper, pool: readonly Frame[], count: number): number[] {
  const step = Math.max(1, Math.floor(count / 100));
  const ids = Array.from({ length: Math.ceil(count / step) }, (_, k) => k * step);
  if (count > 0) ids.push(count - 1);
  return ids.filter((id) => {
    const { conn, seq, dir, t } = stampOf(id);
    const want = summarizeFrame(id, conn, seq, dir, t, pool[id % pool.length] as Frame);
    return JSON.stringify(keeper.get(id)) !== JSON.stringify(want);
  });
}

/** Heap plus ArrayBuffer bytes after full collections: what a kept structure really costs. */
export function liveBytes(gc: () => void): number {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
