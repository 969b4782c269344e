#!/usr/bin/python3
"""A scripted WebSocket client on python3-websockets (10.x, legacy asyncio API), a real peer for
wstap's tests.

Usage: ws_client.py URL [--deflate] [SCRIPT_JSON]   (the script is read from stdin when omitted)

The script is a JSON list of steps, run in order:
  {"op": "text", "data": "hi"}                 send a text message
  {"op": "binary", "base64": "AAE="}           send a binary message
  {"op": "fragments", "data": ["a", "b"]}      send one text message as fragments; binary with
  {"op": "fragments", "base64": ["AA==", ...]} "base64". websockets sends one frame per item,
                                               then an empty FIN continuation frame.
  {"op": "ping", "data": "x"}                  send a ping and wait for its pong
  {"op": "recv", "count": 1}                   wait for that many messages
  {"op": "close", "code": 1000, "reason": ""}  run the closing handshake
  {"op": "wait_closed"}                        wait for the server to close

Every event is printed as one JSON line on stdout:
  {"event": "open", "extensions": [...]}, {"event": "message", "type": "text", "data": ...},
  {"event": "message", "type": "binary", "base64": ...}, {"event": "pong", "data": ...},
  {"event": "closed", "code": ..., "reason": ...}, {"event": "error", "message": ...}
Exits 0 when the script ran to its end, 1 otherwise.
"""

import asyncio
import base64
import json
import sys

import websockets


def emit(**event):
    print(json.dumps(event), flush=True)


def describe(message):
    if isinstance(message, str):
        return {"event": "message", "type": "text", "data": message}
    return {"event": "message", "type": "binary", "base64": base64.b64encode(message).decode()}


async def run(url, deflate, steps):
    async with websockets.connect(
        url, compression="deflate" if deflate else None, max_size=None, ping_interval=None
    ) as ws:
        emit(event="open", extensions=[type(e).__name__ for e in ws.extensions])
        for step in steps:
            op = step["op"]
            if op == "text":
                await ws.send(step["data"])
            elif op == "binary":
                await ws.send(base64.b64decode(step["base64"]))
            elif op == "fragments":
                if "base64" in step:
                    await ws.send([base64.b64decode(p) for p in step["base64"]])
                else:
                    await ws.send(list(step["data"]))
            elif op == "ping":
                data = step.get("data", "")
                await (await ws.ping(data))
                emit(event="pong", data=data)
            elif op == "recv":
                for _ in range(step.get("count", 1)):
                    emit(**describe(await ws.recv()))
            elif op == "close":
                await ws.close(step.get("code", 1000), step.get("reason", ""))
            elif op == "wait_closed":
                try:
                    while True:
                        emit(**describe(await ws.recv()))
                except websockets.ConnectionClosed:
                    pass
            else:
                raise ValueError(f"unknown op {op!r}")
    # Leaving the block ran the closing handshake if the script did not.
    emit(event="closed", code=ws.close_code, reason=ws.close_reason)


def main():
    args = [a for a in sys.argv[1:] if a != "--deflate"]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    steps = json.loads(args[1] if len(args) > 1 else sys.stdin.read())
    try:
        asyncio.run(run(args[0], "--deflate" in sys.argv, steps))
    except Exception as e:  # reported to the test as an event, with a failing exit code
        emit(event="error", message=f"{type(e).__name__}: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
