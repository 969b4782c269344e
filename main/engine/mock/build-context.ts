/**
 * What build-definition.ts and build-actions.ts share while they turn a schema-valid document into
 * a MockDefinition: where to report a problem, and the checks the schema cannot express
 * (templates, regexes, hex, base64, durations). Each helper reports and returns null on failure,
 * so one pass finds every problem.
 */
import { fromBase64, parseHex } from '../../../shared/protocol/base64.js';
import type { DocPath } from './doc-positions.js';
import type { JsonTemplate, RegexSource, Template, TemplateExpr } from './definition.js';
import { parseDuration } from './duration.js';
import { exprsOf, parseJsonTemplate, parseTemplate, templatesOf } from './templates.js';

/** Regex groups a template may name: null where no regex matched (on connect, fallback). */
export interface GroupInfo {
  readonly count: number;
  readonly names: ReadonlySet<string>;
}

/** Collects problems by document path. */
export class BuildContext {
  readonly errors: { readonly path: DocPath; readonly at: 'value' | 'key'; readonly message: string }[] = [];
  readonly warnings: { readonly path: DocPath; readonly message: string }[] = [];

  constructor(
    /** The mock file, absolute (handler paths resolve against it). */
    readonly file: string,
    /** Checks that a handler module exists; null: not checked. */
    readonly fileExists: ((path: string) => boolean) | null = null,
  ) {}

  error(path: DocPath, message: string, at: 'value' | 'key' = 'value'): null {
    this.errors.push({ path, at, message });
    return null;
  }

  warn(path: DocPath, message: string): void {
    this.warnings.push({ path, message });
  }

  /** A template, with its regex-group references checked against `groups`. */
  template(path: DocPath, source: string, groups: GroupInfo | null): Template | null {
    const template = parseTemplate(source);
    if ('error' in template) return this.error(path, template.error);
    this.checkGroups(path, exprsOf(template), groups);
    return template;
  }

  /** A JSON value whose strings are templates. */
  jsonTemplate(path: DocPath, value: unknown, groups: GroupInfo | null): JsonTemplate | null {
    const template = parseJsonTemplate(value);
    if ('error' in template) return this.error(path, template.error);
    this.checkGroups(path, templatesOf(template).flatMap(exprsOf), groups);
    return template;
  }

  /** A regex that compiles; `g` and `y` are dropped (they make matching depend on the previous match). */
  regex(path: DocPath, source: string, flags: string | undefined, flagsPath: DocPath): RegexSource | null {
    const kept = (flags ?? '').replace(/[gy]/g, '');
    try {
      new RegExp('', kept);
    } catch {
      return this.error(flagsPath, `flags '${flags}' are not valid (use d, i, m, s, u or v, each once)`);
    }
    try {
      new RegExp(source, kept);
    } catch (error) {
      return this.error(
        path,
        `not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`,
      );
    }
    return { source, flags: kept };
  }

  hex(path: DocPath, text: string): Uint8Array | null {
    const bytes = parseHex(text);
    return bytes instanceof Uint8Array
      ? bytes
      : this.error(
          path,
          `not hex: ${bytes.error} (write bytes as hex digits, e.g. "89 50 4e 47" or "0x89504e47")`,
        );
  }

  base64(path: DocPath, text: string): Uint8Array | null {
    try {
      return fromBase64(text.replace(/\s/g, ''));
    } catch {
      return this.error(path, 'not valid base64');
    }
  }

  duration(path: DocPath, value: number | string): number | null {
    const ms = parseDuration(value);
    return typeof ms === 'number' ? ms : this.error(path, ms.error);
  }

  private checkGroups(path: DocPath, exprs: readonly TemplateExpr[], groups: GroupInfo | null): void {
    for (const expr of exprs) {
      if (expr.root !== 'group') continue;
      if (groups === null) {
        this.warn(
          path,
          `{{${expr.source}}} reads a regex group, but no regex matched here: it renders empty`,
        );
      } else if (typeof expr.group === 'number' ? expr.group > groups.count : !groups.names.has(expr.group)) {
        const has =
          typeof expr.group === 'number'
            ? `${groups.count} group${groups.count === 1 ? '' : 's'}`
            : `groups ${[...groups.names].join(', ') || '(none named)'}`;
        this.warn(path, `{{${expr.source}}}: the rule's regex has ${has}, so it renders empty`);
      }
    }
  }
}

/** The groups of a (valid) regex: how many, and their names. */
export function groupsOf(regex: RegexSource): GroupInfo {
  const compiled = new RegExp(`${regex.source}|`, regex.flags);
  const match = compiled.exec('') as RegExpExecArray;
  return { count: match.length - 1, names: new Set(Object.keys(match.groups ?? {})) };
}
