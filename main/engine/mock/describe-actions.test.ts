import { expect, it } from 'vitest';
import { describeActions } from './describe-actions.js';
import { mockFrom } from './mock-behaviour.test-util.js';

it('describes every action in a few words for the timeline', () => {
  const [route] = mockFrom(`
routes:
  - onConnect:
      - reply: "hello {{state.user}}, this is a rather long greeting text"
        fragments: 3
        compress: true
      - reply: { json: { a: 1 } }
        fragments: [1, 6]
      - reply: { binary: "00 01 02" }
        unless: quiet
      - broadcast: hi
        room: "{{params.room}}"
        exceptSelf: true
      - broadcast: { json: {} }
      - delay: 1500
      - close: { code: 4000, reason: bye }
      - close: {}
      - close: { code: 1005, force: true }
      - drop: true
      - pongs: false
      - pongs: true
      - ping: hb
      - ping: true
      - raw: [{ opcode: 1 }, { opcode: 3 }]
      - every: 2m
        times: 5
        then: [{ reply: tick }]
      - after: 250ms
        then: [{ reply: a }, { reply: b }]
      - set: { a: 1, b: "{{$.x}}" }
      - join: lobby
      - leave: lobby
      - log: note
`).routes;
  expect(describeActions(route?.onConnect ?? [])).toEqual([
    'reply text "hello {{state.user}}, this is a rather …", 3 fragments, compressed',
    'reply json, fragments 1+6',
    'reply binary 3 B unless quiet',
    'broadcast text "hi" to "{{params.room}}" except self',
    'broadcast json to own rooms',
    'delay 1.5s',
    'close 4000 "bye"',
    'close (no code)',
    'close 1005 forced',
    'drop TCP',
    'pongs off',
    'pongs on',
    'ping "hb"',
    'ping',
    'raw 2 frames',
    'every 2m ×5: 1 action',
    'after 250ms: 2 actions',
    'set a, b',
    'join "lobby"',
    'leave "lobby"',
    'log "note"',
  ]);
});
