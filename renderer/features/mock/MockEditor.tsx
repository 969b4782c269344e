/**
 * The mock definition editor: open a file, edit it with completion and inline problems (main's
 * validation, as you type), save it — a server serving it reloads, and the `reload` event's
 * outcome shows here: applied, or refused with its errors while the last good definition stays.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { JsonSchemaObject, MockTextProblem } from '../../../shared/ipc/mock-commands.js';
import { command } from '../../bridge/commands.js';
import { useModel } from '../../store/use-console.js';
import { CodeEditor } from './CodeEditor.js';
import { lastReloadOf, mockStore } from './mock-store.js';
import { openDoc } from './panel-commands.js';
import { problemRanges } from './problem-ranges.js';

const formatOf = (path: string): 'yaml' | 'json' => (/\.json$/i.test(path) ? 'json' : 'yaml');

/** The editor with its file bar, problem list and reload outcome. */
export function MockEditor() {
  const model = useModel();
  const store = mockStore(model);
  const doc = useStore(store, (s) => s.doc);
  const reloads = useStore(store, (s) => s.reloads);
  const [pathInput, setPathInput] = useState('');
  const [problems, setProblems] = useState<readonly MockTextProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const schema = useRef<JsonSchemaObject | null>(null);

  useEffect(() => {
    void command(model, 'mock.schema', null).then((value) => (schema.current = value));
  }, [model]);
  useEffect(() => {
    if (doc !== null) setPathInput(doc.path);
  }, [doc?.path]);

  const save = async (): Promise<void> => {
    const current = store.getState().doc;
    if (current === null || saving) return;
    setSaving(true);
    const result = await command(model, 'mock.write', { path: current.path, text: current.text });
    setSaving(false);
    if (result === null) return;
    store.setState((s) => (s.doc === null ? s : { doc: { ...s.doc, saved: current.text } }));
    const { errors } = result.validation;
    setSavedNote(
      result.servers === 0
        ? 'Saved. No server serves this file: start one to use it.'
        : errors.length > 0
          ? `Saved with ${errors.length} error${errors.length === 1 ? '' : 's'}: the server keeps the last good definition.`
          : `Saved. ${result.servers} server${result.servers === 1 ? '' : 's'} reloading…`,
    );
  };

  const reload = doc === null ? null : lastReloadOf(reloads, doc.path);
  const dirty = doc !== null && doc.text !== doc.saved;
  const errors = problems.filter((p) => p.severity === 'error');
  return (
    <section className="mk-editor" data-testid="mock-editor-pane">
      <form
        className="mk-filebar"
        onSubmit={(e) => {
          e.preventDefault();
          if (pathInput.trim() !== '') void openDoc(model, pathInput.trim());
        }}
      >
        <input
          className="mono"
          data-testid="mock-path"
          placeholder="/path/to/mock.yaml"
          value={pathInput}
          onChange={(e) => setPathInput(e.target.value)}
          aria-label="Mock definition file"
        />
        <button type="submit" data-testid="mock-open">
          Open
        </button>
        <button
          type="button"
          data-testid="mock-save"
          disabled={doc === null || saving}
          title="Save (Ctrl-S): a server serving this file reloads"
          onClick={() => void save()}
        >
          {dirty ? 'Save •' : 'Save'}
        </button>
      </form>
      {doc === null ? (
        <p className="mk-empty">
          Open a mock definition (.yaml or .json), or start a mock server: its file opens here. Keys and
          actions complete as you type (Ctrl-Space); problems are underlined where they are.
        </p>
      ) : (
        <CodeEditor
          key={`${doc.path}#${doc.rev}`}
          initial={doc.text}
          hooks={{
            format: formatOf(doc.path),
            schema: () => schema.current,
            save: () => void save(),
            changed: (text) => store.setState((s) => (s.doc === null ? s : { doc: { ...s.doc, text } })),
            lint: async (text) => {
              const result = await model.bridge.call('mock.validate', {
                text,
                format: formatOf(doc.path),
                path: doc.path,
              });
              if (!result.ok) return [];
              const all = [...result.value.errors, ...result.value.warnings];
              setProblems(all);
              return problemRanges(text, all);
            },
          }}
        />
      )}
      {doc !== null && (
        <div className="mk-status">
          <div data-testid="mock-validity" data-ok={errors.length === 0}>
            {errors.length === 0
              ? 'No problems.'
              : `${errors.length} error${errors.length === 1 ? '' : 's'}:`}
          </div>
          {problems.length > 0 && (
            <ul className="mk-problems">
              {problems.map((p, i) => (
                <li
                  key={i}
                  className={`mk-problem mk-${p.severity}`}
                  data-testid="mock-problem"
                  data-line={p.line}
                >
                  <span className="mono">
                    {p.line}:{p.column}
                  </span>{' '}
                  {p.path && <span className="mono mk-path">{p.path}</span>} {p.message}
                </li>
              ))}
            </ul>
          )}
          {savedNote !== null && <div data-testid="mock-saved">{savedNote}</div>}
          {reload !== null && (
            <div
              className={reload.ok ? 'mk-reload mk-ok' : 'mk-reload mk-refused'}
              data-testid="mock-reload"
              data-ok={reload.ok}
              data-n={reload.n}
            >
              <strong>{reload.ok ? 'Reloaded: ' : 'Reload refused, the last good definition stays: '}</strong>
              {reload.message}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
