/**
 * One recording line to text and back (docs/recording-format.md). Parsing checks what a reader
 * computes with — the header, `wire` and `wire-setup` records, every event's stamp, a message's
 * payload fields — so a damaged or foreign file fails with a code, the line and what was wrong,
 * not with a TypeError deep in the decoder.
 */
import type { MessageEvent, SessionEventType } from '../model/events.js';
import { fromBase64 } from '../protocol/base64.js';
import { msText } from './ms-text.js';
import {
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordingHeader,
  type MessageRefBatch,
  type MessageRefRecord,
  type RecordingLine,
  type WireRecord,
} from './types.js';

/** Every error code of recording readers and writers, with what it means. Stable. */
export const RECORDING_ERROR_CODES = {
  RECORDING_NOT_JSON: 'a line is not JSON',
  RECORDING_BAD_HEADER: 'the first line is not a wstap recording header',
  RECORDING_UNSUPPORTED_VERSION: 'the recording was written in a format version this reader does not know',
  RECORDING_BAD_LINE: 'a line is JSON but not a valid record (missing or mistyped field, bad base64)',
  RECORDING_UNKNOWN_TYPE: 'a line has a type this reader does not know (skipped unless strict)',
  RECORDING_WIRE_GAP: 'a wire record does not continue its stream: a record is missing or repeated',
  RECORDING_FRAME_MISMATCH: 'decoding a wire record completed a different number of frames than it says',
  RECORDING_TRUNCATED: 'the file ends inside the header line',
  RECORDING_LINE_TOO_LONG: 'a line is longer than the reader allows',
  RECORDING_OPEN_FAILED: 'the recording file could not be opened',
  RECORDING_WRITE_FAILED: 'writing the recording failed (disk full, I/O error); recording stopped',
  RECORDING_BACKLOG_FULL: 'the disk fell too far behind; recording stopped to bound memory',
} as const;

/** A stable recording error code. */
export type RecordingErrorCode = keyof typeof RECORDING_ERROR_CODES;

/** What is wrong with a recording, and where (1-based line number; the header is line 1). */
export interface RecordingProblem {
  readonly code: RecordingErrorCode;
  readonly line: number;
  readonly message: string;
}

/** A corrupt or unsupported recording. */
export class RecordingError extends Error {
  readonly code: RecordingErrorCode;
  readonly line: number;

  constructor(problem: RecordingProblem) {
    super(`line ${problem.line}: ${problem.message}`);
    this.name = 'RecordingError';
    this.code = problem.code;
    this.line = problem.line;
  }
}

/** A parsed line, or what is wrong with it. */
export type LineResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RecordingProblem };

/** The header as its line (no newline). */
export function encodeHeader(header: RecordingHeader): string {
  return JSON.stringify(header);
}

/** A record as its line (no newline: JSON.stringify escapes every newline inside strings). */
export function encodeLine(line: RecordingLine): string {
  if (line.type === 'message') {
    const fast = encodeMessageLine(line);
    if (fast !== null) return fast;
  }
  return JSON.stringify(line);
}

const MESSAGE_REF_START = '{"type":"message-ref",';
const NUMBER = '(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)';
const COUNT = '(0|[1-9]\\d*)';
/** Exactly what encodeMessageRef writes; anything else goes through the general parser. */
const MESSAGE_REF = new RegExp(
  `^\\{"type":"message-ref","conn":${COUNT},"seq":${COUNT},"t":${NUMBER},"wall":${NUMBER},"dir":"(in|out)","index":${COUNT}\\}$`,
);

/**
 * The line of a message whose payload the wire records hold (see MessageRefRecord), or null when
 * the message must be stored whole: compressed (the reader does not inflate) or with violations.
 */
export function encodeMessageRef(e: MessageEvent): string | null {
  if (e.compressed || e.violations.length > 0) return null;
  return messageRefLine(e);
}

/** The line of a message reference (all ASCII). */
export function messageRefLine({ seq, index, ...stamp }: Omit<MessageRefRecord, 'type'>): string {
  return messageRefLines({ ...stamp, seqs: [seq], indexes: [index] });
}

/**
 * The lines of a batch of message references, joined by newlines (no newline after the last),
 * with the fields they share written once (a chunk of small messages completes several: 6 on
 * average in bench/proxy at 64 B).
 */
export function messageRefLines(r: MessageRefBatch): string {
  const head = `{"type":"message-ref","conn":${r.conn},"seq":`;
  const middle = `,"t":${msText(r.t)},"wall":${msText(r.wall)},"dir":"${r.dir}","index":`;
  let text = `${head}${r.seqs[0]}${middle}${r.indexes[0]}}`;
  for (let i = 1; i < r.seqs.length; i++) text += `\n${head}${r.seqs[i]}${middle}${r.indexes[i]}}`;
  return text;
}

/** Keys of a message event in the order the tap builds it (events.ts, direction-tap.ts). */
const MESSAGE_KEYS = 16;

/**
 * A message event's line, written field by field: the same text JSON.stringify gives (a test
 * holds them equal), at about half the cost — there is one per frame in a chatty session. Null
 * when the event does not have exactly the expected fields, so a new field is never dropped.
 */
export function encodeMessageLine(e: MessageEvent): string | null {
  const payload =
    e.text !== undefined
      ? `"text":${JSON.stringify(e.text)},`
      : e.base64 !== undefined
        ? `"base64":"${e.base64}",`
        : '';
  const keys = payload === '' ? MESSAGE_KEYS - 1 : MESSAGE_KEYS;
  if (Object.keys(e).length !== keys) return null;
  return (
    `{"conn":${e.conn},"seq":${e.seq},"t":${msText(e.t)},"wall":${msText(e.wall)},"type":"message","dir":"${e.dir}",` +
    `"index":${e.index},"opcodeName":"${e.opcodeName}","firstFrame":${e.firstFrame},"frameCount":${e.frameCount},` +
    `"offset":${e.offset},"wireLength":${e.wireLength},"compressed":${e.compressed},${payload}` +
    `"violations":${e.violations.length === 0 ? '[]' : JSON.stringify(e.violations)},"size":${e.size}}`
  );
}

/**
 * The line of a wire record whose `length` bytes follow it raw (format version 2): its fields as
 * JSON.stringify writes them (for finite numbers), then `"length":N}` last, as readers expect it
 * (RAW_WIRE_END).
 */
export function rawWireLine(record: Omit<WireRecord, 'type' | 'base64'>, length: number): string {
  return `${wireLineFields(record)}"length":${length}}`;
}

/** How a raw wire record's line starts (format version 2). */
export const RAW_WIRE_START = '{"type":"wire",';
/** How a raw wire record's line ends: the number of raw bytes that follow it, then a newline. */
export const RAW_WIRE_END = /,"length":(0|[1-9]\d{0,15})\}$/;

function wireLineFields(record: Omit<WireRecord, 'type' | 'base64'>): string {
  return (
    `{"type":"wire","conn":${record.conn},"dir":"${record.dir}","seq":${record.seq},"id":${record.id},` +
    `"t":${msText(record.t)},"wall":${msText(record.wall)},"offset":${record.offset},"frames":${record.frames},`
  );
}

/** Parses and checks the header line. */
export function parseHeader(text: string, lineNo: number): LineResult<RecordingHeader> {
  const parsed = parseObject(text, lineNo);
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, code: 'RECORDING_BAD_HEADER' } };
  const h = parsed.value;
  const bad = (message: string): LineResult<RecordingHeader> => fail('RECORDING_BAD_HEADER', lineNo, message);
  if (h.format !== RECORDING_FORMAT) {
    return bad(
      `not a wstap recording: the header's "format" is ${show(h.format)}, expected "${RECORDING_FORMAT}"`,
    );
  }
  if (!isInt(h.version, 1))
    return bad(`the header's "version" must be a positive integer, got ${show(h.version)}`);
  if (h.version > RECORDING_VERSION) {
    return fail(
      'RECORDING_UNSUPPORTED_VERSION',
      lineNo,
      `the recording is format version ${h.version}; this reader supports version ${RECORDING_VERSION} (a newer wstap wrote it)`,
    );
  }
  const problem =
    field(h, 'tool', 'string') ??
    field(h, 'startedAt', 'string') ??
    field(h, 'anchor', 'number') ??
    (Array.isArray(h.connections) ? null : `"connections" must be an array, got ${show(h.connections)}`) ??
    connectionsProblem(h.connections as unknown[]);
  return problem === null ? { ok: true, value: h as unknown as RecordingHeader } : bad(`header: ${problem}`);
}

/**
 * Parses and checks one line after the header. A line of a type this version does not know is
 * RECORDING_UNKNOWN_TYPE: readers skip those (a newer minor addition), so the code is distinct.
 */
export function parseLine(text: string, lineNo: number): LineResult<RecordingLine> {
  // One reference per message in a chatty session: the writer's exact form skips JSON.parse.
  if (text.startsWith(MESSAGE_REF_START)) {
    const ref = MESSAGE_REF.exec(text);
    if (ref !== null) {
      const value: MessageRefRecord = {
        type: 'message-ref',
        conn: Number(ref[1]),
        seq: Number(ref[2]),
        t: Number(ref[3]),
        wall: Number(ref[4]),
        dir: ref[5] as 'in' | 'out',
        index: Number(ref[6]),
      };
      return { ok: true, value };
    }
  }
  const parsed = parseObject(text, lineNo);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const type = value.type;
  if (typeof type !== 'string')
    return fail('RECORDING_BAD_LINE', lineNo, `the record has no string "type": ${excerpt(text)}`);
  let problem: string | null;
  if (type === 'wire') problem = wireProblem(value);
  else if (type === 'wire-setup') problem = setupProblem(value);
  else if (type === 'message-ref')
    problem = stampProblem(value) ?? directionProblem(value) ?? count(value, 'seq') ?? count(value, 'index');
  else if (type === 'frame') problem = 'frame events are never stored (wire records stand for them)';
  else if (Object.hasOwn(STORED_EVENT_TYPES, type)) problem = eventProblem(value);
  else return fail('RECORDING_UNKNOWN_TYPE', lineNo, `unknown record type ${show(type)}`);
  if (problem !== null) return fail('RECORDING_BAD_LINE', lineNo, `${type} record: ${problem}`);
  return { ok: true, value: value as unknown as RecordingLine };
}

/**
 * Decodes a wire record's base64 strictly (no whitespace, no missing padding), or returns null.
 * `decode` may be a faster host decoder that skips bad characters: the length check catches them.
 */
export function decodeWireBase64(
  text: string,
  decode: (text: string) => Uint8Array = fromBase64,
): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  let bytes: Uint8Array;
  try {
    bytes = decode(text);
  } catch {
    return null;
  }
  // Every character that is not base64 shortens the output: any one of them shows here.
  return bytes.length === (text.length / 4) * 3 - padding ? bytes : null;
}

/** Event types a recording stores as themselves; `Record` makes a new event type a compile error here. */
const STORED_EVENT_TYPES: Record<Exclude<SessionEventType, 'frame'>, true> = {
  connecting: true,
  dns: true,
  tcp: true,
  tls: true,
  'upgrade-request': true,
  'upgrade-response': true,
  open: true,
  message: true,
  rtt: true,
  'heartbeat-timeout': true,
  closed: true,
  error: true,
  reconnect: true,
  'session-end': true,
  'stream-end': true,
  listening: true,
  'server-stopped': true,
  room: true,
  rule: true,
  log: true,
  reload: true,
  script: true,
};

type Json = Record<string, unknown>;

function parseObject(text: string, lineNo: number): LineResult<Json> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('RECORDING_NOT_JSON', lineNo, `not JSON (${(error as Error).message}): ${excerpt(text)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return fail('RECORDING_BAD_LINE', lineNo, `expected a JSON object, got ${kind}: ${excerpt(text)}`);
  }
  return { ok: true, value: value as Json };
}

function fail<T>(code: RecordingErrorCode, line: number, message: string): LineResult<T> {
  return { ok: false, error: { code, line, message } };
}

/** The stamp every event and record carries. */
function stampProblem(v: Json): string | null {
  if (!isInt(v.conn, 0)) return `"conn" must be a non-negative integer, got ${show(v.conn)}`;
  return field(v, 't', 'number') ?? field(v, 'wall', 'number');
}

function directionProblem(v: Json): string | null {
  return v.dir === 'in' || v.dir === 'out' ? null : `"dir" must be "in" or "out", got ${show(v.dir)}`;
}

function wireProblem(v: Json): string | null {
  const problem =
    stampProblem(v) ??
    directionProblem(v) ??
    count(v, 'seq') ??
    count(v, 'offset') ??
    count(v, 'frames') ??
    // A chunk that completed no frame has no first frame: the tap writes id -1 then.
    (isInt(v.id, v.frames === 0 ? -1 : 0) ? null : `"id" must be an integer ≥ 0, got ${show(v.id)}`);
  if (problem !== null) return problem;
  if (typeof v.base64 !== 'string') return `"base64" must be a string, got ${show(v.base64)}`;
  return v.base64.length % 4 === 0 ? null : `"base64" is not valid base64 (length ${v.base64.length})`;
}

function setupProblem(v: Json): string | null {
  return (
    stampProblem(v) ??
    directionProblem(v) ??
    (v.sender === 'client' || v.sender === 'server'
      ? null
      : `"sender" must be "client" or "server", got ${show(v.sender)}`) ??
    field(v, 'perMessageDeflate', 'boolean') ??
    count(v, 'maxPayload') ??
    count(v, 'maxMessageSize') ??
    count(v, 'maxFragments') ??
    (v.resume === undefined ? null : resumeProblem(v.resume))
  );
}

function resumeProblem(resume: unknown): string | null {
  if (typeof resume !== 'object' || resume === null) return `"resume" must be an object, got ${show(resume)}`;
  const r = resume as Json;
  const problem = count(r, 'bytes') ?? count(r, 'frames') ?? count(r, 'messages');
  if (problem !== null) return `"resume": ${problem}`;
  return isInt(r.closeFrame, -1)
    ? null
    : `"resume": "closeFrame" must be an integer ≥ -1, got ${show(r.closeFrame)}`;
}

function eventProblem(v: Json): string | null {
  const problem = stampProblem(v) ?? count(v, 'seq');
  if (problem !== null || v.type !== 'message') return problem;
  return (
    directionProblem(v) ??
    (v.text === undefined ? null : field(v, 'text', 'string')) ??
    (v.base64 === undefined ? null : field(v, 'base64', 'string'))
  );
}

function connectionsProblem(list: readonly unknown[]): string | null {
  for (const [i, c] of list.entries()) {
    const ok =
      typeof c === 'object' &&
      c !== null &&
      isInt((c as Json).conn, 0) &&
      ((c as Json).role === 'client' || (c as Json).role === 'server') &&
      typeof (c as Json).url === 'string';
    if (!ok) return `connections[${i}] must be {conn, role: "client"|"server", url}, got ${show(c)}`;
  }
  return null;
}

function field(v: Json, name: string, type: 'string' | 'number' | 'boolean'): string | null {
  const value = v[name];
  if (typeof value === type && (type !== 'number' || Number.isFinite(value))) return null;
  return `"${name}" must be a ${type}, got ${show(value)}`;
}

function count(v: Json, name: string): string | null {
  return isInt(v[name], 0) ? null : `"${name}" must be a non-negative integer, got ${show(v[name])}`;
}

function isInt(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** A value as a message shows it: JSON, cut short. */
function show(value: unknown): string {
  return value === undefined ? 'nothing' : excerpt(JSON.stringify(value) ?? String(value));
}

function excerpt(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 77)}…`;
}
