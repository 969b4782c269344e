/**
 * A dropped file to main: the page has its bytes but no path (browser mode), so they go over the
 * bridge in chunks of UPLOAD_CHUNK_BYTES into a temp file main then opens, bounded by MAX_UPLOAD_BYTES.
 */
import type { Channel, Input, Output } from '../../../shared/ipc/contract.js';
import { MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from '../../../shared/ipc/recording-commands.js';
import { toBase64 } from '../../../shared/protocol/base64.js';

/** What an upload needs of a File (a Blob with a name). */
export interface UploadSource {
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Calls a command; null when it failed (the caller's command() already told the user). */
export type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C> | null>;

/** Null when the file may be dropped, else why not. */
export function checkUploadSize(size: number): string | null {
  return size > MAX_UPLOAD_BYTES
    ? `the file has ${size} bytes; a dropped file may have at most ${MAX_UPLOAD_BYTES} (200 MiB): type its path instead`
    : null;
}

/** Sends the file's bytes; resolves with main's temp path, or null when a step failed. */
export async function uploadFile(
  call: Call,
  file: UploadSource,
  onProgress: (sent: number) => void = () => undefined,
): Promise<string | null> {
  const begun = await call('recording.uploadBegin', { name: file.name.slice(0, 255), bytes: file.size });
  if (begun === null) return null;
  for (let start = 0; start < file.size; start += UPLOAD_CHUNK_BYTES) {
    const end = Math.min(file.size, start + UPLOAD_CHUNK_BYTES);
    const bytes = new Uint8Array(await file.slice(start, end).arrayBuffer());
    const sent = await call('recording.uploadChunk', { upload: begun.upload, base64: toBase64(bytes) });
    if (sent === null) return null;
    onProgress(sent.received);
  }
  const ended = await call('recording.uploadEnd', { upload: begun.upload });
  return ended?.path ?? null;
}
