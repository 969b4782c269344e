import { describe, expect, it } from 'vitest';
import { fileName } from './file-name.js';

describe('fileName', () => {
  it('takes the last part after either separator', () => {
    expect(fileName('/a/b/r.jsonl')).toBe('r.jsonl');
    expect(fileName('C:\\a\\r.jsonl')).toBe('r.jsonl');
    expect(fileName('r.jsonl')).toBe('r.jsonl');
  });
});
