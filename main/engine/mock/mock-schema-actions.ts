/**
 * The JSON Schema of mock actions and the messages they send (see mock-schema.ts for the whole).
 * Every `oneOf` here is keyed: each branch requires one key the others lack, which is what lets
 * schema-errors.ts turn ajv's per-branch noise into one sentence.
 */
import { DURATION_PATTERN } from './duration.js';

type Schema = Record<string, unknown>;

/** `{"$ref": "#/definitions/name"}` */
export const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

/** One branch of a keyed oneOf: requires `key`, allows only `key` and `siblings`. */
export function keyed(
  key: string,
  description: string,
  keySchema: Schema,
  siblings: Record<string, Schema> = {},
  required: readonly string[] = [],
): Schema {
  return {
    type: 'object',
    description,
    required: [key, ...required],
    properties: { [key]: { ...keySchema, description: keySchema.description ?? description }, ...siblings },
    additionalProperties: false,
  };
}

const template = (description: string): Schema => ({
  type: 'string',
  description: `${description} Templates: {{$.path}}, {{$1}}, {{conn.id}}, {{state.KEY}}, … (docs/mock-format.md#templates).`,
});
const unless = {
  type: 'string',
  description: 'Skip this action when the per-connection state value of this name is truthy.',
};
const sendOptions = {
  fragments: {
    type: ['integer', 'array'],
    minimum: 1,
    items: { type: 'integer', minimum: 0 },
    minItems: 1,
    description:
      'Send the message in this many frames (RFC 6455 §5.4), or in frames of these payload sizes (adding up to the message size).',
  },
  compress: {
    type: 'boolean',
    description:
      'Compress with permessage-deflate when the client negotiated it (default: the server threshold decides).',
  },
};

/** The `definitions` the actions need. */
export const ACTION_DEFINITIONS: Record<string, Schema> = {
  duration: {
    type: ['number', 'string'],
    minimum: 0,
    pattern: DURATION_PATTERN,
    description: 'A duration: a number of milliseconds, or text such as "250ms", "5s", "1.5m", "1h".',
  },
  actions: {
    type: 'array',
    items: ref('action'),
    description: 'Actions, run in order; a delay pauses the rest of the list.',
  },
  message: {
    description:
      'A message: a string is text (a template); or {text}, {json}, {binary: hex}, {base64} or {same: true} (the message being answered, as it came).',
    oneOf: [
      { type: 'string', description: 'A text message (a template).' },
      keyed('text', 'A text message.', template('The text.')),
      keyed(
        'json',
        "A JSON message: any value; strings are templates, and a string that is exactly one {{expr}} keeps the value's JSON type.",
        {},
      ),
      keyed('binary', 'A binary message, as hex ("89 50 4e 47" or "0x89504e47").', { type: 'string' }),
      keyed('base64', 'A binary message, as base64.', { type: 'string' }),
      keyed(
        'same',
        'The message being answered, as it came: text stays text, binary stays binary (an echo). Nothing is sent on connect or from a timer started there.',
        { const: true },
      ),
    ],
  },
  frame: {
    type: 'object',
    description: 'A frame built exactly as told, valid or not (fault injection).',
    required: ['opcode'],
    properties: {
      opcode: {
        type: ['integer', 'string'],
        minimum: 0,
        maximum: 15,
        description:
          'A number 0-15, or text, binary, close, ping, pong, continuation, reserved-3 … reserved-15.',
      },
      fin: { type: 'boolean', description: 'FIN bit (default true).' },
      rsv1: { type: 'boolean', description: 'RSV1 bit (set without permessage-deflate: a protocol error).' },
      rsv2: { type: 'boolean', description: 'RSV2 bit.' },
      rsv3: { type: 'boolean', description: 'RSV3 bit.' },
      payload: {
        description: 'The payload: a string (UTF-8), {hex} or {base64}.',
        oneOf: [
          { type: 'string', description: 'UTF-8 text.' },
          keyed('hex', 'Payload bytes as hex.', { type: 'string' }),
          keyed('base64', 'Payload bytes as base64.', { type: 'string' }),
        ],
      },
      mask: {
        type: ['boolean', 'integer', 'string'],
        description:
          'Mask the payload: true for a random key, or the key as a number or 8 hex digits (a server must not mask: a protocol error).',
      },
      lengthBits: {
        enum: ['minimal', 7, 16, 64],
        description: 'The length encoding: minimal (default) or forced 7/16/64-bit.',
      },
      declaredLength: {
        type: 'integer',
        minimum: 0,
        description: 'A length field that lies: written instead of the real payload length.',
      },
    },
    additionalProperties: false,
  },
  action: {
    description: "One action: a mapping with exactly one action key, plus that action's options.",
    oneOf: [
      keyed('reply', 'Send a message to this connection.', ref('message'), { ...sendOptions, unless }),
      keyed('broadcast', 'Send a message to every connection in a room.', ref('message'), {
        room: template(
          'The room (default: each room this connection is in; every connection when it is in none).',
        ),
        exceptSelf: { type: 'boolean', description: 'Leave this connection out.' },
        ...sendOptions,
        unless,
      }),
      keyed('delay', 'Wait this long before the next action of the list.', ref('duration'), { unless }),
      keyed(
        'close',
        'Start the close handshake.',
        {
          type: ['integer', 'object'],
          minimum: 0,
          maximum: 65535,
          properties: {
            code: {
              type: 'integer',
              minimum: 0,
              maximum: 65535,
              description:
                'The close code: 1000-1003, 1007-1014 or 3000-4999 (others need force). Absent: a Close frame without a code.',
            },
            reason: template('The close reason (at most 123 bytes).'),
            force: {
              type: 'boolean',
              description: 'Send a code RFC 6455 forbids on the wire (fault injection).',
            },
          },
          additionalProperties: false,
          description: 'A close code, or {code, reason, force}.',
        },
        { unless },
      ),
      keyed('drop', 'Drop TCP without a Close frame (the client sees 1006).', { const: true }, { unless }),
      keyed(
        'pongs',
        'false: stop answering pings; true: answer them again.',
        { type: 'boolean' },
        { unless },
      ),
      keyed(
        'ping',
        'Send a Ping, with this payload (a template, ≤ 125 bytes) or none (true or empty).',
        { type: ['string', 'null', 'boolean'] },
        { unless },
      ),
      keyed(
        'raw',
        'Write these frames to the socket as they are, past every check.',
        { type: 'array', minItems: 1, items: ref('frame') },
        { unless },
      ),
      keyed(
        'every',
        'Run `then` every DURATION (the first time after one interval), `times` times or until the connection closes.',
        ref('duration'),
        {
          times: { type: 'integer', minimum: 1, description: 'Stop after this many runs.' },
          then: { ...ref('actions'), description: 'The actions to run each time.' },
          unless,
        },
        ['then'],
      ),
      keyed(
        'after',
        'Run `then` once after DURATION, without pausing this list.',
        ref('duration'),
        { then: { ...ref('actions'), description: 'The actions to run.' }, unless },
        ['then'],
      ),
      keyed(
        'set',
        'Set per-connection state values (any JSON; strings are templates, a string that is one {{expr}} keeps its type).',
        { type: 'object', minProperties: 1 },
        { unless },
      ),
      keyed('join', 'Join a room (a template).', { type: 'string' }, { unless }),
      keyed('leave', 'Leave a room (a template).', { type: 'string' }, { unless }),
      keyed(
        'log',
        'Write a line to the connection timeline (a template).',
        { type: 'string' },
        {
          level: { enum: ['info', 'warn', 'error'], description: 'Default info.' },
          unless,
        },
      ),
    ],
  },
};
