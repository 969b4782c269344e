/**
 * The Recordings tab: record every connection, open a recording or HAR file (typed, picked from
 * the folder, or dropped on the panel) into the inspector, export it, replay it with a report, or
 * serve it as a mock.
 */
import { useState, type DragEvent } from 'react';
import { command } from '../../bridge/commands.js';
import { useConsole, useModel } from '../../store/use-console.js';
import { ExportSection } from './ExportSection.js';
import { OpenedView } from './OpenedView.js';
import { usePanelState } from './panel-state.js';
import { RecordSection } from './RecordSection.js';
import { ReplaySection } from './ReplaySection.js';
import { checkUploadSize, uploadFile, type Call } from './upload.js';
import './recordings.css';

/** The panel. */
export function RecordingsPanel() {
  const model = useModel();
  const selectConn = useConsole((s) => s.selectConn);
  const setTab = useConsole((s) => s.setTab);
  const setFilter = useConsole((s) => s.setFilter);
  const notify = useConsole((s) => s.notify);
  const file = usePanelState((s) => s.file);
  const setFile = usePanelState((s) => s.setFile);
  const opened = usePanelState((s) => s.opened);
  const setOpened = usePanelState((s) => s.setOpened);
  const [busy, setBusy] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const call: Call = (channel, input) => command(model, channel, input);

  const open = async (path: string) => {
    setBusy(`opening ${path}`);
    const result = await command(model, 'recording.open', { path });
    setBusy(null);
    if (result !== null) setOpened(result);
  };
  const show = (conn: number, messageRows = false) => {
    selectConn(conn);
    // A HAR file's messages are message rows only: the frames view would be empty.
    if (messageRows) setFilter({ mode: 'messages' });
    setTab('inspector');
  };
  const drop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped === undefined) return;
    const tooBig = checkUploadSize(dropped.size);
    if (tooBig !== null) return notify('error', tooBig);
    setBusy(`reading ${dropped.name}`);
    const path = await uploadFile(call, dropped, (sent) =>
      setBusy(`reading ${dropped.name}: ${Math.round((sent / Math.max(1, dropped.size)) * 100)}%`),
    );
    setBusy(null);
    if (path === null) return;
    setFile(path);
    await open(path);
  };

  return (
    <div
      className={dragging ? 'recordings rec-dragging' : 'recordings'}
      data-testid="recordings-panel"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => void drop(e)}
    >
      <RecordSection onPick={setFile} />
      <section className="rec-section" data-testid="open-section">
        <h3>File</h3>
        <div className="rec-row">
          <input
            className="rec-input"
            data-testid="recording-file-path"
            placeholder="a wstap recording, HAR file or mitmproxy flows — or drop one on this panel"
            value={file}
            onChange={(e) => setFile(e.target.value)}
          />
          <button
            type="button"
            data-testid="recording-open"
            disabled={file.trim() === '' || busy !== null}
            onClick={() => void open(file.trim())}
          >
            Open in inspector
          </button>
        </div>
        {busy !== null && <div className="rec-dim">{busy}…</div>}
        {opened !== null && <OpenedView opened={opened} onShow={show} />}
      </section>
      <ExportSection file={file.trim()} />
      <ReplaySection file={file.trim()} onShowConn={(conn) => show(conn)} />
    </div>
  );
}
