"""The group supervisor: worker processes on one port, restarted when they die (Linux)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc._supervisor import GroupSupervisor

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="endpoint groups need Linux")

WORKER = Path(__file__).with_name("group_worker.py")
ROOT = Path(rx.__file__).parent.parent
SERVICE = 4343
SIZE = 3


def supervisor(**kwargs: object) -> GroupSupervisor:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return GroupSupervisor([sys.executable, str(WORKER)], size=SIZE,
                           address=("127.0.0.1", 0), env=env, log=lambda _text: None,
                           **kwargs)  # type: ignore[arg-type]


async def until(predicate: Callable[[], bool]) -> None:
    """Poll ``predicate`` (the supervisor's state has no events to wait on)."""
    while True:
        if predicate():
            return
        await trio.sleep(0.05)


def member_of(call: rx.Call) -> int:
    """The member the group steers ``call``'s connection to."""
    return (call._started().conn.cid >> 2) % SIZE


async def ask(sock: rx.BoundSocket, port: int, request: bytes,
              members: list[int] | None = None) -> bytes:
    async with sock.call(("127.0.0.1", port), SERVICE, exclusive=True) as call:
        await call.send_all(request)
        await call.send_eof()
        if members is not None:
            members.append(member_of(call))
        return await call.receive_all()


async def warm_up(port: int) -> None:
    """Until every worker has answered once (Python takes a moment to start)."""
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep, ep.socket() as sock:
        with trio.fail_after(60):
            answered: set[bytes] = set()
            while len(answered) < SIZE:
                answered.add((await ask(sock, port, b"hello")).split(b":")[0])


async def test_a_killed_worker_loses_only_its_own_calls() -> None:
    sup = supervisor(grace=5.0)
    async with trio.open_nursery() as nursery:
        await nursery.start(sup.run)
        port = int(str(sup.address[1]))
        await warm_up(port)
        victim = sup.pids[1]
        assert victim is not None
        results: list[tuple[int, bytes | str]] = []
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, ep.socket() as sock:

            async def one(n: int) -> None:
                members: list[int] = []
                try:
                    reply = await ask(sock, port, b"sleep:2|%d" % n, members)
                except rx.RemoteAbort as exc:
                    results.append((members[0], f"abort {exc.abort_code}"))
                else:
                    results.append((members[0], reply))

            # The dead worker's clients are told by its successor at their next keepalive,
            # well within their dead time (20 s).
            with trio.fail_after(12):
                async with trio.open_nursery() as calls:
                    for n in range(12):
                        calls.start_soon(one, n)
                    await trio.sleep(1.0)
                    os.kill(victim, signal.SIGKILL)
        assert len(results) == 12
        for member, outcome in results:
            if member == 1:
                assert outcome == f"abort {rx.AbortCode.RX_CALL_DEAD}", outcome
            else:
                assert isinstance(outcome, bytes)
                assert outcome.startswith(b"%d:sleep:2|" % member)
        assert sum(1 for member, _ in results if member == 1) == 4
        # The worker was restarted on the same socket, and serves new connections.
        with trio.fail_after(30):
            await until(lambda: sup.pids[1] not in (None, victim))
        assert sup.restarts == 1
        assert sup.exit_codes[1] == [-signal.SIGKILL]
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, ep.socket() as sock:
            with trio.fail_after(30):
                for n in range(2 * SIZE):
                    members: list[int] = []
                    reply = await ask(sock, port, b"again %d" % n, members)
                    assert reply == b"%d:again %d" % (members[0], n)
        sup.stop()
    assert sup.exit_codes[0] == sup.exit_codes[2] == [0]


async def test_stopping_lets_calls_in_progress_finish() -> None:
    sup = supervisor(grace=10.0)
    replies: list[bytes] = []
    async with trio.open_nursery() as nursery:
        await nursery.start(sup.run)
        port = int(str(sup.address[1]))
        await warm_up(port)
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, ep.socket() as sock:

            async def one(n: int) -> None:
                replies.append(await ask(sock, port, b"sleep:1.5|%d" % n))

            with trio.fail_after(30):
                async with trio.open_nursery() as calls:
                    for n in range(6):
                        calls.start_soon(one, n)
                    await trio.sleep(0.5)
                    sup.stop()
    assert len(replies) == 6
    assert sup.exit_codes == [[0]] * SIZE
    assert sup.restarts == 0


async def test_the_grace_period_ends_in_sigkill() -> None:
    sup = supervisor(grace=0.5)
    async with trio.open_nursery() as nursery:
        await nursery.start(sup.run)
        port = int(str(sup.address[1]))
        await warm_up(port)
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, ep.socket() as sock:
            with trio.fail_after(20):
                async with trio.open_nursery() as calls:
                    for n in range(SIZE * 2):
                        calls.start_soon(_expect_failure, sock, port, n)
                    await trio.sleep(0.5)
                    sup.stop()
                    await trio.sleep(1.5)
                    calls.cancel_scope.cancel()
    assert all(codes == [-signal.SIGKILL] for codes in sup.exit_codes)


async def _expect_failure(sock: rx.BoundSocket, port: int, n: int) -> None:
    with pytest.raises(rx.CallError):
        await ask(sock, port, b"sleep:60|%d" % n)


async def test_a_worker_that_cannot_start_is_restarted_slower_and_slower() -> None:
    lines: list[str] = []
    sup = GroupSupervisor([sys.executable, "-c", "raise SystemExit(3)"], size=2,
                          address=("127.0.0.1", 0), log=lines.append, restart_delay=0.05)
    async with trio.open_nursery() as nursery:
        await nursery.start(sup.run)
        with trio.fail_after(20):
            await until(lambda: len(sup.exit_codes[0]) >= 4)
        sup.stop()
    assert set(sup.exit_codes[0]) == {3}
    assert any("restarting in 0.4 s" in line for line in lines), lines
    with pytest.raises(ValueError, match="empty"):
        GroupSupervisor([], size=2)


async def test_a_worker_whose_program_went_away_is_tried_again(tmp_path: Path) -> None:
    program = tmp_path / "worker"
    program.write_text(f"#!/bin/sh\nexec {sys.executable} -c 'raise SystemExit(5)'\n")
    program.chmod(0o755)
    lines: list[str] = []
    sup = GroupSupervisor([str(program)], size=1, address=("127.0.0.1", 0),
                          log=lines.append, restart_delay=0.05)
    async with trio.open_nursery() as nursery:
        await nursery.start(sup.run)
        with trio.fail_after(20):
            await until(lambda: len(sup.exit_codes[0]) >= 1)
            program.unlink()
            await until(lambda: any("cannot be started again" in line for line in lines))
            before = len(sup.exit_codes[0])
            program.write_text(f"#!/bin/sh\nexec {sys.executable} -c 'raise SystemExit(6)'\n")
            program.chmod(0o755)
            await until(lambda: 6 in sup.exit_codes[0][before:])
        sup.stop()
    assert set(sup.exit_codes[0]) == {5, 6}


async def test_the_group_command_runs_the_echo_example() -> None:
    """``trio-rxrpc group -- echo_server.py``: calls are served; one SIGINT stops it all."""
    echo = ROOT / "examples" / "echo_server.py"
    command = [sys.executable, "-m", "trio_rxrpc", "group", "-n", "2", "--address",
               "127.0.0.1", "--grace", "5", "--", sys.executable, str(echo), "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = await trio.lowlevel.open_process(command, env=env, stderr=subprocess.PIPE,
                                            stdout=subprocess.PIPE)
    assert proc.stderr is not None
    assert proc.stdout is not None
    try:
        err = b""
        with trio.fail_after(30):
            while b"serving UDP" not in err:
                chunk = await proc.stderr.receive_some()
                assert chunk, err
                err += chunk
        port = int(err.split(b"serving UDP 127.0.0.1:")[1].split()[0])
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, ep.socket() as sock:
            with trio.fail_after(30):
                for n in range(6):
                    async with sock.call(("127.0.0.1", port), 1234, exclusive=True) as call:
                        await call.send_all(b"echo %d" % n)
                        await call.send_eof()
                        assert await call.receive_all() == b"echo %d" % n
        proc.send_signal(signal.SIGINT)
        with trio.fail_after(30):
            out = b""
            while chunk := await proc.stdout.receive_some():
                out += chunk
            while chunk := await proc.stderr.receive_some():
                err += chunk
            assert await proc.wait() == 0
    finally:
        proc.kill()
        await proc.wait()
    assert out.count(b"as group member") == 2
    assert out.count(b"stopped after") == 2
    assert err.count(b"stopped: exited with status 0") == 2, err


def _gone(pid: int) -> bool:
    """The process has exited (perhaps not yet reaped by its new parent)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return status.rsplit(")", 1)[1].split()[0] in ("Z", "X")


async def test_workers_stop_when_the_supervisor_dies() -> None:
    command = [sys.executable, "-m", "trio_rxrpc", "group", "-n", str(SIZE), "--address",
               "127.0.0.1", "--", sys.executable, str(WORKER)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = await trio.lowlevel.open_process(command, env=env, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    pids: list[int] = []
    try:
        err = b""
        with trio.fail_after(30):
            while err.count(b"started (pid") < SIZE or b"serving UDP" not in err:
                chunk = await proc.stderr.receive_some()
                assert chunk, err
                err += chunk
        port = int(err.split(b"serving UDP 127.0.0.1:")[1].split()[0])
        pids = [int(part.split(b")")[0]) for part in err.split(b"started (pid ")[1:]]
        await warm_up(port)
        proc.kill()
        await proc.wait()
        with trio.fail_after(20):
            await until(lambda: all(_gone(pid) for pid in pids))
    finally:
        proc.kill()
        await proc.wait()
        for pid in pids:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


async def test_statistics_are_gathered_from_every_worker() -> None:
    sup = supervisor(grace=5.0)
    async with trio.open_nursery() as nursery:
        await nursery.start(sup.run)
        port = int(str(sup.address[1]))
        await warm_up(port)
        assert sup.statistics() == rx.SupervisorStatistics(
            size=SIZE, running=SIZE, restarts=0, exit_codes=((),) * SIZE)
        with trio.fail_after(30):
            before = await sup.member_statistics()
            members: list[int] = []
            async with rx.open_endpoint(("127.0.0.1", 0)) as ep, ep.socket() as sock:
                for n in range(30):
                    await ask(sock, port, b"count %d" % n, members)
            after = await rx.group_statistics(("127.0.0.1", port))
        assert before.size == after.size == after.answered == SIZE
        for member in range(SIZE):
            first, last = before.members[member], after.members[member]
            assert first is not None
            assert last is not None
            assert last.calls_accepted - first.calls_accepted == members.count(member)
        assert after.total("calls_accepted") - before.total("calls_accepted") == 30
        assert after.totals()["datagrams_received"] == sum(
            m.datagrams_received for m in after.members if m is not None)
        assert after.dropped().get("wrong_member", 0) == 0

        # The same from the command line: a row per worker and their sum.
        done = await trio.run_process(
            [sys.executable, "-m", "trio_rxrpc", "list", f"127.0.0.1:{port}", "statistics"],
            capture_stdout=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        lines = done.stdout.decode().splitlines()
        assert lines[0] == f"statistics of the {SIZE} group members:"
        assert lines[1].split()[:3] == ["member", "datagrams", "in"]
        assert [line.split()[0] for line in lines[2:2 + SIZE + 1]] == ["0", "1", "2", "all"]
        sup.stop()
