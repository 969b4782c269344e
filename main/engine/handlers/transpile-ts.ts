/**
 * TypeScript handlers on a Node that cannot run TypeScript: each .ts file is transpiled alone
 * (ts.transpileModule: types are stripped, not checked) to an ES module with an inline source map,
 * written to the handler temp folder — never next to the user's files.
 *
 * Code in the temp folder would resolve its imports from there, so every module specifier is
 * rewritten with TypeScript's own transformer API (no regex over code): a relative import of
 * another .ts file (`./util.js`, `./util.ts`, `./util`) is transpiled too, into the same build, so
 * a reload picks up edits to it; any other relative or absolute file becomes an absolute file URL
 * of the original; a package is resolved from the user's folder with Node's require resolution
 * (so a package whose `exports` offer only an `import` condition cannot be found — import it from
 * a .js module, or use a .mjs handler); node: built-ins are left alone. `import.meta.url`,
 * `.filename` and `.dirname` become the .ts file's own, so `new URL('./data.json', import.meta.url)`
 * still works. Not rewritten: `import()` of a computed string and `import.meta.resolve`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire, isBuiltin, type SourceMapPayload } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as TS from 'typescript';
import { formatPosition, registerGenerated } from './error-location.js';
import { handlerTempDir } from './native-loader.js';

type Ts = typeof TS;
let typescript: Ts | undefined;

/**
 * The compiler, loaded on first use: ~9 MB of JavaScript that only TypeScript handlers pay for.
 * With require, not import(): the package is CommonJS anyway, and import() has no loader inside
 * the CLI bundle's vm.Script (see native-loader.ts).
 */
function loadTypeScript(): Ts {
  return (typescript ??= createRequire(import.meta.url)('typescript') as Ts);
}

/** A transpiled handler: the module to import, or the first error with file:line:column. */
export type TranspileResult =
  | {
      readonly ok: true;
      readonly entry: string;
      readonly files: readonly string[];
      readonly outputs: readonly string[];
    }
  | { readonly ok: false; readonly error: string; readonly files: readonly string[] };

const TS_FILE = /\.m?ts$/;
const DECLARATION_FILE = /\.d\.m?ts$/;
let builds = 0;

/**
 * Transpiles a .ts/.mts handler and the .ts files it imports into a fresh build folder. `keep`:
 * bare specifiers left as written (a script's `'wstap'`, which the script loader resolves).
 */
export async function transpileHandler(
  file: string,
  keep: ReadonlySet<string> = new Set(),
): Promise<TranspileResult> {
  const ts = loadTypeScript();
  // A fresh folder per load gives every module a new URL, so Node's module cache never answers.
  const folder = join(handlerTempDir(), `build-${++builds}`);
  await mkdir(folder, { recursive: true });
  const outputs = new Map<string, string>();
  const queue: string[] = [];
  const outputFor = (source: string): string => {
    let target = outputs.get(source);
    if (target === undefined) {
      target = join(folder, `${outputs.size}-${basename(source).replace(TS_FILE, '')}.mjs`);
      outputs.set(source, target);
      queue.push(source);
    }
    return target;
  };
  const entry = outputFor(file);
  for (let source = queue.shift(); source !== undefined; source = queue.shift()) {
    const error = await buildOne(ts, source, outputs.get(source)!, outputFor, keep);
    if (error !== null) return { ok: false, error, files: [...outputs.keys()] };
  }
  return { ok: true, entry, files: [...outputs.keys()], outputs: [...outputs.values()] };
}

/** Transpiles one file to `target`; returns what went wrong, or null. */
async function buildOne(
  ts: Ts,
  source: string,
  target: string,
  outputFor: (source: string) => string,
  keep: ReadonlySet<string>,
): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    return `${source}: cannot be read (${(error as Error).message})`;
  }
  const result = ts.transpileModule(text, {
    fileName: source,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      sourceMap: true,
      esModuleInterop: true,
    },
    transformers: {
      after: [
        rewriteImports(ts, source, (specifier) =>
          keep.has(specifier) ? specifier : resolveSpecifier(specifier, source, outputFor),
        ),
      ],
    },
  });
  const problem = result.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (problem !== undefined) return diagnosticText(ts, problem, source);
  const emitted = JSON.parse(result.sourceMapText ?? '{}') as SourceMapPayload;
  // An absolute source URL: Node's own stack mapping and ours both name the user's .ts file.
  const map: SourceMapPayload = { ...emitted, file: basename(target), sources: [pathToFileURL(source).href] };
  const code = result.outputText.replace(/\/\/# sourceMappingURL=\S*\s*$/, '');
  const inline = Buffer.from(JSON.stringify(map)).toString('base64');
  await writeFile(target, `${code}//# sourceMappingURL=data:application/json;base64,${inline}\n`);
  registerGenerated(target, source, map);
  return null;
}

/** "file:line:col: message (TS1005)". */
function diagnosticText(ts: Ts, diagnostic: TS.Diagnostic, source: string): string {
  const message = `${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')} (TS${diagnostic.code})`;
  if (diagnostic.file === undefined || diagnostic.start === undefined) return `${source}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${formatPosition({ file: source, line: line + 1, column: character + 1 })}: ${message}`;
}

/** What a specifier in `from` must become once the code runs from the temp folder. */
function resolveSpecifier(specifier: string, from: string, outputFor: (source: string) => string): string {
  if (isBuiltin(specifier)) return specifier;
  const isFileUrl = specifier.startsWith('file:');
  // Other URL schemes (data:, node:, https:) do not depend on where the importer lives.
  if (!isFileUrl && /^[a-z][a-z\d+.-]*:/i.test(specifier)) return specifier;
  if (isFileUrl || specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = isFileUrl ? fileURLToPath(specifier) : resolve(dirname(from), specifier);
    const source = typeScriptSource(target);
    return pathToFileURL(source === null ? target : outputFor(source)).href;
  }
  try {
    return pathToFileURL(createRequire(from).resolve(specifier)).href;
  } catch {
    return specifier; // Node then says it cannot find the package; the message names the .ts file.
  }
}

/** The .ts file an import names, following TypeScript's conventions, or null for anything else. */
function typeScriptSource(target: string): string | null {
  if (existsSync(target)) return TS_FILE.test(target) && !DECLARATION_FILE.test(target) ? target : null;
  const extension = extname(target);
  // NodeNext style names the output (`./util.js` for util.ts); bundler style leaves it out.
  const candidates =
    extension === '.js'
      ? [`${target.slice(0, -3)}.ts`]
      : extension === '.mjs'
        ? [`${target.slice(0, -4)}.mts`]
        : extension === ''
          ? [`${target}.ts`]
          : [];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/** A transformer that rewrites import/export specifiers, literal import() calls and import.meta paths. */
function rewriteImports(
  ts: Ts,
  source: string,
  rewrite: (specifier: string) => string,
): TS.TransformerFactory<TS.SourceFile> {
  const meta = new Map([
    ['url', pathToFileURL(source).href],
    ['filename', source],
    ['dirname', dirname(source)],
  ]);
  return (context) => {
    const f = context.factory;
    const literal = (node: TS.Expression | undefined): TS.StringLiteral | undefined =>
      node !== undefined && ts.isStringLiteral(node) ? f.createStringLiteral(rewrite(node.text)) : undefined;
    const visit = (node: TS.Node): TS.Node => {
      if (ts.isImportDeclaration(node)) {
        const specifier = literal(node.moduleSpecifier);
        if (specifier)
          return f.updateImportDeclaration(
            node,
            node.modifiers,
            node.importClause,
            specifier,
            node.attributes,
          );
      } else if (ts.isExportDeclaration(node)) {
        const specifier = literal(node.moduleSpecifier);
        if (specifier)
          return f.updateExportDeclaration(
            node,
            node.modifiers,
            node.isTypeOnly,
            node.exportClause,
            specifier,
            node.attributes,
          );
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const specifier = literal(node.arguments[0]);
        if (specifier)
          return f.updateCallExpression(node, node.expression, node.typeArguments, [
            specifier,
            ...node.arguments.slice(1),
          ]);
      } else if (
        ts.isPropertyAccessExpression(node) &&
        ts.isMetaProperty(node.expression) &&
        node.expression.keywordToken === ts.SyntaxKind.ImportKeyword
      ) {
        const value = meta.get(node.name.text);
        if (value !== undefined) return f.createStringLiteral(value);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (file) => ts.visitEachChild(file, visit, context);
  };
}
