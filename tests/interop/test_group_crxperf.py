"""An endpoint group under load from trio-rxrpc clients and crxperf (OpenAFS's C Rx) at once.

A group of 2 or 3 workers (``group_rxperf_worker.py``) serves 3,000 echo calls from 30
client endpoints of this process and the rpc calls of 3 crxperf clients.  Every echo
request is unique, and its reply names the worker that served it, so the test checks that
each call was served exactly once and correctly; crxperf checks its own replies (``-V``).
From the records the workers write when they stop, it checks that no connection was seen by
two workers, that each was seen by the worker the group's rule gives it, and that no worker
dropped a packet as belonging to another member or to a connection it did not know.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import trio
from conftest import peer_missing
from group_rxperf_worker import ECHO_SERVICE, RECORD_DIR_VARIABLE

import trio_rxrpc as rx
from trio_rxrpc._supervisor import GroupSupervisor

if TYPE_CHECKING:
    import subprocess

pytestmark = pytest.mark.interop

WORKER = Path(__file__).with_name("group_rxperf_worker.py")
ROOT = Path(rx.__file__).parent.parent
LOOPBACK = "127.0.0.1"
CLIENTS = 30
CALLS_PER_CLIENT = 100
IN_FLIGHT = 5
"""Echo calls in flight per client endpoint (more than one connection's four channels)."""
C_CLIENTS = 3
C_CALLS = 300


@pytest.fixture
def group_crxperf(crxperf: Path) -> Path:
    if not sys.platform.startswith("linux"):
        peer_missing("endpoint groups need Linux", "run the tests on Linux")
    return crxperf


def fields(line: str) -> dict[str, str]:
    return dict(word.split("=", 1) for word in line.split()[1:] if "=" in word)


async def echo(sock: rx.BoundSocket, port: int, request: bytes) -> tuple[int, bytes]:
    """One echo call: the connection ID it used, and the reply."""
    async with sock.call((LOOPBACK, port), ECHO_SERVICE) as call:
        await call.send_all(request)
        await call.send_eof()
        reply = await call.receive_all()
        return call._started().conn.cid, reply


async def warm_up(port: int, size: int) -> None:
    """Until every worker has answered once (Python takes a moment to start)."""
    async with rx.open_endpoint((LOOPBACK, 0)) as ep, ep.socket() as sock:
        answered: set[bytes] = set()
        n = 0
        while len(answered) < size:
            async with sock.call((LOOPBACK, port), ECHO_SERVICE, exclusive=True) as call:
                await call.send_all(b"warm-%d" % n)
                await call.send_eof()
                answered.add((await call.receive_all()).split(b":")[0])
            n += 1


@pytest.mark.parametrize("size", [2, 3])
async def test_group_serves_every_call_once_with_connections_kept_apart(
        group_crxperf: Path, tmp_path: Path, size: int) -> None:
    records = tmp_path / "records"
    records.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), RECORD_DIR_VARIABLE: str(records)}
    sup = GroupSupervisor([sys.executable, str(WORKER)], size=size,
                          address=(LOOPBACK, 0), env=env, grace=15.0,
                          log=lambda _text: None)
    replies: dict[str, tuple[int, bytes]] = {}
    c_results: list[subprocess.CompletedProcess[bytes]] = []
    with trio.fail_after(60):
        async with trio.open_nursery() as nursery:
            await nursery.start(sup.run)
            port = int(str(sup.address[1]))
            await warm_up(port, size)

            async def our_client(client: int) -> None:
                async with rx.open_endpoint((LOOPBACK, 0)) as ep, ep.socket() as sock:

                    async def caller(lane: int) -> None:
                        for n in range(lane, CALLS_PER_CLIENT, IN_FLIGHT):
                            request = f"c{client}-n{n}"
                            replies[request] = await echo(sock, port, request.encode())

                    async with trio.open_nursery() as lanes:
                        for lane in range(IN_FLIGHT):
                            lanes.start_soon(caller, lane)

            async def c_client() -> None:
                done = await trio.run_process(
                    [str(group_crxperf), "client", "-s", LOOPBACK, "-p", str(port), "-t", "100",
                     "-c", "rpc", "-S", "16", "-R", "16", "-V", "-n", str(C_CALLS), "-T", "4"],
                    capture_stdout=True, capture_stderr=True, check=False)
                c_results.append(done)

            async with trio.open_nursery() as clients:
                for _ in range(C_CLIENTS):
                    clients.start_soon(c_client)
                for client in range(CLIENTS):
                    clients.start_soon(our_client, client)
            sup.stop()
    assert sup.exit_codes == [[0]] * size, sup.exit_codes
    assert sup.restarts == 0

    # The C clients: every call succeeded, with the payload checked.
    assert len(c_results) == C_CLIENTS
    for done in c_results:
        out = done.stdout.decode()
        assert done.returncode == 0, out + done.stderr.decode()
        result = fields(next(line for line in out.splitlines() if line.startswith("RESULT ")))
        assert (result["op"], result["ok"], result["failed"], result["error"]) == \
            ("rpc", str(C_CALLS), "0", "0"), out
        assert int(result["bytes"]) == C_CALLS * 32

    # Our clients: every reply is the request, after the index of the member the group
    # steers the call's connection to.
    assert len(replies) == CLIENTS * CALLS_PER_CLIENT
    for request, (cid, reply) in replies.items():
        assert reply == b"%d:%s" % ((cid >> 2) % size, request.encode()), (request, reply)

    # The workers' records: one per worker, each request served once, by the member the
    # rule names, each connection on one member only, no packet for another member.
    found = [json.loads(path.read_text()) for path in sorted(records.glob("worker-*.json"))]
    assert sorted(record["index"] for record in found) == list(range(size))
    served = Counter(request for record in found for request in record["echo"]
                     if not request.startswith("warm-"))
    assert served == Counter(replies.keys())
    assert sum(record["rxperf_calls"] for record in found) == C_CLIENTS * C_CALLS
    assert all(record["rxperf_failed"] == 0 for record in found)
    owner: dict[tuple[int, int], int] = {}
    for record in found:
        # A packet of a connection another member owns would be dropped here as one
        # that would start a connection for another member, or for no known connection.
        dropped = record["dropped"]
        assert (dropped["wrong_member"], dropped["no_connection"]) == (0, 0), dropped
        for epoch, cid, _peer, _service in record["connections"]:
            assert (cid >> 2) % size == record["index"], (cid, record["index"])
            assert owner.setdefault((epoch, cid), record["index"]) == record["index"]
    # Both kinds of client reached every worker's share of connections through the group.
    services = {service for record in found for *_, service in record["connections"]}
    assert services == {ECHO_SERVICE, 147}
    assert all(record["echo"] for record in found)
