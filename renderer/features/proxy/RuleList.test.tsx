import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RuleList } from './RuleList.js';

describe('RuleList', () => {
  it('shows each rule with its counters, and a match as text, never HTML', () => {
    const html = renderToStaticMarkup(
      <RuleList
        rules={[
          {
            id: 3,
            toward: 'app',
            match: '<img src=x>',
            latencyMs: 0,
            jitterMs: 0,
            dropRate: 1,
            delayed: 2,
            dropped: 7,
          },
        ]}
        onRemove={() => {}}
      />,
    );
    expect(html).toContain('data-testid="proxy-rule-3-dropped">dropped 7<');
    expect(html).toContain('data-testid="proxy-rule-3-delayed">delayed 2<');
    expect(html).toContain('/&lt;img src=x&gt;/');
    expect(html).not.toContain('<img');
  });

  it('says when there is no rule', () => {
    expect(renderToStaticMarkup(<RuleList rules={[]} onRemove={() => {}} />)).toContain('No rules');
  });
});
