import type { Writable } from 'node:stream';
import * as wsModule from 'ws';

/**
 * ws's frame parser, the baseline. ws 8 exports it from its ESM entry (wrapper.mjs) but not from
 * @types/ws, and its package "exports" map hides `ws/lib/receiver.js`, so it is reached through
 * the namespace and typed here with what the benchmark uses (see node_modules/ws/lib/receiver.js).
 */

/** Options of ws's Receiver constructor (ws 8.23.0). */
export interface WsReceiverOptions {
  readonly isServer: boolean;
  readonly maxPayload: number;
  readonly skipUTF8Validation: boolean;
  readonly binaryType: 'nodebuffer' | 'arraybuffer' | 'fragments' | 'blob';
  readonly allowSynchronousEvents?: boolean;
  readonly extensions?: Record<string, unknown>;
}

/** ws's Receiver: a Writable fed socket chunks; events 'message', 'ping', 'pong', 'conclude', 'error'. */
export interface WsReceiver extends Writable {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'ping' | 'pong', listener: (data: Buffer) => void): this;
  on(event: 'conclude', listener: (code: number, reason: Buffer) => void): this;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): this;
  on(event: string, listener: (...args: never[]) => void): this;
}

/** The Receiver class exported by ws's ESM entry. */
export const Receiver = (wsModule as unknown as { Receiver: new (options: WsReceiverOptions) => WsReceiver })
  .Receiver;
