/** The start form's fields turned into `mock.start`'s input, or what is wrong with them. Pure. */
import type { MockBehaviourKind, MockStartInput } from '../../../shared/ipc/mock-commands.js';
import { EMPTY_REPLAY, replayOptionsOf, type ReplayDraft } from './replay-form.js';

/** The form as typed. */
export interface StartDraft {
  readonly behaviour: MockBehaviourKind;
  /** The mock definition or recording. */
  readonly file: string;
  readonly host: string;
  /** '' or '0': a free port. */
  readonly port: string;
  readonly tls: 'none' | 'self-signed' | 'files';
  readonly certFile: string;
  readonly keyFile: string;
  /** A replay server's options (sent only for a replay). */
  readonly replay: ReplayDraft;
}

/** An empty form: an echo server on a free loopback port. */
export const EMPTY_START: StartDraft = {
  behaviour: 'mock',
  file: '',
  host: '127.0.0.1',
  port: '',
  tls: 'none',
  certFile: '',
  keyFile: '',
  replay: EMPTY_REPLAY,
};

/** The behaviours of the picker. */
export const BEHAVIOURS: readonly { readonly kind: MockBehaviourKind; readonly label: string }[] = [
  { kind: 'mock', label: 'Mock definition' },
  { kind: 'replay', label: 'Replay a recording' },
  { kind: 'echo', label: 'Echo' },
  { kind: 'broadcast', label: 'Broadcast' },
];

/** Whether a behaviour reads a file. */
export const needsFile = (kind: MockBehaviourKind): boolean => kind === 'mock' || kind === 'replay';

/** `mock.start`'s input, or the first problem in the form. */
export function startInputOf(
  draft: StartDraft,
): { readonly ok: true; readonly input: MockStartInput } | { readonly ok: false; readonly error: string } {
  const file = draft.file.trim();
  if (needsFile(draft.behaviour) && file === '')
    return {
      ok: false,
      error:
        draft.behaviour === 'mock'
          ? 'Name the mock definition file (.yaml or .json).'
          : 'Name the recording to replay.',
    };
  const portText = draft.port.trim();
  const port = portText === '' ? 0 : Number(portText);
  if (!/^\d+$/.test(portText || '0') || port > 65535)
    return {
      ok: false,
      error: `Port: 0-65535 (0 or empty picks a free one), got ${JSON.stringify(portText)}.`,
    };
  const host = draft.host.trim() || '127.0.0.1';
  let tls: MockStartInput['tls'];
  if (draft.tls === 'self-signed') tls = { selfSigned: true };
  if (draft.tls === 'files') {
    if (draft.certFile.trim() === '' || draft.keyFile.trim() === '')
      return { ok: false, error: 'TLS from files needs both the certificate and the key (PEM).' };
    tls = { certFile: draft.certFile.trim(), keyFile: draft.keyFile.trim() };
  }
  let replay: MockStartInput['replay'];
  if (draft.behaviour === 'replay') {
    const options = replayOptionsOf(draft.replay);
    if (!options.ok) return options;
    if (Object.keys(options.replay).length > 0) replay = options.replay;
  }
  return {
    ok: true,
    input: {
      behaviour: draft.behaviour,
      ...(needsFile(draft.behaviour) ? { file } : {}),
      host,
      port,
      ...(tls ? { tls } : {}),
      ...(replay ? { replay } : {}),
    },
  };
}

/** True when the host is not a loopback address (other machines could connect). */
export function isExposed(host: string): boolean {
  const h = host.trim() || '127.0.0.1';
  return !(h.startsWith('127.') || h === '::1' || h === 'localhost');
}
