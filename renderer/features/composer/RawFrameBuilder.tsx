/** Fault injection: one frame built bit by bit and written to the socket as is (`session.sendRaw`). */
import { useMemo, useState } from 'react';
import { opcodeName } from '../../../shared/protocol/opcodes.js';
import { useModel } from '../../store/use-console.js';
import { DEFAULT_RAW_FRAME, buildRawFrame, type RawFrameForm } from './raw-frame.js';
import { runCommand } from '../../bridge/commands.js';
import type { ComposerTarget } from './target.js';

const OPCODES = Array.from({ length: 16 }, (_, op) => op);

/** Props of RawFrameBuilder. */
export interface RawFrameBuilderProps {
  readonly target: ComposerTarget;
}

/** A collapsible form for one raw frame, with its header bytes and the rules it breaks. */
export function RawFrameBuilder({ target }: RawFrameBuilderProps) {
  const model = useModel();
  const [form, setForm] = useState<RawFrameForm>(DEFAULT_RAW_FRAME);
  const [sendError, setSendError] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const built = useMemo(() => buildRawFrame(form), [form]);
  const set = (change: Partial<RawFrameForm>) => setForm((f) => ({ ...f, ...change }));
  const flag = (key: 'fin' | 'rsv1' | 'rsv2' | 'rsv3', label: string) => (
    <label className="composer-check-label">
      <input
        type="checkbox"
        data-testid={`composer-raw-${key}`}
        checked={form[key]}
        onChange={(e) => set({ [key]: e.target.checked })}
      />
      {label}
    </label>
  );

  const send = async () => {
    if (!target.ok || !built.ok) return;
    setSendError(null);
    const result = await runCommand(model, 'session.sendRaw', {
      session: target.session,
      frames: [built.frame],
    });
    if (result.ok) setSent((n) => n + 1);
    else setSendError(result.error);
  };

  return (
    <details className="composer-raw" data-testid="composer-raw">
      <summary data-testid="composer-raw-toggle">Raw frame (fault injection)</summary>
      <div className="composer-row">
        <label>
          opcode{' '}
          <select
            data-testid="composer-raw-opcode"
            value={form.opcode}
            onChange={(e) => set({ opcode: Number(e.target.value) })}
          >
            {OPCODES.map((op) => (
              <option key={op} value={op}>
                {op} {opcodeName(op)}
              </option>
            ))}
          </select>
        </label>
        {flag('fin', 'FIN')}
        {flag('rsv1', 'RSV1')}
        {flag('rsv2', 'RSV2')}
        {flag('rsv3', 'RSV3')}
      </div>
      <div className="composer-row">
        <label>
          mask{' '}
          <select
            data-testid="composer-raw-mask"
            value={form.mask}
            onChange={(e) => set({ mask: e.target.value as RawFrameForm['mask'] })}
          >
            <option value="on">random key</option>
            <option value="key">this key</option>
            <option value="off">unmasked</option>
          </select>
        </label>
        {form.mask === 'key' && (
          <input
            className="mono composer-key"
            data-testid="composer-raw-mask-key"
            aria-label="Mask key (8 hex digits)"
            placeholder="37fa213d"
            value={form.maskKey}
            onChange={(e) => set({ maskKey: e.target.value })}
          />
        )}
        <label>
          length{' '}
          <select
            data-testid="composer-raw-length-bits"
            value={form.lengthBits}
            onChange={(e) => set({ lengthBits: e.target.value as RawFrameForm['lengthBits'] })}
          >
            <option value="minimal">minimal</option>
            <option value="7">7-bit</option>
            <option value="16">16-bit</option>
            <option value="64">64-bit</option>
          </select>
        </label>
        <input
          className="mono composer-declared"
          data-testid="composer-raw-declared-length"
          aria-label="Declared length (empty: the real length)"
          placeholder="declared length"
          inputMode="numeric"
          value={form.declaredLength}
          onChange={(e) => set({ declaredLength: e.target.value })}
        />
      </div>
      <div className="composer-row">
        <select
          data-testid="composer-raw-payload-mode"
          aria-label="Payload encoding"
          value={form.payloadMode}
          onChange={(e) => set({ payloadMode: e.target.value as RawFrameForm['payloadMode'] })}
        >
          <option value="text">text</option>
          <option value="hex">hex</option>
        </select>
        <textarea
          className="mono grow composer-raw-payload"
          data-testid="composer-raw-payload"
          aria-label="Raw frame payload"
          spellCheck={false}
          placeholder={form.payloadMode === 'hex' ? '03 e8' : 'payload'}
          value={form.payload}
          onChange={(e) => set({ payload: e.target.value })}
        />
      </div>
      {built.ok ? (
        <div className="composer-raw-info">
          <div className="mono" data-testid="composer-raw-header">
            header: {built.headerHex} · payload {built.payloadBytes} B
          </div>
          {built.breaks.length > 0 && (
            <ul className="composer-raw-breaks" data-testid="composer-raw-breaks">
              {built.breaks.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <div className="composer-error" data-testid="composer-raw-error">
          {built.error}
        </div>
      )}
      <div className="composer-row">
        <button
          data-testid="composer-raw-send"
          disabled={!target.ok || !built.ok}
          onClick={() => void send()}
        >
          Send raw frame
        </button>
        <button data-testid="composer-raw-reset" onClick={() => setForm(DEFAULT_RAW_FRAME)}>
          Reset
        </button>
        {sent > 0 && <span className="dim">{sent} sent</span>}
        {sendError !== null && (
          <span className="composer-error" data-testid="composer-raw-send-error">
            {sendError}
          </span>
        )}
      </div>
    </details>
  );
}
