/** A received message as a script sees it, built from the engine's message event. */
import type { MessageEvent } from '../../../../shared/model/events.js';
import type { Message } from '../../../../types/script.js';
import { ScriptFailure } from './failures.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

class ReceivedMessage implements Message {
  private bytes: Uint8Array | null;
  private decoded: string | null;

  constructor(
    readonly type: 'text' | 'binary',
    text: string | null,
    bytes: Uint8Array | null,
    readonly size: number,
    readonly compressed: boolean,
    readonly t: number,
  ) {
    this.decoded = text;
    this.bytes = bytes;
  }

  get text(): string {
    return (this.decoded ??= decoder.decode(this.bytes ?? new Uint8Array(0)));
  }

  get data(): Uint8Array {
    return (this.bytes ??= encoder.encode(this.decoded ?? ''));
  }

  json<T = unknown>(): T {
    try {
      return JSON.parse(this.text) as T;
    } catch (error) {
      const text = this.text;
      const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
      throw new ScriptFailure(
        'error',
        `message.json(): ${JSON.stringify(shown)} is not JSON (${(error as Error).message})`,
        new Error().stack,
      );
    }
  }

  toJSON(): unknown {
    return {
      type: this.type,
      text: this.type === 'text' ? this.text : undefined,
      size: this.size,
      t: this.t,
    };
  }
}

/** The script's view of a message event; `t0` is the engine time the script started at. */
export function messageFrom(event: MessageEvent, t0: number): Message {
  const t = Math.round((event.t - t0) * 1000) / 1000;
  const binary = event.opcodeName === 'binary';
  // The engine gives text for valid UTF-8 and base64 otherwise (binary, or text that is not UTF-8).
  const text = event.text ?? null;
  const bytes = text === null ? base64Bytes(event.base64 ?? '') : null;
  return new ReceivedMessage(binary ? 'binary' : 'text', text, bytes, event.size, event.compressed, t);
}

function base64Bytes(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
