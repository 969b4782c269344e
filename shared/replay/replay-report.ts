/**
 * What a replay found: per connection, the messages that matched, and every difference —
 * missing, extra, different (with the fields that differ), late, a different close, a failure.
 * The CLI prints it, `--json` writes it, and the exit code is 0 only when it has no difference.
 */
import type { ConversationMessage } from '../interchange/conversation.js';
import type { FieldDifference } from './json-diff.js';
import type { MatchMode } from './message-matcher.js';

/** A message as a report shows it. */
export type ReportMessage = Pick<ConversationMessage, 'opcode' | 'text' | 'base64'>;

/** One difference between the recording and the live run. */
export type Finding =
  /** Expected in `step`, never arrived (within the timeout, or at all). */
  | { readonly kind: 'missing'; readonly step: number; readonly expected: ReportMessage }
  /** Arrived in `step`, not in the recording. */
  | { readonly kind: 'extra'; readonly step: number; readonly actual: ReportMessage }
  /** Arrived where the recording has another message. */
  | {
      readonly kind: 'different';
      readonly step: number;
      readonly expected: ReportMessage;
      readonly actual: ReportMessage;
      readonly fields: readonly FieldDifference[];
    }
  /** Arrived, but slower than recorded by more than the tolerance (or after its step gave up waiting). */
  | {
      readonly kind: 'late';
      readonly step: number;
      readonly expected: ReportMessage;
      readonly recordedMs: number;
      readonly liveMs: number;
    }
  /** The connection ended differently. */
  | { readonly kind: 'close'; readonly expected: string; readonly actual: string }
  /** The connection could not be made, or failed. */
  | { readonly kind: 'failed'; readonly message: string };

/** One replayed connection. */
export interface ConnectionReport {
  /** The recorded connection's id. */
  readonly id: number;
  /** Where the live run connected. */
  readonly url: string;
  /** The live connection's id in the live run's recording (null when it never started). */
  readonly liveConn: number | null;
  readonly sent: number;
  readonly expected: number;
  readonly received: number;
  readonly matched: number;
  readonly findings: readonly Finding[];
}

/** The whole replay. */
export interface ReplayReport {
  readonly mode: ReplayMode;
  readonly match: MatchMode;
  readonly target: string;
  readonly connections: readonly ConnectionReport[];
  /** Findings in all connections. */
  readonly differences: number;
  readonly durationMs: number;
}

/** How a replay paces its sends. */
export type ReplayMode = 'lockstep' | 'timed' | 'fast';

/** The replay modes, for help texts and argument checks. */
export const REPLAY_MODES: readonly ReplayMode[] = ['lockstep', 'timed', 'fast'];
