import { describe, expect, it } from 'vitest';
import { planServe } from './serve-plan.js';

describe('serve flags', () => {
  it('defaults: echo on 127.0.0.1, a free port, deflate accepted, reload on edit', () => {
    expect(planServe({})).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      mode: { kind: 'echo' },
      tls: { kind: 'none' },
      deflate: true,
      watch: true,
      reloadClose: null,
      quiet: false,
    });
  });

  it('chooses one mode and checks the flags that go with it', () => {
    expect(planServe({ broadcast: true, roomParam: 'room' }).mode).toEqual({
      kind: 'broadcast',
      roomParam: 'room',
      excludeSelf: false,
    });
    expect(planServe({ mock: 'm.yaml' }).mode).toMatchObject({
      kind: 'mock',
      file: expect.stringMatching(/\/m\.yaml$/),
    });
    expect(() => planServe({ echo: true, mock: 'm.yaml' })).toThrow('choose one of --echo, --mock');
    expect(() => planServe({ roomParam: 'r' })).toThrow('--room-param goes with --broadcast');
    expect(() => planServe({ reloadClose: '1012' })).toThrow(
      '--reload-close applies to --mock and --handler',
    );
    expect(planServe({ handler: 'h.ts', reloadClose: '1012' }).reloadClose).toBe(1012);
    expect(() => planServe({ mock: 'm.yaml', reloadClose: '1006' })).toThrow(/may not be sent/);
  });

  it('checks ports, limits and TLS files', () => {
    expect(() => planServe({ port: '70000' })).toThrow('--port takes 0-65535');
    expect(() => planServe({ port: 'http' })).toThrow("--port takes a whole number, got 'http'");
    expect(() => planServe({ maxPayload: '0' })).toThrow('--max-payload takes a whole number ≥ 1');
    expect(() => planServe({ tlsCert: 'c.pem' })).toThrow('--tls-cert and --tls-key go together');
    expect(() => planServe({ tlsSelfSigned: true, tlsCert: 'c', tlsKey: 'k' })).toThrow(
      '--tls-self-signed makes its own certificate',
    );
    expect(planServe({ tlsSelfSigned: true }).tls).toEqual({ kind: 'self-signed' });
  });
});
