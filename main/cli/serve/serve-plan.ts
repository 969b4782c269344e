import { resolve } from 'node:path';
import { parseSendableCloseCode, parseWhole } from '../connect/values.js';
import { UserError } from '../errors.js';
import { outputPlanFrom, type OutputFlags, type OutputPlan } from '../output/output-plan.js';
import { planReplay, type ReplayFlags, type ReplayMode } from './replay-plan.js';

/** `wstap serve` flags as commander hands them over. */
export interface ServeFlags extends OutputFlags, ReplayFlags {
  readonly port?: string;
  readonly host?: string;
  readonly echo?: boolean;
  readonly broadcast?: boolean;
  readonly roomParam?: string;
  readonly excludeSelf?: boolean;
  readonly mock?: string;
  readonly handler?: string;
  readonly subprotocol?: readonly string[];
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly tlsSelfSigned?: boolean;
  readonly maxPayload?: string;
  readonly maxFragments?: string;
  readonly deflate?: boolean;
  readonly watch?: boolean;
  readonly reloadClose?: string;
  readonly record?: string;
  readonly quiet?: boolean;
}

/** What answers clients. */
export type ServeMode =
  | { readonly kind: 'echo' }
  | { readonly kind: 'broadcast'; readonly roomParam: string | null; readonly excludeSelf: boolean }
  | { readonly kind: 'mock'; readonly file: string }
  | { readonly kind: 'handler'; readonly file: string }
  | ReplayMode;

/** Everything `wstap serve` was asked for, checked. */
export interface ServePlan {
  readonly host: string;
  readonly port: number;
  readonly mode: ServeMode;
  readonly subprotocols: readonly string[];
  readonly tls:
    | { readonly kind: 'none' }
    | { readonly kind: 'files'; readonly cert: string; readonly key: string }
    | { readonly kind: 'self-signed' };
  readonly maxPayload: number | undefined;
  readonly maxFragments: number | undefined;
  readonly deflate: boolean;
  /** Reload the mock file or handler when it changes. */
  readonly watch: boolean;
  /** On reload, close connected clients with this code (1012: Service Restart) instead of keeping them. */
  readonly reloadClose: number | null;
  readonly record: string | null;
  /** Only server events, connections and errors: no messages or frames. */
  readonly quiet: boolean;
  readonly output: OutputPlan;
}

/** Checks the flags; throws UserError with what to do. */
export function planServe(flags: ServeFlags): ServePlan {
  const port = flags.port === undefined ? 0 : parseWhole('--port', flags.port);
  if (port > 65535) throw new UserError(`--port takes 0-65535 (0 picks a free port), got ${port}`);
  const modes = [
    flags.echo && '--echo',
    flags.broadcast && '--broadcast',
    flags.mock !== undefined && '--mock',
    flags.handler !== undefined && '--handler',
    flags.replay !== undefined && '--replay',
  ].filter(Boolean);
  if (modes.length > 1)
    throw new UserError(
      `choose one of ${modes.join(', ')}: a server answers one way (a mock file can name handlers per route)`,
    );
  if (flags.roomParam !== undefined && !flags.broadcast)
    throw new UserError('--room-param goes with --broadcast');
  if (flags.excludeSelf && !flags.broadcast) throw new UserError('--exclude-self goes with --broadcast');
  const replay = planReplay(flags);
  const mode: ServeMode =
    replay ??
    (flags.broadcast
      ? { kind: 'broadcast', roomParam: flags.roomParam ?? null, excludeSelf: flags.excludeSelf === true }
      : flags.mock !== undefined
        ? { kind: 'mock', file: resolve(flags.mock) }
        : flags.handler !== undefined
          ? { kind: 'handler', file: resolve(flags.handler) }
          : { kind: 'echo' });
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined))
    throw new UserError('--tls-cert and --tls-key go together (or use --tls-self-signed)');
  if (flags.tlsSelfSigned && flags.tlsCert !== undefined)
    throw new UserError(
      '--tls-self-signed makes its own certificate: drop --tls-cert/--tls-key, or drop --tls-self-signed',
    );
  const tls: ServePlan['tls'] =
    flags.tlsCert !== undefined && flags.tlsKey !== undefined
      ? { kind: 'files', cert: resolve(flags.tlsCert), key: resolve(flags.tlsKey) }
      : flags.tlsSelfSigned
        ? { kind: 'self-signed' }
        : { kind: 'none' };
  const reloadClose =
    flags.reloadClose === undefined ? null : parseSendableCloseCode('--reload-close', flags.reloadClose);
  if (reloadClose !== null && mode.kind !== 'mock' && mode.kind !== 'handler')
    throw new UserError('--reload-close applies to --mock and --handler (what gets reloaded)');
  return {
    host: flags.host ?? '127.0.0.1',
    port,
    mode,
    subprotocols: flags.subprotocol ?? [],
    tls,
    maxPayload: flags.maxPayload === undefined ? undefined : parseWhole('--max-payload', flags.maxPayload, 1),
    maxFragments:
      flags.maxFragments === undefined ? undefined : parseWhole('--max-fragments', flags.maxFragments, 1),
    deflate: flags.deflate !== false,
    watch: flags.watch !== false,
    reloadClose,
    record: flags.record ?? null,
    quiet: flags.quiet === true,
    output: outputPlanFrom(flags),
  };
}
