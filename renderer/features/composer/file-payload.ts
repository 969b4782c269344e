/** Reading a picked file as a binary message (File mode), bounded so a huge pick fails early. */
import type { OutgoingInput } from '../../../shared/ipc/contract.js';
import { toBase64 } from '../../../shared/protocol/base64.js';
import { formatBytes } from './payload.js';

/** The largest file the composer sends (the bridge takes 140 MiB of base64, i.e. 105 MiB). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** Null when the file may be sent, else why not. */
export function checkFileSize(size: number): string | null {
  return size > MAX_FILE_BYTES
    ? `file is ${formatBytes(size)}; the composer sends at most ${formatBytes(MAX_FILE_BYTES)}`
    : null;
}

/** The file's bytes as a binary message. */
export async function readFileMessage(
  file: File,
): Promise<
  { readonly ok: true; readonly message: OutgoingInput } | { readonly ok: false; readonly error: string }
> {
  const tooBig = checkFileSize(file.size);
  if (tooBig !== null) return { ok: false, error: tooBig };
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { ok: true, message: { kind: 'binary', base64: toBase64(bytes) } };
  } catch (error) {
    return { ok: false, error: `could not read ${file.name}: ${(error as Error).message}` };
  }
}
