import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ClosedRelayed } from '../../../shared/ipc/proxy-commands.js';
import { createConsoleModel } from '../../store/console-store.js';
import { ModelContext } from '../../store/use-console.js';
import { closedHeading, closedSummary } from './closed-rows.js';
import { ClosedRow } from './ClosedRow.js';

const ended: ClosedRelayed = {
  conn: 7,
  closedBy: 'target',
  code: 4002,
  reason: '<img src=x>',
  explanation: 'the target closed with 4002',
  at: 0,
};

const render = (closed: ClosedRelayed): string =>
  renderToStaticMarkup(
    <ModelContext.Provider
      value={createConsoleModel({
        call: () => Promise.reject(new Error('no call')),
        onBatch: () => () => undefined,
      })}
    >
      <ClosedRow closed={closed} />
    </ModelContext.Provider>,
  );

describe('an ended relayed connection', () => {
  it('says who closed, with the code and its name', () => {
    expect(closedSummary(ended)).toBe('the target closed: 4002 Private use');
    expect(closedSummary({ ...ended, closedBy: 'app', code: 1000 })).toBe(
      'the app closed: 1000 Normal Closure',
    );
    expect(closedSummary({ ...ended, closedBy: 'wstap', code: 1006 })).toBe(
      'wstap closed: 1006 Abnormal Closure',
    );
    expect(closedSummary({ ...ended, closedBy: 'none', code: 1006 })).toBe(
      'TCP ended without a Close: 1006 Abnormal Closure',
    );
    expect(closedHeading(3, 0)).toBe('Closed connections (3)');
    expect(closedHeading(200, 41)).toBe('Closed connections (200; 41 older not kept)');
  });

  it('shows the reason as text, can be inspected, and takes no intervention', () => {
    const html = render(ended);
    expect(html).toContain('data-testid="proxy-closed-7"');
    expect(html).toContain('data-closed-by="target"');
    expect(html).toContain('&lt;img src=x&gt;');
    expect(html).not.toContain('<img');
    expect(html).toMatch(/<button data-testid="proxy-closed-7-inspect">/);
    for (const control of ['hold', 'inject', 'close', 'cut'])
      expect(html).toMatch(new RegExp(`<button disabled=""[^>]*data-testid="proxy-closed-7-${control}"`));
    expect(render({ ...ended, reason: '' })).not.toContain('proxy-closed-7-reason');
  });
});
