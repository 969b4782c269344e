import { describe, expect, it } from 'vitest';
import { ConnectionPool } from './pool.js';
import { buildScript } from './script.js';
import { recordedConnection } from './script.test-util.js';

const at = (id: number, path: string) =>
  buildScript(recordedConnection([], { id, url: `ws://127.0.0.1:9000${path}` }));
const ids = (pool: ConnectionPool, paths: readonly string[]) =>
  paths.map((p) => {
    const { script, uses, note } = pool.take(p);
    return [script.connection.id, uses, note];
  });

describe('which recorded connection a client gets', () => {
  it('the next unused one, then each again in turn, saying so', () => {
    const pool = new ConnectionPool([at(3, '/api'), at(5, '/api')]);
    expect(ids(pool, ['/api', '/api', '/api', '/api', '/api'])).toEqual([
      [3, 1, null],
      [5, 1, null],
      [3, 2, 'all 2 recorded connections on /api already served a client: reusing #3 (client 2 of it)'],
      [5, 2, 'all 2 recorded connections on /api already served a client: reusing #5 (client 2 of it)'],
      [3, 3, 'all 2 recorded connections on /api already served a client: reusing #3 (client 3 of it)'],
    ]);
  });

  it('one recorded on the client’s path while one is free, else another, and says why', () => {
    const pool = new ConnectionPool([at(1, '/chat'), at(2, '/feed'), at(3, '/chat')]);
    expect(pool.peek('/feed').connection.id).toBe(2);
    expect(ids(pool, ['/feed', '/chat', '/feed', '/other', '/other', '/chat'])).toEqual([
      [2, 1, null],
      [1, 1, null],
      [2, 2, 'the only recorded connection on /feed already served a client: reusing #2 (client 2 of it)'],
      [3, 1, 'no recorded connection is on /other: taking #3, recorded on /chat'],
      [
        1,
        2,
        'no recorded connection is on /other and all 3 recorded connections already served a client: reusing #1, recorded on /chat (client 2 of it)',
      ],
      [3, 2, 'all 2 recorded connections on /chat already served a client: reusing #3 (client 2 of it)'],
    ]);
  });
});
