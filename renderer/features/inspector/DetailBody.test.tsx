import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FrameDetail, MessageDetail } from '../../../shared/ipc/contract.js';
import { toBase64 } from '../../../shared/protocol/base64.js';
import { violation } from '../../../shared/protocol/violations.js';
import { DetailBody } from './DetailBody.js';

const XSS = '<img src=x onerror=alert(1)>';
const b64 = (text: string) => toBase64(new TextEncoder().encode(text));

function frame(over: Partial<FrameDetail['frame']>, payload: string | null): FrameDetail {
  return {
    id: 5,
    conn: 1,
    dir: 'in',
    t: 12.5,
    payloadBase64: payload === null ? null : b64(payload),
    payloadError: null,
    truncated: 0,
    frame: {
      index: 5,
      offset: 120,
      headerLength: 2,
      fin: true,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode: 1,
      opcodeName: 'text',
      masked: false,
      maskKey: null,
      payloadLength: payload?.length ?? 0,
      lengthBits: 7,
      lengthMinimal: true,
      message: 3,
      compressed: false,
      closeCode: null,
      closeReason: null,
      closeName: null,
      violations: [],
      ...over,
    },
  };
}

const render = (detail: FrameDetail) =>
  renderToStaticMarkup(<DetailBody loaded={{ kind: 'frame', detail }} />);

describe('DetailBody', () => {
  it('shows markup in a text payload as text, never as elements', () => {
    const html = render(frame({}, XSS));
    expect(html).toContain('data-testid="detail-payload" data-tab="text"');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('shows markup inside a JSON payload as text in the tree', () => {
    const html = render(frame({}, JSON.stringify({ html: XSS, [XSS]: 1 })));
    expect(html).toContain('data-tab="json"');
    expect(html).toContain('&quot;&lt;img src=x onerror=alert(1)&gt;&quot;');
    expect(html).not.toContain('<img');
  });

  it('shows a close reason with markup as text, with the close code meaning', () => {
    const html = render(frame({ opcode: 8, opcodeName: 'close', closeCode: 4000, closeReason: XSS }, null));
    expect(html).toContain('4000 Private use');
    expect(html).toContain('data-testid="detail-close-meaning"');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('lists every header bit and violations with their RFC section', () => {
    const html = render(
      frame(
        {
          fin: false,
          rsv2: true,
          masked: true,
          maskKey: '0a0b0c0d',
          lengthBits: 16,
          lengthMinimal: false,
          violations: [violation('RSV_NOT_NEGOTIATED', 'RSV2')],
        },
        'hi',
      ),
    );
    for (const id of [
      'fin',
      'rsv1',
      'rsv2',
      'rsv3',
      'opcode',
      'mask',
      'mask-key',
      'length',
      'header-length',
      'offset',
    ])
      expect(html).toContain(`data-testid="detail-${id}"`);
    expect(html).toContain('0 · more fragments follow');
    expect(html).toContain('0a0b0c0d');
    expect(html).toContain('16-bit field (126) · not minimal');
    expect(html).toContain('data-code="RSV_NOT_NEGOTIATED"');
    expect(html).toContain('RFC 6455 §5.2');
    expect(html).toContain('a strict peer closes with 1002 Protocol Error');
  });

  it('shows a message with its compression and a missing payload with its reason', () => {
    const detail: MessageDetail = {
      id: 9,
      conn: 2,
      dir: 'out',
      t: 1,
      opcodeName: 'binary',
      compressed: true,
      wireLength: 100,
      size: 400,
      frameCount: 2,
      frameIds: [10, 11],
      payloadBase64: null,
      payloadError: { code: 'PAYLOAD_DROPPED', message: 'the spill cap was reached' },
      truncated: 0,
      violations: [],
    };
    const html = renderToStaticMarkup(<DetailBody loaded={{ kind: 'message', detail }} />);
    expect(html).toContain('permessage-deflate · 100 B on the wire → 400 B inflated (25%)');
    expect(html).toContain('data-testid="detail-payload-error"');
    expect(html).not.toContain('data-testid="detail-payload"');
    expect(html).toContain('ids 10, 11');
  });
});
