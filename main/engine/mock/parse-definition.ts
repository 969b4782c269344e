/**
 * A mock file's text as a MockDefinition, or every problem in it with line:column: syntax (YAML,
 * or strict JSON for .json files), then the JSON Schema (docs/mock-schema.json, checked by ajv),
 * then what a schema cannot say (build-definition.ts). Later stages run only when the earlier
 * ones passed, so each message is about a document whose shape is known.
 */
import { resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { BuildContext } from './build-context.js';
import { buildDefinition } from './build-definition.js';
import { ajvLibrary, yamlLibrary } from './libraries.js';
import type { MockDefinition, MockProblem } from './definition.js';
import { DocPositions, formatPath, type DocPath } from './doc-positions.js';
import { jsonSyntaxError } from './json-syntax.js';
import { MOCK_SCHEMA } from './mock-schema.js';
import { schemaProblems } from './schema-errors.js';

/** A definition and its warnings, or the errors that keep it from loading. */
export type ParseResult =
  | { readonly ok: true; readonly definition: MockDefinition; readonly warnings: readonly MockProblem[] }
  | {
      readonly ok: false;
      readonly errors: readonly MockProblem[];
      readonly warnings: readonly MockProblem[];
    };

export interface ParseOptions {
  /** Default: `json` for a .json file name, else `yaml`. */
  readonly format?: 'yaml' | 'json';
  /** Checks that handler modules exist (loadMockFile passes fs.existsSync); absent: not checked. */
  readonly fileExists?: (path: string) => boolean;
}

let validator: ValidateFunction | null = null;

/** The compiled schema (compiled once: ajv builds code per schema). */
function validate(): ValidateFunction {
  const { Ajv } = ajvLibrary();
  validator ??= new Ajv({
    allErrors: true,
    verbose: true,
    allowUnionTypes: true,
    strict: true,
    strictRequired: false,
  }).compile(MOCK_SCHEMA);
  return validator;
}

/** Parses and validates a mock file's text; `file` names it in problems and anchors handler paths. */
export function parseMockDefinition(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const format = options.format ?? (/\.json$/i.test(file) ? 'json' : 'yaml');
  const { LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const fail = (errors: MockProblem[]): ParseResult => ({ ok: false, errors, warnings: [] });

  if (format === 'json') {
    const syntax = jsonSyntaxError(text);
    if (syntax) {
      const before = text.slice(0, syntax.offset).split('\n');
      const column = (before.at(-1)?.length ?? 0) + 1;
      return fail([
        { severity: 'error', file, line: before.length, column, path: '', message: syntax.message },
      ]);
    }
  }
  const json = format === 'json';
  // YAML merge keys (`<<: *defaults`) are YAML 1.1, but too useful in mock files to leave out.
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    schema: json ? 'json' : 'core',
    merge: !json,
  });
  const positions = new DocPositions(doc, lines);
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((e) => ({
        severity: 'error',
        file,
        ...positions.at(e.pos[0]),
        path: '',
        message: yamlMessage(e.code, e.message),
      })),
    );
  }
  const locate = (
    severity: MockProblem['severity'],
    path: DocPath,
    message: string,
    at: 'value' | 'key' = 'value',
  ): MockProblem => {
    const { line, column } = positions.position(path, at);
    return { severity, file, line, column, path: formatPath(path), message };
  };

  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (data === null || data === undefined)
    return fail([locate('error', [], 'the file is empty: a mock needs routes: (see docs/mock-format.md)')]);
  const check = validate();
  if (!check(data)) {
    const problems = schemaProblems(
      check.errors ?? [],
      (MOCK_SCHEMA.definitions as Record<string, unknown>).action,
    );
    return fail(sortProblems(problems.map((p) => locate('error', p.path, p.message, p.at))));
  }

  const ctx = new BuildContext(resolve(file), options.fileExists ?? null);
  const definition = buildDefinition(ctx, data as Record<string, unknown>);
  const warnings = sortProblems(ctx.warnings.map((w) => locate('warning', w.path, w.message)));
  if (definition === null)
    return {
      ok: false,
      errors: sortProblems(ctx.errors.map((e) => locate('error', e.path, e.message, e.at))),
      warnings,
    };
  return { ok: true, definition, warnings };
}

/** YAML's messages, with a hint for the mistakes people make most. */
function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'DUPLICATE_KEY') return `${first} (a key appears twice in one mapping)`;
  if (code === 'TAB_AS_INDENT') return `${first}: YAML indents with spaces`;
  return first;
}

function sortProblems(problems: MockProblem[]): MockProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
