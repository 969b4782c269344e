/** The script files of a folder (the data folder's `scripts/` first, or any folder typed in) and a new-script form. */
import { useState } from 'react';
import type { ScriptFolder } from '../../../shared/ipc/script-commands.js';
import { scriptFileName } from './new-script.js';

export interface FileListProps {
  readonly folder: ScriptFolder | null;
  /** The open file's path. */
  readonly open: string | null;
  onOpenFolder(dir: string): void;
  onOpenFile(path: string): void;
  onCreate(name: string): void;
}

/** Folder box, file list, new script. */
export function FileList({ folder, open, onOpenFolder, onOpenFile, onCreate }: FileListProps) {
  const [dir, setDir] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const shownDir = dir ?? folder?.dir ?? '';
  const create = () => {
    const checked = scriptFileName(name);
    if (!checked.ok) return setError(checked.error);
    setError(null);
    setName('');
    onCreate(checked.name);
  };
  return (
    <aside className="scripts-files" aria-label="Script files">
      <form
        className="scripts-row"
        onSubmit={(e) => {
          e.preventDefault();
          onOpenFolder(shownDir);
        }}
      >
        <input
          className="scripts-grow"
          data-testid="script-folder"
          aria-label="Folder"
          value={shownDir}
          onChange={(e) => setDir(e.target.value)}
        />
        <button type="submit" data-testid="script-folder-open">
          Open
        </button>
      </form>
      <ul className="scripts-list" data-testid="script-files" data-dir={folder?.dir}>
        {folder?.files.map((f) => (
          <li key={f.path}>
            <button
              type="button"
              className={f.path === open ? 'scripts-file on' : 'scripts-file'}
              data-testid={`script-file-${f.name}`}
              title={f.path}
              onClick={() => onOpenFile(f.path)}
            >
              {f.name}
            </button>
          </li>
        ))}
        {folder !== null && folder.files.length === 0 && <li className="idim">No scripts here yet.</li>}
      </ul>
      <form
        className="scripts-row"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <input
          className="scripts-grow"
          data-testid="script-new-name"
          aria-label="New script name"
          placeholder="new-script.ws.ts"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" data-testid="script-new">
          New
        </button>
      </form>
      {error !== null && <div className="inotice iwarn">{error}</div>}
    </aside>
  );
}
