import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../../shared/replay/replay-report.js';
import { DiffReport } from './DiffReport.js';

const XSS = '<img src=x onerror=alert(1)>';

function report(findings: ReplayReport['connections'][number]['findings']): ReplayReport {
  return {
    mode: 'lockstep',
    match: 'json',
    target: 'ws://127.0.0.1:1',
    durationMs: 12.4,
    differences: findings.length,
    connections: [
      {
        id: 1,
        url: 'ws://127.0.0.1:1/ws',
        liveConn: 9,
        sent: 1,
        expected: 1,
        received: 1,
        matched: 0,
        findings,
      },
    ],
  };
}

describe('replay report', () => {
  it('says a clean replay matched', () => {
    const html = renderToStaticMarkup(<DiffReport report={report([])} onShowConn={() => undefined} />);
    expect(html).toContain('✓ matched: 1 connection replayed as recorded');
    expect(html).toContain('rec-clean');
  });

  it('shows recorded and live side by side with the differing field highlighted, payloads as text', () => {
    const html = renderToStaticMarkup(
      <DiffReport
        report={report([
          {
            kind: 'different',
            step: 1,
            expected: { opcode: 'text', text: `{"text":"hello","room":"${XSS}"}` },
            actual: { opcode: 'text', text: `{"text":"HELLO","room":"${XSS}"}` },
            fields: [{ path: '$.text', expected: '"hello"', actual: '"HELLO"' }],
          },
          { kind: 'missing', step: 2, expected: { opcode: 'text', text: 'bye' } },
        ])}
        onShowConn={() => undefined}
      />,
    );
    expect(html).toContain('✗ 2 differences');
    expect(html).toContain('different in step 1: $.text');
    expect(html).toMatch(
      /data-testid="diff-recorded".*class="rec-line rec-changed" data-changed="true"> {2}&quot;text&quot;: &quot;hello&quot;,/,
    );
    expect(html).toMatch(
      /data-testid="diff-live".*class="rec-line rec-changed" data-changed="true"> {2}&quot;text&quot;: &quot;HELLO&quot;,/,
    );
    expect(html).toContain('class="rec-line" data-changed="false">  &quot;room&quot;');
    expect(html).not.toContain('<img');
    expect(html).toContain('missing in step 2');
  });
});
