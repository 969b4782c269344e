import { readFileSync } from 'node:fs';
import type { Header } from '../../../shared/model/events.js';
import type { MessageRules } from '../../engine/proxy/message-rules.js';
import { parseHeader, parseWhole } from '../connect/values.js';
import { UserError } from '../errors.js';
import { outputPlanFrom, type OutputFlags, type OutputPlan } from '../output/output-plan.js';

/** `wstap proxy` flags as commander hands them over. */
export interface ProxyFlags extends OutputFlags {
  readonly listen?: string;
  readonly target?: string;
  readonly header?: readonly string[];
  readonly removeHeader?: readonly string[];
  readonly ca?: string;
  readonly insecure?: boolean;
  readonly record?: string;
  readonly quiet?: boolean;
  readonly maxHeld?: string;
  readonly latency?: string;
  readonly jitter?: string;
  readonly drop?: string;
  readonly dropRate?: string;
  readonly rulesToward?: string;
}

/** Everything `wstap proxy` was asked for, checked. */
export interface ProxyPlan {
  readonly host: string;
  readonly port: number;
  readonly target: string;
  readonly set: readonly Header[];
  readonly remove: readonly string[];
  readonly ca: string | undefined;
  readonly insecure: boolean;
  readonly record: string | null;
  readonly quiet: boolean;
  /** Bytes a held direction keeps before its source is paused. */
  readonly maxHeld: number;
  /** Latency, jitter and drops for messages, or null. */
  readonly rules: MessageRules | null;
  readonly output: OutputPlan;
}

/** `PORT`, `HOST:PORT` or `[v6]:PORT`. */
export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]:|([^:]+):)?(\d+)$/.exec(value.trim());
  if (!match)
    throw new UserError(`--listen takes PORT or HOST:PORT (e.g. 8080 or 127.0.0.1:8080), got '${value}'`);
  const port = parseWhole('--listen', match[3] as string);
  if (port > 65535) throw new UserError(`--listen: port ${port} is not 0-65535`);
  return { host: match[1] ?? match[2] ?? '127.0.0.1', port };
}

/** Checks the flags; throws UserError with what to do. */
export function planProxy(flags: ProxyFlags): ProxyPlan {
  if (flags.target === undefined)
    throw new UserError(
      '--target is required: the server the app should reach, e.g. --target ws://localhost:9000',
    );
  const { host, port } = parseListen(flags.listen ?? '0');
  let ca: string | undefined;
  if (flags.ca !== undefined) {
    try {
      ca = readFileSync(flags.ca, 'utf8');
    } catch (error) {
      throw new UserError(
        `--ca: cannot read ${flags.ca}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  return {
    host,
    port,
    target: flags.target,
    set: (flags.header ?? []).map(parseHeader),
    remove: flags.removeHeader ?? [],
    ca,
    insecure: flags.insecure === true,
    record: flags.record ?? null,
    quiet: flags.quiet === true,
    maxHeld: flags.maxHeld === undefined ? 16 * 1024 * 1024 : parseWhole('--max-held', flags.maxHeld, 1),
    rules: planRules(flags),
    output: outputPlanFrom(flags),
  };
}

/** `--latency`, `--jitter`, `--drop`, `--drop-rate`, `--rules-toward` as rules, or null when none is given. */
function planRules(flags: ProxyFlags): MessageRules | null {
  if ([flags.latency, flags.jitter, flags.drop, flags.dropRate].every((v) => v === undefined)) {
    if (flags.rulesToward !== undefined)
      throw new UserError('--rules-toward goes with --latency, --jitter, --drop or --drop-rate');
    return null;
  }
  const toward = flags.rulesToward ?? 'both';
  if (toward !== 'app' && toward !== 'target' && toward !== 'both')
    throw new UserError(`--rules-toward takes app, target or both, got '${toward}'`);
  const rate = flags.dropRate === undefined ? 0 : Number(flags.dropRate);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new UserError(
      `--drop-rate takes a share from 0 to 1 (0.1 drops one message in ten), got '${flags.dropRate}'`,
    );
  let drop: RegExp | null = null;
  if (flags.drop !== undefined) {
    try {
      drop = new RegExp(flags.drop);
    } catch (error) {
      throw new UserError(`--drop: not a regular expression: ${(error as Error).message}`);
    }
  }
  return {
    latencyMs: flags.latency === undefined ? 0 : parseWhole('--latency', flags.latency),
    jitterMs: flags.jitter === undefined ? 0 : parseWhole('--jitter', flags.jitter),
    dropRate: rate,
    drop,
    toward,
  };
}
