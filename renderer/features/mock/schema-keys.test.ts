import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonSchemaObject } from '../../../shared/ipc/mock-commands.js';
import { allKeys, keysAt, yamlPathAt } from './schema-keys.js';

// The schema main serves (docs/mock-schema.json is kept equal to it by a test of its own).
const schema = JSON.parse(
  readFileSync(new URL('../../../docs/mock-schema.json', import.meta.url), 'utf8'),
) as JsonSchemaObject;
const keys = (path: readonly string[]) => keysAt(schema, path).map((o) => o.key);

const DOC = `routes:
  - path: /chat
    handshake:
      delay: 1s
    rules:
      - match:
          json: $.type
        then:
          - reply: hi
      - name: two
        match: { text: x }
        then:
          - reply: hi
`;

describe('schema keys', () => {
  it('offers the keys of each place in a mock definition', () => {
    expect(keys([])).toEqual(['routes']);
    expect(keys(['routes'])).toEqual(
      expect.arrayContaining([
        'path',
        'handshake',
        'room',
        'heartbeat',
        'onConnect',
        'rules',
        'fallback',
        'handler',
      ]),
    );
    expect(keys(['routes', 'rules'])).toEqual(['name', 'match', 'when', 'then']);
    expect(keys(['routes', 'rules', 'match']).slice(0, 6)).toEqual([
      'text',
      'regex',
      'json',
      'binaryPrefix',
      'binary',
      'any',
    ]);
  });

  it('puts action names first, marked as actions, with their descriptions', () => {
    const actions = keysAt(schema, ['routes', 'rules', 'then']);
    const names = actions.filter((o) => o.kind === 'action').map((o) => o.key);
    expect(names).toEqual(
      expect.arrayContaining(['reply', 'broadcast', 'delay', 'close', 'drop', 'every', 'set', 'log']),
    );
    expect(actions.findIndex((o) => o.kind === 'key')).toBeGreaterThanOrEqual(names.length);
    expect(actions.find((o) => o.key === 'reply')?.info).not.toBe('');
    expect(keys(['routes', 'onConnect'])).toContain('reply');
  });

  it('knows nothing under a key the schema lacks', () => {
    expect(keys(['routes', 'nope'])).toEqual([]);
  });

  it('finds the keys above the cursor from the indentation', () => {
    const lines = DOC.split('\n');
    // A new key under `- path:` (a route's key), under handshake, under a rule, in then:, in match:.
    expect(yamlPathAt([...lines.slice(0, 2)], 2, 4)).toEqual(['routes']);
    expect(yamlPathAt(lines, 4, 6)).toEqual(['routes', 'handshake']);
    expect(yamlPathAt(lines, 9, 8)).toEqual(['routes', 'rules']);
    expect(yamlPathAt(lines, 8, 12)).toEqual(['routes', 'rules', 'then']);
    expect(yamlPathAt(lines, 7, 10)).toEqual(['routes', 'rules', 'match']);
    expect(yamlPathAt(lines, 13, 4)).toEqual(['routes']);
    expect(yamlPathAt(lines, 0, 0)).toEqual([]);
  });

  it('lists every key for JSON, action names marked', () => {
    const all = allKeys(schema);
    expect(all.map((o) => o.key)).toEqual(expect.arrayContaining(['routes', 'reply', 'match', 'heartbeat']));
    expect(all.find((o) => o.key === 'reply')?.kind).toBe('action');
    expect(new Set(all.map((o) => o.key)).size).toBe(all.length);
  });
});
