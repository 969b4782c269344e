import type { IncomingMessage } from 'node:http';
import type { BodyJson, UpgradeResponseEvent } from '../../../shared/model/events.js';
import { toBase64 } from '../../../shared/protocol/base64.js';
import { checkUpgradeResponse } from '../../../shared/protocol/handshake.js';
import { headerValue, type HttpHead } from '../../../shared/protocol/http-message.js';
import { decodeUtf8, isValidUtf8 } from '../../../shared/protocol/utf8.js';
import type { EventHub } from '../event-hub.js';
import { DEFAULT_MAX_ERROR_BODY } from './client-options.js';
import type { CloseTracker } from './close-tracker.js';

/** How long a refused handshake's body may take to arrive before it is reported as it is. */
const BODY_WAIT_MS = 2000;

/**
 * Reports the server's answer to the upgrade: a 101 (or a redirect being followed) at once, from
 * the bytes the tap parsed; any other answer after its body arrived (bounded), because the body
 * is usually the only place a server says why it refused (wscat#142, websocat#48).
 */
export class HandshakeReporter {
  /** Our upgrade request, once written. */
  request: HttpHead | null = null;
  private pending: { head: HttpHead; t: number; ms: number } | null = null;

  constructor(
    private readonly hub: EventHub,
    private readonly conn: number,
    private readonly maxBody: number = DEFAULT_MAX_ERROR_BODY,
    private readonly tracker: CloseTracker,
  ) {}

  /** The tap parsed a response head. */
  onResponseHead(head: HttpHead, t: number, ms: number, followRedirects: boolean): void {
    if (head.start.kind !== 'response') return;
    const { status, reason } = head.start;
    const redirect = followRedirects && status >= 300 && status < 400 && headerValue(head, 'location') !== undefined;
    if (status === 101 || redirect) return this.emit(head, null, t, ms);
    this.tracker.refused = { status, statusText: reason };
    this.pending = { head, t, ms };
  }

  /** ws handed over a non-101 response: read its body (bounded), then report. */
  async onRefused(response: IncomingMessage): Promise<void> {
    const body = await readBody(response, this.maxBody);
    const pending = this.pending;
    if (pending) return this.emit(pending.head, body, pending.t, pending.ms);
  }

  private emit(head: HttpHead, body: BodyJson | null, t: number, ms: number): void {
    const start = head.start;
    if (start.kind !== 'response') return;
    this.hub.emit<UpgradeResponseEvent>(
      this.conn,
      {
        type: 'upgrade-response',
        statusLine: `${start.version} ${start.status}${start.reason ? ` ${start.reason}` : ''}`,
        status: start.status,
        headers: head.headers,
        body,
        ms: Math.round(ms * 1000) / 1000,
        violations: this.request ? checkUpgradeResponse(this.request, head) : [],
      },
      body === null ? t : undefined,
    );
  }
}

/** Reads up to `max` bytes of a body (de-chunked by Node), counting the rest; gives up after BODY_WAIT_MS. */
function readBody(response: IncomingMessage, max: number): Promise<BodyJson> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let length = 0;
    const finish = (): void => {
      clearTimeout(timer);
      response.removeAllListeners('data');
      const bytes = Buffer.concat(chunks);
      const payload = isValidUtf8(bytes) ? { text: decodeUtf8(bytes) } : { base64: toBase64(bytes) };
      resolve({ ...payload, length, truncated: length > kept });
    };
    const timer = setTimeout(finish, BODY_WAIT_MS);
    response.on('data', (chunk: Buffer) => {
      length += chunk.length;
      const room = max - kept;
      if (room > 0) {
        chunks.push(chunk.subarray(0, room));
        kept += Math.min(room, chunk.length);
      }
      if (length > max) finish();
    });
    response.once('end', finish);
    response.once('error', finish);
    response.once('aborted', finish);
  });
}
