"""``python -m trio_rxrpc list`` against a running endpoint in this process."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import trio

import trio_rxrpc as rx
from trio_rxrpc._listquery import query

REPO = Path(__file__).resolve().parents[2]


async def test_list_command_shows_a_running_endpoint() -> None:
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            server = ep.socket()
            server.listen([1234, 1235], backlog=4)
            client = ep.socket()
            for i in range(3):
                await client.sendmsg(i, b"hello", end_of_record=True, address=ep.address,
                                     service_id=1234)
            await trio.sleep(0.2)
            port = ep.address[1]
            done = await trio.run_process(
                [sys.executable, "-m", "trio_rxrpc", "list", f"127.0.0.1:{port}", "--json"],
                capture_stdout=True)
            listing = json.loads(done.stdout)
            sockets = listing["sockets"]
            assert [(s["service_ids"], s["accept_queue"], s["calls"]) for s in sockets] == [
                ([1234, 1235], 3, 0), ([], 0, 3)]
            assert sorted(c["side"] for c in listing["calls"]) == ["client"] * 3 + ["server"] * 3
            assert len(listing["connections"]) == 2
            assert len(listing["peers"]) == 1
            text = await trio.run_process(
                [sys.executable, "-m", "trio_rxrpc", "list", f"127.0.0.1:{port}", "calls"],
                capture_stdout=True)
            assert b"SERVER_ACK_REQUEST" in text.stdout
            assert b"CLIENT_AWAIT_REPLY" in text.stdout


async def test_list_pages_through_many_calls() -> None:
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            server = ep.socket()
            server.listen([1234], backlog=128)
            client = ep.socket()
            for i in range(100):
                await client.sendmsg(i, b"x", end_of_record=True, address=ep.address,
                                     service_id=1234)
            await trio.sleep(0.2)
            rows = await trio.to_thread.run_sync(query, ("127.0.0.1", ep.address[1]), "calls")
            assert len(rows) == 200


async def test_list_options_and_kinds_mix_in_any_order() -> None:
    """``list ADDR --json calls`` and ``list --json ADDR calls sockets`` both work."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            ep.socket().listen([1234])
            where = f"127.0.0.1:{ep.address[1]}"
            for argv, kinds in ([where, "--json", "calls"], ["calls"]), (
                    ["--json", where, "calls", "--timeout", "5", "sockets"],
                    ["calls", "sockets"]):
                done = await trio.run_process(
                    [sys.executable, "-m", "trio_rxrpc", "list", *argv], env=env,
                    capture_stdout=True, capture_stderr=True, check=False)
                assert done.returncode == 0, done.stderr
                assert list(json.loads(done.stdout)) == kinds


async def test_listed_calls_show_the_user_id_of_the_socket_holding_them() -> None:
    """A call bound to a socket shows its user ID there; one still waiting to be accepted
    shows "-", and one its socket has let go of is no longer listed."""
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            server = ep.socket()
            server.listen([1234], backlog=4)
            client = ep.socket()
            for user_id in ("first", "second"):
                await client.sendmsg(user_id, b"hello", end_of_record=True,
                                     address=ep.address, service_id=1234)
            await trio.sleep(0.2)

            def user_ids(side: str) -> list[str]:
                return sorted(row.user_id for row in ep.list_calls() if row.side == side)

            assert user_ids("client") == ["'first'", "'second'"]
            assert user_ids("server") == ["'-'", "'-'"]
            server.charge_accept(("taken", 1))
            accepted = await server.accept()
            assert user_ids("server") == ["'-'", "('taken', 1)"]
            accepted.abort()
            assert user_ids("server") == ["'-'"]
