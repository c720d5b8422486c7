"""trio-rxrpc against a real OpenAFS 1.8.9 cell and OpenAFS's own debugging tools.

Our client against the cell (``--noauth`` mode, so every call is rxnull):

* the ptserver answers PR_NameToID, one call at a time on one reused connection and sixteen at
  once over four connections;
* the vlserver answers VL_ListAttributesN2 with a reply that spans two DATA packets;
* the abort codes OpenAFS really sends for an unknown opcode, a truncated request and a service
  the server does not offer.

OpenAFS clients against our endpoint:

* ``rxdebug`` (VERSION and DEBUG packets: statistics, connections, peers, Rx counters), whose
  output is also compared line by line in shape with what it prints for the real ptserver;
* ``udebug``, which makes real Rx calls to the Ubik VOTE service (50): our endpoint answers
  VOTE_XDebug and VOTE_XSDebug with records of our own making, and udebug prints them back.

Facts checked against the cell while writing these tests (not taken from documentation):

* a name the ptserver does not know maps to ANONYMOUSID (32766), not to an error code;
* unknown opcode: ABORT RXGEN_OPCODE (-455); opcode without its arguments: RXGEN_SS_UNMARSHAL
  (-453); fewer than four bytes: RXGEN_DECODE (-454);
* a service ID the server does not offer (999 on port 7002): ABORT RX_INVALID_OPERATION (-2),
  sent by the ptserver itself (seen on the wire with tshark);
* three VLDB entries make a 1440-byte ListAttributesN2 reply: two DATA packets (1416 + 24);
* ``udebug`` refuses ports above 32767 ("can't resolve port name"), and exits 0 even when the
  server does not answer, so its output is what the tests check;
* ``rxdebug`` also exits 0 on failure ("getpeer call failed ..."), likewise.
"""

from __future__ import annotations

import ipaddress
import random
import re
import shutil
import socket
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest
import trio
from afsrpc import (
    ANONYMOUSID,
    PR_NAME_TO_ID,
    PR_SERVICE,
    VL_SERVICE,
    decode_list_attributes_n2_reply,
    decode_name_to_id_reply,
    encode_list_attributes_n2_request,
    encode_name_to_id_request,
)
from conftest import peer_missing

import trio_rxrpc as rx
from trio_rxrpc.xdr import XDRDecoder, XDREncoder

if TYPE_CHECKING:
    from conftest import CellEnv

pytestmark = pytest.mark.interop

CALL_TIMEOUT: Final = 5.0
"""Seconds of silence from the server after which one of our calls fails."""

KNOWN_IDS: Final = {"admin": 1, "user1": 2}
"""The cell's pts users (interop/openafs/cell-up.sh creates them)."""

RXGEN_OPCODE: Final = -455
RXGEN_SS_UNMARSHAL: Final = -453
RXGEN_DECODE: Final = -454
RX_INVALID_OPERATION: Final = -2

ECHO_SERVICE: Final = 4242
"""Service our endpoints offer each other in the rxdebug tests (echoes the request)."""

# Ubik (ubik_int.xg): the VOTE service every database server offers, and its debug RPCs.
VOTE_SERVICE: Final = 50
VOTE_XDEBUG: Final = 10006
VOTE_XSDEBUG: Final = 10007
UBIK_MAX_INTERFACE_ADDR: Final = 256
UBIK_NO_SUCH_SERVER: Final = 2
"""What SVOTE_XSDebug returns (as the call's abort code) for an index past the last server."""


# ------------------------------------------------------------------------------ helpers


async def rpc(
    sock: rx.BoundSocket, address: tuple[str, int], service_id: int, request: bytes
) -> tuple[bytes, rx.CallRow]:
    """Make one call; return the reply and the call's listing row, taken before release."""
    async with sock.call(address, service_id, timeout=CALL_TIMEOUT) as call:
        await call.send_all(request)
        await call.send_eof()
        reply = await call.receive_all()
        return reply, call_row(sock.endpoint, call, address)


def call_row(ep: rx.Endpoint, call: rx.Call, address: tuple[str, int]) -> rx.CallRow:
    """The listing row of one of our client calls (still held by its socket)."""
    rows = [
        row
        for row in ep.list_calls()
        if row.side == "client"
        and row.remote == f"{address[0]}:{address[1]}"
        and row.user_id == repr(call.user_id)
    ]
    assert len(rows) == 1, rows
    return rows[0]


def client_connections(ep: rx.Endpoint, address: tuple[str, int], service_id: int) -> list[
    rx.ConnectionRow
]:
    remote = f"{address[0]}:{address[1]}"
    return [
        conn
        for conn in ep.list_connections()
        if conn.side == "client" and conn.remote == remote and conn.service_id == service_id
    ]


async def name_to_id(sock: rx.BoundSocket, cell: CellEnv, names: list[str]) -> list[int]:
    reply, _ = await rpc(sock, cell.address("pt"), PR_SERVICE, encode_name_to_id_request(names))
    return decode_name_to_id_reply(reply)


async def run_tool(*argv: str | Path) -> str:
    """Run an OpenAFS tool to completion while our endpoints keep serving; return its stdout.

    rxdebug and udebug exit 0 even when the server does not answer, so callers check the text.
    """
    done = await trio.run_process(
        [str(arg) for arg in argv], capture_stdout=True, capture_stderr=True, check=False
    )
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 0, f"{argv} exited {done.returncode}:\n{out}{err}"
    assert not err, f"{argv} wrote to stderr:\n{err}"
    return out


def shape(text: str) -> list[str]:
    """The lines of a tool's output with every number (decimal or hex) replaced by ``#``."""
    return [re.sub(r"\b[0-9a-f]*[0-9][0-9a-f]*\b", "#", line.rstrip())
            for line in text.splitlines()]


def free_port_below_32768() -> int:
    """A free UDP port on 127.0.0.1 that udebug accepts (its port parser stops at 32767).

    Ports below 32768 are outside Linux's ephemeral range, so no other socket takes it between
    this check and our bind.
    """
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20000, 32768)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free UDP port between 20000 and 32767 on 127.0.0.1")


async def answer_echo(call: rx.Call) -> None:
    async with call:
        data = await call.receive_all()
        await call.send_all(data)
        await call.send_eof()


async def serve_echo(
    sock: rx.BoundSocket, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED
) -> None:
    """Echo every call ``sock`` accepts, each in its own task, until cancelled."""
    async with trio.open_nursery() as nursery:
        task_status.started()
        while True:
            nursery.start_soon(answer_echo, await sock.accept())


async def echo(sock: rx.BoundSocket, address: tuple[str, int], payload: bytes) -> None:
    reply, _ = await rpc(sock, address, ECHO_SERVICE, payload)
    assert reply == payload


def local(ep: rx.Endpoint) -> tuple[str, int]:
    host, port = ep.address[:2]
    return str(host), int(port)


# ------------------------------------------------------------------- ptserver (PR, 73)


async def test_name_to_id_finds_admin(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            ids = await name_to_id(ep.socket(), cell, [cell["AFS_ADMIN"]])
    assert ids == [int(cell["AFS_ADMIN_ID"])] == [1]


async def test_name_to_id_maps_an_unknown_name_to_anonymous(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            ids = await name_to_id(ep.socket(), cell, ["admin", "user1", "nosuchuser"])
    # Not an error: the ptserver answers ANONYMOUSID for every name it does not hold.
    assert ids == [1, 2, ANONYMOUSID]
    assert ANONYMOUSID == 32766


async def test_sequential_calls_reuse_one_connection(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    pt = cell.address("pt")
    calls = 8
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            rows = []
            for i in range(calls):
                names = ["user1", "admin"] if i % 2 else ["admin"]
                reply, row = await rpc(sock, pt, PR_SERVICE, encode_name_to_id_request(names))
                assert decode_name_to_id_reply(reply) == [KNOWN_IDS[name] for name in names]
                assert row.completion == "SUCCEEDED"
                rows.append(row)
            conns = client_connections(ep, pt, PR_SERVICE)

    # One connection carried every call: same connection ID (the cid without its channel bits)...
    assert len({row.cid & ~3 for row in rows}) == 1, rows
    assert len(conns) == 1, conns
    assert conns[0].cid == rows[0].cid & ~3
    assert conns[0].security_index == 0
    # ... and each channel's call numbers advanced by one per call: 1, 2, 3, ...
    by_channel: dict[int, list[int]] = {}
    for row in rows:
        by_channel.setdefault(row.cid & 3, []).append(row.call_number)
    for numbers in by_channel.values():
        assert numbers == list(range(1, len(numbers) + 1)), by_channel
    assert sum(conns[0].call_numbers) == calls
    assert conns[0].live_calls == 0


async def test_sixteen_concurrent_calls(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    pt = cell.address("pt")
    count = 16
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            started = 0
            all_started = trio.Event()
            results: dict[int, tuple[list[int], list[int], int]] = {}

            async def one(i: int) -> None:
                nonlocal started
                names = ["admin", "user1", f"ghost{i}"][: 1 + i % 3]
                async with sock.call(pt, PR_SERVICE, timeout=CALL_TIMEOUT) as call:
                    # Hold every call open until all sixteen are, so they really overlap.
                    started += 1
                    if started == count:
                        all_started.set()
                    await all_started.wait()
                    await call.send_all(encode_name_to_id_request(names))
                    await call.send_eof()
                    ids = decode_name_to_id_reply(await call.receive_all())
                    expected = [KNOWN_IDS.get(name, ANONYMOUSID) for name in names]
                    results[i] = (ids, expected, call_row(ep, call, pt).cid)

            async with trio.open_nursery() as nursery:
                for i in range(count):
                    nursery.start_soon(one, i)
                await all_started.wait()
                # Sixteen calls in flight fill the four channels of four connections.
                busy = client_connections(ep, pt, PR_SERVICE)
                assert [conn.live_calls for conn in busy] == [4, 4, 4, 4], busy

    assert sorted(results) == list(range(count))
    for ids, expected, _ in results.values():
        assert ids == expected
    assert len({cid for _, _, cid in results.values()}) == count


# ------------------------------------------------------------------- vlserver (VL, 52)


async def test_list_attributes_n2_lists_the_cell_volumes(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    vl = cell.address("vl")
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            reply, row = await rpc(ep.socket(), vl, VL_SERVICE, encode_list_attributes_n2_request())
    listing = decode_list_attributes_n2_reply(reply)

    volumes = {entry.name: entry for entry in listing.entries}
    expected = {
        "root.afs": int(cell["AFS_VOLID_ROOT_AFS"]),
        "root.cell": int(cell["AFS_VOLID_ROOT_CELL"]),
        "test.vol": int(cell["AFS_VOLID_TEST_VOL"]),
    }
    assert set(volumes) >= set(expected)
    for name, rw_id in expected.items():
        entry = volumes[name]
        assert entry.volume_ids[0] == rw_id, entry
        assert [site.server for site in entry.sites] == [ipaddress.IPv4Address(cell.host)]
    assert listing.n_entries == len(listing.entries)
    assert listing.next_start_index == -1

    # The reply did not fit one DATA packet: it arrived as several, in sequence.
    assert row.rx_top >= 2, row
    assert row.packets_received >= 2, row
    assert row.bytes_received == len(reply)
    assert row.completion == "SUCCEEDED"


# ------------------------------------------------------------------ what OpenAFS aborts


@pytest.mark.parametrize(
    ("request_body", "abort_code"),
    [
        pytest.param((9999).to_bytes(4, "big"), RXGEN_OPCODE, id="unknown-opcode"),
        pytest.param(PR_NAME_TO_ID.to_bytes(4, "big"), RXGEN_SS_UNMARSHAL,
                     id="opcode-without-arguments"),
        pytest.param(b"\x00\x00", RXGEN_DECODE, id="truncated-opcode"),
    ],
)
async def test_ptserver_aborts_a_bad_request(
    openafs_cell_noauth: CellEnv, request_body: bytes, abort_code: int
) -> None:
    cell = openafs_cell_noauth
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            with pytest.raises(rx.RemoteAbort) as caught:
                await rpc(sock, cell.address("pt"), PR_SERVICE, request_body)
            # The abort ended that call only: the connection serves the next one.
            assert await name_to_id(sock, cell, ["admin"]) == [1]
    assert caught.value.abort_code == abort_code


async def test_unknown_service_is_aborted_invalid_operation(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    pt = cell.address("pt")
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            with pytest.raises(rx.RemoteAbort) as caught:
                await rpc(sock, pt, 999, encode_name_to_id_request(["admin"]))
            assert await name_to_id(sock, cell, ["admin"]) == [1]
            (refused,) = client_connections(ep, pt, 999)
            (served,) = client_connections(ep, pt, PR_SERVICE)
    assert caught.value.abort_code == RX_INVALID_OPERATION
    # A connection belongs to one service: the refused one is not the one that still works.
    assert refused.cid != served.cid


# -------------------------------------------------------------- rxdebug against our endpoint


@pytest.mark.parametrize("version_string", [None, "trio-rxrpc interop probe"])
async def test_rxdebug_version_prints_our_version_string(
    rxdebug: Path, version_string: str | None
) -> None:
    config = rx.EndpointConfig() if version_string is None else rx.EndpointConfig(
        version_string=version_string)
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0), config=config) as ep:
            port = local(ep)[1]
            out = await run_tool(rxdebug, "127.0.0.1", str(port), "-version")
    expected = version_string or "trio-rxrpc 0.1.0"
    assert out.splitlines() == [f"Trying 127.0.0.1 (port {port}):", f"AFS version: {expected}"]


async def test_rxdebug_lists_a_live_server_call(rxdebug: Path) -> None:
    with trio.fail_after(30):
        async with (
            rx.open_endpoint(("127.0.0.1", 0)) as ep,
            rx.open_endpoint(("127.0.0.1", 0)) as client_ep,
        ):
            server = ep.socket()
            server.listen([ECHO_SERVICE])
            target = local(ep)
            client_port = local(client_ep)[1]
            request_in = trio.Event()
            may_reply = trio.Event()

            async def hold_one_call() -> None:
                async with await server.accept() as call:
                    data = await call.receive_all()
                    request_in.set()
                    await may_reply.wait()
                    await call.send_all(data)
                    await call.send_eof()

            async with trio.open_nursery() as nursery:
                nursery.start_soon(hold_one_call)
                async with client_ep.socket().call(target, ECHO_SERVICE, timeout=10) as call:
                    await call.send_all(b"held")
                    await call.send_eof()
                    await request_in.wait()
                    during = await run_tool(rxdebug, *map(str, target))
                    may_reply.set()
                    assert await call.receive_all() == b"held"
                (client_conn,) = client_ep.list_connections()
            # The server's side ends when the client acknowledges the reply: wait for that.
            for _ in range(500):
                if not ep.list_calls():
                    break
                await trio.sleep(0.01)
            after = await run_tool(rxdebug, *map(str, target))

    lines = during.splitlines()
    assert lines[0] == f"Trying 127.0.0.1 (port {target[1]}):"
    assert re.fullmatch(r"Free packets: \d+/\d+, packet reclaims: \d+, calls: 1, used FDs: \d+",
                        lines[1]), lines[1]
    assert (
        f"Connection from host 127.0.0.1, port {client_port}, "
        f"Cuid {client_conn.epoch:x}/{client_conn.cid:x}"
    ) in lines
    assert any(re.fullmatch(r" +serial \d+, +natMTU \d+, security index 0, server conn", line)
               for line in lines), during
    assert "  rxnull level=0, flags=0" in lines
    assert sum(bool(re.fullmatch(r" +call \d: # 1, state active, .*", ln)) for ln in lines) == 1
    assert lines[-1] == "Done."
    # Without -allconnections rxdebug shows only connections with a call in progress.
    assert "Connection from" not in after
    assert after.splitlines()[-1] == "Done."


async def exchange_echo_calls(ep: rx.Endpoint, other: rx.Endpoint, nursery: trio.Nursery) -> None:
    """One call from ``other`` to ``ep`` and one back, so ``ep`` has a connection each way."""
    for server_ep in (ep, other):
        sock = server_ep.socket()
        sock.listen([ECHO_SERVICE])
        await nursery.start(serve_echo, sock)
    await echo(other.socket(), local(ep), b"to the endpoint under test")
    await echo(ep.socket(), local(other), b"from the endpoint under test")


async def test_rxdebug_rxstats_counts_our_connections(rxdebug: Path) -> None:
    with trio.fail_after(30):
        async with (
            rx.open_endpoint(("127.0.0.1", 0)) as ep,
            rx.open_endpoint(("127.0.0.1", 0)) as other,
            trio.open_nursery() as nursery,
        ):
            await exchange_echo_calls(ep, other, nursery)
            out = await run_tool(rxdebug, "127.0.0.1", str(local(ep)[1]), "-rxstats", "-noconns")
            nursery.cancel_scope.cancel()

    lines = out.splitlines()
    assert re.search(r", calls: 1, ", lines[1]), lines[1]
    assert any(line.startswith("rx stats: free packets ") for line in lines), out
    assert any(line.strip().startswith("packets read: data ") for line in lines), out
    assert any(line.strip().startswith("packets sent: data ") for line in lines), out
    assert "   1 server connections, 1 client connections, 1 peer structs, " in out
    assert "Connection from" not in out
    assert "failed" not in out


async def test_rxdebug_all_connections_shows_both_sides(rxdebug: Path) -> None:
    with trio.fail_after(30):
        async with (
            rx.open_endpoint(("127.0.0.1", 0)) as ep,
            rx.open_endpoint(("127.0.0.1", 0)) as other,
            trio.open_nursery() as nursery,
        ):
            await exchange_echo_calls(ep, other, nursery)
            out = await run_tool(rxdebug, "127.0.0.1", str(local(ep)[1]), "-allconnections")
            ours = {conn.side: conn for conn in ep.list_connections()}
            other_port = local(other)[1]
            nursery.cancel_scope.cancel()

    for side in ("client", "server"):
        conn = ours[side]
        header = (f"Connection from host 127.0.0.1, port {other_port}, "
                  f"Cuid {conn.epoch:x}/{conn.cid:x}")
        assert header in out, out
    assert re.search(r"security index 0, client conn\n", out), out
    assert re.search(r"security index 0, server conn\n", out), out
    assert out.count("  rxnull level=0, flags=0") == 2
    # Each connection made one call, on one channel; the other three never started.
    assert len(re.findall(r" call \d: # 1, state ", out)) == 2
    assert out.count("state not initialized") == 6
    assert out.splitlines()[-1] == "Done."


async def test_rxdebug_peers_lists_our_peer(rxdebug: Path) -> None:
    with trio.fail_after(30):
        async with (
            rx.open_endpoint(("127.0.0.1", 0)) as ep,
            rx.open_endpoint(("127.0.0.1", 0)) as other,
            trio.open_nursery() as nursery,
        ):
            await exchange_echo_calls(ep, other, nursery)
            out = await run_tool(rxdebug, "127.0.0.1", str(local(ep)[1]), "-peers", "-noconns")
            (peer,) = ep.list_peers()
            other_port = local(other)[1]
            nursery.cancel_scope.cancel()

    blocks = out.split("Peer at host ")
    assert len(blocks) == 2, out
    block = "Peer at host " + blocks[1]
    assert block.startswith(f"Peer at host 127.0.0.1, port {other_port}\n"), block
    assert re.search(r"\tifMTU \d+\tnatMTU \d+\tmaxMTU \d+\n", block), block
    sent = re.search(r"\tpackets sent (\d+)\tpacket resends (\d+)\n", block)
    assert sent is not None, block
    assert 0 < int(sent[1]) <= peer.packets_sent
    assert int(sent[2]) == 0
    received = re.search(r"\tbytes received high 0 low (\d+)\n", block)
    assert received is not None, block
    assert int(received[1]) > 0
    assert re.search(r"\trtt \d+ msec, rtt_dev \d+ msec\n", block), block
    assert block.rstrip().endswith("Done.")


async def test_rxdebug_peers_counts_bytes_sent(rxdebug: Path) -> None:
    """OpenAFS peers count the bytes they send; rxdebug shows them ("bytes sent ... low N").

    The real ptserver shows e.g. ``bytes sent high 0 low 1144`` for a pts client.
    """
    with trio.fail_after(30):
        async with (
            rx.open_endpoint(("127.0.0.1", 0)) as ep,
            rx.open_endpoint(("127.0.0.1", 0)) as other,
            trio.open_nursery() as nursery,
        ):
            await exchange_echo_calls(ep, other, nursery)
            out = await run_tool(rxdebug, "127.0.0.1", str(local(ep)[1]), "-peers", "-noconns")
            nursery.cancel_scope.cancel()

    sent = re.search(r"\tbytes sent high (\d+) low (\d+)\n", out)
    assert sent is not None, out
    # Both echo calls carried data from ep to this peer: at least the two payloads.
    minimum = len(b"to the endpoint under test") + len(b"from the endpoint under test")
    assert int(sent[2]) >= minimum, out


async def test_rxdebug_peers_counts_every_packet_sent(rxdebug: Path) -> None:
    """rxdebug's "packets sent" for a peer counts packets, as OpenAFS's ``nSent`` does.

    A 64 KiB request needs at least 47 DATA packets of 1412 bytes or less, whatever the
    window and jumbogram choices, so the count must reach that.
    """
    payload = bytes(range(256)) * 256
    with trio.fail_after(30):
        async with (
            rx.open_endpoint(("127.0.0.1", 0)) as ep,
            rx.open_endpoint(("127.0.0.1", 0)) as other,
            trio.open_nursery() as nursery,
        ):
            sock = other.socket()
            sock.listen([ECHO_SERVICE])
            await nursery.start(serve_echo, sock)
            async with ep.socket().call(local(other), ECHO_SERVICE, timeout=10) as call:
                await call.send_all(payload)
                await call.send_eof()
                assert await call.receive_all() == payload
                data_packets = call_row(ep, call, local(other)).packets_sent
            out = await run_tool(rxdebug, "127.0.0.1", str(local(ep)[1]), "-peers", "-noconns")
            nursery.cancel_scope.cancel()

    assert data_packets >= len(payload) // 1412
    sent = re.search(r"\tpackets sent (\d+)\t", out)
    assert sent is not None, out
    assert int(sent[1]) >= data_packets, out


async def test_rxdebug_output_has_the_same_shape_as_for_the_ptserver(
    openafs_cell_noauth: CellEnv, rxdebug: Path
) -> None:
    cell = openafs_cell_noauth
    with trio.fail_after(30):
        theirs = await run_tool(rxdebug, cell.host, str(cell.pt_port), "-rxstats", "-noconns")
        async with (
            rx.open_endpoint(("127.0.0.1", 0)) as ep,
            rx.open_endpoint(("127.0.0.1", 0)) as other,
            trio.open_nursery() as nursery,
        ):
            await exchange_echo_calls(ep, other, nursery)
            ours = await run_tool(rxdebug, "127.0.0.1", str(local(ep)[1]), "-rxstats", "-noconns")
            nursery.cancel_scope.cancel()
    # The same lines in the same order; only the numbers differ. rxdebug prints the two RTT
    # summary lines only for a server that reports RTT samples (ours does once it has
    # measured one; the ptserver, having only answered, has none), so compare without them.
    rtt_lines = ("   Average rtt is #.#, with # samples", "   Minimum rtt is #.#, maximum is #.#")
    expected = [line for line in shape(theirs) if line not in rtt_lines]
    assert [line for line in shape(ours) if line not in rtt_lines] == expected, (
        f"ours:\n{ours}\nptserver:\n{theirs}")


async def test_rxdebug_rxstats_counts_data_packets(rxdebug: Path) -> None:
    """The per-type packet counters of ``rxdebug -rxstats`` count our traffic.

    After one call each way, the endpoint under test has read two DATA packets (the request it
    served, the reply it got) and sent two (its reply, its request).
    """
    with trio.fail_after(30):
        async with (
            rx.open_endpoint(("127.0.0.1", 0)) as ep,
            rx.open_endpoint(("127.0.0.1", 0)) as other,
            trio.open_nursery() as nursery,
        ):
            await exchange_echo_calls(ep, other, nursery)
            out = await run_tool(rxdebug, "127.0.0.1", str(local(ep)[1]), "-rxstats", "-noconns")
            nursery.cancel_scope.cancel()

    read = re.search(r"packets read: data (\d+) ack (\d+) ", out)
    sent = re.search(r"packets sent: data (\d+) ack (\d+) ", out)
    sent_data = re.search(r"other send counters: ack \d+, data (\d+) \(not resends\)", out)
    assert read is not None, out
    assert sent is not None, out
    assert sent_data is not None, out
    assert int(read[1]) >= 2, out
    assert int(sent[1]) >= 2, out
    assert int(sent_data[1]) >= 2, out


# ------------------------------------------------------ udebug against our VOTE service


@pytest.fixture(scope="session")
def udebug(rxdebug: Path) -> Path:
    """Path of OpenAFS's ``udebug``, which comes with rxdebug in openafs-client."""
    found = shutil.which("udebug") or rxdebug.with_name("udebug")
    path = Path(found)
    if not path.is_file():
        peer_missing("udebug (OpenAFS client) not found")
    return path


def encode_ubik_debug(now: int, db_epoch: int) -> bytes:
    """A VOTE_XDebug reply: a ``ubik_debug`` describing a sync site of two servers, then
    ``isClone`` = 0.  The values are chosen so udebug prints each of them recognisably."""
    enc = XDREncoder()
    localhost = int(ipaddress.IPv4Address("127.0.0.1"))
    for value in (
        now,  # now
        now - 4,  # lastYesTime
        localhost,  # lastYesHost
        1,  # lastYesState
        now - 6,  # lastYesClaim
        localhost,  # lowestHost
        now - 100,  # lowestTime
        localhost,  # syncHost
        now - 100,  # syncTime
        db_epoch, 41,  # syncVersion
        0, 0,  # syncTid
        1,  # amSyncSite
        0x7FFFFFFF,  # syncSiteUntil: forever
        2,  # nServers
        3,  # lockedPages
        1,  # writeLockedPages
        db_epoch, 42,  # localVersion
        0,  # activeWrite
        77,  # tidCounter
        0, 0,  # anyReadLocks, anyWriteLocks
        0x1F,  # recoveryState
        0, 0,  # currentTrans, writeTrans
        now - 3600,  # epochTime
    ):
        enc.write_int32(value)
    addresses = [localhost] + [0] * (UBIK_MAX_INTERFACE_ADDR - 1)
    enc.write_array_fixed(addresses, enc.write_int32, UBIK_MAX_INTERFACE_ADDR)
    enc.write_int32(0)  # isClone
    return enc.getvalue()


def encode_ubik_sdebug(now: int, db_epoch: int) -> bytes:
    """A VOTE_XSDebug reply for the other server, 127.0.0.2: ``ubik_sdebug`` and ``isClone``."""
    enc = XDREncoder()
    for value in (
        int(ipaddress.IPv4Address("127.0.0.2")),  # addr
        now - 2,  # lastVoteTime
        now - 1,  # lastBeaconSent
        1,  # lastVote: yes
        db_epoch, 41,  # remoteVersion
        0,  # currentDB
        1,  # beaconSinceDown
        1,  # up
    ):
        enc.write_int32(value)
    enc.write_array_fixed([0] * (UBIK_MAX_INTERFACE_ADDR - 1), enc.write_int32)
    enc.write_int32(0)  # isClone
    return enc.getvalue()


async def serve_ubik_debug(
    sock: rx.BoundSocket,
    requests: list[tuple[int, ...]],
    now: int,
    db_epoch: int,
    *,
    task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED,
) -> None:
    """Answer the VOTE debug RPCs as a ubik sync site with one other server would."""
    task_status.started()
    while True:
        call = await sock.accept()
        try:
            async with call:
                request = XDRDecoder(await call.receive_all())
                opcode = request.read_int32()
                if opcode == VOTE_XDEBUG:
                    request.done()
                    requests.append((opcode,))
                    reply = encode_ubik_debug(now, db_epoch)
                elif opcode == VOTE_XSDEBUG:
                    which = request.read_int32()
                    request.done()
                    requests.append((opcode, which))
                    reply = encode_ubik_sdebug(now, db_epoch) if which == 0 else b""
                else:
                    requests.append((opcode,))
                    reply = b""
                if not reply:
                    # XSDebug past the last server returns 2; anything else is not ours.
                    call.abort(UBIK_NO_SUCH_SERVER if opcode == VOTE_XSDEBUG else RXGEN_OPCODE)
                else:
                    await call.send_all(reply)
                    await call.send_eof()
        except rx.LocalAbort:
            # Our own abort above: leaving the block reports the call's (deliberate) failure.
            pass


async def test_udebug_prints_what_our_vote_service_answers(udebug: Path) -> None:
    now = int(time.time())
    db_epoch = now - 3600
    requests: list[tuple[int, ...]] = []
    with trio.fail_after(30):
        async with (
            rx.open_endpoint(("127.0.0.1", free_port_below_32768())) as ep,
            trio.open_nursery() as nursery,
        ):
            sock = ep.socket()
            sock.listen([VOTE_SERVICE])
            await nursery.start(serve_ubik_debug, sock, requests, now, db_epoch)
            out = await run_tool(udebug, "127.0.0.1", str(local(ep)[1]))
            nursery.cancel_scope.cancel()

    # udebug asked for the server record, then for per-server records until told "no more".
    assert requests == [(VOTE_XDEBUG,), (VOTE_XSDEBUG, 0), (VOTE_XSDEBUG, 1)]
    lines = [line.strip() for line in out.splitlines()]
    for expected in (
        "Host's addresses are: 127.0.0.1",
        "Last yes vote for 127.0.0.1 was 4 secs ago (sync site);",
        f"Local db version is {db_epoch}.42",
        "I am sync site forever (2 servers)",
        "Recovery state 1f",
        f"The last trans I handled was {now - 3600}.77",
        f"Sync site's db version is {db_epoch}.41",
        "3 locked pages, 1 of them for write",
        "Last vote started 6 secs ago (at ",
        "3600 secs ago (at ",
        f"Server (127.0.0.2): (db {db_epoch}.41)",
        "dbcurrent=0, up=1 beaconSince=1",
    ):
        assert any(line.startswith(expected) for line in lines), f"{expected!r} not in:\n{out}"
    assert any(re.fullmatch(r"last vote rcvd 2 secs ago \(at .*\),", ln) for ln in lines), out
    assert any(
        re.fullmatch(r"last beacon sent 1 secs ago \(at .*\), last vote was yes", ln)
        for ln in lines
    ), out
    assert "return code" not in out
    assert "error code" not in out

