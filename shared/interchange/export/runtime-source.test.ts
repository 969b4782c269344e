import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { withoutPaths, type IgnoreStep } from '../../replay/ignore-paths.js';
import { runtimeSource } from './runtime-source.js';

interface Runtime {
  withoutPaths(value: unknown, paths: readonly (readonly IgnoreStep[])[]): unknown;
  sameJson(a: unknown, b: unknown): boolean;
  sameMessage(recorded: object, received: object, ignore: readonly (readonly IgnoreStep[])[]): boolean;
  withCopies(reply: string, copies: readonly object[], request: unknown): string;
}

/** The helpers as a generated file carries them, evaluated. */
function load(source: string): Runtime {
  return new Function(`${source}\nreturn { withoutPaths, sameJson, sameMessage, withCopies };`)() as Runtime;
}

const js = load(runtimeSource('js', { copies: true }));
const fromTs = load(
  ts.transpileModule(runtimeSource('ts', { copies: true }), {
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  }).outputText,
);

const keys = fc.constantFrom('id', 'ts', 'a', 'b');
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const step: fc.Arbitrary<IgnoreStep> = fc.oneof(
  keys.map((key) => ({ kind: 'key' as const, key })),
  fc.nat(2).map((index) => ({ kind: 'index' as const, index })),
  fc.constant({ kind: 'any' as const }),
  keys.map((key) => ({ kind: 'descendant' as const, key })),
);
const paths = fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { maxLength: 2 });

describe('the runtime a generated file carries', () => {
  it('leaves out exactly what wstap replay --ignore leaves out (JavaScript and TypeScript alike)', () => {
    fc.assert(
      fc.property(json, paths, (value, steps) => {
        const expected = withoutPaths(
          value,
          steps.map((s) => ({ source: '', steps: s })),
        );
        expect(js.withoutPaths(value, steps)).toEqual(expected);
        expect(fromTs.withoutPaths(value, steps)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('has no annotations left in JavaScript and keeps them in TypeScript', () => {
    expect(runtimeSource('js', { copies: true })).not.toMatch(/\/\*|: unknown|type JsonStep/);
    expect(runtimeSource('ts')).toContain(
      'function withoutPaths(value: unknown, paths: readonly (readonly JsonStep[])[]): unknown {',
    );
    expect(runtimeSource('ts')).not.toContain('withCopies');
  });

  it('matches messages: same bytes, same JSON in any key order, ignored fields aside', () => {
    const id = [[{ kind: 'key', key: 'id' } as const]];
    expect(js.sameMessage({ text: 'hi' }, { text: 'hi' }, [])).toBe(true);
    expect(js.sameMessage({ text: '{"a":1,"b":[1,2]}' }, { text: '{ "b": [1, 2], "a": 1 }' }, [])).toBe(true);
    expect(js.sameMessage({ text: '{"a":1,"id":1}' }, { text: '{"id":2,"a":1}' }, [])).toBe(false);
    expect(js.sameMessage({ text: '{"a":1,"id":1}' }, { text: '{"id":2,"a":1}' }, id)).toBe(true);
    expect(js.sameMessage({ text: '{"a":1}' }, { text: '{"a":2}' }, id)).toBe(false);
    expect(js.sameMessage({ base64: 'AQI=' }, { base64: 'AQI=' }, [])).toBe(true);
    expect(js.sameMessage({ base64: 'AQI=' }, { text: 'AQI=' }, [])).toBe(false);
    expect(js.sameMessage({ text: 'not json' }, { text: 'not  json' }, id)).toBe(false);
  });

  it('copies the live request values into a reply at the recorded places', () => {
    const copies = [
      { to: ['id'], from: ['id'] },
      { to: ['data', 0, 'ref'], from: ['req'] },
    ];
    const reply = '{"id":1,"data":[{"ref":"r-1"}],"ok":true}';
    expect(fromTs.withCopies(reply, copies, { id: 77, req: 'r-9' })).toBe(
      '{"id":77,"data":[{"ref":"r-9"}],"ok":true}',
    );
    expect(fromTs.withCopies(reply, copies, { id: 78 })).toBe('{"id":78,"data":[{"ref":"r-1"}],"ok":true}');
    expect(fromTs.withCopies('plain', copies, { id: 1 })).toBe('plain');
    expect(fromTs.withCopies(reply, [], { id: 1 })).toBe(reply);
  });
});
