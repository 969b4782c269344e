/** A CodeMirror 6 view owned by React: created once per mount with `initial`, torn down on unmount. */
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { editorExtensions, type EditorHooks } from './editor-setup.js';

/** The editor; remount it (a new `key`) to load another document. */
export function CodeEditor({ initial, hooks }: { readonly initial: string; readonly hooks: EditorHooks }) {
  const host = useRef<HTMLDivElement>(null);
  // The view is made once; the hooks it calls are read through this ref, so they stay current.
  const latest = useRef(hooks);
  latest.current = hooks;
  useEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: editorExtensions({
          format: latest.current.format,
          lint: (text) => latest.current.lint(text),
          save: () => latest.current.save(),
          changed: (text) => latest.current.changed(text),
          schema: () => latest.current.schema(),
        }),
      }),
    });
    return () => view.destroy();
    // `initial` is read once per mount on purpose: typing must not recreate the view.
  }, []);
  return <div className="mk-code" data-testid="mock-editor" ref={host} />;
}
