import type { FrameDetail } from '../../../shared/ipc/contract.js';
import { closeCodeInfo } from '../../../shared/protocol/close-codes.js';
import { maskKeyHex } from '../../../shared/protocol/frame.js';
import { OPCODE, opcodeName } from '../../../shared/protocol/opcodes.js';
import { decodeUtf8 } from '../../../shared/protocol/utf8.js';
import { EngineError } from '../errors.js';
import type { FrameStore } from '../frame-store/frame-store.js';

/** Default bound of a frame payload fetch: enough for the detail pane, small enough for one IPC reply. */
export const FRAME_FETCH_BYTES = 1024 * 1024;

/**
 * Frame `id` as the detail pane shows it: every indexed header field plus its payload (unmasked,
 * still compressed for RSV1 frames), cut to `maxFetch` bytes. `streamIndex` is the frame's number in
 * its direction (the store does not keep it; the service does, -1 when unknown). Throws
 * EngineError UNKNOWN_FRAME for an id the store never gave.
 */
export async function frameDetail(
  store: FrameStore,
  id: number,
  streamIndex: number,
  maxFetch = FRAME_FETCH_BYTES,
): Promise<FrameDetail> {
  const summary = store.get(id);
  if (summary === undefined) throw new EngineError('UNKNOWN_FRAME', `no frame with id ${id}`);
  const read = await store.payload(id);
  const bytes = read.ok ? read.bytes : null;
  const kept = bytes !== null && bytes.length > maxFetch ? bytes.subarray(0, maxFetch) : bytes;
  const code = summary.closeCode;
  // The reason is not indexed: it is read from the Close payload when that is still there.
  const closeReason =
    summary.opcode !== OPCODE.CLOSE || code === null
      ? null
      : bytes !== null && bytes.length >= 2
        ? decodeUtf8(bytes.subarray(2))
        : null;
  return {
    id,
    conn: summary.conn,
    dir: summary.dir,
    t: summary.t,
    frame: {
      index: streamIndex,
      offset: summary.offset,
      headerLength: summary.headerLength,
      fin: summary.fin,
      rsv1: summary.rsv1,
      rsv2: summary.rsv2,
      rsv3: summary.rsv3,
      opcode: summary.opcode,
      opcodeName: opcodeName(summary.opcode),
      masked: summary.masked,
      maskKey: maskKeyHex(summary.maskKey),
      payloadLength: summary.payloadLength,
      lengthBits: summary.lengthBits,
      lengthMinimal: summary.lengthMinimal,
      message: summary.message,
      compressed: summary.compressed,
      closeCode: code,
      closeReason,
      closeName: code === null ? null : closeCodeInfo(code).name,
      violations: summary.violations,
    },
    payloadBase64:
      kept === null ? null : Buffer.from(kept.buffer, kept.byteOffset, kept.length).toString('base64'),
    payloadError: read.ok ? null : { code: read.code, message: read.reason },
    truncated: bytes !== null && kept !== null ? bytes.length - kept.length : 0,
  };
}
