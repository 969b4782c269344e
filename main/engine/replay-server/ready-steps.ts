/**
 * Script steps made ready to send for one live request: each recorded server message becomes the
 * Outgoing the server sends — text as text with the request's correlated values copied in, binary
 * as binary, in as many frames as recorded and compressed as recorded.
 */
import type { Outgoing } from '../client/client-options.js';
import type { SendOptions } from '../client/send.js';
import type { JsonPath } from '../mock/definition.js';
import { correlateReply } from './correlate.js';
import { describeStep } from './describe.js';
import type { Comparable } from './match.js';
import type { Step } from './script.js';

/** A step ready to play: a send carries what goes on the wire. */
export type Ready =
  | Extract<Step, { kind: 'close' }>
  | (Extract<Step, { kind: 'send' }> & {
      readonly outgoing: Outgoing;
      readonly options: SendOptions;
      /** Correlated values were copied in. */
      readonly correlated: boolean;
    });

/** The live request and the recorded one it matched (null for the pushes on connect). */
export interface Answering {
  readonly live: Comparable;
  readonly recorded: Comparable;
}

/** Makes `steps` ready, correlated to `answering` by `correlate`. */
export function readySteps(
  steps: readonly Step[],
  correlate: readonly JsonPath[],
  answering: Answering | null,
): Ready[] {
  return steps.map((step): Ready => {
    if (step.kind === 'close') return step;
    const { message } = step;
    const options: SendOptions = {
      ...(message.frames !== undefined && message.frames.length > 1
        ? { fragments: message.frames.length }
        : {}),
      ...(message.compressed === undefined ? {} : { compress: message.compressed }),
    };
    if (message.opcode === 'binary' || message.text === undefined) {
      const bytes =
        message.base64 !== undefined
          ? Buffer.from(message.base64, 'base64')
          : Buffer.from(message.text ?? '', 'utf8');
      // A text message that was not valid UTF-8 goes out as the same bytes in a text frame.
      const outgoing: Outgoing =
        message.opcode === 'binary' ? { kind: 'binary', bytes } : { kind: 'utf8', bytes };
      return { ...step, outgoing, options, correlated: false };
    }
    const text =
      answering === null
        ? message.text
        : correlateReply(message.text, correlate, answering.live.json(), answering.recorded.json()).text;
    return { ...step, outgoing: { kind: 'text', text }, options, correlated: text !== message.text };
  });
}

/** The `rule` event's actions for ready steps: `reply text 19 B after 3ms (correlated)`. */
export function describeReady(steps: readonly Ready[], speed: number): string[] {
  if (steps.length === 0) return ['no reply in the recording'];
  return steps.map((step) => {
    const said = describeStep(step, speed);
    return step.kind === 'send' && step.correlated ? `${said} (correlated)` : said;
  });
}
