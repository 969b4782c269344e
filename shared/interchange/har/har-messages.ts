/**
 * `_webSocketMessages` (and Playwright's attached `.jsonl` lines of the same objects) to messages
 * and back. Chrome and mitmproxy write `time` in seconds since the epoch, Playwright in
 * milliseconds; binary payloads are base64 in all three. wstap adds `_frames`, `_compressed` and
 * `_encoding`, which the others ignore.
 */
import { decodeWireBase64 } from '../../record/line-codec.js';
import type { ConversationConnection, ConversationFrame, ConversationMessage } from '../conversation.js';
import {
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asString,
  fail,
  otherFields,
  type JsonObject,
} from '../json-fields.js';
import type { HarWebSocketMessage } from './har-types.js';

/** How one entry's message times map to the connection's clock. */
export interface MessageClock {
  /** Wall clock of the connection's start, ms since the epoch. */
  readonly startMs: number;
  /** 1000 when `time` is in seconds, 1 when in milliseconds. */
  readonly scale: number;
}

/** Messages read from one entry, and what was left out (control frames, errors, missing times). */
export interface ReadMessages {
  readonly messages: ConversationMessage[];
  readonly skipped: string[];
}

const KNOWN = ['type', 'time', 'opcode', 'data', '_frames', '_compressed', '_encoding'];
const FRAME_FLAGS = ['fin', 'rsv1', 'rsv2', 'rsv3', 'masked'] as const;

/** Reads the message objects of one entry; `path` names the list in errors (`entries[3]._webSocketMessages`). */
export function readHarMessages(items: readonly unknown[], path: string, clock: MessageClock): ReadMessages {
  const messages: ConversationMessage[] = [];
  const skipped: string[] = [];
  items.forEach((item, i) => {
    const at = `${path}[${i}]`;
    const o = asObject(item, at);
    const type = o.type;
    // Chrome lists a socket's errors among its frames (type "error", opcode -1): not a message.
    if (type === 'error')
      return void skipped.push(`${at}: an error, not a message (${String(o.data ?? '')})`);
    if (type !== 'send' && type !== 'receive') fail(`${at}.type`, '"send" or "receive"', type);
    const opcode = o.opcode;
    if (opcode === 0 || opcode === 8 || opcode === 9 || opcode === 10)
      return void skipped.push(`${at}: a control frame (opcode ${opcode}), not a message`);
    if (opcode !== 1 && opcode !== 2) fail(`${at}.opcode`, '1 or 2', opcode);
    const time = asNumber(o.time, `${at}.time`);
    const data = asString(o.data, `${at}.data`);
    const base64 = opcode === 2 || o._encoding === 'base64';
    if (o._encoding !== undefined && o._encoding !== 'base64')
      fail(`${at}._encoding`, '"base64"', o._encoding);
    if (base64 && decodeWireBase64(data) === null) fail(`${at}.data`, 'base64 (a binary payload)', data);
    const frames = o._frames === undefined ? undefined : readFrames(o._frames, `${at}._frames`);
    const compressed =
      o._compressed === undefined ? undefined : asBoolean(o._compressed, `${at}._compressed`);
    const sourceFields = otherFields(o, KNOWN);
    messages.push({
      from: type === 'send' ? 'client' : 'server',
      // Playwright writes -1 when told to omit timing: the order is all there is.
      t: time < 0 ? 0 : round(time * clock.scale - clock.startMs),
      opcode: opcode === 1 ? 'text' : 'binary',
      ...(base64 ? { base64: data } : { text: data }),
      ...(compressed === undefined ? {} : { compressed }),
      ...(frames === undefined ? {} : { frames }),
      ...(sourceFields === undefined ? {} : { sourceFields }),
    });
  });
  return { messages, skipped };
}

function readFrames(value: unknown, path: string): ConversationFrame[] {
  return asArray(value, path).map((item, i) => {
    const at = `${path}[${i}]`;
    const o = asObject(item, at);
    const flag = (name: (typeof FRAME_FLAGS)[number]): boolean => asBoolean(o[name], `${at}.${name}`);
    const [fin, rsv1, rsv2, rsv3, masked] = FRAME_FLAGS.map(flag) as [
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
    ];
    const opcode = asNumber(o.opcode, `${at}.opcode`);
    if (!Number.isInteger(opcode) || opcode < 0 || opcode > 15)
      fail(`${at}.opcode`, 'an opcode 0-15', opcode);
    const maskKey = o.maskKey === null ? null : asString(o.maskKey, `${at}.maskKey`);
    const payloadLength = asNumber(o.payloadLength, `${at}.payloadLength`);
    return { fin, rsv1, rsv2, rsv3, opcode, masked, maskKey, payloadLength };
  });
}

/** The first time among the messages, in milliseconds (scale applied), or null when none has one. */
export function firstMessageMs(items: readonly unknown[], scale: number): number | null {
  for (const item of items) {
    const time = (item as JsonObject | null)?.time;
    if (typeof time === 'number' && Number.isFinite(time) && time >= 0) return time * scale;
  }
  return null;
}

/** A connection's messages as wstap writes `_webSocketMessages`: Chrome's fields (time in seconds) plus wstap's. */
export function harMessagesOf(connection: ConversationConnection): HarWebSocketMessage[] {
  return connection.messages.map((m) => {
    const binaryText = m.opcode === 'text' && m.text === undefined;
    return {
      ...m.sourceFields,
      type: m.from === 'client' ? 'send' : 'receive',
      // Seconds with microseconds, as Chrome writes them.
      time: Math.round((connection.startedAt + m.t) * 1000) / 1e6,
      opcode: m.opcode === 'text' ? 1 : 2,
      data: m.text ?? m.base64 ?? '',
      ...(m.frames === undefined ? {} : { _frames: m.frames }),
      ...(m.compressed === undefined ? {} : { _compressed: m.compressed }),
      ...(binaryText ? { _encoding: 'base64' as const } : {}),
    };
  });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
