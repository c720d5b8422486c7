"""A multiqueue server (bound sockets sharing one accept queue) called by OpenAFS's C Rx.

The C rxperf peer (``crxperf``, built on OpenAFS's own rx library) makes RPC calls, many at
once, to a server whose worker sockets pull from one shared accept queue through the message
API, each charging one user call ID at a time.
"""

from __future__ import annotations

import itertools
import struct
from collections import Counter
from typing import TYPE_CHECKING

import trio

import trio_rxrpc as rx

if TYPE_CHECKING:
    from pathlib import Path

RXPERF_SERVICE = 147
RXPERF_VERSION = 3
RXPERF_RPC = 3
END_COOKIE = struct.pack(">I", 0x00004711)


def parse_rpc_request(data: bytes) -> tuple[int, bytes] | None:
    """(reply size, request payload) of a complete rxperf RPC request, None if short."""
    if len(data) < 24:
        return None
    version, op, _rsize, _wsize, request_len, reply_len = struct.unpack_from(">6i", data)
    assert (version, op) == (RXPERF_VERSION, RXPERF_RPC)
    return reply_len, data[24:24 + request_len]


async def rpc_worker(sock: rx.BoundSocket, name: str, served: Counter[str]) -> None:
    ids = itertools.count()
    sock.charge_accept((name, next(ids)))
    pending: dict[object, bytearray] = {}
    while True:
        msg = await sock.recvmsg()
        if msg.end_of_record:
            pending.pop(msg.user_id, None)
            sock.charge_accept((name, next(ids)))
            continue
        buf = pending.setdefault(msg.user_id, bytearray())
        buf += msg.data
        if not msg.more:
            parsed = parse_rpc_request(bytes(buf))
            assert parsed is not None
            reply_len, _payload = parsed
            served[name] += 1
            await sock.sendmsg(msg.user_id, bytes(reply_len) + END_COOKIE, end_of_record=True)


async def test_crxperf_client_calls_a_multiqueue_server(crxperf: Path) -> None:
    served: Counter[str] = Counter()
    calls = 400
    with trio.fail_after(120):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
            first = ep.socket()
            first.listen([RXPERF_SERVICE], backlog=64)
            workers = [first, *(first.bind_channel() for _ in range(3))]
            for i, sock in enumerate(workers):
                nursery.start_soon(rpc_worker, sock, f"w{i}", served)
            done = await trio.run_process(
                [str(crxperf), "client", "-s", "127.0.0.1", "-p", str(ep.address[1]),
                 "-c", "rpc", "-n", str(calls), "-T", "16", "-S", "100", "-R", "1000"],
                capture_stdout=True, capture_stderr=True, check=False)
            output = done.stdout.decode()
            rows = ep.list_sockets()
            nursery.cancel_scope.cancel()
    assert done.returncode == 0, output + done.stderr.decode()
    result = dict(item.split("=", 1) for item in output.split("RESULT", 1)[1].split()
                  if "=" in item)
    assert result["ok"] == str(calls)
    assert result["failed"] == "0"
    assert sum(served.values()) == calls
    assert len(served) >= 2, f"the shared queue spread calls over workers: {served}"
    assert len(rows) == 4
    assert all(row.service_ids == (RXPERF_SERVICE,) for row in rows)
