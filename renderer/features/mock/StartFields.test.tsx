import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_REPLAY } from './replay-form.js';
import { EMPTY_START, type StartDraft } from './start-form.js';
import { StartFields } from './StartFields.js';

const render = (draft: StartDraft): string =>
  renderToStaticMarkup(<StartFields draft={draft} onChange={() => undefined} />);

describe('the start form', () => {
  it("shows the replay options only for a replay, with the draft's values as text", () => {
    for (const behaviour of ['mock', 'echo', 'broadcast'] as const)
      expect(render({ ...EMPTY_START, behaviour })).not.toContain('mock-replay-options');
    const html = render({
      ...EMPTY_START,
      behaviour: 'replay',
      replay: { ...EMPTY_REPLAY, speed: 'max', correlate: '$.id', onMismatch: 'close', connections: '<b>2' },
    });
    expect(html).toContain('data-testid="mock-replay-options"');
    expect(html).toMatch(/data-testid="mock-replay-speed"[^>]*value="max"/);
    expect(html).toMatch(/data-testid="mock-replay-correlate"[^>]*value="\$\.id"/);
    expect(html).toMatch(/<option value="close" selected="">/);
    expect(html).toMatch(/data-testid="mock-replay-connections"[^>]*value="&lt;b&gt;2"/);
    for (const id of ['window', 'ignore', 'mismatch'])
      expect(html).toContain(`data-testid="mock-replay-${id}"`);
  });
});
