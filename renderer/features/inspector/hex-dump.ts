/** One row of the detail pane's hex dump: offset, up to 16 bytes in hex, and their printable ASCII. */
export interface HexDumpRow {
  readonly offset: string;
  readonly hex: string;
  readonly ascii: string;
}

/**
 * Rows of a classic hex dump (`00000010  48 65 6c 6c 6f …  Hello`) for the first `maxBytes` of a
 * payload. Non-printable bytes show as '.', so untrusted payloads stay plain text.
 */
export function hexDumpRows(bytes: Uint8Array, maxBytes = 64 * 1024): HexDumpRow[] {
  const rows: HexDumpRow[] = [];
  const end = Math.min(bytes.length, maxBytes);
  for (let at = 0; at < end; at += 16) {
    const slice = bytes.subarray(at, Math.min(at + 16, end));
    const hex = Array.from(slice, (b, i) => (i === 8 ? ' ' : '') + b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(slice, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    rows.push({ offset: at.toString(16).padStart(8, '0'), hex, ascii });
  }
  return rows;
}
