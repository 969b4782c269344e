/** Saved messages: save the draft under a name and group; load (click), send (double-click), reorder, rename, delete. */
import { useEffect, useState } from 'react';
import type { OutgoingInput, SavedMessage } from '../../../shared/ipc/contract.js';
import { useModel } from '../../store/use-console.js';
import { runCommand } from '../../bridge/commands.js';
import {
  MAX_SAVED_BYTES,
  checkSavedName,
  groupSaved,
  moveSaved,
  putSaved,
  removeSaved,
  renameSaved,
  savedSummary,
} from './saved.js';

/** Props of SavedMessages. */
export interface SavedMessagesProps {
  /** The draft as a message (reads a picked file), or why it cannot be saved. */
  capture(): Promise<
    { readonly ok: true; readonly message: OutgoingInput } | { readonly ok: false; readonly error: string }
  >;
  onLoad(message: OutgoingInput): void;
  onSend(message: OutgoingInput): void;
  readonly canSend: boolean;
}

const messageSize = (m: OutgoingInput): number => (m.kind === 'binary' ? m.base64.length : m.text.length);

/** The saved list, persisted whole through `saved.setMessages`. */
export function SavedMessages(props: SavedMessagesProps) {
  const model = useModel();
  const [list, setList] = useState<readonly SavedMessage[]>([]);
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ readonly index: number; readonly name: string } | null>(null);

  useEffect(() => {
    let live = true;
    void runCommand(model, 'saved.messages', null).then((r) => {
      if (!live) return;
      if (r.ok) setList(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [model]);

  const persist = async (next: readonly SavedMessage[]) => {
    const before = list;
    setList(next);
    setError(null);
    const result = await runCommand(model, 'saved.setMessages', next);
    if (result.ok) setList(result.value);
    else {
      setList(before);
      setError(result.error);
    }
  };

  const save = async () => {
    const problem = checkSavedName(name, 'name') ?? checkSavedName(group, 'group');
    if (problem !== null) return setError(problem);
    const captured = await props.capture();
    if (!captured.ok) return setError(`not saved: ${captured.error}`);
    if (messageSize(captured.message) > MAX_SAVED_BYTES)
      return setError('not saved: messages over 1 MiB are not kept in the saved list');
    await persist(putSaved(list, name, group, captured.message));
    setName('');
  };

  const commitRename = () => {
    if (renaming === null) return;
    const { index, name: newName } = renaming;
    setRenaming(null);
    if (newName.trim() !== '' && newName.trim() !== list[index]?.name)
      void persist(renameSaved(list, index, newName));
  };

  const groups = groupSaved(list);
  return (
    <section className="composer-section" aria-label="Saved messages">
      <h3>Saved messages</h3>
      <div className="composer-row">
        <input
          className="grow"
          data-testid="composer-save-name"
          aria-label="Name"
          placeholder="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          className="composer-group"
          data-testid="composer-save-group"
          aria-label="Group"
          placeholder="group"
          list="composer-saved-groups"
          value={group}
          onChange={(e) => setGroup(e.target.value)}
        />
        <datalist id="composer-saved-groups">
          {groups.map((g) => (
            <option key={g.group} value={g.group} />
          ))}
        </datalist>
        <button data-testid="composer-save" onClick={() => void save()}>
          Save
        </button>
      </div>
      {error !== null && (
        <div className="composer-error" data-testid="composer-saved-error">
          {error}
        </div>
      )}
      <div className="composer-saved" data-testid="saved-messages">
        {list.length === 0 && <div className="dim">Nothing saved yet.</div>}
        {groups.map((g) => (
          <div key={g.group} className="composer-saved-group">
            <div className="composer-saved-heading" data-testid="saved-group">
              {g.group === '' ? 'Ungrouped' : g.group}
            </div>
            <ul>
              {g.items.map(({ index, saved }, position) => (
                <li
                  key={`${index}:${saved.name}`}
                  data-testid="saved-message"
                  className="composer-saved-item"
                >
                  {renaming?.index === index ? (
                    <input
                      autoFocus
                      className="grow"
                      data-testid="saved-message-rename-input"
                      aria-label="New name"
                      value={renaming.name}
                      onChange={(e) => setRenaming({ index, name: e.target.value })}
                      onBlur={commitRename}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') commitRename();
                        if (e.key === 'Escape') setRenaming(null);
                      }}
                    />
                  ) : (
                    <button
                      className="composer-saved-name grow"
                      data-testid="saved-message-load"
                      title={`${savedSummary(saved.message)}\nClick: load · double-click: send`}
                      onClick={() => props.onLoad(saved.message)}
                      onDoubleClick={() => props.canSend && props.onSend(saved.message)}
                    >
                      <span>{saved.name}</span> <span className="dim">{savedSummary(saved.message)}</span>
                    </button>
                  )}
                  <button
                    data-testid="saved-message-up"
                    aria-label="Move up"
                    disabled={position === 0}
                    onClick={() => void persist(moveSaved(list, index, -1))}
                  >
                    ↑
                  </button>
                  <button
                    data-testid="saved-message-down"
                    aria-label="Move down"
                    disabled={position === g.items.length - 1}
                    onClick={() => void persist(moveSaved(list, index, 1))}
                  >
                    ↓
                  </button>
                  <button
                    data-testid="saved-message-rename"
                    onClick={() => setRenaming({ index, name: saved.name })}
                  >
                    Rename
                  </button>
                  <button
                    data-testid="saved-message-delete"
                    className="danger"
                    onClick={() => void persist(removeSaved(list, index))}
                  >
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
