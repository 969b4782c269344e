/**
 * One connection through a proxy, with its interventions: inject toward a side, close a side with
 * a code, cut TCP, hold and release a direction. Its frames are ordinary inspector rows: "Inspect"
 * selects the connection there.
 */
import { useState } from 'react';
import type { Channel, Input, Output } from '../../../shared/ipc/contract.js';
import type { ProxySide, RelayedConnection } from '../../../shared/ipc/proxy-commands.js';
import { useConsole, useModel } from '../../store/use-console.js';
import { heldText, parseCloseCode, parseInject, type InjectKind } from './proxy-forms.js';
import { runCommand } from '../../bridge/commands.js';

/** Props of RelayedRow. */
export interface RelayedRowProps {
  readonly relayed: RelayedConnection;
  readonly maxHeld: number;
  readonly onDone: () => void;
}

const SIDES: readonly ProxySide[] = ['app', 'target'];

/** A relayed connection and its intervention controls. */
export function RelayedRow({ relayed, maxHeld, onDone }: RelayedRowProps) {
  const model = useModel();
  const { conn } = relayed;
  const state = useConsole((s) => s.connections[conn]?.state ?? 'connecting');
  const selectConn = useConsole((s) => s.selectConn);
  const setTab = useConsole((s) => s.setTab);
  const [injectTo, setInjectTo] = useState<ProxySide>('app');
  const [kind, setKind] = useState<InjectKind>('text');
  const [payload, setPayload] = useState('');
  const [closeSide, setCloseSide] = useState<ProxySide>('app');
  const [code, setCode] = useState('1000');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const run = async <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C> | null> => {
    const result = await runCommand(model, channel, input);
    setError(result.ok ? null : result.error);
    onDone();
    return result.ok ? result.value : null;
  };
  const inject = () => {
    const message = parseInject(kind, payload);
    if (!message.ok) return setError(message.error);
    void run('proxy.inject', { conn, to: injectTo, message: message.value });
  };
  const close = () => {
    const parsed = parseCloseCode(code);
    if (!parsed.ok) return setError(parsed.error);
    void run('proxy.close', {
      conn,
      side: closeSide,
      code: parsed.value,
      ...(reason === '' ? {} : { reason }),
    });
  };
  const held = { app: relayed.heldToApp, target: relayed.heldToTarget };
  const disabled = !relayed.open;

  return (
    <li className="proxy-conn" data-testid={`proxy-conn-${conn}`}>
      <div className="proxy-form-row">
        <span className="mono">#{conn}</span>
        <span className={`proxy-state proxy-state-${state}`} data-testid={`proxy-conn-${conn}-state`}>
          {relayed.open ? state : `${state} (not relaying)`}
        </span>
        {relayed.extended && (
          <span className="proxy-note" title="a compressed stream cannot lose a message">
            permessage-deflate: drop rules skip it
          </span>
        )}
        <span className="grow" />
        <button
          data-testid={`proxy-conn-${conn}-inspect`}
          onClick={() => {
            selectConn(conn);
            setTab('inspector');
          }}
        >
          Inspect
        </button>
        <button
          data-testid={`proxy-conn-${conn}-cut`}
          disabled={disabled}
          onClick={() => void run('proxy.cut', { conn })}
        >
          Cut TCP
        </button>
      </div>
      <div className="proxy-form-row">
        {SIDES.map((to) => (
          <span key={to} className="proxy-held">
            toward the {to}: held{' '}
            <span className="mono" data-testid={`proxy-conn-${conn}-held-${to}`}>
              {heldText(held[to], maxHeld)}
            </span>{' '}
            {held[to] === null ? (
              <button
                data-testid={`proxy-conn-${conn}-hold-${to}`}
                disabled={disabled}
                onClick={() => void run('proxy.hold', { conn, to })}
              >
                Hold
              </button>
            ) : (
              <button
                data-testid={`proxy-conn-${conn}-release-${to}`}
                onClick={() => void run('proxy.release', { conn, to })}
              >
                Release
              </button>
            )}
          </span>
        ))}
      </div>
      <div className="proxy-form-row">
        <select
          aria-label="Inject toward"
          data-testid={`proxy-conn-${conn}-inject-to`}
          value={injectTo}
          onChange={(e) => setInjectTo(e.target.value as ProxySide)}
        >
          <option value="app">toward the app</option>
          <option value="target">toward the target</option>
        </select>
        <select
          aria-label="Inject what"
          data-testid={`proxy-conn-${conn}-inject-kind`}
          value={kind}
          onChange={(e) => setKind(e.target.value as InjectKind)}
        >
          <option value="text">text</option>
          <option value="hex">binary (hex)</option>
          <option value="ping">ping</option>
        </select>
        <input
          className="mono grow"
          aria-label="Payload to inject"
          data-testid={`proxy-conn-${conn}-inject-payload`}
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
        />
        <button data-testid={`proxy-conn-${conn}-inject`} disabled={disabled} onClick={inject}>
          Inject
        </button>
      </div>
      <div className="proxy-form-row">
        <select
          aria-label="Side to close"
          data-testid={`proxy-conn-${conn}-close-side`}
          value={closeSide}
          onChange={(e) => setCloseSide(e.target.value as ProxySide)}
        >
          <option value="app">close the app's side</option>
          <option value="target">close the target's side</option>
        </select>
        <input
          className="mono proxy-num"
          aria-label="Close code"
          data-testid={`proxy-conn-${conn}-close-code`}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <input
          className="grow"
          aria-label="Close reason"
          placeholder="reason (optional)"
          data-testid={`proxy-conn-${conn}-close-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button data-testid={`proxy-conn-${conn}-close`} disabled={disabled} onClick={close}>
          Close
        </button>
      </div>
      {error !== null && (
        <p className="proxy-error" data-testid={`proxy-conn-${conn}-error`}>
          {error}
        </p>
      )}
    </li>
  );
}
