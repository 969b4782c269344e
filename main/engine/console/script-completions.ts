/**
 * Completion entries for the script editor, derived from the API's declarations
 * (types/script.d.ts) with the TypeScript compiler's parser: each export (`connect`, `assert`, …),
 * each interface, and each member of an interface (`Connection.expect`, `Assert.equal`, …) with
 * its signature and doc comment. Parsed once, on the first request; no type checker runs.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';
import type { ScriptCompletion } from '../../../shared/ipc/script-commands.js';
import { ConsoleError } from './console-error.js';

type Ts = typeof TS;

/**
 * The copies of types/script.d.ts looked for in each folder: the repository's (source and build),
 * and the desktop bundle's own (out/app/types/script.d.mts, scripts/bundle-app.mjs), named so
 * because electron-builder leaves every *.d.ts file out of a package, whatever its `files` say.
 */
const DECLARATION_FILES = [join('types', 'script.d.ts'), join('types', 'script.d.mts')];

/** The API's declarations of this wstap: found upwards from this module (source, build or bundle). */
export function findScriptDeclarations(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const found = DECLARATION_FILES.map((name) => join(dir, name)).find((file) => existsSync(file));
    if (found !== undefined) return found;
    if (dirname(dir) === dir) return null;
  }
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').replace(/;$/, '').trim();

function docOf(ts: Ts, node: TS.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join('\n')
    .trim();
}

/** The entries of a declaration file's text (exported for tests). */
export function completionsOf(ts: Ts, text: string): ScriptCompletion[] {
  const sf = ts.createSourceFile('script.d.ts', text, ts.ScriptTarget.Latest, true);
  const out: ScriptCompletion[] = [];
  // From the name to the end: `connect(url: string, …): Promise<Connection>` without `export declare function`.
  const fromName = (node: TS.Node, name: TS.Node): string => oneLine(text.slice(name.getStart(sf), node.end));
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name !== undefined) {
      const label = statement.name.text;
      const detail = fromName(statement, statement.name);
      const info = docOf(ts, statement);
      out.push({ label, owner: null, kind: 'function', detail, info });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name))
          out.push({
            label: declaration.name.text,
            owner: null,
            kind: 'variable',
            detail: oneLine(declaration.getText(sf)),
            info: docOf(ts, statement),
          });
    } else if (ts.isInterfaceDeclaration(statement)) {
      const owner = statement.name.text;
      out.push({
        label: owner,
        owner: null,
        kind: 'interface',
        detail: `interface ${owner}`,
        info: docOf(ts, statement),
      });
      for (const member of statement.members) {
        if (member.name === undefined || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)))
          continue;
        const kind = ts.isMethodSignature(member) ? 'method' : 'property';
        out.push({
          label: member.name.text,
          owner,
          kind,
          detail: fromName(member, member.name),
          info: docOf(ts, member),
        });
      }
    } else if (ts.isTypeAliasDeclaration(statement)) {
      out.push({
        label: statement.name.text,
        owner: null,
        kind: 'type',
        detail: `type ${statement.name.text}`,
        info: docOf(ts, statement),
      });
    }
  }
  return out;
}

let cached: Promise<ScriptCompletion[]> | undefined;

/** The entries of the shipped declarations (parsed once). */
export function scriptCompletions(file = findScriptDeclarations()): Promise<ScriptCompletion[]> {
  if (file === null)
    throw new ConsoleError('SCRIPT_FILE', 'types/script.d.ts is not installed with this wstap');
  const load = async (): Promise<ScriptCompletion[]> => {
    const ts = createRequire(import.meta.url)('typescript') as Ts;
    return completionsOf(ts, await readFile(file, 'utf8'));
  };
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
