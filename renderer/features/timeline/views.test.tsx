import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ClosedEvent, UpgradeRequestEvent, UpgradeResponseEvent } from '../../../shared/model/events.js';
import { CloseView } from './CloseView.js';
import { HandshakeView } from './HandshakeView.js';
import { PhaseBar } from './PhaseBar.js';

const XSS = '<img src=x onerror=alert(1)>';
const base = { conn: 1, seq: 1, t: 1, wall: 1 };
const request: UpgradeRequestEvent = { ...base, type: 'upgrade-request', requestLine: `GET /${XSS} HTTP/1.1`, headers: [['X-Evil', XSS]] };
const refused: UpgradeResponseEvent = {
  ...base,
  type: 'upgrade-response',
  statusLine: 'HTTP/1.1 401 Unauthorized',
  status: 401,
  headers: [['WWW-Authenticate', 'Bearer']],
  body: { text: `{"error":"no token","x":"${XSS}"}`, length: 60, truncated: false },
  ms: 5,
  violations: [],
};

describe('HandshakeView', () => {
  it('shows a refusal with its headers and readable body, as text only', () => {
    const html = renderToStaticMarkup(<HandshakeView request={request} response={refused} />);
    expect(html).toContain('data-testid="handshake-request"');
    expect(html).toContain('data-testid="handshake-response"');
    expect(html).toContain('data-testid="handshake-body"');
    expect(html).toContain('HTTP/1.1 401 Unauthorized');
    expect(html).toContain('&quot;error&quot;:&quot;no token&quot;');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('notes a binary body shown as base64, and a truncated one', () => {
    const html = renderToStaticMarkup(
      <HandshakeView request={request} response={{ ...refused, body: { base64: 'AAEC', length: 9000, truncated: true } }} />,
    );
    expect(html).toContain('not UTF-8 text: shown as base64');
    expect(html).toContain('AAEC');
    expect(html).toContain('9000 bytes received in all');
  });

  it('has no body for a 101', () => {
    const html = renderToStaticMarkup(<HandshakeView request={request} response={{ ...refused, status: 101, statusLine: 'HTTP/1.1 101 Switching Protocols', body: null }} />);
    expect(html).not.toContain('handshake-body');
  });
});

describe('CloseView', () => {
  const closed: ClosedEvent = {
    ...base,
    type: 'closed',
    initiator: 'peer',
    sent: { code: 1000, reason: '', t: 3 },
    received: { code: 4001, reason: XSS, t: 2 },
    code: 4001,
    handshakeMs: 1.5,
    tcpClean: false,
    explanation: `server closed with 4001 Private use "${XSS}"`,
    duration: 10,
    framesIn: 1,
    framesOut: 1,
    bytesIn: 1,
    bytesOut: 1,
  };

  it('renders the verdict, codes with meanings and the reason as text', () => {
    const html = renderToStaticMarkup(<CloseView closed={closed} role="client" lastError={null} />);
    expect(html).toContain('data-testid="timeline-close-explanation"');
    expect(html).toContain('the server closed first');
    expect(html).toContain('4001 Private use');
    expect(html).toContain('1000 Normal Closure');
    expect(html).toContain('not clean');
    expect(html).not.toContain('<img');
  });

  it('says "not closed" while open', () => {
    expect(renderToStaticMarkup(<CloseView closed={null} role="client" lastError="SOCKET_ERROR: x" />)).toContain('Not closed.');
  });
});

describe('PhaseBar', () => {
  it('renders all four phases, absent ones as —', () => {
    const html = renderToStaticMarkup(
      <PhaseBar
        openMs={12}
        phases={{
          total: 10,
          phases: [
            { name: 'dns', label: 'DNS', start: null, ms: null, detail: '' },
            { name: 'tcp', label: 'TCP', start: 0, ms: 4, detail: '' },
            { name: 'tls', label: 'TLS', start: null, ms: null, detail: '' },
            { name: 'upgrade', label: 'Upgrade', start: 5, ms: 5, detail: '' },
          ],
        }}
      />,
    );
    for (const p of ['dns', 'tcp', 'tls', 'upgrade']) expect(html).toContain(`data-testid="timeline-phase-${p}"`);
    expect(html).toContain('data-ms="4"');
    expect(html).toContain('open after 12 ms');
  });
});
