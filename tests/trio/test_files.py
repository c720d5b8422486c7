"""sendfile and splice: files through calls, with flow control, selection and errors."""

from __future__ import annotations

import hashlib
import os
import random
from typing import TYPE_CHECKING, TypeVar, TypeVarTuple

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SERVICE = 1234
T = TypeVar("T")
Args = TypeVarTuple("Args")


class GaveUp(Exception):
    pass


def make_file(path: Path, size: int, seed: int) -> str:
    rng = random.Random(seed)
    digest = hashlib.sha256()
    with path.open("wb") as f:
        left = size
        while left:
            block = rng.randbytes(min(left, 1 << 20))
            f.write(block)
            digest.update(block)
            left -= len(block)
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


async def transfer(source: Path, target: Path, *, network: SimulatedNetwork | None,
                   hosts: tuple[str, str]) -> tuple[int, int]:
    """Client sendfile()s ``source``; the server splice()s it into ``target``."""
    async with rx.open_endpoint((hosts[0], 0), network=network) as sep, rx.open_endpoint(
            (hosts[1], 0), network=network) as cep:
        server = sep.socket()
        server.listen([SERVICE])
        received = 0

        async def serve() -> None:
            nonlocal received
            call = await server.accept()
            async with call:
                with target.open("wb") as out:
                    received = await call.splice(out)
                await call.send_all(b"stored")

        async with trio.open_nursery() as nursery:
            nursery.start_soon(serve)
            async with cep.socket().call(sep.address, SERVICE) as call:
                with source.open("rb") as f:
                    sent = await call.sendfile(f)
                await call.send_eof()
                assert await call.receive_all() == b"stored"
    return sent, received


async def test_256_mib_file_over_loopback(tmp_path: Path) -> None:
    size = 256 * 1024 * 1024
    source, target = tmp_path / "source", tmp_path / "target"
    digest = make_file(source, size, 1)
    with trio.fail_after(300):
        sent, received = await transfer(source, target, network=None,
                                        hosts=("127.0.0.1", "127.0.0.1"))
    assert sent == received == size
    assert sha256_of(target) == digest


async def test_file_over_lossy_simulated_network(tmp_path: Path) -> None:
    # Real time: file reads and writes run in worker threads, which a MockClock that jumps
    # whenever tasks are idle would race against.
    size = 3 * 1024 * 1024 + 123
    source, target = tmp_path / "source", tmp_path / "target"
    digest = make_file(source, size, 2)
    net = SimulatedNetwork(seed=31, loss=0.05, duplicate=0.01, reorder=0.02, delay=0.002)
    with trio.fail_after(600):
        sent, received = await transfer(source, target, network=net,
                                        hosts=("10.0.0.1", "10.0.0.2"))
    assert sent == received == size
    assert sha256_of(target) == digest
    assert net.statistics().dropped > 0


async def test_splice_into_a_slow_pipe_holds_the_sender_back() -> None:
    size = 8 * 1024 * 1024
    payload = random.Random(3).randbytes(size)
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    os.set_blocking(read_fd, False)
    got = bytearray()
    max_unacked = 0
    max_queued = 0
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as sep, rx.open_endpoint(
                ("127.0.0.1", 0)) as cep:
            server = sep.socket()
            server.listen([SERVICE])

            async def slow_reader() -> None:
                while len(got) < size:
                    await trio.sleep(0.002)
                    try:
                        got.extend(os.read(read_fd, 65536))
                    except BlockingIOError:
                        pass

            async def serve() -> None:
                call = await server.accept()
                async with call:
                    assert await call.splice(write_fd) == size
                    await call.send_all(b"ok")

            async with trio.open_nursery() as nursery:
                nursery.start_soon(serve)
                nursery.start_soon(slow_reader)
                async with cep.socket().call(sep.address, SERVICE) as call:
                    view = memoryview(payload)
                    for i in range(0, size, 1 << 16):
                        await call.send_all(view[i:i + (1 << 16)])
                        core = call._core
                        assert core is not None
                        max_unacked = max(max_unacked, core.tx_next - 1 - core.tx_base)
                        max_queued = max(max_queued, core.tx_top - core.tx_base)
                    await call.send_eof()
                    assert await call.receive_all() == b"ok"
    os.close(read_fd)
    os.close(write_fd)
    assert bytes(got) == payload
    # The sender never had more than its window outstanding, however slow the reader, and
    # never queued more than a second window behind it.
    window = rx.EndpointConfig().tx_window
    assert max_unacked <= window
    assert max_queued <= 2 * window + 1


async def test_socket_level_forms_need_a_selected_call_of_that_socket(tmp_path: Path) -> None:
    source = tmp_path / "f"
    make_file(source, 100_000, 4)
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0)) as sep, rx.open_endpoint(
                ("127.0.0.1", 0)) as cep:
            server = sep.socket()
            server.listen([SERVICE])
            mine, other = cep.socket(), cep.socket()
            with source.open("rb") as f:
                with pytest.raises(rx.LocalProtocolError, match="selected for sending"):
                    await mine.sendfile(f)
                with pytest.raises(rx.LocalProtocolError, match="selected for receiving"):
                    await mine.splice(f.fileno())
                await other.sendmsg("theirs", b"x", address=sep.address, service_id=SERVICE)
                with pytest.raises(rx.LocalProtocolError, match="no call"):
                    mine.select_call_for_send("theirs")
                await mine.sendmsg("up", b"", address=sep.address, service_id=SERVICE)
                mine.select_call_for_send("up")
                assert await mine.sendfile(f) == 100_000
                await mine.sendmsg("up", b"", end_of_record=True)
            call = await server.accept()
            async with call:
                data = await call.receive_all()
                assert data == source.read_bytes()
                await call.send_all(b"thanks")
            mine.select_call_for_recv("up")
            out = tmp_path / "reply"
            with out.open("wb") as g:
                assert await mine.splice(g) == 6
            assert out.read_bytes() == b"thanks"
            msg = await mine.recvmsg()
            assert msg.end_of_record
            assert msg.succeeded
            assert mine.selected_for_recv is None


@pytest.mark.parametrize("who_aborts", ["sender", "receiver"])
async def test_abort_mid_transfer_reports_byte_counts(tmp_path: Path, who_aborts: str) -> None:
    size = 4 * 1024 * 1024
    source = tmp_path / "source"
    make_file(source, size, 5)
    net = SimulatedNetwork(seed=32, delay=0.002)
    server_error: list[rx.CallError] = []
    with trio.fail_after(120):
        async with rx.open_endpoint(("10.0.0.1", 0), network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            server = sep.socket()
            server.listen([SERVICE])

            async def serve() -> None:
                call = await server.accept()
                with (tmp_path / "target").open("wb") as out:
                    if who_aborts == "receiver":
                        async with call:
                            await call.splice(out, count=1_000_000)
                            call.abort(4242)
                    else:
                        try:
                            await call.splice(out)
                        except rx.CallError as exc:
                            server_error.append(exc)

            async with trio.open_nursery() as nursery:
                nursery.start_soon(serve)
                client = cep.socket()
                if who_aborts == "sender":
                    with pytest.raises(GaveUp):
                        async with client.call(sep.address, SERVICE) as call:
                            with source.open("rb") as f:
                                await call.sendfile(f, count=1_000_000)
                            raise GaveUp  # leaving by an exception aborts the call
                    await trio.sleep(1)
                else:
                    with pytest.raises(rx.RemoteAbort) as info:
                        async with client.call(sep.address, SERVICE) as call:
                            with source.open("rb") as f:
                                await call.sendfile(f)
                    assert info.value.abort_code == 4242
                    assert info.value.bytes_transferred is not None
                    assert 1_000_000 <= info.value.bytes_transferred < size
    if who_aborts == "sender":
        assert len(server_error) == 1
        assert isinstance(server_error[0], rx.RemoteAbort)
        assert server_error[0].abort_code == rx.AbortCode.RX_USER_ABORT
        moved = server_error[0].bytes_transferred
        assert moved is not None
        assert 0 <= moved <= 1_000_000


async def test_short_file_aborts_the_call(tmp_path: Path) -> None:
    source = tmp_path / "short"
    make_file(source, 10_000, 6)
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0)) as sep, rx.open_endpoint(
                ("127.0.0.1", 0)) as cep:
            sep.socket().listen([SERVICE])
            with pytest.raises(rx.LocalAbort, match="ended after 10000 of 20000"):
                async with cep.socket().call(sep.address, SERVICE) as call:
                    with source.open("rb") as f:
                        await call.sendfile(f, count=20_000)


async def test_file_io_moves_to_a_thread_after_a_slow_read_or_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regular files are read and written on the event loop's thread while that is quick;
    after a slow read or write, the rest go through a worker thread (the data is the same)."""
    import trio_rxrpc._filestream as filestream

    hops = 0
    real_run_sync = trio.to_thread.run_sync

    async def counting(fn: Callable[[*Args], T], *args: *Args) -> T:
        nonlocal hops
        called: object = fn
        if called in (os.write, os.pread):
            hops += 1
        return await real_run_sync(fn, *args)

    monkeypatch.setattr(trio.to_thread, "run_sync", counting)
    size = 3 * 1024 * 1024 + 17
    source, target = tmp_path / "source", tmp_path / "target"
    digest = make_file(source, size, 9)
    # Every read and write counts as quick (the page cache serves them, but a loaded machine
    # may take longer than QUICK_IO over one): none leaves the event loop's thread.
    monkeypatch.setattr(filestream, "QUICK_IO", 60.0)
    with trio.fail_after(60):
        await transfer(source, target, network=None, hosts=("127.0.0.1", "127.0.0.1"))
    assert sha256_of(target) == digest
    assert hops == 0

    monkeypatch.setattr(filestream, "QUICK_IO", -1.0)  # every read and write is "slow"
    with trio.fail_after(60):
        await transfer(source, target, network=None, hosts=("127.0.0.1", "127.0.0.1"))
    assert sha256_of(target) == digest
    assert hops > 2  # the first read and write went directly, the rest through threads
