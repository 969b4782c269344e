/**
 * The script's text in CodeMirror 6: TypeScript/JavaScript highlighting, completion of the script
 * API from its declarations (completions.ts), Ctrl/Cmd-S to save, and a jump to a failure's line.
 * The document is replaced only when `docKey` changes (another file opened), never while typing.
 */
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  type CompletionSource,
} from '@codemirror/autocomplete';
import { javascript, localCompletionSource } from '@codemirror/lang-javascript';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type Command,
} from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import type { ScriptCompletion } from '../../../shared/ipc/script-commands.js';
import { darkHighlighting, undoHistory } from '../editor/editor-basics.js';
import { entriesFor, infoOf, queryAt } from './completions.js';

/** A request to put the cursor somewhere (`seq` makes a repeated jump to the same place count). */
export interface JumpRequest {
  readonly line: number;
  readonly column: number;
  readonly seq: number;
}

export interface ScriptEditorProps {
  /** Identifies the document: a new key loads `text`. */
  readonly docKey: string;
  readonly text: string;
  readonly completions: readonly ScriptCompletion[];
  readonly jump: JumpRequest | null;
  onChange(text: string): void;
  onSave(): void;
}

/** The API's entries at the cursor (kept in a ref so new entries need no new editor). */
function apiSource(entries: { current: readonly ScriptCompletion[] }): CompletionSource {
  return (context) => {
    const doc = context.state.doc.toString();
    const query = queryAt(doc, context.pos);
    if (query === null || (query.prefix === '' && query.owner === null && !context.explicit)) return null;
    const options = entriesFor(entries.current, query).map((e) => ({
      label: e.label,
      type: e.kind,
      detail: e.detail.slice(e.label.length),
      info: infoOf(e),
    }));
    return options.length === 0 ? null : { from: query.from, options, validFor: /^[\w$]*$/ };
  };
}

/** Local names of the script, without the API's (already offered with their signatures). */
function localSource(entries: { current: readonly ScriptCompletion[] }): CompletionSource {
  return (context) => {
    const local = localCompletionSource(context);
    if (local === null) return null;
    const api = new Set(entries.current.filter((e) => e.owner === null).map((e) => e.label));
    return { ...local, options: local.options.filter((o) => !api.has(o.label)) };
  };
}

// No @codemirror/commands here: Enter keeps the line's indentation, Tab indents two spaces.
const newlineKeepIndent: Command = (view) => {
  const line = view.state.doc.lineAt(view.state.selection.main.head);
  const indent = /^\s*/.exec(line.text)![0];
  view.dispatch(view.state.replaceSelection(`\n${indent}`), { scrollIntoView: true, userEvent: 'input' });
  return true;
};
const indentTwo: Command = (view) => {
  view.dispatch(view.state.replaceSelection('  '), { scrollIntoView: true, userEvent: 'input' });
  return true;
};

const theme = EditorView.theme(
  {
    '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--bg)' },
    '.cm-scroller': { fontFamily: 'var(--mono)' },
    '.cm-gutters': { backgroundColor: 'var(--bg-2)', color: 'var(--fg-dim)', border: 'none' },
    '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: '#ffffff0a' },
    '.cm-tooltip-autocomplete .cm-completionDetail': { color: 'var(--fg-dim)', fontStyle: 'normal' },
    '.cm-completionInfo': { whiteSpace: 'pre-wrap', maxWidth: '480px', fontFamily: 'var(--mono)' },
  },
  { dark: true },
);

/** The editor and its cursor position line. */
export function ScriptEditor({ docKey, text, completions, jump, onChange, onSave }: ScriptEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const entries = useRef(completions);
  const handlers = useRef({ onChange, onSave });
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  entries.current = completions;
  handlers.current = { onChange, onSave };

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      drawSelection(),
      highlightActiveLine(),
      javascript({ typescript: true }),
      darkHighlighting,
      undoHistory(),
      bracketMatching(),
      indentOnInput(),
      closeBrackets(),
      autocompletion({ override: [apiSource(entries), localSource(entries)] }),
      keymap.of([
        ...closeBracketsKeymap,
        { key: 'Mod-s', run: () => (handlers.current.onSave(), true), preventDefault: true },
        { key: 'Enter', run: newlineKeepIndent },
        { key: 'Tab', run: indentTwo },
      ]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) handlers.current.onChange(update.state.doc.toString());
        if (update.selectionSet || update.docChanged) {
          const head = update.state.selection.main.head;
          const line = update.state.doc.lineAt(head);
          setCursor({ line: line.number, column: head - line.from + 1 });
        }
      }),
      theme,
    ];
    const editor = new EditorView({
      state: EditorState.create({ doc: text, extensions }),
      parent: host.current!,
    });
    view.current = editor;
    setCursor({ line: 1, column: 1 });
    return () => {
      editor.destroy();
      view.current = null;
    };
    // `text` is read when a document is loaded (docKey), not on every keystroke.
  }, [docKey]);

  useEffect(() => {
    const editor = view.current;
    if (jump === null || editor === null) return;
    const doc = editor.state.doc;
    const line = doc.line(Math.min(Math.max(jump.line, 1), doc.lines));
    const anchor = Math.min(line.from + Math.max(jump.column, 1) - 1, line.to);
    editor.dispatch({ selection: { anchor }, scrollIntoView: true });
    editor.focus();
  }, [jump]);

  return (
    <div className="script-editor-wrap">
      <div className="script-editor" data-testid="script-editor" ref={host} />
      <div className="script-cursor" data-testid="script-cursor">
        Ln {cursor.line}, Col {cursor.column}
      </div>
    </div>
  );
}
