/** Saved connections (saved.*): save the form under a name, load one back, delete one. */
import { useEffect, useState } from 'react';
import type { ConnectInput, SavedConnection } from '../../../shared/ipc/contract.js';
import { command } from '../../bridge/commands.js';
import { useModel } from '../../store/use-console.js';

/** Longest name main accepts (shared/ipc/inputs.ts). */
const MAX_NAME = 200;

/** The list beside the form. `build` returns the form's input, or null when the form has problems (it shows them). */
export function SavedConnections(props: {
  readonly build: () => ConnectInput | null;
  readonly onLoad: (saved: SavedConnection) => void;
}) {
  const model = useModel();
  const [list, setList] = useState<readonly SavedConnection[]>([]);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void command(model, 'saved.connections', null).then((value) => {
      if (live && value !== null) setList(value);
    });
    return () => {
      live = false;
    };
  }, [model]);

  const save = async () => {
    const trimmed = name.trim();
    if (trimmed === '') return setProblem('Enter a name to save the form under');
    if (trimmed.length > MAX_NAME) return setProblem(`A name has at most ${MAX_NAME} characters`);
    const options = props.build();
    if (options === null) return setProblem('Fix the form first: only a valid connection can be saved');
    setProblem(null);
    const value = await command(model, 'saved.putConnection', { name: trimmed, options });
    if (value !== null) setList(value);
  };
  const remove = async (target: string) => {
    const value = await command(model, 'saved.removeConnection', { name: target });
    if (value !== null) setList(value);
  };
  const replacing = list.some((s) => s.name === name.trim());

  return (
    <aside className="cf-saved" aria-label="Saved connections">
      <h3>Saved connections</h3>
      <div className="cf-save-row">
        <input
          aria-label="Name to save under"
          placeholder="Name"
          value={name}
          maxLength={MAX_NAME}
          data-testid="connect-save-name"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
          }}
        />
        <button type="button" data-testid="connect-save" onClick={() => void save()}>
          {replacing ? 'Replace' : 'Save'}
        </button>
      </div>
      {problem !== null && (
        <div className="cf-field-error" role="alert">
          {problem}
        </div>
      )}
      {list.length === 0 ? (
        <p className="cf-hint">Nothing saved yet. Fill in the form, name it and save it here.</p>
      ) : (
        <ul className="cf-saved-list">
          {list.map((saved) => (
            <li
              key={saved.name}
              className="cf-saved-item"
              data-testid="saved-connection"
              data-name={saved.name}
            >
              <button
                type="button"
                className="cf-saved-load"
                title={`Load ${saved.options.url} into the form`}
                data-testid="saved-connection-load"
                onClick={() => {
                  setName(saved.name);
                  setProblem(null);
                  props.onLoad(saved);
                }}
              >
                <span className="cf-saved-name">{saved.name}</span>
                <span className="cf-saved-url mono">{saved.options.url}</span>
              </button>
              <button
                type="button"
                aria-label={`Delete ${saved.name}`}
                title="Delete"
                data-testid="saved-connection-delete"
                onClick={() => void remove(saved.name)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
