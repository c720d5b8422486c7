"""A group worker for the supervisor tests: echoes each request after the member's index.

``python3 group_worker.py`` expects the supervisor's environment (see
:meth:`trio_rxrpc.GroupMember.from_environment`).  A request ``b"sleep:SECONDS|rest"``
is answered SECONDS later, so a test can have calls in progress when it kills or stops a
worker.  SIGTERM stops taking new calls and lets the calls in progress finish.
"""

from __future__ import annotations

import signal

import trio

import trio_rxrpc as rx

SERVICE = 4343


async def serve_call(call: rx.Call, index: int) -> None:
    try:
        async with call:
            request = await call.receive_all()
            if request.startswith(b"sleep:"):
                await trio.sleep(float(request[6:].split(b"|", 1)[0]))
            await call.send_all(b"%d:" % index + request)
            await call.send_eof()
    except rx.CallError:
        pass


async def main() -> None:
    member = rx.GroupMember.from_environment()
    assert member is not None, "not started by a group supervisor"
    async with rx.open_endpoint(group=member) as ep:
        sock = ep.socket()
        sock.listen([SERVICE], backlog=256)
        with trio.open_signal_receiver(signal.SIGTERM) as signals:
            async with trio.open_nursery() as calls:
                with trio.CancelScope() as accepting:

                    async def stop_on_signal() -> None:
                        async for _ in signals:
                            accepting.cancel()
                            return

                    calls.start_soon(stop_on_signal)
                    while True:
                        calls.start_soon(serve_call, await sock.accept(), member.index)


if __name__ == "__main__":
    trio.run(main)
