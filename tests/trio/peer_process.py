"""A trio-rxrpc peer in a process of its own, for tests that kill it mid-call.

``python3 peer_process.py server`` serves the test service on 127.0.0.1: it prints
``READY <port>``, and for each call reads the whole request, prints ``GOT <size>`` and then
never replies.  ``python3 peer_process.py client PORT`` calls that service on 127.0.0.1:PORT,
sends part of a request without ending it, prints ``SENT`` and never goes on.  Either way the
peer stays in the middle of a call until the test kills the process.
"""

from __future__ import annotations

import sys

import trio

import trio_rxrpc as rx

SERVICE = 4242
"""The service the hostile tests use (``hostile.SERVICE``)."""


async def hold(call: rx.Call) -> None:
    request = await call.receive_all()
    print(f"GOT {len(request)}", flush=True)
    await trio.sleep_forever()


async def server() -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        sock = ep.socket()
        sock.listen([SERVICE])
        async with trio.open_nursery() as nursery:
            await nursery.start(sock.serve, hold)
            print(f"READY {ep.address[1]}", flush=True)


async def client(port: int) -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep, ep.socket().call(
            ("127.0.0.1", port), SERVICE) as call:
        await call.send_all(b"part of a request " * 100)
        call.flush()
        print("SENT", flush=True)
        await trio.sleep_forever()


def main() -> None:
    if sys.argv[1:] == ["server"]:
        trio.run(server)
    elif len(sys.argv) == 3 and sys.argv[1] == "client":
        trio.run(client, int(sys.argv[2]))
    else:
        sys.exit(f"usage: {sys.argv[0]} server | client PORT")


if __name__ == "__main__":
    main()
