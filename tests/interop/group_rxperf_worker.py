"""A group worker serving an echo service and rxperf on one endpoint, keeping a record.

Started by a group supervisor (see :meth:`trio_rxrpc.GroupMember.from_environment`), it
listens for two services on its member endpoint:

* :data:`ECHO_SERVICE`: the reply is the member's index, a colon, and the request;
* rxperf (service 147), served by :class:`trio_rxrpc._rxperf.Server` with the patterned
  payload, so that ``crxperf -V`` checks what it gets.

SIGTERM stops it taking new calls; the calls in progress get a moment to finish.  Then it
writes a JSON record to ``$GROUP_RECORD_DIR/worker-INDEX-PID.json`` and exits with status
0.  The record holds the echo requests it served, its rxperf totals, every server
connection it saw (from the calls it served and from the endpoint's listing) and its
endpoint's drop counters.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING

import trio

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf

if TYPE_CHECKING:
    from trio_rxrpc._endpoint import Endpoint

ECHO_SERVICE = 4344
RECORD_DIR_VARIABLE = "GROUP_RECORD_DIR"
_DRAIN = 5.0

Connection = tuple[int, int, str, int]
"""A server connection as recorded: (epoch, cid, peer, service)."""


def connection_of(call: rx.Call) -> Connection:
    """The server connection ``call`` arrived on."""
    conn = call._started().conn
    return (conn.epoch, conn.cid, f"{call.peer[0]}:{call.peer[1]}", conn.service_id)


class RecordingServer(rxperf.Server):
    """The rxperf server, noting each call's connection."""

    def __init__(self, sock: rx.BoundSocket, connections: set[Connection]) -> None:
        super().__init__(sock, rxperf.Payload.create(verify=True))
        self.connections = connections

    async def handle(self, call: rx.Call) -> None:
        self.connections.add(connection_of(call))
        await super().handle(call)


async def serve_echo(call: rx.Call, index: int, served: list[str],
                     connections: set[Connection]) -> None:
    connections.add(connection_of(call))
    try:
        async with call:
            request = await call.receive_all()
            await call.send_all(b"%d:" % index + request)
            await call.send_eof()
    except rx.CallError:
        return
    served.append(request.decode())


def write_record(ep: Endpoint, member: rx.GroupMember, served: list[str],
                 server: RecordingServer, connections: set[Connection]) -> None:
    for row in ep.list_connections():
        if row.side == "server":
            connections.add((row.epoch, row.cid, row.remote, row.service_id))
    stats = ep.statistics()
    record = {
        "index": member.index,
        "size": member.size,
        "pid": os.getpid(),
        "echo": served,
        "rxperf_calls": server.stats.calls,
        "rxperf_failed": server.stats.failed,
        "connections": sorted(connections),
        "datagrams_received": stats.datagrams_received,
        "dropped": dict(stats.dropped),
    }
    folder = Path(os.environ[RECORD_DIR_VARIABLE])
    path = folder / f"worker-{member.index}-{os.getpid()}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record))
    temporary.rename(path)


async def main() -> None:
    member = rx.GroupMember.from_environment()
    assert member is not None, "not started by a group supervisor"
    served: list[str] = []
    connections: set[Connection] = set()
    async with rx.open_endpoint(group=member) as ep:
        echo = ep.socket()
        echo.listen([ECHO_SERVICE], backlog=256)
        perf = ep.socket()
        perf.listen([rxperf.SERVICE], backlog=256)
        server = RecordingServer(perf, connections)
        with trio.open_signal_receiver(signal.SIGTERM) as signals:
            async with trio.open_nursery() as calls:
                with trio.CancelScope() as accepting:

                    async def stop_on_signal() -> None:
                        async for _ in signals:
                            accepting.cancel()
                            return

                    calls.start_soon(stop_on_signal)
                    calls.start_soon(server.serve)
                    while True:
                        call = await echo.accept()
                        calls.start_soon(serve_echo, call, member.index, served, connections)
                # rxperf calls run in the server's own nursery: stop accepting there too,
                # once those in progress had a moment to finish.
                await rxperf.drain(ep, _DRAIN)
                calls.cancel_scope.cancel()
        write_record(ep, member, served, server, connections)


if __name__ == "__main__":
    trio.run(main)
