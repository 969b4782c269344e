import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { FrameDecoder } from '../../shared/protocol/decoder.js';
import { countMessage, emptyTally, type Tally } from './digest.js';
import { Receiver } from './ws-receiver.js';

/** ws's default limit (100 MiB), used by both sides so neither rejects the 200 KiB frames. */
const MAX_PAYLOAD = 100 * 1024 * 1024;

/** One decoder under test: decodes the whole corpus once, from socket-sized chunks, and tallies it. */
export interface Contestant {
  readonly id: string;
  readonly label: string;
  /** The ratio goal against ws from the issue, when there is one. */
  readonly goal: number | null;
  run(chunks: readonly Buffer[]): Promise<Tally>;
}

/**
 * ws's Receiver as a server sees a browser: masked frames, unmasking and UTF-8 validation on.
 * It unmasks in place, so every run needs a fresh copy of the corpus (made outside the timing).
 * Chunks are written the way ws's own socket handler does: when write() asks for backpressure the
 * next chunk waits for 'drain' (ws pauses the socket), so no chunk queues inside the Writable.
 */
export const wsReceiver: Contestant = {
  id: 'ws',
  label: 'ws Receiver (baseline)',
  goal: null,
  async run(chunks) {
    // ws's Receiver reports messages, not frames.
    const tally = emptyTally(null, 0);
    let concluded = false;
    const receiver = new Receiver({
      isServer: true,
      maxPayload: MAX_PAYLOAD,
      skipUTF8Validation: false,
      binaryType: 'nodebuffer',
    });
    receiver.on('message', (data, isBinary) => countMessage(tally, !isBinary, data));
    receiver.on('ping', () => tally.pings++);
    receiver.on('pong', () => tally.pongs++);
    receiver.on('conclude', (code) => {
      tally.closes++;
      concluded = true;
      if (code !== 1000) tally.problems++;
    });
    receiver.on('error', (error) => {
      tally.problems++;
      console.error(`ws Receiver: ${error.code ?? ''} ${error.message}`);
    });
    try {
      const done = finished(receiver);
      for (const chunk of chunks) {
        // After the Close, ws ends the stream itself and drops anything else (as the corpus has none).
        if (!receiver.write(chunk) && !concluded) await once(receiver, 'drain');
      }
      if (!concluded) receiver.end();
      await done;
    } catch {
      tally.problems++;
    }
    return tally;
  },
};

/** Our FrameDecoder with the given options, as a tap over a client's stream. */
function ours(
  id: string,
  label: string,
  goal: number | null,
  options: { readonly headersOnly: boolean; readonly isUtf8: ((bytes: Uint8Array) => boolean) | undefined },
): Contestant {
  return {
    id,
    label,
    goal,
    run(chunks) {
      const keep = !options.headersOnly;
      // Headers-only keeps no payloads, so it has no digest to show.
      const tally = emptyTally(0, keep ? 0 : null);
      const decoder = new FrameDecoder({
        sender: 'client',
        headersOnly: options.headersOnly,
        isUtf8: options.isUtf8,
        maxPayload: MAX_PAYLOAD,
        maxMessageSize: MAX_PAYLOAD,
        onFrame(frame) {
          (tally.frames as number)++;
          if (frame.violations.length > 0) tally.problems++;
          const opcode = frame.opcode;
          if (opcode >= 8) {
            if (opcode === 9) tally.pings++;
            else if (opcode === 10) tally.pongs++;
            else if (opcode === 8 && frame.close?.code === 1000) tally.closes++;
            else tally.problems++;
          }
        },
        onMessage(message) {
          if (message.violations.length > 0) tally.problems++;
          const payload = message.payload;
          if (keep && payload === null) tally.problems++;
          countMessage(
            tally,
            message.opcode === 1,
            payload,
            keep ? (payload?.length ?? 0) : message.wireLength,
          );
        },
      });
      for (const chunk of chunks) decoder.push(chunk);
      const end = decoder.end();
      tally.problems += end.violations.length + (end.stoppedAt === null ? 0 : 1);
      return Promise.resolve(tally);
    },
  };
}

/** Our decoder as a server-side tap would run it: unmasking, UTF-8 via Node's native buffer.isUtf8. */
export const oursFull = ours('ours', 'ours (unmask + isUtf8)', 2, { headersOnly: false, isUtf8 });

/** Our decoder in headers-only mode: no data payload copied, unmasked or validated. */
export const oursHeadersOnly = ours('ours-headers-only', 'ours, headers only', 10, {
  headersOnly: true,
  isUtf8,
});

/** For information: our decoder with its own pure-JS UTF-8 DFA instead of the injected native one. */
export const oursJsUtf8 = ours('ours-js-utf8', 'ours, pure-JS UTF-8 (info)', null, {
  headersOnly: false,
  isUtf8: undefined,
});

/** All contestants, the baseline first. */
export const CONTESTANTS: readonly Contestant[] = [wsReceiver, oursFull, oursHeadersOnly, oursJsUtf8];
