/**
 * A mock definition after parsing and validation (docs/mock-format.md): plain, immutable data.
 * Durations are milliseconds, hex and base64 are bytes, JSON paths and templates are parsed, file
 * paths are absolute. Only regular expressions stay as source text (RegExp objects carry state);
 * the behaviour compiles them once.
 */
import type { Header } from '../../../shared/model/events.js';
import type { FrameSpec } from '../../../shared/protocol/encoder.js';

/** The whole mock: routes in order, the first whose path matches the upgrade path wins. */
export interface MockDefinition {
  /** The mock file, absolute. */
  readonly file: string;
  readonly routes: readonly MockRoute[];
}

/** One upgrade path and everything that happens on connections that took it. */
export interface MockRoute {
  readonly path: PathPattern;
  readonly handshake: HandshakeSpec;
  /** Joined at open (e.g. `{{params.room}}`); null: no room. */
  readonly room: Template | null;
  readonly heartbeat: HeartbeatSpec | null;
  readonly onConnect: readonly MockAction[];
  readonly rules: readonly MockRule[];
  /** Actions when no rule matched (and no handler's onMessage answers); null: nothing happens. */
  readonly fallback: readonly MockAction[] | null;
  /** A JS/TS handler module, absolute; null: none. */
  readonly handler: string | null;
}

/** `/chat`, `/rooms/:room`, `/files/*` (the rest of the path), or `*` (any path). */
export interface PathPattern {
  /** As written (`*` when omitted): the route's name in the timeline. */
  readonly source: string;
  /** null: any path. */
  readonly segments: readonly PathSegment[] | null;
}

export type PathSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'rest' };

/** What the upgrade request must satisfy, and how the 101 looks. */
export interface HandshakeSpec {
  readonly require: readonly Requirement[];
  /** Allowed Origin values (`*` is a wildcard inside a value); null: any origin. */
  readonly origins: readonly string[] | null;
  /** Subprotocols the mock speaks, in preference order; null: selects none. */
  readonly subprotocols: readonly string[] | null;
  /** Refuse with 400 when the client offered none of `subprotocols`. */
  readonly subprotocolRequired: boolean;
  readonly delayMs: number;
  /** Extra headers on the 101. */
  readonly headers: readonly Header[];
}

/** One condition on the upgrade request: a header, query parameter or cookie. */
export interface Requirement {
  readonly source: 'header' | 'query' | 'cookie';
  /** Header names are lower-cased. */
  readonly name: string;
  /** Both null: the value only has to be present. */
  readonly equals: string | null;
  readonly matches: RegexSource | null;
  /** The refusal status (default 401). */
  readonly status: number;
  /** The refusal body; null: `{"error": "<what failed>"}`. An object is sent as JSON. */
  readonly body: string | JsonObject | null;
}

export interface RegexSource {
  readonly source: string;
  readonly flags: string;
}

/** `port.heartbeat` options, in ms. */
export interface HeartbeatSpec {
  readonly interval: number;
  readonly timeout: number;
  readonly misses: number | null;
}

/** When a message matches, run `then` (first matching rule wins). */
export interface MockRule {
  readonly name: string | null;
  readonly match: MessageMatch;
  /** Per-connection state values that must hold (a missing key equals null). */
  readonly when: Readonly<Record<string, JsonValue>> | null;
  readonly then: readonly MockAction[];
}

export type MessageMatch =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'regex'; readonly regex: RegexSource }
  | { readonly kind: 'json'; readonly path: JsonPath; readonly test: JsonTest }
  | { readonly kind: 'binaryPrefix'; readonly prefix: Uint8Array }
  | { readonly kind: 'binary' }
  | { readonly kind: 'any' };

/** What a JSON-path match asks of the value found. */
export type JsonTest =
  | { readonly kind: 'equals'; readonly value: JsonValue }
  | { readonly kind: 'exists'; readonly exists: boolean };

/** A parsed JSON path (`$.a['b'][0]`): keys and indexes from the root. */
export interface JsonPath {
  readonly source: string;
  readonly steps: readonly (string | number)[];
}

/** A string with `{{expr}}` holes. */
export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

export type TemplatePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'expr'; readonly expr: TemplateExpr };

/** What one `{{…}}` reads (docs/mock-format.md#templates). */
export type TemplateExpr = { readonly source: string } & (
  | { readonly root: 'json'; readonly path: JsonPath }
  | { readonly root: 'text' }
  | { readonly root: 'group'; readonly group: number | string }
  | { readonly root: 'conn'; readonly field: 'id' | 'in' | 'out' | 'age' }
  | { readonly root: 'now' }
  | { readonly root: 'ts' }
  | { readonly root: 'subprotocol' }
  | { readonly root: 'state' | 'shared' | 'params' | 'query' | 'header'; readonly key: string }
);

/** A JSON value whose strings are templates: a string that is exactly one `{{expr}}` keeps the value's type. */
export type JsonTemplate =
  | { readonly kind: 'literal'; readonly value: null | boolean | number }
  | { readonly kind: 'string'; readonly template: Template }
  | { readonly kind: 'array'; readonly items: readonly JsonTemplate[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonTemplate])[] };

/** A message the mock sends. */
export type MessageSpec =
  | { readonly kind: 'text'; readonly template: Template }
  | { readonly kind: 'json'; readonly value: JsonTemplate }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  /** The message being answered, as it came: text stays text, binary stays binary (an echo). */
  | { readonly kind: 'same' };

/** How a reply or broadcast is cut into frames and compressed (SendOptions). */
export interface SendSpec {
  readonly fragments: number | readonly number[] | null;
  readonly compress: boolean | null;
}

/** One step of an action list; skipped when the state value named by `unless` is truthy. */
export type MockAction = { readonly unless: string | null } & ActionBody;

export type ActionBody =
  | ({ readonly kind: 'reply'; readonly message: MessageSpec } & SendSpec)
  | ({
      readonly kind: 'broadcast';
      readonly message: MessageSpec;
      readonly room: Template | null;
      readonly exceptSelf: boolean;
    } & SendSpec)
  | { readonly kind: 'delay'; readonly ms: number }
  | {
      readonly kind: 'close';
      readonly code: number | null;
      readonly reason: Template | null;
      readonly force: boolean;
    }
  | { readonly kind: 'drop' }
  | { readonly kind: 'pongs'; readonly on: boolean }
  | { readonly kind: 'ping'; readonly data: Template | null }
  | { readonly kind: 'raw'; readonly frames: readonly FrameSpec[] }
  | {
      readonly kind: 'every';
      readonly ms: number;
      readonly times: number | null;
      readonly then: readonly MockAction[];
    }
  | { readonly kind: 'after'; readonly ms: number; readonly then: readonly MockAction[] }
  | { readonly kind: 'set'; readonly values: readonly (readonly [string, JsonTemplate])[] }
  | { readonly kind: 'join'; readonly room: Template }
  | { readonly kind: 'leave'; readonly room: Template }
  | { readonly kind: 'log'; readonly message: Template; readonly level: 'info' | 'warn' | 'error' };

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** A problem in a mock file, at a place in it. */
export interface MockProblem {
  readonly severity: 'error' | 'warning';
  /** The file as the caller named it. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  /** Where in the document, e.g. `routes[0].rules[2].match` ('' for the whole file). */
  readonly path: string;
  readonly message: string;
}

/** `chat.yaml:14:9: routes[0].rules[2].match: needs exactly one of …` */
export function formatProblem(problem: MockProblem): string {
  const where = problem.path ? `${problem.path}: ` : '';
  const level = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line}:${problem.column}: ${level}${where}${problem.message}`;
}
