#!/usr/bin/python3
"""An echo server on python3-websockets (10.x, legacy asyncio API), a real peer for wstap's tests.

Usage: ws_server.py [--port 0] [--deflate]

Listens on 127.0.0.1, prints "LISTENING <port>" once bound, echoes every message with its type on
any path. The same text commands as the Go echo peer:
  close:<code>:<reason>  close the connection with that code and reason; any code 0-65535 goes out
                         as asked, even one websockets refuses to send (1005 as an empty Close,
                         like gorilla), then the server waits for the client's Close
  ping:<data>            send a ping with that payload
  frag:<n>:<text>        send <text> as n fragments; websockets then adds an empty FIN frame,
                         so n + 1 frames go out
  drop                   close the TCP connection at once, without a Close frame
"""

import argparse
import asyncio
import struct
import sys

import websockets
from websockets.frames import Close


async def handle(ws, _path=None):
    try:
        async for message in ws:
            if isinstance(message, str) and await command(ws, message):
                continue
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass


async def command(ws, text):
    if text.startswith("close:"):
        code, _, reason = text[len("close:"):].partition(":")
        if code.isdigit() and int(code) < 65536:
            await close(ws, int(code), reason)
            return True
    elif text == "drop":
        ws.transport.close()
        return True
    elif text.startswith("ping:"):
        await ws.ping(text[len("ping:"):])
        return True
    elif text.startswith("frag:"):
        n, _, body = text[len("frag:"):].partition(":")
        if n.isdigit() and int(n) > 0:
            count = int(n)
            await ws.send([body[len(body) * i // count:len(body) * (i + 1) // count] for i in range(count)])
            return True
    return False


async def close(ws, code, reason):
    frame = Close(code, reason)
    try:
        frame.check()
    except websockets.exceptions.ProtocolError:
        # websockets refuses to send this code: write the frame ourselves, then go on reading until
        # the client's Close (or the connection's end) ends the handler, as after close().
        data = b"" if code == 1005 else struct.pack("!H", code) + reason.encode()
        await ws.write_close_frame(frame, data)
        return
    await ws.close(code, reason)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--deflate", action="store_true")
    args = parser.parse_args()
    async with websockets.serve(
        handle,
        "127.0.0.1",
        args.port,
        compression="deflate" if args.deflate else None,
        max_size=None,
        ping_interval=None,
    ) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"LISTENING {port}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
