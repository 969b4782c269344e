/**
 * The JSON Schema (draft-07) of a mock file: the single source of truth of its shape. The loader
 * validates with it (ajv), and docs/mock-schema.json is this object written out for editors
 * (a test keeps the two equal). Checks a schema cannot express (regexes compile, close codes,
 * hex, JSON paths, templates) are in build-definition.ts.
 */
import { ACTION_DEFINITIONS, keyed, ref } from './mock-schema-actions.js';

type Schema = Record<string, unknown>;

const stringOrList = (description: string): Schema => ({
  type: ['string', 'array'],
  items: { type: 'string' },
  description,
});

const match: Schema = {
  description: 'What a message must be: exactly one of text, regex, json, binaryPrefix, binary, any.',
  oneOf: [
    keyed('text', 'The whole text message equals this.', { type: 'string' }),
    keyed(
      'regex',
      'A text message matches this regular expression (JavaScript syntax); groups are {{$1}}, {{name}}.',
      { type: 'string' },
      {
        flags: { type: 'string', description: 'Regex flags, e.g. "i", "s", "u".' },
      },
    ),
    keyed(
      'json',
      "The message parses as JSON and the value at this path ($, .key, ['key'], [0]) equals `equals`, or exists (`exists`, default true).",
      { type: 'string' },
      {
        equals: {
          description: 'The value the path must hold (compared as JSON: 5 is a number, "5" a string).',
        },
        exists: { type: 'boolean', description: 'true: the path must exist; false: it must not.' },
      },
    ),
    keyed('binaryPrefix', 'A binary message starts with these bytes (hex).', { type: 'string' }),
    keyed('binary', 'Any binary message.', { const: true }),
    keyed('any', 'Any message.', { const: true }),
  ],
};

const requirement: Schema = {
  type: 'object',
  description:
    'A header, query parameter or cookie the upgrade request must carry (present, equal to `equals`, or matching `matches`).',
  properties: {
    header: { type: 'string', description: 'A request header name (any case).' },
    query: { type: 'string', description: 'A query parameter name.' },
    cookie: { type: 'string', description: 'A cookie name.' },
    equals: { type: 'string', description: 'The value must equal this.' },
    matches: { type: 'string', description: 'The value must match this regular expression.' },
    flags: { type: 'string', description: 'Flags of `matches`, e.g. "i".' },
    status: { type: 'integer', minimum: 400, maximum: 599, description: 'The refusal status (default 401).' },
    body: {
      type: ['string', 'object'],
      description: 'The refusal body: text, or an object sent as JSON (default {"error": "<what failed>"}).',
    },
  },
  additionalProperties: false,
  oneOf: [{ required: ['header'] }, { required: ['query'] }, { required: ['cookie'] }],
};

const handshake: Schema = {
  type: 'object',
  description: 'How the upgrade request is checked and answered.',
  properties: {
    require: {
      type: 'array',
      items: ref('requirement'),
      description: 'Every requirement must hold, else the request is refused (401 by default).',
    },
    origins: stringOrList(
      'Allowed Origin values ("*" is a wildcard inside one, e.g. "http://localhost:*"); any other Origin gets 403. Requests without an Origin header pass.',
    ),
    subprotocol: stringOrList(
      'Subprotocols this mock speaks: the first the client offered that is listed is selected.',
    ),
    subprotocolRequired: {
      type: 'boolean',
      description: 'Refuse with 400 when the client offered none of `subprotocol`.',
    },
    delay: { ...ref('duration'), description: 'Wait this long before answering 101.' },
    headers: {
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
      description: 'Extra headers on the 101, name: value.',
    },
  },
  additionalProperties: false,
};

const rule: Schema = {
  type: 'object',
  description:
    'When a message matches (and `when` holds), run `then`. Rules are tried in order; the first match wins.',
  required: ['match', 'then'],
  properties: {
    name: { type: 'string', description: 'A name for the timeline (default rules[N]).' },
    match: {
      ...ref('match'),
      description: 'What a message must be: exactly one of text, regex, json, binaryPrefix, binary, any.',
    },
    when: {
      type: 'object',
      description: 'A guard on per-connection state.',
      required: ['state'],
      properties: {
        state: {
          type: 'object',
          description: 'State values that must hold (KEY: value; an unset key equals null).',
        },
      },
      additionalProperties: false,
    },
    then: { ...ref('actions'), description: 'The actions to run when the rule matches.' },
  },
  additionalProperties: false,
};

const route: Schema = {
  type: 'object',
  description: 'Connections whose upgrade path matches `path`, and what happens on them.',
  properties: {
    path: {
      type: 'string',
      description:
        '/chat (exact), /rooms/:room (a parameter), /files/* (the rest of the path), or * (any path; also when omitted).',
    },
    handshake: {
      ...ref('handshake'),
      description:
        'How the upgrade request is checked and answered (auth, origins, subprotocol, delay, headers).',
    },
    room: { type: 'string', description: 'A room joined at open (a template, e.g. "{{params.room}}").' },
    heartbeat: {
      type: 'object',
      description:
        'Ping every `interval`; after `misses` pings in a row unanswered within `timeout`, drop the connection.',
      required: ['interval', 'timeout'],
      properties: {
        interval: { ...ref('duration'), description: 'Time between pings.' },
        timeout: { ...ref('duration'), description: 'How long a ping may wait for its pong.' },
        misses: {
          type: 'integer',
          minimum: 1,
          description: 'Unanswered pings in a row before the drop (server default when absent).',
        },
      },
      additionalProperties: false,
    },
    onConnect: { ...ref('actions'), description: 'Actions run at open, in order.' },
    rules: {
      type: 'array',
      items: ref('rule'),
      description: 'Message rules, tried in order; the first match wins.',
    },
    fallback: {
      ...ref('actions'),
      description: "Actions for a message no rule matched (a handler's onMessage takes precedence).",
    },
    handler: {
      type: 'string',
      description: 'A JS/TS module (relative to this file) with onConnect, onMessage, onClose.',
    },
  },
  additionalProperties: false,
};

/** The schema object, as written to docs/mock-schema.json. */
export const MOCK_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'wstap mock definition',
  description: 'A mock WebSocket backend for `wstap serve --mock FILE` (docs/mock-format.md).',
  type: 'object',
  required: ['routes'],
  properties: {
    $schema: { type: 'string', description: 'The schema for editors (e.g. "../docs/mock-schema.json").' },
    routes: {
      type: 'array',
      minItems: 1,
      items: ref('route'),
      description:
        'Routes, tried in order: the first whose path matches the upgrade path takes the connection.',
    },
  },
  patternProperties: {
    '^x-': {
      description: 'Ignored: a place for YAML anchors to reuse (x-auth: &auth …, then <<: *auth or *auth).',
    },
  },
  additionalProperties: false,
  definitions: { route, handshake, requirement, rule, match, ...ACTION_DEFINITIONS },
};
