import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handshakeMarkdown, violationsMarkdown } from './violations-doc.js';

describe('docs/protocol.md', () => {
  const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
  it('lists exactly the frame rules the decoder reports', () => {
    expect(doc, 'docs/protocol.md is out of date: paste the output of violationsMarkdown() into it').toContain(violationsMarkdown());
  });
  it('lists exactly the handshake rules', () => {
    expect(doc, 'docs/protocol.md is out of date: paste the output of handshakeMarkdown() into it').toContain(handshakeMarkdown());
  });
});
