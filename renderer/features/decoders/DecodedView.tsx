/**
 * The detail pane's Decoded tab: the connection's decoder (JSON, MessagePack, Protobuf with a
 * .proto and a message type, or a JS module run by main in a worker) and the payload decoded by
 * main with it, shown as a JSON tree of React text nodes.
 */
import { useEffect, useState } from 'react';
import type { DecodedPayload, DecoderSpec } from '../../../shared/ipc/decoder-commands.js';
import type { BridgeError } from '../../../shared/ipc/result.js';
import { useModel } from '../../store/use-console.js';
import { JsonTree } from '../inspector/JsonTree.js';
import {
  CHOICE_LABELS,
  formOf,
  specLabel,
  specOf,
  type DecoderChoice,
  type DecoderForm,
} from './decoder-form.js';
import './decoders.css';

/** Which payload to decode. */
export interface DecodeSource {
  readonly kind: 'frame' | 'message';
  readonly id: number;
  readonly conn: number;
}

type Decoded =
  | { readonly status: 'loading' }
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly payload: DecodedPayload }
  | { readonly status: 'error'; readonly error: BridgeError };

const CHOICES = Object.keys(CHOICE_LABELS) as DecoderChoice[];

/** The picker and the decoded value. */
export function DecodedView({ source }: { readonly source: DecodeSource }) {
  const { bridge } = useModel();
  const [spec, setSpec] = useState<DecoderSpec | null | undefined>(undefined);
  const [form, setForm] = useState<DecoderForm>(formOf(null));
  const [formError, setFormError] = useState<string | null>(null);
  const [types, setTypes] = useState<readonly string[]>([]);
  const [decoded, setDecoded] = useState<Decoded>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    void bridge.call('decoder.get', { conn: source.conn }).then((r) => {
      if (!live) return;
      const current = r.ok ? r.value : null;
      setSpec(current);
      setForm(formOf(current));
    });
    return () => {
      live = false;
    };
  }, [bridge, source.conn]);

  useEffect(() => {
    if (spec === undefined) return;
    if (spec === null) return setDecoded({ status: 'none' });
    let live = true;
    setDecoded({ status: 'loading' });
    void bridge.call('decoder.decode', { kind: source.kind, id: source.id }).then((r) => {
      if (live) setDecoded(r.ok ? { status: 'ok', payload: r.value } : { status: 'error', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [bridge, spec, source.kind, source.id]);

  const apply = async () => {
    const checked = specOf(form);
    if (!checked.ok) return setFormError(checked.error);
    const r = await bridge.call('decoder.set', { conn: source.conn, decoder: checked.spec });
    if (!r.ok) return setFormError(`${r.error.code}: ${r.error.message}`);
    setFormError(null);
    setSpec(r.value);
  };
  const loadTypes = async () => {
    const r = await bridge.call('decoder.protoTypes', { path: form.protoPath.trim() });
    if (!r.ok) return setFormError(`${r.error.code}: ${r.error.message}`);
    setFormError(null);
    setTypes(r.value);
    if (r.value.length > 0 && form.messageType === '') setForm({ ...form, messageType: r.value[0]! });
  };

  return (
    <div className="decoded" data-testid="decoded">
      <form
        className="decoded-form"
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <label>
          Decoder of #{source.conn}{' '}
          <select
            data-testid="decoder-choice"
            value={form.choice}
            onChange={(e) => setForm({ ...form, choice: e.target.value as DecoderChoice })}
          >
            {CHOICES.map((c) => (
              <option key={c} value={c}>
                {CHOICE_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        {form.choice === 'protobuf' && (
          <>
            <input
              data-testid="decoder-proto-path"
              aria-label=".proto file"
              placeholder="/path/to/schema.proto"
              value={form.protoPath}
              onChange={(e) => setForm({ ...form, protoPath: e.target.value })}
            />
            <button type="button" data-testid="decoder-proto-load" onClick={() => void loadTypes()}>
              Load types
            </button>
            <input
              data-testid="decoder-message-type"
              aria-label="Message type"
              placeholder="package.Message"
              list="decoder-types"
              value={form.messageType}
              onChange={(e) => setForm({ ...form, messageType: e.target.value })}
            />
            <datalist id="decoder-types">
              {types.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </>
        )}
        {form.choice === 'module' && (
          <input
            data-testid="decoder-module-path"
            aria-label="Decoder module"
            placeholder="/path/to/decode.mjs"
            value={form.modulePath}
            onChange={(e) => setForm({ ...form, modulePath: e.target.value })}
          />
        )}
        <button type="submit" data-testid="decoder-apply">
          Apply
        </button>
        <span className="idim" data-testid="decoder-current">
          {spec === undefined ? '' : `using ${specLabel(spec)}`}
        </span>
      </form>
      {formError !== null && (
        <div className="inotice iwarn" data-testid="decoder-form-error">
          {formError}
        </div>
      )}
      {decoded.status === 'loading' && <div className="inotice">Decoding…</div>}
      {decoded.status === 'none' && (
        <div className="inotice">Choose how this connection’s payloads are decoded.</div>
      )}
      {decoded.status === 'error' && (
        <div className="inotice iwarn" data-testid="decoded-error">
          {decoded.error.code}: {decoded.error.message}
        </div>
      )}
      {decoded.status === 'ok' && (
        <div
          className="decoded-value"
          data-testid="decoded-value"
          data-decoder={decoded.payload.decoder.kind}
        >
          <JsonTree value={decoded.payload.value} />
        </div>
      )}
    </div>
  );
}
