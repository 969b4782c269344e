/** The message being written: mode buttons, the editor (or file picker), and its live check. */
import type { ChangeEvent, KeyboardEvent } from 'react';
import { formatJson } from './json-check.js';
import { COMPOSER_MODES, formatBytes, type ComposerMode, type DraftCheck } from './payload.js';

const PLACEHOLDERS: Readonly<Record<Exclude<ComposerMode, 'file'>, string>> = {
  text: 'Message text (Ctrl/Cmd+Enter sends)',
  json: '{"type": "hello"}',
  hex: '48 65 6c 6c 6f (spaces and newlines allowed)',
  base64: 'SGVsbG8=',
};

/** Props of DraftEditor. */
export interface DraftEditorProps {
  readonly mode: ComposerMode;
  readonly text: string;
  readonly file: File | null;
  /** The (deferred) check of the draft; null in file mode. */
  readonly check: DraftCheck | null;
  /** What is wrong (draft, file or the last send), shown in one place. */
  readonly error: string | null;
  /** Size and validity when nothing is wrong. */
  readonly info: string;
  onMode(mode: ComposerMode): void;
  onText(text: string): void;
  onFile(file: File | null): void;
  onSubmit(): void;
}

/** Mode buttons, the draft and what is wrong with it. */
export function DraftEditor(props: DraftEditorProps) {
  const { mode, text, file, check } = props;
  const submitOnCtrlEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      props.onSubmit();
    }
  };
  const pick = (event: ChangeEvent<HTMLInputElement>) => props.onFile(event.target.files?.[0] ?? null);
  return (
    <div className="composer-draft">
      <div className="composer-modes" role="radiogroup" aria-label="Message mode">
        {COMPOSER_MODES.map((m) => (
          <button
            key={m.mode}
            role="radio"
            aria-checked={mode === m.mode}
            className={mode === m.mode ? 'composer-mode active' : 'composer-mode'}
            data-testid={`composer-mode-${m.mode}`}
            onClick={() => props.onMode(m.mode)}
          >
            {m.label}
          </button>
        ))}
        {mode === 'json' && (
          <span className="composer-json-tools">
            <button
              data-testid="composer-json-format"
              disabled={check?.ok !== true}
              onClick={() => props.onText(formatJson(text) ?? text)}
            >
              Format
            </button>
            <button
              data-testid="composer-json-minify"
              disabled={check?.ok !== true}
              onClick={() => props.onText(formatJson(text, 0) ?? text)}
            >
              Minify
            </button>
          </span>
        )}
      </div>
      {mode === 'file' ? (
        <div className="composer-file" onKeyDown={submitOnCtrlEnter}>
          <input type="file" data-testid="composer-file" aria-label="File to send" onChange={pick} />
          {file !== null && (
            <span className="composer-file-info" data-testid="composer-file-info">
              {file.name} · {formatBytes(file.size)} ({file.size} bytes), sent as one binary message
            </span>
          )}
        </div>
      ) : (
        <textarea
          className={check !== null && !check.ok ? 'composer-input mono invalid' : 'composer-input mono'}
          data-testid="composer-input"
          aria-label="Message"
          spellCheck={false}
          placeholder={PLACEHOLDERS[mode]}
          value={text}
          onChange={(e) => props.onText(e.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      )}
      <div className="composer-check" aria-live="polite">
        {props.error !== null ? (
          <span className="composer-error" data-testid="composer-error">
            {props.error}
          </span>
        ) : (
          <span className="dim" data-testid="composer-bytes">
            {props.info}
          </span>
        )}
      </div>
    </div>
  );
}
