/**
 * The composer: writes messages (text, JSON, hex, base64, file) and control frames to the selected
 * connection's client session, builds raw frames for fault injection, keeps saved messages and
 * repeats a message on a timer. Disabled, with the reason, when there is no open client session.
 */
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { OutgoingInput } from '../../../shared/ipc/contract.js';
import { useConsole, useModel } from '../../store/use-console.js';
import './composer.css';
import { ControlFrames } from './ControlFrames.js';
import { DraftEditor } from './DraftEditor.js';
import { checkFileSize, readFileMessage } from './file-payload.js';
import {
  checkDraft,
  convertDraft,
  draftOfMessage,
  formatBytes,
  parseFragments,
  type ComposerMode,
} from './payload.js';
import { RawFrameBuilder } from './RawFrameBuilder.js';
import { runCommand, type RunResult } from '../../bridge/commands.js';
import { SavedMessages } from './SavedMessages.js';
import { SendTimer } from './SendTimer.js';
import { composerTarget } from './target.js';

type Captured =
  { readonly ok: true; readonly message: OutgoingInput } | { readonly ok: false; readonly error: string };

/** The message composer below the main pane. */
export function Composer() {
  const model = useModel();
  const connections = useConsole((s) => s.connections);
  const selected = useConsole((s) => s.selectedConn);
  const target = useMemo(() => composerTarget(connections, selected), [connections, selected]);
  const [mode, setMode] = useState<ComposerMode>('text');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fragmentsText, setFragmentsText] = useState('1');
  const [compress, setCompress] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const deferredText = useDeferredValue(text);
  const check = useMemo(
    () => (mode === 'file' ? null : checkDraft(mode, deferredText)),
    [mode, deferredText],
  );
  const fragments = parseFragments(fragmentsText);
  const session = target.ok ? target.session : null;

  const capture = useCallback(async (): Promise<Captured> => {
    if (mode === 'file')
      return file === null ? { ok: false, error: 'pick a file first' } : readFileMessage(file);
    const c = checkDraft(mode, text);
    if (c.ok) return { ok: true, message: c.message };
    return {
      ok: false,
      error:
        c.position === null ? c.error : `${c.error} (line ${c.position.line}, column ${c.position.column})`,
    };
  }, [mode, text, file]);

  const sendMessage = useCallback(
    async (message: OutgoingInput): Promise<RunResult<null>> => {
      if (session === null) return { ok: false, error: target.ok ? 'no session' : target.hint };
      if (!fragments.ok) return fragments;
      return runCommand(model, 'session.send', {
        session,
        message,
        ...(fragments.count > 1 ? { fragments: fragments.count } : {}),
        ...(compress ? { compress: true } : {}),
      });
    },
    [model, session, target, fragments, compress],
  );

  const sendNow = async (message?: OutgoingInput) => {
    if (busy) return;
    setSendError(null);
    const captured: Captured = message === undefined ? await capture() : { ok: true, message };
    if (!captured.ok) return setSendError(captured.error);
    setBusy(true);
    const result = await sendMessage(captured.message);
    setBusy(false);
    if (!result.ok) setSendError(result.error);
  };
  const timerSend = useCallback(
    async (message: OutgoingInput) => (await sendMessage(message)).ok,
    [sendMessage],
  );

  const changeMode = (next: ComposerMode) => {
    setText((t) => convertDraft(mode, next, t));
    setMode(next);
    setSendError(null);
  };
  const load = (message: OutgoingInput) => {
    const draft = draftOfMessage(message);
    setMode(draft.mode);
    setText(draft.text);
    setSendError(null);
  };

  const fileError = mode === 'file' && file !== null ? checkFileSize(file.size) : null;
  const draftError =
    check !== null && !check.ok
      ? check.error +
        (check.position === null ? '' : ` (line ${check.position.line}, column ${check.position.column})`)
      : null;
  const blocking = draftError ?? fileError ?? (fragments.ok ? null : fragments.error);
  const error = sendError ?? blocking;
  const frameNote = fragments.ok && fragments.count > 1 ? ` · in ${fragments.count} frames` : '';
  const info =
    mode === 'file'
      ? file === null
        ? 'Pick a file to send it as one binary message.'
        : `${formatBytes(file.size)}${frameNote}`
      : check?.ok === true
        ? `${check.bytes} byte${check.bytes === 1 ? '' : 's'}${mode === 'json' ? ' · valid JSON' : ''}${frameNote}`
        : '';
  const canSend = session !== null && !busy && blocking === null && !(mode === 'file' && file === null);

  return (
    <div className={target.ok ? 'composer' : 'composer disabled'} data-testid="composer">
      <div className="composer-head">
        {target.ok ? (
          <span className="dim" data-testid="composer-target">
            Sending on connection #{target.conn} (session {target.session})
          </span>
        ) : (
          <span className="composer-hint" data-testid="composer-hint">
            {target.hint}
          </span>
        )}
        <button
          className="composer-collapse"
          data-testid="composer-collapse"
          aria-expanded={!collapsed}
          onClick={() => setCollapsed((c) => !c)}
        >
          {collapsed ? 'Show composer' : 'Hide'}
        </button>
      </div>
      <div className="composer-body" hidden={collapsed}>
        <div className="composer-main">
          <DraftEditor
            mode={mode}
            text={text}
            file={file}
            check={check}
            error={error}
            info={info}
            onMode={changeMode}
            onText={(t) => {
              setText(t);
              setSendError(null);
            }}
            onFile={(f) => {
              setFile(f);
              setSendError(null);
            }}
            onSubmit={() => void sendNow()}
          />
          <div className="composer-row">
            <label title="RFC 6455 §5.4: split the message into this many frames">
              fragments{' '}
              <input
                className={fragments.ok ? 'mono composer-ms' : 'mono composer-ms invalid'}
                data-testid="composer-fragments"
                inputMode="numeric"
                value={fragmentsText}
                onChange={(e) => setFragmentsText(e.target.value)}
              />
            </label>
            <label
              className="composer-check-label"
              title="permessage-deflate (RSV1), when the connection negotiated it"
            >
              <input
                type="checkbox"
                data-testid="composer-compress"
                checked={compress}
                onChange={(e) => setCompress(e.target.checked)}
              />
              compress
            </label>
            {compress && target.ok && !target.compressible && (
              <span className="composer-warn">permessage-deflate was not negotiated on this connection</span>
            )}
            <span className="grow" />
            <button
              className="primary"
              data-testid="composer-send"
              disabled={!canSend}
              title="Ctrl/Cmd+Enter"
              onClick={() => void sendNow()}
            >
              {busy ? 'Sending…' : 'Send'}
            </button>
          </div>
          <RawFrameBuilder target={target} />
        </div>
        <div className="composer-side">
          <ControlFrames target={target} />
          <SendTimer session={session} capture={capture} send={timerSend} />
          <SavedMessages
            capture={capture}
            canSend={session !== null}
            onLoad={load}
            onSend={(m) => void sendNow(m)}
          />
        </div>
      </div>
    </div>
  );
}
