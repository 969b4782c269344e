import { RAW_WIRE_END, RAW_WIRE_START, RecordingError } from '../../../shared/record/line-codec.js';

/** The text of the unterminated last record at the end of a file, and its size in bytes. */
export interface SplitTail {
  readonly text: string;
  readonly bytes: number;
}

/** A raw wire record whose bytes are still coming. */
interface RawRecord {
  /** Its line up to and including the comma before `"length"`. */
  readonly fields: string;
  /** Its line as written (for the tail of a file cut inside the bytes). */
  readonly line: string;
  /** The raw bytes plus their newline. */
  readonly need: number;
  readonly parts: Buffer[];
  got: number;
}

/**
 * Cuts a recording's bytes, as they are read, into its records as text. A record is a line,
 * except a raw wire record of format version 2: its line, then `length` raw bytes and a newline.
 * That one is handed on as the version 1 line of the same record (`"base64":"…"` instead of
 * `"length":N`), so every reader above (events, the index, HAR export, the console) reads both
 * versions alike. Raw records are looked for only when the header (the first line) says
 * version 2 or later. Line numbers count records.
 */
export class RecordSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private raw: RawRecord | null = null;
  /** Null until the header line is seen. */
  private rawAllowed: boolean | null = null;
  /** The 1-based number of the next record. */
  lineNo = 1;

  constructor(private readonly maxLine: number) {}

  /** Takes the next bytes of the file; returns the records they complete, as text. */
  push(data: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    while (start < data.length) {
      if (this.raw !== null) {
        start = this.takeRaw(data, start, lines);
        continue;
      }
      const nl = data.indexOf(10, start);
      if (nl < 0) break;
      if (this.carryBytes + nl - start > this.maxLine) throw this.tooLong();
      const line = this.lineText(data, start, nl);
      start = nl + 1;
      if (this.rawAllowed === null) this.rawAllowed = headerAllowsRaw(line);
      else if (this.rawAllowed && this.startsRaw(line)) continue;
      lines.push(line);
      this.lineNo++;
    }
    if (start < data.length) {
      this.carry.push(data.subarray(start));
      this.carryBytes += data.length - start;
      if (this.carryBytes > this.maxLine) throw this.tooLong();
    }
    return lines;
  }

  /** The file ended: the record it ended inside, if any (a crash mid-write). */
  end(): SplitTail | null {
    const raw = this.raw;
    if (raw !== null) {
      // Not JSON (its last brace is cut off), so readers report it as a cut record.
      const text = raw.line.slice(0, -1);
      return { text, bytes: Buffer.byteLength(raw.line) + 1 + raw.got };
    }
    if (this.carryBytes === 0) return null;
    return { text: Buffer.concat(this.carry).toString('utf8'), bytes: this.carryBytes };
  }

  private lineText(data: Buffer, start: number, nl: number): string {
    if (this.carryBytes === 0) return data.toString('utf8', start, nl);
    this.carry.push(data.subarray(start, nl));
    const text = Buffer.concat(this.carry).toString('utf8');
    this.carry = [];
    this.carryBytes = 0;
    return text;
  }

  /** Whether `line` is the line of a raw wire record: then its bytes are read next. */
  private startsRaw(line: string): boolean {
    if (!line.startsWith(RAW_WIRE_START) || line.charCodeAt(line.length - 1) !== 0x7d) return false;
    const end = RAW_WIRE_END.exec(line);
    if (end === null) return false;
    const length = Number(end[1]);
    if (length > this.maxLine) throw this.tooLong();
    this.raw = { fields: line.slice(0, end.index + 1), line, need: length + 1, parts: [], got: 0 };
    return true;
  }

  /** Takes bytes of the raw record being read; returns where the data goes on. */
  private takeRaw(data: Buffer, start: number, lines: string[]): number {
    const raw = this.raw as RawRecord;
    const take = Math.min(raw.need - raw.got, data.length - start);
    raw.parts.push(data.subarray(start, start + take));
    raw.got += take;
    if (raw.got < raw.need) return start + take;
    const all = raw.parts.length === 1 ? (raw.parts[0] as Buffer) : Buffer.concat(raw.parts);
    if (all[all.length - 1] !== 10) {
      throw new RecordingError({
        code: 'RECORDING_BAD_LINE',
        line: this.lineNo,
        message: `the ${raw.need - 1} raw bytes of a wire record are not followed by a newline`,
      });
    }
    lines.push(`${raw.fields}"base64":"${all.toString('base64', 0, all.length - 1)}"}`);
    this.raw = null;
    this.lineNo++;
    return start + take;
  }

  private tooLong(): RecordingError {
    return new RecordingError({
      code: 'RECORDING_LINE_TOO_LONG',
      line: this.lineNo,
      message: `the line is longer than ${this.maxLine} bytes`,
    });
  }
}

/** Whether the header line says version 2 or later (raw wire records); the reader checks the rest. */
function headerAllowsRaw(line: string): boolean {
  try {
    const version = (JSON.parse(line) as { version?: unknown } | null)?.version;
    return typeof version === 'number' && version >= 2;
  } catch {
    return false;
  }
}
