import type { MessageDetail } from '../../../shared/ipc/contract.js';
import type { MessageEvent } from '../../../shared/model/events.js';
import { NO_VIOLATIONS, type Violation } from '../../../shared/protocol/violations.js';
import { SpillFile } from '../frame-store/spill-file.js';
import { IdColumn } from './id-column.js';

/** Caps and places of a MessageStore. */
export interface MessageStoreOptions {
  /** Most messages indexed; later ones get id -1 and are counted (default 10 million). */
  readonly maxMessages?: number;
  /** Most payload bytes kept on disk (default 1 GiB); later bytes are dropped and counted. */
  readonly maxSpillBytes?: number;
  /** Folder the spill file's temp dir is created in (default os.tmpdir()). */
  readonly spillDir?: string;
  /** Most payload bytes a detail fetch returns; the rest is counted in `truncated` (default 1 MiB). */
  readonly maxFetch?: number;
}

const FLAG = { TEXT: 1, IN: 2, COMPRESSED: 4, KEPT: 8 } as const;

// The whole payload spill is one stream of a SpillFile: each message's bytes at a running offset.
const STREAM_CONN = 0;
const STREAM_DIR = 'out';

/**
 * Every reassembled (inflated) message the console showed, with ids 0, 1, 2, … in arrival order:
 * a compact index in typed arrays (≈45 B per message) and the payload bytes in a bounded spill
 * file, read back only when the renderer opens a message. Frame ids are kept as the first id when
 * they run consecutively (the usual case), else as a list.
 */
export class MessageStore {
  private count = 0;
  private dropped = 0;
  private readonly maxMessages: number;
  private readonly maxFetch: number;
  private readonly conn = new IdColumn(Uint32Array);
  private readonly t = new IdColumn(Float64Array);
  private readonly flags = new IdColumn(Uint16Array);
  private readonly size = new IdColumn(Float64Array);
  private readonly wireLength = new IdColumn(Float64Array);
  private readonly frameCount = new IdColumn(Uint32Array);
  private readonly spillAt = new IdColumn(Float64Array);
  private readonly firstFrame = new IdColumn(Float64Array, -1);
  private readonly frameLists = new Map<number, readonly number[]>();
  private readonly violations = new Map<number, readonly Violation[]>();
  private readonly spill: SpillFile;
  private spillEnd = 0;

  constructor(options: MessageStoreOptions = {}) {
    this.maxMessages = options.maxMessages ?? 10_000_000;
    this.maxFetch = options.maxFetch ?? 1024 * 1024;
    this.spill = new SpillFile({ maxBytes: options.maxSpillBytes, parentDir: options.spillDir });
  }

  /** Messages indexed. */
  get messages(): number {
    return this.count;
  }

  /** Messages not indexed (over maxMessages). */
  get droppedMessages(): number {
    return this.dropped;
  }

  /** Payload bytes not kept (over the spill cap, or lost to a failed write). */
  get droppedBytes(): number {
    return this.spill.droppedBytes;
  }

  /** Indexes a message and spills its payload; returns its id, or -1 when maxMessages is reached. */
  add(event: MessageEvent, payload: Uint8Array | null, frameIds: readonly number[]): number {
    if (this.count >= this.maxMessages) {
      this.dropped++;
      return -1;
    }
    const id = this.count++;
    this.conn.set(id, event.conn);
    this.t.set(id, event.t);
    this.size.set(id, event.size);
    this.wireLength.set(id, event.wireLength);
    this.frameCount.set(id, event.frameCount);
    this.flags.set(
      id,
      (event.opcodeName === 'text' ? FLAG.TEXT : 0) |
        (event.dir === 'in' ? FLAG.IN : 0) |
        (event.compressed ? FLAG.COMPRESSED : 0) |
        (payload !== null ? FLAG.KEPT : 0),
    );
    if (payload !== null) {
      this.spillAt.set(id, this.spillEnd);
      this.spill.append(STREAM_CONN, STREAM_DIR, this.spillEnd, payload);
      this.spillEnd += payload.length;
    }
    const first = frameIds[0];
    if (first !== undefined) {
      this.firstFrame.set(id, first);
      const consecutive =
        frameIds.length === event.frameCount && frameIds.every((frameId, i) => frameId === first + i);
      if (!consecutive) this.frameLists.set(id, frameIds);
    }
    if (event.violations.length > 0) this.violations.set(id, event.violations);
    return id;
  }

  /** Everything about message `id` and its payload (bounded by maxFetch), or undefined for an unknown id. */
  async detail(id: number): Promise<MessageDetail | undefined> {
    if (!Number.isInteger(id) || id < 0 || id >= this.count) return undefined;
    const flags = this.flags.get(id);
    const size = this.size.get(id);
    const frameCount = this.frameCount.get(id);
    const fetched = await this.payload(id, flags, size);
    return {
      id,
      conn: this.conn.get(id),
      dir: flags & FLAG.IN ? 'in' : 'out',
      t: this.t.get(id),
      opcodeName: flags & FLAG.TEXT ? 'text' : 'binary',
      compressed: (flags & FLAG.COMPRESSED) !== 0,
      wireLength: this.wireLength.get(id),
      size,
      frameCount,
      frameIds: this.frameIdsOf(id, frameCount),
      ...fetched,
      violations: this.violations.get(id) ?? NO_VIOLATIONS,
    };
  }

  /** Removes the spill file; detail() reports STORE_CLOSED for payloads afterwards. */
  close(): Promise<void> {
    return this.spill.close();
  }

  /** Resolves when buffered payload bytes are written, for tests. */
  flush(): Promise<void> {
    return this.spill.flush();
  }

  private frameIdsOf(id: number, frameCount: number): readonly number[] {
    const list = this.frameLists.get(id);
    if (list !== undefined) return list;
    const first = this.firstFrame.get(id);
    return first < 0 ? [] : Array.from({ length: frameCount }, (_, i) => first + i);
  }

  private async payload(
    id: number,
    flags: number,
    size: number,
  ): Promise<Pick<MessageDetail, 'payloadBase64' | 'payloadError' | 'truncated'>> {
    if ((flags & FLAG.KEPT) === 0) {
      const message = 'the engine kept no payload for this message (it was over the size limit)';
      return { payloadBase64: null, payloadError: { code: 'PAYLOAD_UNAVAILABLE', message }, truncated: 0 };
    }
    const length = Math.min(size, this.maxFetch);
    const read = await this.spill.read(STREAM_CONN, STREAM_DIR, this.spillAt.get(id), length);
    if (!read.ok)
      return { payloadBase64: null, payloadError: { code: read.code, message: read.reason }, truncated: 0 };
    return {
      payloadBase64: Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.length).toString(
        'base64',
      ),
      payloadError: null,
      truncated: size - length,
    };
  }
}
