import type {
  ClosedEvent,
  Direction,
  FrameEvent,
  MessageEvent,
  ScriptEvent,
  SessionEvent,
  UpgradeRequestEvent,
  UpgradeResponseEvent,
} from '../../../shared/model/events.js';
import { assertNever } from '../../../shared/model/events.js';
import { ms } from '../../../shared/model/close-explanation.js';
import { escapeText } from '../../../shared/protocol/describe.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import { violationLine } from '../decode/frame-printer.js';
import type { Palette } from '../terminal.js';
import type { OutputPlan } from './output-plan.js';
import { frameJsonBits, frameJsonSummary, hexPreview, prettyJson, quoted } from './payload-text.js';

/** Where a line goes: payloads to stdout, status and diagnostics to stderr. */
export type Target = 'out' | 'err';

/** One line of output and its stream. */
export interface OutputLine {
  readonly to: Target;
  readonly text: string;
}

/** Turns engine events into output lines. */
export interface EventPrinter {
  lines(event: SessionEvent): OutputLine[];
}

/** `--json`: every event exactly as the engine emitted it (and a recording stores it), one per line. */
export function jsonEventPrinter(): EventPrinter {
  return { lines: (event) => [{ to: 'out', text: JSON.stringify(event) }] };
}

/** The printer an output plan asks for: JSON events, or human lines (per message, or per frame with --frames). */
export function printerFor(output: OutputPlan, out: Palette, err: Palette): EventPrinter {
  if (output.format === 'json') return jsonEventPrinter();
  const { pretty, include, showPingPong, base64 } = output;
  return humanEventPrinter({ frames: output.format === 'frames', pretty, include, showPingPong, base64 }, out, err);
}

/** What the human printer shows. */
export interface HumanOptions {
  /** One line per frame with its header bits instead of one per message. */
  readonly frames: boolean;
  readonly pretty: boolean;
  /** The upgrade request and response heads, DNS, TCP and TLS details. */
  readonly include: boolean;
  readonly showPingPong: boolean;
  readonly base64: boolean;
}

/** Codes of errors a `closed` verdict explains better (they come before an open). */
const EXPLAINED_BY_CLOSE = new Set(['CONNECT_FAILED', 'TLS_FAILED', 'PROXY_FAILED', 'HANDSHAKE_TIMEOUT', 'HANDSHAKE_INVALID', 'HANDSHAKE_REFUSED']);
/** How the engine's keep-alive pings begin (main/engine/client/heartbeat.ts). */
const HEARTBEAT_PREFIX = 'wstap-heartbeat-';
/** Headers of a refused upgrade that say why, shown even without -i. */
const TELLING_HEADERS = new Set(['www-authenticate', 'location', 'retry-after', 'content-type']);

/**
 * Human lines: `< +1.234s [text 5 B] hello` for messages (stdout), control frames and closes
 * marked, violations beneath what broke the rule, and the connection's story (connected, refused
 * with the body, the close verdict) on stderr.
 */
export function humanEventPrinter(options: HumanOptions, out: Palette, err: Palette): EventPrinter {
  let t0: number | null = null;
  const opened = new Set<number>();
  // Connections wstap's server accepted: their story is told from the server's side.
  const served = new Set<number>();
  const stamp = (dir: Direction, t: number): string => {
    const arrow = dir === 'in' ? out.green('<') : out.blue('>');
    return `${arrow} ${out.dim(`+${((t - (t0 ?? t)) / 1000).toFixed(3)}s`)}`;
  };
  const o = (text: string): OutputLine => ({ to: 'out', text });
  const e = (text: string): OutputLine => ({ to: 'err', text });
  const violations = (vs: readonly Violation[], to: Target): OutputLine[] => vs.map((v) => ({ to, text: violationLine(v, to === 'out' ? out : err) }));

  const frame = (f: FrameEvent): OutputLine[] => {
    const control = f.opcodeName === 'ping' || f.opcodeName === 'pong';
    const close = f.opcodeName === 'close';
    const broken = f.violations.length > 0;
    if (options.frames) {
      const bits = close ? out.yellow(frameJsonBits(f)) : control ? out.magenta(frameJsonBits(f)) : frameJsonBits(f);
      const mark = broken ? `${out.red('✗')} ` : '';
      return [o(`${stamp(f.dir, f.t)} ${mark}${bits}  ${frameJsonSummary(f)}`.trimEnd()), ...violations(f.violations, 'out')];
    }
    if (close) return [o(`${stamp(f.dir, f.t)} ${out.yellow(`close ${frameJsonSummary(f)}`.trimEnd())}`), ...violations(f.violations, 'out')];
    if (control && (options.showPingPong || broken)) return [o(`${stamp(f.dir, f.t)} ${out.magenta(f.opcodeName)} ${frameJsonSummary(f)}`.trimEnd()), ...violations(f.violations, 'out')];
    // A data frame shows as its message; one that broke a rule is shown too, with the rule.
    if (broken) return [o(`${stamp(f.dir, f.t)} ${out.red('✗ frame')} ${frameJsonBits(f)}  ${frameJsonSummary(f)}`.trimEnd()), ...violations(f.violations, 'out')];
    return [];
  };

  const message = (m: MessageEvent): OutputLine[] => {
    const extras = [m.frameCount > 1 ? `${m.frameCount} frames` : '', m.compressed ? `${m.wireLength} B on the wire` : ''].filter(Boolean);
    const head = `[${m.opcodeName} ${m.size} B${extras.length > 0 ? `, ${extras.join(', ')}` : ''}]`;
    const after = violations(m.violations, 'out');
    // In the frame view a message adds a line only when its frames could not show its content.
    if (options.frames) {
      if (!m.compressed && after.length === 0) return [];
      return [o(`${' '.repeat(10)}${out.cyan(`= ${head}`)} ${body(m, true)}`.trimEnd()), ...after];
    }
    const pretty = options.pretty && m.text !== undefined ? prettyJson(m.text) : null;
    if (pretty) return [o(`${stamp(m.dir, m.t)} ${out.cyan(head)}`), ...pretty.map((line) => o(`    ${line}`)), ...after];
    return [o(`${stamp(m.dir, m.t)} ${out.cyan(head)} ${body(m, false)}`.trimEnd()), ...after];
  };

  const body = (m: MessageEvent, short: boolean): string => {
    if (m.text !== undefined) return short ? quoted(m.text, m.size) : escapeText(m.text);
    if (m.base64 === undefined) return m.size === 0 ? '' : out.dim('[payload not kept]');
    if (options.base64 && !short) return m.base64;
    return hexPreview(Buffer.from(m.base64, 'base64'), m.size);
  };

  return {
    lines(event) {
      // Times count from the first event: a live session's `connecting`, or whatever a recording
      // begun mid-session starts with.
      t0 ??= event.t;
      switch (event.type) {
        case 'connecting':
          if (event.role === 'server') {
            served.add(event.conn);
            return [];
          }
          return [e(err.dim(`connecting to ${event.url}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`))];
        case 'dns':
          return options.include ? [e(err.dim(`dns ${event.host} → ${event.address} in ${ms(event.ms)}`))] : [];
        case 'tcp':
          if (served.has(event.conn)) return [e(err.dim(`client ${event.remoteAddress}:${event.remotePort} connected`))];
          return options.include ? [e(err.dim(`tcp ${event.localAddress}:${event.localPort} → ${event.remoteAddress}:${event.remotePort} in ${ms(event.ms)}`))] : [];
        case 'tls': {
          const cert = event.peerCertificate;
          const lines = options.include
            ? [e(err.dim(`tls ${event.protocol ?? '?'} ${event.cipher ?? ''}${event.alpn ? ` alpn=${event.alpn}` : ''} in ${ms(event.ms)}`))]
            : [];
          if (options.include && cert) lines.push(e(err.dim(`tls certificate ${cert.subject} issued by ${cert.issuer}, valid to ${cert.validTo} (${cert.daysLeft} days)`)));
          if (!event.authorized) lines.push(e(err.yellow(`tls certificate NOT verified (--insecure): ${event.authorizationError ?? 'unknown reason'}`)));
          return lines;
        }
        case 'upgrade-request':
          if (served.has(event.conn) && !options.include) return [e(err.dim(escapeText(event.requestLine)))];
          return options.include ? requestLines(event, err, served.has(event.conn) ? '<' : '>') : [];
        case 'upgrade-response':
          // A refusal's status line says what HANDSHAKE_NOT_101 would.
          return [...responseLines(event, options.include, err, served.has(event.conn) ? '>' : '<'), ...violations(event.violations.filter((v) => v.code !== 'HANDSHAKE_NOT_101'), 'err')];
        case 'open': {
          opened.add(event.conn);
          const what = [event.subprotocol ? `subprotocol ${event.subprotocol}` : '', event.extensions ? `extensions: ${event.extensions}` : ''].filter(Boolean);
          const opening = served.has(event.conn) ? 'open' : `connected in ${ms(event.ms)}`;
          return [e(err.green(opening) + (what.length > 0 ? err.dim(` (${what.join('; ')})`) : ''))];
        }
        case 'frame':
          return frame(event);
        case 'message':
          return message(event);
        case 'rtt':
          // Keep-alive pings would be noise every interval; a ping the user sent is an answer awaited.
          return options.showPingPong || options.frames || !event.payload.startsWith(HEARTBEAT_PREFIX)
            ? [e(err.dim(`round trip ${ms(event.rtt)} (ping "${escapeText(event.payload)}")`))]
            : [];
        case 'heartbeat-timeout':
          return [e(err.red(`no pong for ${ms(event.silentMs)} after ${event.missed} ping${event.missed === 1 ? '' : 's'}: dropping the connection`))];
        case 'closed':
          return [e(closedLine(event, err))];
        case 'error':
          if (!opened.has(event.conn) && EXPLAINED_BY_CLOSE.has(event.code)) return [];
          return [e(err.red(`error ${event.code}: ${event.message}`))];
        case 'reconnect':
          return [e(err.yellow(`reconnecting in ${ms(event.delayMs)} (attempt ${event.attempt})`))];
        case 'session-end':
          return event.reason.startsWith('stopped') ? [] : [e(err.red(`giving up: ${event.reason}`))];
        case 'stream-end':
          return [o(`${stamp(event.dir, event.t)} ${out.red(`the stream ended inside a frame or message (${event.bytes} B left)`)}`), ...violations(event.violations, 'out')];
        case 'listening':
          return [e(err.green(`listening on ${event.url}`) + err.dim(` (${event.behaviour})`))];
        case 'server-stopped':
          return [e(err.dim(`stopped ${event.url}: ${event.connections} connection${event.connections === 1 ? '' : 's'} served`))];
        case 'room':
          return [e(err.dim(`${event.action === 'join' ? 'joined' : 'left'} room ${escapeText(event.room)} (${event.members} member${event.members === 1 ? '' : 's'})`))];
        case 'rule':
          return [e(err.dim(`rule ${escapeText(event.rule)}${event.route === '*' ? '' : ` of ${escapeText(event.route)}`} → ${event.actions.map(escapeText).join(', ') || 'no actions'}`))];
        case 'log': {
          const paint = event.level === 'error' ? err.red : event.level === 'warn' ? err.yellow : err.dim;
          return [e(paint(`log${event.level === 'info' ? '' : ` ${event.level}`}: ${escapeText(event.message)}`))];
        }
        case 'reload':
          return [e(event.ok ? err.green(`reloaded ${event.files.join(', ')}: ${event.message}`) : err.red(`reload refused (${event.files.join(', ')}), the last good version stays: ${event.message}`))];
        case 'script':
          return scriptLines(event, out, err);
        default:
          return assertNever(event);
      }
    },
  };
}

/** The request head, marked `>` (we sent it) or `<` (a client sent it to wstap's server). */
function requestLines(event: UpgradeRequestEvent, c: Palette, mark: '>' | '<'): OutputLine[] {
  return [event.requestLine, ...event.headers.map(([name, value]) => `${name}: ${value}`)].map((line) => ({ to: 'err', text: c.dim(`${mark} ${escapeText(line)}`) }));
}

/** The response head, marked `<` (the server's answer to us) or `>` (wstap's server answered). */
function responseLines(event: UpgradeResponseEvent, include: boolean, c: Palette, mark: '>' | '<'): OutputLine[] {
  const refused = event.status !== 101;
  if (!include && !refused) return [];
  const e = (text: string): OutputLine => ({ to: 'err', text });
  const lines = [e(refused ? c.red(`${mark} ${escapeText(event.statusLine)}`) : c.dim(`${mark} ${escapeText(event.statusLine)}`))];
  for (const [name, value] of event.headers) {
    if (include || TELLING_HEADERS.has(name.toLowerCase())) lines.push(e(c.dim(`${mark} ${escapeText(`${name}: ${value}`)}`)));
  }
  const body = event.body;
  if (body && body.length > 0) {
    const cut = body.truncated ? `, first ${body.text !== undefined ? Buffer.byteLength(body.text) : Buffer.from(body.base64 ?? '', 'base64').length} B shown` : '';
    lines.push(e(c.dim(`${mark} body (${body.length} B${cut}):`)));
    if (body.text !== undefined) for (const line of body.text.replace(/\r?\n$/, '').split(/\r?\n/)) lines.push(e(`${mark}   ${escapeText(line)}`));
    else lines.push(e(`${mark}   [binary] ${hexPreview(Buffer.from(body.base64 ?? '', 'base64'), body.length)}`));
  }
  return lines;
}

/** A script's log lines are its output (stdout); its start and end are status (stderr). */
function scriptLines(event: ScriptEvent, out: Palette, err: Palette): OutputLine[] {
  if (event.phase === 'log') {
    const paint = event.level === 'error' ? out.red : event.level === 'warn' ? out.yellow : (text: string) => text;
    // The script's own text: control characters neutralised, backslashes left as the script wrote them.
    return [{ to: 'out', text: paint(withoutControls(event.message)) }];
  }
  if (event.phase === 'start') return [{ to: 'err', text: err.dim(`running ${event.message}`) }];
  const lines: OutputLine[] = [];
  // Failures quote payloads already escaped (failures.ts): only raw control characters are left to neutralise.
  for (const line of event.failure?.split('\n') ?? []) lines.push({ to: 'err', text: err.red(`✗ ${withoutControls(line)}`) });
  const paint = event.outcome === 'passed' ? err.green : err.red;
  lines.push({ to: 'err', text: paint(`${event.outcome === 'passed' ? '✓' : '✗'} ${event.name}: ${event.message}`) });
  return lines;
}

export function withoutControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function closedLine(event: ClosedEvent, c: Palette): string {
  const clean = event.code === 1000 || event.code === 1001 || event.code === 1005;
  const text = `closed: ${event.explanation}`;
  return clean ? c.green(text) : c.red(text);
}
