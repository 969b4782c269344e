/**
 * The `ctx` a handler's hooks get: a thin layer over the connection's ServerPort. Everything that
 * must outlive a reload (state, shared, rooms, timers) lives in the port, so a fresh ctx over the
 * same port after a reload sees the same connection.
 */
import { format, inspect } from 'node:util';
import type { Outgoing } from '../client/client-options.js';
import type { SendOptions } from '../client/send.js';
import type { ServerPort } from '../server/behaviour.js';
import type { BroadcastOptions, HandlerContext } from './handler-types.js';

/** What a ctx needs besides its port. */
export interface HandlerContextOptions {
  /** Errors thrown (or rejected) by ctx.setTimeout/ctx.setInterval callbacks, with where they ran. */
  readonly onError: (error: unknown, where: string) => void;
}

/** The frame type ctx.send picks: strings as text, bytes as binary, any other value as JSON. */
export function toOutgoing(data: unknown): Outgoing {
  if (typeof data === 'string') return { kind: 'text', text: data };
  const bytes = asBytes(data);
  if (bytes !== null) return { kind: 'binary', bytes };
  if (
    data === undefined ||
    typeof data === 'function' ||
    typeof data === 'symbol' ||
    typeof data === 'bigint'
  ) {
    throw new TypeError(
      `ctx.send was given ${typeof data}, which has no JSON form; send a string, bytes, or a JSON value`,
    );
  }
  return { kind: 'json', value: data };
}

function asBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/**
 * A plain object whose properties are the entries of `map`: `ctx.state.count = 1` writes the
 * port's Map, which the server keeps across reloads. Only string keys are stored.
 */
function mapObject(map: Map<string, unknown>): Record<string, unknown> {
  const target = Object.create(null) as Record<string, unknown>;
  // util.inspect (console.log, ctx.log) shows a proxy's target, not its traps: show the entries.
  Object.defineProperty(target, inspect.custom, { value: () => Object.fromEntries(map), configurable: true });
  const store = (key: string | symbol, value: unknown): boolean => {
    if (typeof key !== 'string') return false;
    map.set(key, value);
    return true;
  };
  return new Proxy(target, {
    get: (_target, key) => (typeof key === 'string' ? map.get(key) : undefined),
    set: (_target, key, value) => store(key, value),
    defineProperty: (_target, key, descriptor) => 'value' in descriptor && store(key, descriptor.value),
    has: (_target, key) => typeof key === 'string' && map.has(key),
    deleteProperty: (_target, key) => {
      if (typeof key === 'string') map.delete(key);
      return true;
    },
    ownKeys: () => [...map.keys()],
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === 'string' && map.has(key)
        ? { value: map.get(key), writable: true, enumerable: true, configurable: true }
        : undefined,
  });
}

/** Marks a promise as handled (a handler that does not await a send must not crash wstap); returns it unchanged. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Builds the ctx for one connection. */
export function createHandlerContext(port: ServerPort, options: HandlerContextOptions): HandlerContext {
  /** A timer callback whose throws and rejections are reported instead of crashing the process. */
  const guarded = (fn: () => unknown, where: string): (() => void) => {
    if (typeof fn !== 'function') throw new TypeError(`ctx.${where} needs a function, got ${typeof fn}`);
    return () => {
      try {
        const result = fn();
        if (result instanceof Promise)
          result.catch((error: unknown) => options.onError(error, `a ctx.${where} callback`));
      } catch (error) {
        options.onError(error, `a ctx.${where} callback`);
      }
    };
  };
  const send = (message: Outgoing, sendOptions?: SendOptions): Promise<void> =>
    quiet(port.send(message, sendOptions));
  return {
    id: port.id,
    path: port.upgrade.path,
    query: port.upgrade.query,
    headers: port.upgrade.headers,
    upgrade: port.upgrade,
    get subprotocol() {
      return port.subprotocol;
    },
    get rooms() {
      return port.rooms;
    },
    state: mapObject(port.state),
    shared: mapObject(port.shared),
    get counters() {
      return port.counters;
    },
    port,
    age: () => port.age(),
    isOpen: () => port.isOpen(),
    send: (data, sendOptions) => send(toOutgoing(data), sendOptions),
    sendBinary: (data, sendOptions) => {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : asBytes(data);
      if (bytes === null)
        throw new TypeError(
          `ctx.sendBinary needs a string, Buffer, Uint8Array or ArrayBuffer, got ${typeof data}`,
        );
      return send({ kind: 'binary', bytes }, sendOptions);
    },
    sendJson: (value, sendOptions) => send({ kind: 'json', value }, sendOptions),
    close: (code, reason) =>
      port.close({ ...(code !== undefined && { code }), ...(reason !== undefined && { reason }) }),
    drop: () => port.drop(),
    ping: (data) => port.ping(data),
    broadcast: (data, broadcastOptions: BroadcastOptions = {}) =>
      quiet(
        port.broadcast(broadcastOptions.room ?? null, toOutgoing(data), {
          exceptSelf: broadcastOptions.exceptSelf ?? false,
        }),
      ),
    join: (room) => port.join(room),
    leave: (room) => port.leave(room),
    setTimeout: (fn, ms) => port.setTimeout(guarded(fn, 'setTimeout'), ms),
    setInterval: (fn, ms) => port.setInterval(guarded(fn, 'setInterval'), ms),
    log: (...args) => port.log(format(...args)),
  };
}
