/**
 * What a contestant must reproduce for its run to count: the corpus computes the expected tally
 * from the payloads it wrote, each contestant computes its own from what it decoded. A decoder that
 * skips unmasking or loses a message cannot win on speed.
 */

/** Counts and a payload digest of one decoded stream; null where a contestant cannot know. */
export interface Tally {
  /** Frames seen; ws's Receiver reports messages, not frames, so it leaves this null. */
  frames: number | null;
  messages: number;
  text: number;
  binary: number;
  pings: number;
  pongs: number;
  closes: number;
  /** Sum of reassembled message lengths. */
  messageBytes: number;
  /** Sum of `payloadDigest` over messages; null when payloads are not kept (headers-only). */
  digest: number | null;
  /** Violations (ours) or errors (ws) reported; a valid corpus has none. */
  problems: number;
}

/** A tally with nothing counted yet. */
export function emptyTally(frames: number | null, digest: number | null): Tally {
  return {
    frames,
    messages: 0,
    text: 0,
    binary: 0,
    pings: 0,
    pongs: 0,
    closes: 0,
    messageBytes: 0,
    digest,
    problems: 0,
  };
}

/**
 * Counts one message into `tally`: its type, and, when its payload is known, its length and
 * digest (a headers-only decoder passes the wire length and no payload).
 */
export function countMessage(
  tally: Tally,
  isText: boolean,
  payload: Uint8Array | null,
  length = payload?.length ?? 0,
): void {
  tally.messages++;
  if (isText) tally.text++;
  else tally.binary++;
  tally.messageBytes += length;
  if (payload !== null && tally.digest !== null)
    tally.digest = addDigest(tally.digest, payloadDigest(payload));
}

/**
 * An O(1) fingerprint of an unmasked payload: its length and its first, middle and last bytes.
 * Cheap enough to run inside the timed region for every message, for every contestant alike.
 */
export function payloadDigest(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n === 0) return 0;
  return (
    (n + (bytes[0] as number) * 31 + (bytes[n >>> 1] as number) * 17 + (bytes[n - 1] as number) * 7) >>> 0
  );
}

/** Adds a digest to a running sum (mod 2^32). */
export function addDigest(sum: number, digest: number): number {
  return (sum + digest) >>> 0;
}

/** The fields where `actual` disagrees with `expected`, as `field: got X, want Y`; empty when they agree. */
export function compareTally(actual: Tally, expected: Tally): string[] {
  const out: string[] = [];
  for (const key of Object.keys(expected) as (keyof Tally)[]) {
    const got = actual[key];
    if (got === null) continue;
    if (got !== expected[key]) out.push(`${key}: got ${got}, want ${expected[key]}`);
  }
  return out;
}
