import { ms } from '../../../shared/model/close-explanation.js';
import { rttSummary } from '../output/info-lines.js';
import type { Palette } from '../terminal.js';
import { byOpcodeOrder, type DirectionStats, type ShowStats } from './show-stats.js';

/** Where the summarized events come from (the recording's header). */
export interface StatsSource {
  readonly file: string;
  readonly tool: string;
  readonly startedAt: string;
}

/** Width of the label column, so every number lines up under its direction. */
const LABEL = 16;
const COLUMN = 12;

/**
 * `wstap show --stats` for people: a table with one column per direction, then round trips,
 * violations and how each connection closed.
 */
export function statsLines(stats: ShowStats, source: StatsSource, c: Palette): string[] {
  const lines: string[] = [];
  const field = (label: string, value: string): void => void lines.push(`${c.bold(label.padEnd(LABEL))}${value}`);
  field('recording', `${source.file} (${source.tool}, started ${source.startedAt})`);
  const connections = stats.connections.length;
  field('connections', `${connections}${stats.urls.length > 0 ? ` (${stats.urls.join(', ')})` : ''}`);
  field('duration', `${ms(stats.durationMs)} from the first event to the last (${stats.events} events)`);
  lines.push(`${''.padEnd(LABEL)}${c.dim('sent >'.padStart(COLUMN))}${c.dim('received <'.padStart(COLUMN))}`);
  const row = (label: string, pick: (d: DirectionStats) => number): void =>
    void lines.push(`${label.padEnd(LABEL)}${String(pick(stats.out)).padStart(COLUMN)}${String(pick(stats.in)).padStart(COLUMN)}`);
  row('messages', (d) => d.messages.total);
  row('  text', (d) => d.messages.text);
  row('  binary', (d) => d.messages.binary);
  row('frames', (d) => d.frames.total);
  const opcodes = [...new Set([...Object.keys(stats.out.frames.byOpcode), ...Object.keys(stats.in.frames.byOpcode)])].sort(byOpcodeOrder);
  for (const name of opcodes) row(`  ${name}`, (d) => d.frames.byOpcode[name] ?? 0);
  row('control frames', (d) => d.controlFrames);
  row('wire bytes', (d) => d.wireBytes);
  row('payload bytes', (d) => d.payloadBytes);
  const rtt = stats.rtt;
  field('round trips', rtt === null ? 'none' : rttSummary(rtt));
  const violations = Object.entries(stats.violations);
  const total = violations.reduce((n, [, count]) => n + count, 0);
  field('violations', total === 0 ? 'none' : c.red(`${total}: ${violations.map(([code, count]) => `${code} ×${count}`).join(', ')}`));
  if (stats.closes.length === 0) field('closed', c.dim('no close recorded (the recording ends before the connection did)'));
  for (const close of stats.closes) {
    const clean = close.code === 1000 || close.code === 1001 || close.code === 1005;
    // The duration goes first: explanations end in parentheses of their own.
    const text = `${connections > 1 ? `#${close.conn} ` : ''}after ${ms(close.durationMs)}: ${close.explanation}`;
    field('closed', clean ? c.green(text) : c.red(text));
  }
  return lines;
}
