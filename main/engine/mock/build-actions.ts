/** Action lists of a schema-valid mock document as MockActions, with the checks the schema cannot make. */
import { closeCodeInfo, isCloseCodeAllowedOnWire } from '../../../shared/protocol/close-codes.js';
import { encodeFrame, type FrameSpec } from '../../../shared/protocol/encoder.js';
import { parseOpcode } from '../../../shared/protocol/opcodes.js';
import type { BuildContext, GroupInfo } from './build-context.js';
import type { DocPath } from './doc-positions.js';
import type { ActionBody, MessageSpec, MockAction, SendSpec } from './definition.js';

type Raw = Record<string, unknown>;

const utf8 = new TextEncoder();

/** An action list; null when any action in it has a problem (all of them are reported). */
export function buildActions(
  ctx: BuildContext,
  path: DocPath,
  raw: readonly Raw[],
  groups: GroupInfo | null,
): MockAction[] | null {
  const actions = raw.map((item, i) => buildAction(ctx, [...path, i], item, groups));
  return actions.every((a): a is MockAction => a !== null) ? actions : null;
}

function buildAction(
  ctx: BuildContext,
  path: DocPath,
  raw: Raw,
  groups: GroupInfo | null,
): MockAction | null {
  const body = buildBody(ctx, path, raw, groups);
  return body === null ? null : { unless: typeof raw.unless === 'string' ? raw.unless : null, ...body };
}

function buildBody(ctx: BuildContext, path: DocPath, raw: Raw, groups: GroupInfo | null): ActionBody | null {
  const at = (key: string): DocPath => [...path, key];
  if ('reply' in raw) {
    const message = buildMessage(ctx, at('reply'), raw.reply, groups);
    return message && { kind: 'reply', message, ...sendSpec(raw) };
  }
  if ('broadcast' in raw) {
    const message = buildMessage(ctx, at('broadcast'), raw.broadcast, groups);
    const room = typeof raw.room === 'string' ? ctx.template(at('room'), raw.room, groups) : null;
    if (message === null || (typeof raw.room === 'string' && room === null)) return null;
    return { kind: 'broadcast', message, room, exceptSelf: raw.exceptSelf === true, ...sendSpec(raw) };
  }
  if ('delay' in raw) {
    const ms = ctx.duration(at('delay'), raw.delay as number | string);
    return ms === null ? null : { kind: 'delay', ms };
  }
  if ('close' in raw) return buildClose(ctx, at('close'), raw.close as number | Raw, groups);
  if ('drop' in raw) return { kind: 'drop' };
  if ('pongs' in raw) return { kind: 'pongs', on: raw.pongs === true };
  if ('ping' in raw) return buildPing(ctx, at('ping'), raw.ping as string | boolean | null, groups);
  if ('raw' in raw) {
    const frames = (raw.raw as Raw[]).map((frame, i) => buildFrame(ctx, [...path, 'raw', i], frame));
    return frames.every((f): f is FrameSpec => f !== null) ? { kind: 'raw', frames } : null;
  }
  if ('every' in raw || 'after' in raw) {
    const key = 'every' in raw ? 'every' : 'after';
    const ms = ctx.duration(at(key), raw[key] as number | string);
    const then = buildActions(ctx, at('then'), raw.then as Raw[], groups);
    if (key === 'every' && ms === 0) return ctx.error(at(key), 'every needs a duration above 0');
    if (ms === null || then === null) return null;
    return key === 'every'
      ? { kind: 'every', ms, times: typeof raw.times === 'number' ? raw.times : null, then }
      : { kind: 'after', ms, then };
  }
  if ('set' in raw) {
    const values = Object.entries(raw.set as Raw).map(
      ([key, value]) => [key, ctx.jsonTemplate([...path, 'set', key], value, groups)] as const,
    );
    return values.every((v) => v[1] !== null)
      ? { kind: 'set', values: values as [string, NonNullable<(typeof values)[number][1]>][] }
      : null;
  }
  if ('join' in raw || 'leave' in raw) {
    const kind = 'join' in raw ? 'join' : 'leave';
    const room = ctx.template(at(kind), raw[kind] as string, groups);
    return room && { kind, room };
  }
  if ('log' in raw) {
    const message = ctx.template(at('log'), raw.log as string, groups);
    return (
      message && {
        kind: 'log',
        message,
        level: (raw.level as 'info' | 'warn' | 'error' | undefined) ?? 'info',
      }
    );
  }
  return ctx.error(path, 'is not an action wstap knows');
}

/** The message of a reply or broadcast. */
export function buildMessage(
  ctx: BuildContext,
  path: DocPath,
  raw: unknown,
  groups: GroupInfo | null,
): MessageSpec | null {
  if (typeof raw === 'string') {
    const template = ctx.template(path, raw, groups);
    return template && { kind: 'text', template };
  }
  const form = raw as Raw;
  if (typeof form.text === 'string') {
    const template = ctx.template([...path, 'text'], form.text, groups);
    return template && { kind: 'text', template };
  }
  if ('json' in form) {
    const value = ctx.jsonTemplate([...path, 'json'], form.json, groups);
    return value && { kind: 'json', value };
  }
  if (form.same === true) return { kind: 'same' };
  const bytes =
    typeof form.binary === 'string'
      ? ctx.hex([...path, 'binary'], form.binary)
      : ctx.base64([...path, 'base64'], String(form.base64));
  return bytes && { kind: 'binary', bytes };
}

function sendSpec(raw: Raw): SendSpec {
  const fragments =
    typeof raw.fragments === 'number' || Array.isArray(raw.fragments)
      ? (raw.fragments as number | number[])
      : null;
  return { fragments, compress: typeof raw.compress === 'boolean' ? raw.compress : null };
}

function buildClose(
  ctx: BuildContext,
  path: DocPath,
  raw: number | Raw,
  groups: GroupInfo | null,
): ActionBody | null {
  const spec = typeof raw === 'number' ? { code: raw } : raw;
  const code = typeof spec.code === 'number' ? spec.code : null;
  const force = spec.force === true;
  const codePath = typeof raw === 'number' ? path : [...path, 'code'];
  if (code !== null && !force && !isCloseCodeAllowedOnWire(code)) {
    const info = closeCodeInfo(code);
    return ctx.error(
      codePath,
      `close code ${code} (${info.name}) may not be sent in a Close frame: use 1000-1003, 1007-1014 or 3000-4999, or add force: true to send it anyway`,
    );
  }
  if (typeof spec.reason !== 'string') return { kind: 'close', code, reason: null, force };
  if (code === null)
    return ctx.error([...path, 'reason'], 'a close reason needs a close code (RFC 6455 §5.5.1): add code');
  const reason = ctx.template([...path, 'reason'], spec.reason, groups);
  if (
    reason &&
    reason.parts.every((p) => p.kind === 'literal') &&
    utf8.encode(spec.reason).length > 123 &&
    !force
  ) {
    return ctx.error(
      [...path, 'reason'],
      `the close reason is ${utf8.encode(spec.reason).length} bytes; at most 123 fit in a Close frame (RFC 6455 §5.5)`,
    );
  }
  return reason && { kind: 'close', code, reason, force };
}

function buildPing(
  ctx: BuildContext,
  path: DocPath,
  raw: string | boolean | null,
  groups: GroupInfo | null,
): ActionBody | null {
  if (raw === false)
    return ctx.error(path, 'ping: false sends nothing; write ping: true (no payload) or ping: TEXT');
  if (raw === null || raw === true || raw === '') return { kind: 'ping', data: null };
  const data = ctx.template(path, raw, groups);
  if (data && data.parts.every((p) => p.kind === 'literal') && utf8.encode(raw).length > 125) {
    return ctx.error(
      path,
      `a ping payload is at most 125 bytes (RFC 6455 §5.5), this one is ${utf8.encode(raw).length}; use raw: to send a longer one on purpose`,
    );
  }
  return data && { kind: 'ping', data };
}

function buildFrame(ctx: BuildContext, path: DocPath, raw: Raw): FrameSpec | null {
  const opcode = typeof raw.opcode === 'number' ? raw.opcode : parseOpcode(String(raw.opcode));
  if (opcode === undefined) {
    return ctx.error(
      [...path, 'opcode'],
      `'${String(raw.opcode)}' is not an opcode: use 0-15 or continuation, text, binary, close, ping, pong, reserved-3 … reserved-15`,
    );
  }
  const payload = framePayload(ctx, [...path, 'payload'], raw.payload);
  const mask = frameMask(ctx, [...path, 'mask'], raw.mask);
  if (payload === null || mask === null) return null;
  const spec: FrameSpec = {
    opcode,
    payload,
    fin: raw.fin !== false,
    rsv1: raw.rsv1 === true,
    rsv2: raw.rsv2 === true,
    rsv3: raw.rsv3 === true,
    mask,
    ...(raw.lengthBits === undefined ? {} : { lengthBits: raw.lengthBits as FrameSpec['lengthBits'] }),
    ...(typeof raw.declaredLength === 'number' ? { declaredLength: raw.declaredLength } : {}),
  };
  try {
    encodeFrame(spec);
  } catch (error) {
    return ctx.error(path, `cannot build this frame: ${(error as Error).message}`);
  }
  return spec;
}

function framePayload(ctx: BuildContext, path: DocPath, raw: unknown): Uint8Array | null {
  if (raw === undefined) return new Uint8Array(0);
  if (typeof raw === 'string') return utf8.encode(raw);
  const form = raw as Raw;
  return typeof form.hex === 'string'
    ? ctx.hex([...path, 'hex'], form.hex)
    : ctx.base64([...path, 'base64'], String(form.base64));
}

function frameMask(ctx: BuildContext, path: DocPath, raw: unknown): boolean | number | Uint8Array | null {
  if (raw === undefined) return false;
  if (typeof raw === 'boolean' || typeof raw === 'number') return raw;
  const key = ctx.hex(path, String(raw));
  if (key !== null && key.length !== 4)
    return ctx.error(path, `a masking key is 4 bytes (8 hex digits), got ${key.length}`);
  return key;
}
