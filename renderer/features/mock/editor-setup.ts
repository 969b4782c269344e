/**
 * The mock editor's CodeMirror 6 setup, built from the packages the console ships (view, state,
 * language, lang-yaml, lint, autocomplete): YAML highlighting (JSON is YAML's flow syntax, so a
 * .json definition is highlighted by the same parser), schema completion, lint from main's
 * `mock.validate`, undo history, and a small keymap (save, select all, indent).
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
  type KeyBinding,
} from '@codemirror/view';
import { darkHighlighting, undoHistory } from '../editor/editor-basics.js';
import type { JsonSchemaObject } from '../../../shared/ipc/mock-commands.js';
import { allKeys, keysAt, yamlPathAt, type KeyOption } from './schema-keys.js';
import type { ProblemRange } from './problem-ranges.js';

/** What the editor asks of the panel. */
export interface EditorHooks {
  /** The document's problems (main's validation), as ranges. */
  lint(text: string): Promise<readonly ProblemRange[]>;
  save(): void;
  changed(text: string): void;
  schema(): JsonSchemaObject | null;
  readonly format: 'yaml' | 'json';
}

const keys: readonly KeyBinding[] = [
  {
    key: 'Mod-a',
    run: (view) => (view.dispatch({ selection: { anchor: 0, head: view.state.doc.length } }), true),
  },
  {
    key: 'Enter',
    run: (view) => {
      const { from, to } = view.state.selection.main;
      const line = view.state.doc.lineAt(from);
      const indent = /^\s*(- )?/.exec(line.text)?.[0].replace('-', ' ') ?? '';
      const opens = /:\s*$/.test(line.text.slice(0, from - line.from)) ? '  ' : '';
      const insert = `\n${indent}${opens}`;
      view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + insert.length } });
      return true;
    },
  },
  { key: 'Tab', run: (view) => (view.dispatch(view.state.replaceSelection('  ')), true) },
];

function completion(hooks: EditorHooks) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[\w$-]*/);
    if (word === null) return null;
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, word.from - line.from);
    // Only where a key goes: after indentation and list dashes (or `"` in JSON).
    if (!/^\s*(- +)*"?$/.test(before) && !(hooks.format === 'json' && /[{,]\s*"?$/.test(before))) return null;
    if (word.from === word.to && !context.explicit) return null;
    const schema = hooks.schema();
    if (schema === null) return null;
    let options: KeyOption[];
    if (hooks.format === 'yaml') {
      const lines = context.state.doc.sliceString(0, line.from).split('\n');
      const path = yamlPathAt(lines, lines.length - 1, word.from - line.from);
      options = keysAt(schema, path);
      if (options.length === 0) options = allKeys(schema);
    } else {
      options = allKeys(schema);
    }
    return {
      from: word.from,
      options: options.map((o) => ({
        label: o.key,
        type: o.kind === 'action' ? 'keyword' : 'property',
        detail: o.kind === 'action' ? 'action / kind' : undefined,
        info: o.info || undefined,
        apply: hooks.format === 'json' ? `${o.key}` : `${o.key}: `,
      })),
      validFor: /^[\w$-]*$/,
    };
  };
}

/** The extensions of a mock editor. */
export function editorExtensions(hooks: EditorHooks): Extension[] {
  return [
    lineNumbers(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    indentOnInput(),
    darkHighlighting,
    undoHistory(),
    yaml(),
    EditorState.tabSize.of(2),
    keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (hooks.save(), true) }, ...keys]),
    EditorState.languageData.of(() => [{ autocomplete: completion(hooks) }]),
    autocompletion({ activateOnTyping: true }),
    linter(
      async (view): Promise<Diagnostic[]> =>
        (await hooks.lint(view.state.doc.toString())).map((r) => ({ ...r, source: 'wstap' })),
      { delay: 300 },
    ),
    lintGutter(),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) hooks.changed(update.state.doc.toString());
    }),
    EditorView.theme(
      { '&': { height: '100%' }, '.cm-scroller': { fontFamily: 'var(--mono)' } },
      { dark: true },
    ),
  ];
}
