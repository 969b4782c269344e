/** The worker's side of the request/reply channel to the engine (script-protocol.ts). */
import type { FromWorker, ScriptCall, ToWorker } from '../script-protocol.js';

/** What the engine answered with instead of a value: its error code and message. */
export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Port {
  postMessage(message: FromWorker): void;
}

export class ScriptRpc {
  private lastId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly port: Port) {}

  call<T>(call: ScriptCall): Promise<T> {
    const id = ++this.lastId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ kind: 'call', id, call });
    });
  }

  /** Settles the request a reply answers. */
  reply(message: Extract<ToWorker, { kind: 'reply' }>): void {
    const waiting = this.pending.get(message.id);
    if (waiting === undefined) return;
    this.pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(new CallError(message.code, message.message));
  }
}
