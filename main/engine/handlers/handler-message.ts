/**
 * The `msg` a handler's onMessage gets: the server's IncomingMessage with text always at hand,
 * the bytes as a Buffer and a json() that says which message was not JSON.
 */
import type { IncomingMessage } from '../server/behaviour.js';
import type { HandlerMessage } from './handler-types.js';

const PREVIEW = 60;

/** Wraps an incoming message for a handler (no copy of the payload). */
export function createHandlerMessage(message: IncomingMessage): HandlerMessage {
  const data = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
  let text = message.text;
  // Decoded on first use: most binary handlers never ask.
  const textOf = (): string => (text ??= data.toString('utf8'));
  return {
    type: message.type,
    data,
    index: message.index,
    get text() {
      return textOf();
    },
    json() {
      const payload = textOf();
      try {
        return JSON.parse(payload) as unknown;
      } catch (error) {
        const start = payload.length > PREVIEW ? `${payload.slice(0, PREVIEW)}…` : payload;
        throw new SyntaxError(
          `message ${message.index} is not JSON (${(error as Error).message}): ${JSON.stringify(start)}`,
          { cause: error },
        );
      }
    },
  };
}
