import { ms } from '../../../shared/model/close-explanation.js';
import { rttStats, type RttStats, type SessionFacts } from '../connect/session-facts.js';
import { SLASH_HELP } from '../connect/slash-commands.js';

/** `/info`: the handshake, what was negotiated, counts and round trips. */
export function infoLines(facts: SessionFacts, autoPong: boolean, now: number): string[] {
  const lines = [`url          ${facts.url ?? '(none yet)'}${facts.attempt > 1 ? ` (attempt ${facts.attempt})` : ''}`];
  const response = facts.lastResponse;
  lines.push(`handshake    ${response ? `${response.statusLine} in ${ms(response.ms)}` : 'no answer yet'}`);
  const open = facts.lastOpen;
  if (open) {
    lines.push(`subprotocol  ${open.subprotocol ?? 'none'}`);
    lines.push(`extensions   ${open.extensions ?? 'none'}`);
    lines.push(`open for     ${ms(now - open.t)} (connection ${open.conn})`);
  }
  const { in: rx, out: tx } = facts.counts;
  lines.push(`received     ${rx.messages} messages (${rx.bytes} B) in ${rx.frames} frames`);
  lines.push(`sent         ${tx.messages} messages (${tx.bytes} B) in ${tx.frames} frames`);
  const rtt = rttStats(facts.rtts);
  lines.push(
    rtt === null
      ? 'round trips  none yet (/ping measures one)'
      : `round trips  ${rttSummary(rtt)}`,
  );
  lines.push(`auto-pong    ${autoPong ? 'on' : 'off (/pongs on to answer pings again)'}`);
  if (facts.peerViolations.length > 0) lines.push(`violations   ${facts.peerViolations.length} by the peer (first: ${facts.peerViolations[0]?.code})`);
  return lines;
}

/** `/help`: every slash command, aligned. */
export function helpLines(): string[] {
  const width = Math.max(...SLASH_HELP.map(([usage]) => usage.length));
  return SLASH_HELP.map(([usage, what]) => `${usage.padEnd(width)}  ${what}`);
}

/** `3: min 0.4 ms, median 0.5 ms, p95 1.2 ms, max 1.2 ms` — for `/info` and `show --stats`. */
export function rttSummary(rtt: RttStats): string {
  return `${rtt.count}: min ${ms(rtt.min)}, median ${ms(rtt.median)}, p95 ${ms(rtt.p95)}, max ${ms(rtt.max)}`;
}
