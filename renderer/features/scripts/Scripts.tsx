/**
 * The Scripts tab: a folder's scripts, the open one in the editor, Run/Stop, and the run's output
 * (pass/fail, the failure's line, its connections, its log). Runs are the engine's (`script.run`);
 * their connections are ordinary sessions, so their frames are in the inspector.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { command } from '../../bridge/commands.js';
import { useConsole, useModel } from '../../store/use-console.js';
import type { FailurePart } from './failure.js';
import { FileList } from './FileList.js';
import { joinPath, newScriptText, splitArgs } from './new-script.js';
import { RunOutput } from './RunOutput.js';
import { ScriptEditor, type JumpRequest } from './ScriptEditor.js';
import { scriptRunsOf } from './script-runs.js';
import { scriptsUiOf, type ScriptsUi } from './scripts-ui.js';
import './scripts.css';

/** The panel. */
export function Scripts() {
  const model = useModel();
  const runsModel = scriptRunsOf(model.bridge);
  const runs = useStore(runsModel.store, (s) => s.runs);
  const servers = useConsole((s) => s.info?.servers);
  const ui = scriptsUiOf(model.bridge);
  const { folder, file, draft, completions, shownRun, args } = useStore(
    ui,
    useShallow((s) => ({
      folder: s.folder,
      file: s.file,
      draft: s.draft,
      completions: s.completions,
      shownRun: s.shownRun,
      args: s.args,
    })),
  );
  const set = (change: Partial<ScriptsUi>) => ui.setState(change);
  const [jump, setJump] = useState<JumpRequest | null>(null);

  const openFolder = useCallback(
    async (dir?: string) => {
      const listed = await command(model, 'script.list', dir === undefined ? {} : { dir });
      if (listed !== null) ui.setState({ folder: listed });
    },
    [model, ui],
  );
  useEffect(() => {
    // Once per window: later visits find the folder and the entries where they were.
    if (ui.getState().folder === null) void openFolder();
    if (ui.getState().completions.length === 0)
      void command(model, 'script.completions', null).then(
        (entries) => entries !== null && ui.setState({ completions: entries }),
      );
  }, [model, ui, openFolder]);

  const openFile = async (path: string) => {
    const read = await command(model, 'script.read', { path });
    if (read === null) return;
    const load = (ui.getState().file?.load ?? 0) + 1;
    set({ file: { path: read.path, saved: read.text, load }, draft: read.text, shownRun: null });
  };
  const save = async (): Promise<boolean> => {
    const { file, draft } = ui.getState();
    if (file === null) return false;
    if (draft === file.saved) return true;
    const written = await command(model, 'script.write', { path: file.path, text: draft });
    if (written === null) return false;
    set({ file: { ...file, saved: draft } });
    return true;
  };
  const create = async (name: string) => {
    if (folder === null) return;
    const path = joinPath(folder.dir, name);
    const text = newScriptText(servers?.[0]?.url ?? 'ws://127.0.0.1:8080');
    if ((await command(model, 'script.write', { path, text })) === null) return;
    await openFolder(folder.dir);
    await openFile(path);
  };
  const run = async () => {
    if (file === null || !(await save())) return;
    const started = await command(model, 'script.run', { path: file.path, args: splitArgs(args) });
    if (started === null) return;
    runsModel.add(started);
    set({ shownRun: started.run });
  };

  // The run shown: the one started here, else the newest run of the open file.
  const shown = useMemo(() => {
    if (shownRun !== null) return runs[shownRun] ?? null;
    const ofFile = Object.values(runs).filter((r) => r.info.file === file?.path);
    return ofFile.length === 0 ? null : ofFile[ofFile.length - 1]!;
  }, [runs, shownRun, file]);
  const running = shown !== null && shown.info.state === 'running';
  const dirty = file !== null && draft !== file.saved;

  const jumpTo = (part: FailurePart) =>
    setJump((j) => ({ line: part.line ?? 1, column: part.column ?? 1, seq: (j?.seq ?? 0) + 1 }));
  const showConn = (conn: number) => {
    const state = model.store.getState();
    state.selectConn(conn);
    state.setTab('inspector');
  };

  return (
    <div className="scripts" data-testid="scripts-panel">
      <FileList
        folder={folder}
        open={file?.path ?? null}
        onOpenFolder={(dir) => void openFolder(dir)}
        onOpenFile={(path) => void openFile(path)}
        onCreate={(name) => void create(name)}
      />
      <section className="scripts-main">
        <div className="scripts-toolbar">
          <span className="scripts-path" data-testid="script-path" title={file?.path}>
            {file === null ? 'No script open' : file.path}
            {dirty && <span data-testid="script-dirty"> •</span>}
          </span>
          <input
            data-testid="script-args"
            aria-label="Arguments"
            placeholder="args…"
            value={args}
            onChange={(e) => set({ args: e.target.value })}
          />
          <button type="button" data-testid="script-save" disabled={!dirty} onClick={() => void save()}>
            Save
          </button>
          <button type="button" data-testid="script-run" disabled={file === null} onClick={() => void run()}>
            ▶ Run
          </button>
          <button
            type="button"
            data-testid="script-stop"
            disabled={!running}
            onClick={() => shown !== null && void command(model, 'script.stop', { run: shown.info.run })}
          >
            ■ Stop
          </button>
        </div>
        <div className="scripts-split">
          {file === null ? (
            <div className="inotice scripts-placeholder">Open a script on the left, or make a new one.</div>
          ) : (
            <ScriptEditor
              docKey={`${file.path}#${file.load}`}
              text={file.saved}
              completions={completions}
              jump={jump}
              onChange={(text) => set({ draft: text })}
              onSave={() => void save()}
            />
          )}
          <RunOutput run={shown} openFile={file?.path ?? null} onJump={jumpTo} onShowConn={showConn} />
        </div>
      </section>
    </div>
  );
}
