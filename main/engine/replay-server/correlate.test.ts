import { describe, expect, it } from 'vitest';
import type { JsonPath } from '../mock/definition.js';
import { parseJsonPath } from '../mock/json-path.js';
import { correlateReply } from './correlate.js';

const paths = (...sources: string[]): JsonPath[] => sources.map((s) => parseJsonPath(s) as JsonPath);

describe('copying correlated fields from a live request into its replies', () => {
  it('puts the live id where the reply held the recorded one', () => {
    expect(correlateReply('{"id":1,"result":3}', paths('$.id'), { id: 'abc-9' }, { id: 1 })).toEqual({
      text: '{"id":"abc-9","result":3}',
      applied: ['$.id'],
    });
    expect(
      correlateReply(
        '{"meta":{"rid":[0,7]},"ok":true}',
        paths('$.meta.rid[1]'),
        { meta: { rid: [0, 8] } },
        { meta: { rid: [0, 7] } },
      ),
    ).toEqual({ text: '{"meta":{"rid":[0,8]},"ok":true}', applied: ['$.meta.rid[1]'] });
  });

  it('leaves a reply alone that carries an id of its own, lacks the path, or is not JSON — byte for byte', () => {
    const push = '{ "type": "tick", "id": 900 }';
    expect(correlateReply(push, paths('$.id'), { id: 5 }, { id: 1 })).toEqual({ text: push, applied: [] });
    expect(correlateReply('{"result":3}', paths('$.id'), { id: 5 }, { id: 1 })).toEqual({
      text: '{"result":3}',
      applied: [],
    });
    expect(correlateReply('pong', paths('$.id'), { id: 5 }, { id: 1 })).toEqual({
      text: 'pong',
      applied: [],
    });
    // A live request without the field changes nothing either.
    expect(correlateReply('{"id":1}', paths('$.id'), { op: 'x' }, { id: 1 })).toEqual({
      text: '{"id":1}',
      applied: [],
    });
  });

  it('applies every path it can, and any reply holding the path when the recorded request was not JSON', () => {
    expect(
      correlateReply(
        '{"id":1,"session":"s1","n":2}',
        paths('$.id', '$.session', '$.missing'),
        { id: 2, session: 's2' },
        { id: 1, session: 's1' },
      ),
    ).toEqual({ text: '{"id":2,"session":"s2","n":2}', applied: ['$.id', '$.session'] });
    expect(correlateReply('{"id":1}', paths('$.id'), { id: 2 }, undefined)).toEqual({
      text: '{"id":2}',
      applied: ['$.id'],
    });
  });
});
