/**
 * `{{expr}}` templates in mock files: parsing (at load, so a typo is a load error with a line
 * number) and rendering (per message). A value that is not there renders as nothing and is
 * reported through `onMissing`, never thrown: a mock keeps answering.
 */
import type { IncomingMessage, ServerPort } from '../server/behaviour.js';
import type { JsonTemplate, Template, TemplateExpr, TemplatePart } from './definition.js';
import { parseJsonPath, readJsonPath } from './json-path.js';

/** The roots a template may read, for error messages. */
const TEMPLATE_ROOTS =
  '$.path, $0, $1…, text, NAME or groups.NAME (regex groups), conn.id, conn.in, conn.out, conn.age, now, ts, subprotocol, state.KEY, shared.KEY, params.NAME, query.NAME, header.NAME';

const KEYED = /^(state|shared|params|query|header)\.(.+)$/;
const CONN = /^conn\.(.*)$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONN_FIELDS = ['id', 'in', 'out', 'age'] as const;

/** Parses a template string; the error names the first bad `{{…}}`. */
export function parseTemplate(source: string): Template | { readonly error: string } {
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    if (open < 0) break;
    const close = source.indexOf('}}', open + 2);
    if (close < 0) return { error: `'{{' at character ${open + 1} is never closed with '}}'` };
    if (open > at) parts.push({ kind: 'literal', text: source.slice(at, open) });
    const expr = parseExpr(source.slice(open + 2, close));
    if ('error' in expr) return expr;
    parts.push({ kind: 'expr', expr });
    at = close + 2;
  }
  if (at < source.length) parts.push({ kind: 'literal', text: source.slice(at) });
  return { source, parts };
}

/** Parses what stands between `{{` and `}}`. */
export function parseExpr(raw: string): TemplateExpr | { readonly error: string } {
  const source = raw.trim();
  if (source === '') return { error: "empty '{{}}': write an expression such as {{$.id}} or {{conn.id}}" };
  if (source === '$0' || source === 'text') return { source, root: 'text' };
  const numbered = /^\$(\d+)$/.exec(source);
  if (numbered) return { source, root: 'group', group: Number(numbered[1]) };
  if (source.startsWith('$')) {
    const path = parseJsonPath(source);
    return 'error' in path ? path : { source, root: 'json', path };
  }
  if (source === 'now' || source === 'ts' || source === 'subprotocol') return { source, root: source };
  if (source.startsWith('groups.')) {
    const name = source.slice('groups.'.length);
    if (IDENTIFIER.test(name)) return { source, root: 'group', group: name };
  }
  const conn = CONN.exec(source);
  if (conn) {
    const field = CONN_FIELDS.find((f) => f === conn[1]);
    return field
      ? { source, root: 'conn', field }
      : { error: `{{${source}}}: conn has ${CONN_FIELDS.map((f) => `conn.${f}`).join(', ')}` };
  }
  const keyed = KEYED.exec(source);
  if (keyed) {
    const root = keyed[1] as 'state' | 'shared' | 'params' | 'query' | 'header';
    const key = (keyed[2] as string).trim();
    return { source, root, key: root === 'header' ? key.toLowerCase() : key };
  }
  if (/^(state|shared|params|query|header|conn|groups)$/.test(source))
    return { error: `{{${source}}} needs a name after it, e.g. {{${source}.NAME}}` };
  if (IDENTIFIER.test(source)) return { source, root: 'group', group: source };
  return { error: `{{${source}}} is not an expression wstap knows (use ${TEMPLATE_ROOTS})` };
}

/** The one expression of a template that is exactly `{{expr}}` (so its value keeps its JSON type), else null. */
export function soleExpr(template: Template): TemplateExpr | null {
  const [only] = template.parts;
  return template.parts.length === 1 && only?.kind === 'expr' ? only.expr : null;
}

/** Every expression in a template. */
export function exprsOf(template: Template): TemplateExpr[] {
  return template.parts.flatMap((p) => (p.kind === 'expr' ? [p.expr] : []));
}

/** The connection facts a template reads. */
export type TemplatePort = Pick<
  ServerPort,
  'id' | 'counters' | 'age' | 'state' | 'shared' | 'upgrade' | 'subprotocol'
>;

/** What a template is rendered against. */
export interface TemplateScope {
  readonly port: TemplatePort;
  readonly params: Readonly<Record<string, string>>;
  /** The message being answered; null on connect and in timers started there. */
  readonly message: IncomingMessage | null;
  /** The message parsed as JSON; undefined when it is not JSON. */
  readonly json: () => unknown;
  /** Regex groups of the matching rule: numbered (0 = the whole match) and named. */
  readonly groups: {
    readonly numbered: readonly (string | undefined)[];
    readonly named: Readonly<Record<string, string | undefined>>;
  } | null;
  /** Wall clock, ms since the epoch. */
  readonly now: () => number;
  /** Called for an expression without a value, with why (it renders as nothing). */
  readonly onMissing: (expr: TemplateExpr, why: string) => void;
}

/** The value an expression reads, or undefined (reported through onMissing). */
export function evaluate(expr: TemplateExpr, scope: TemplateScope): unknown {
  const found = lookup(expr, scope);
  if ('missing' in found) {
    scope.onMissing(expr, found.missing);
    return undefined;
  }
  return found.value;
}

type Found = { readonly value: unknown } | { readonly missing: string };

function lookup(expr: TemplateExpr, scope: TemplateScope): Found {
  const { port } = scope;
  switch (expr.root) {
    case 'text':
      if (scope.message === null) return { missing: 'there is no message here' };
      return scope.message.text === null
        ? { missing: 'the message is binary' }
        : { value: scope.message.text };
    case 'json': {
      if (scope.message === null) return { missing: 'there is no message here' };
      const root = scope.json();
      if (root === undefined) return { missing: 'the message is not JSON' };
      return present(readJsonPath(root, expr.path), `${expr.path.source} is not in the message`);
    }
    case 'group': {
      const groups = scope.groups;
      if (groups === null) return { missing: 'no regex matched this message' };
      const value = typeof expr.group === 'number' ? groups.numbered[expr.group] : groups.named[expr.group];
      return present(value, `the regex has no group ${expr.group} or it did not take part in the match`);
    }
    case 'conn':
      return {
        value:
          expr.field === 'id'
            ? port.id
            : expr.field === 'age'
              ? Math.round(port.age())
              : port.counters[expr.field],
      };
    case 'now':
      return { value: new Date(scope.now()).toISOString() };
    case 'ts':
      return { value: scope.now() };
    case 'subprotocol':
      return present(port.subprotocol ?? undefined, 'no subprotocol was selected');
    case 'state':
      return present(port.state.get(expr.key), `state.${expr.key} is not set`);
    case 'shared':
      return present(port.shared.get(expr.key), `shared.${expr.key} is not set`);
    case 'params':
      return present(scope.params[expr.key], `the route has no parameter :${expr.key}`);
    case 'query':
      return present(port.upgrade.query[expr.key], `the upgrade URL has no query parameter ${expr.key}`);
    case 'header':
      return present(port.upgrade.headers[expr.key], `the upgrade request has no header ${expr.key}`);
  }
}

function present(value: unknown, why: string): Found {
  return value === undefined ? { missing: why } : { value };
}

/** Renders a template as text: objects as JSON, a missing value as nothing. */
export function renderTemplate(template: Template, scope: TemplateScope): string {
  let out = '';
  for (const part of template.parts)
    out += part.kind === 'literal' ? part.text : stringify(evaluate(part.expr, scope));
  return out;
}

/** Renders a JSON template: a string that is exactly `{{expr}}` keeps the value's type (missing: null). */
export function renderJson(template: JsonTemplate, scope: TemplateScope): unknown {
  switch (template.kind) {
    case 'literal':
      return template.value;
    case 'string': {
      const sole = soleExpr(template.template);
      if (sole === null) return renderTemplate(template.template, scope);
      return evaluate(sole, scope) ?? null;
    }
    case 'array':
      return template.items.map((item) => renderJson(item, scope));
    case 'object':
      return Object.fromEntries(template.entries.map(([key, value]) => [key, renderJson(value, scope)]));
  }
}

/** A JSON value with template strings, as a JsonTemplate; the error names the first bad string. */
export function parseJsonTemplate(value: unknown): JsonTemplate | { readonly error: string } {
  if (typeof value === 'string') {
    const template = parseTemplate(value);
    return 'error' in template ? template : { kind: 'string', template };
  }
  if (Array.isArray(value)) {
    const items: JsonTemplate[] = [];
    for (const item of value) {
      const parsed = parseJsonTemplate(item);
      if ('error' in parsed) return parsed;
      items.push(parsed);
    }
    return { kind: 'array', items };
  }
  if (value !== null && typeof value === 'object') {
    const entries: (readonly [string, JsonTemplate])[] = [];
    for (const [key, item] of Object.entries(value)) {
      const parsed = parseJsonTemplate(item);
      if ('error' in parsed) return parsed;
      entries.push([key, parsed]);
    }
    return { kind: 'object', entries };
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'number')
    return { kind: 'literal', value };
  return { error: `${typeof value} is not a JSON value` };
}

/** Every template inside a JSON template. */
export function templatesOf(template: JsonTemplate): Template[] {
  switch (template.kind) {
    case 'literal':
      return [];
    case 'string':
      return [template.template];
    case 'array':
      return template.items.flatMap(templatesOf);
    case 'object':
      return template.entries.flatMap(([, value]) => templatesOf(value));
  }
}

function stringify(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value) ?? '';
  return String(value);
}
