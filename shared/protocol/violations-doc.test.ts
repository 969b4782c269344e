import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { violationsMarkdown } from './violations-doc.js';

describe('docs/protocol.md', () => {
  it('lists exactly the violation rules the decoder reports', () => {
    const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
    expect(doc, 'docs/protocol.md is out of date: paste the output of violationsMarkdown() into it').toContain(violationsMarkdown());
  });
});
