/**
 * The start form's replay options (`wstap serve --replay FILE`'s flags, docs/serve-replay.md)
 * turned into `mock.start`'s `replay`, or what is wrong with them. Pure. Main checks the paths
 * again (a correlate path's full grammar is the engine's).
 */
import { MAX_REPLAY_SPEED, type MockReplayOptions } from '../../../shared/ipc/mock-commands.js';
import { parseIgnorePath } from '../../../shared/replay/ignore-paths.js';

/** The replay options as typed. */
export interface ReplayDraft {
  /** '' or 1: as recorded; 2 or 2x twice as fast; 0.5; max or 0: no delays. */
  readonly speed: string;
  /** JSON paths, separated by spaces or commas. */
  readonly correlate: string;
  readonly ignore: string;
  /** '' : the default (8). */
  readonly window: string;
  readonly onMismatch: 'warn' | 'close';
  /** Recorded connection ids (`2 3` or `#2, #3`); '': all, in file order. */
  readonly connections: string;
}

/** Every option at its default. */
export const EMPTY_REPLAY: ReplayDraft = {
  speed: '',
  correlate: '',
  ignore: '',
  window: '',
  onMismatch: 'warn',
  connections: '',
};

type Checked =
  { readonly ok: true; readonly replay: MockReplayOptions } | { readonly ok: false; readonly error: string };

/** `mock.start`'s `replay` (only the options set), or the first problem. */
export function replayOptionsOf(draft: ReplayDraft): Checked {
  const replay: { -readonly [K in keyof MockReplayOptions]: MockReplayOptions[K] } = {};
  const speed = draft.speed.trim();
  if (speed !== '') {
    const value = /^max$/i.test(speed) ? 0 : Number(speed.replace(/x$/i, ''));
    if (!Number.isFinite(value) || value < 0 || value > MAX_REPLAY_SPEED)
      return {
        ok: false,
        error: `Speed: a factor such as 2 (twice as fast) or 0.5, or max (no delays); got ${JSON.stringify(speed)}.`,
      };
    replay.speed = value;
  }
  const correlate = listOf(draft.correlate);
  const badCorrelate = correlate.find((p) => !p.startsWith('$') || p === '$' || /\*|\.\./.test(p));
  if (badCorrelate !== undefined)
    return {
      ok: false,
      error: `Correlate: one field per path, starting with $ and without wildcards (e.g. $.id); got ${JSON.stringify(badCorrelate)}.`,
    };
  if (correlate.length > 0) replay.correlate = correlate;
  const ignore = listOf(draft.ignore);
  for (const path of ignore) {
    const parsed = parseIgnorePath(path);
    if ('error' in parsed) return { ok: false, error: `Ignore: ${parsed.error}.` };
  }
  if (ignore.length > 0) replay.ignore = ignore;
  const window = draft.window.trim();
  if (window !== '') {
    if (!/^\d+$/.test(window) || Number(window) < 1 || Number(window) > 10_000)
      return {
        ok: false,
        error: `Window: a whole number 1-10000 (1: strict order); got ${JSON.stringify(window)}.`,
      };
    replay.window = Number(window);
  }
  if (draft.onMismatch !== 'warn') replay.onMismatch = draft.onMismatch;
  const ids = listOf(draft.connections).map((id) => id.replace(/^#/, ''));
  const badId = ids.find((id) => !/^\d+$/.test(id) || Number(id) < 1 || Number(id) > 2 ** 31);
  if (badId !== undefined)
    return {
      ok: false,
      error: `Connections: recorded connection ids such as 2 or #2; got ${JSON.stringify(badId)}.`,
    };
  if (ids.length > 0) replay.connections = ids.map(Number);
  return { ok: true, replay };
}

/** Items typed as a list: separated by spaces, commas or lines. */
function listOf(text: string): string[] {
  return text.split(/[\s,]+/).filter((item) => item !== '');
}
