import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/interchange/conversation.js';
import { selectConnections } from './select-connections.js';
import { recordedConnection } from './script.test-util.js';

const conversation: Conversation = {
  source: 'wstap-recording',
  connections: [
    recordedConnection([], { id: 1 }),
    recordedConnection([], { id: 2, status: 401, url: 'ws://127.0.0.1:9000/private' }),
    recordedConnection([], { id: 3 }),
  ],
};

describe('the recorded connections a replay serves', () => {
  it('all that opened, in file order, or the ones named, in their order, with a warning for refused ones', () => {
    const all = selectConnections(conversation, null);
    expect(all.connections.map((c) => c.id)).toEqual([1, 3]);
    expect(all.warnings).toEqual([
      'connection 2 (ws://127.0.0.1:9000/private) was refused with 401: not served',
    ]);
    expect(selectConnections(conversation, [3, 1]).connections.map((c) => c.id)).toEqual([3, 1]);
  });

  it('refuses ids the file lacks, and a choice with nothing to serve', () => {
    expect(() => selectConnections(conversation, [7])).toThrow(
      'the file has no connection 7 (its connections: 1, 2, 3)',
    );
    expect(() => selectConnections(conversation, [2])).toThrow(
      'none of the connections chosen (2) opened: nothing to replay',
    );
    expect(() => selectConnections({ source: 'har-chrome', connections: [] }, null)).toThrow(
      'the file holds no WebSocket connection to replay',
    );
  });
});
