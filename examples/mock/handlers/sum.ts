// The json-api mock's handler: messages no rule matched come here (see json-api.yaml).
interface Request {
  id: number | string;
  method: string;
  params?: unknown;
}

interface Ctx {
  send(data: unknown): void;
  log(...args: unknown[]): void;
}

interface Msg {
  json(): unknown;
}

export function onMessage(ctx: Ctx, msg: Msg): void {
  let request: Request;
  try {
    request = msg.json() as Request;
  } catch {
    ctx.send({ id: null, error: { code: -32700, message: 'parse error: send a JSON object' } });
    return;
  }
  if (
    request.method === 'sum' &&
    Array.isArray(request.params) &&
    request.params.every((n) => typeof n === 'number')
  ) {
    ctx.send({ id: request.id, result: (request.params as number[]).reduce((a, b) => a + b, 0) });
    return;
  }
  ctx.log(`unknown method ${request.method}`);
  ctx.send({ id: request.id, error: { code: -32601, message: `method not found: ${request.method}` } });
}
