"""The file service example (examples/file_server.py and file_client.py) over real loopback UDP.

Most tests run the server in process, from the example's own ``FileServer``, and talk to it
with the example's ``FileClient`` or with hand-made requests; a few run the command lines
as a user would, in subprocesses.  File reads and writes go through worker threads, so these
tests use real time (``trio.fail_after``), never the autojump clock.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import io
import os
import random
import re
import signal
import struct
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
import trio

import trio_rxrpc as rx

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def _load(name: str) -> object:
    """Import ``examples/<name>.py`` as the top-level module ``name`` (as running it would)."""
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    import file_client
    import file_server
else:
    _load("example_cli")  # first: both examples import it
    file_server = _load("file_server")  # next: file_client imports it
    file_client = _load("file_client")

SERVICE = 1235
BAD_NAME = file_server.FileAbort.BAD_NAME
NOT_FOUND = file_server.FileAbort.NOT_FOUND
BAD_REQUEST = file_server.FileAbort.BAD_REQUEST


def make_file(path: Path, size: int, seed: int) -> str:
    data = random.Random(seed).randbytes(size)
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(folder: Path) -> list[str]:
    """What ``folder`` holds, hidden files included, sorted."""
    return sorted(p.name for p in folder.iterdir())


@attrs.define
class Service:
    """A file server running in process, and a client endpoint to call it from."""

    root: Path
    server: file_server.FileServer
    address: tuple[str, int]
    client: file_client.FileClient
    log: list[str]

    def call(self) -> rx.Call:
        return self.client.sock.call(self.address, SERVICE)


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    root = tmp_path / "root"
    root.mkdir()
    log: list[str] = []
    server = file_server.FileServer(root, log=log.append)
    async with (
        rx.open_endpoint(("127.0.0.1", 0)) as server_ep,
        rx.open_endpoint(("127.0.0.1", 0)) as client_ep,
        trio.open_nursery() as nursery,
    ):
        sock = server_ep.socket()
        sock.listen([SERVICE])
        await nursery.start(server.serve, sock)
        address = (server_ep.address[0], server_ep.address[1])
        client = file_client.FileClient(client_ep.socket(), address, service=SERVICE)
        yield Service(root, server, address, client, log)
        nursery.cancel_scope.cancel()


# ------------------------------------------------------------------- in process


async def test_put_get_round_trip_and_list(service: Service, tmp_path: Path) -> None:
    size = 5 * 1024 * 1024 + 321  # several chunks and a ragged end
    source = tmp_path / "source.bin"
    digest = make_file(source, size, 1)
    with trio.fail_after(60):
        stored = await service.client.put(source, "data.bin")
        assert (stored.size, stored.sha256) == (size, digest)
        assert sha256_of(service.root / "data.bin") == digest

        (service.root / "docs").mkdir()
        await service.client.put(source, "docs/copy.bin")
        (service.root / "empty").write_bytes(b"")

        dest = tmp_path / "fetched.bin"
        fetched = await service.client.get("data.bin", dest)
        assert (fetched.size, fetched.sha256) == (size, digest)
        assert sha256_of(dest) == digest
        empty = await service.client.get("empty", tmp_path / "empty")
        assert (empty.size, empty.sha256) == (0, hashlib.sha256().hexdigest())

        assert await service.client.list() == [
            ("data.bin", size), ("docs/copy.bin", size), ("empty", 0)]
    # Neither side left a temporary file behind.
    assert names(service.root) == ["data.bin", "docs", "empty"]
    assert names(service.root / "docs") == ["copy.bin"]
    assert names(tmp_path) == ["empty", "fetched.bin", "root", "source.bin"]
    assert any("PUT 'data.bin': stored" in line for line in service.log)


async def test_put_replaces_a_file_and_list_hides_what_get_cannot_fetch(
        service: Service, tmp_path: Path) -> None:
    root = service.root
    (root / "old").write_bytes(b"old contents")
    (root / ".hidden").write_bytes(b"secret")
    (root / "ctl\x01name").write_bytes(b"x")
    (root / os.fsdecode(b"not-utf8-\xff")).write_bytes(b"x")
    (tmp_path / "outside").write_bytes(b"outside")
    (root / "link-out").symlink_to(tmp_path / "outside")
    (root / "link-in").symlink_to(root / "old")
    source = tmp_path / "new"
    source.write_bytes(b"new contents!")
    with trio.fail_after(30):
        await service.client.put(source, "old")
        assert (root / "old").read_bytes() == b"new contents!"
        assert await service.client.list() == [("link-in", 13), ("old", 13)]


@pytest.mark.parametrize("name", [
    "../etc/passwd", "/etc/passwd", "a/../../x", "..", ".", "", "a//b", "a/", "a/./b",
    ".hidden", "nul\x00byte", "line\nfeed", "x" * 1025,
])
async def test_bad_names_are_refused(service: Service, tmp_path: Path, name: str) -> None:
    source = tmp_path / "source"
    make_file(source, 300_000, 2)
    (service.root / "a").mkdir()
    with trio.fail_after(30):
        with pytest.raises(file_client.FileServiceError) as get_error:
            await service.client.get(name, tmp_path / "dest")
        with pytest.raises(file_client.FileServiceError) as put_error:
            await service.client.put(source, name)
    for error in (get_error.value, put_error.value):
        assert error.code == BAD_NAME
        assert "BAD_NAME (2): the name is not allowed" in str(error)
    assert not (tmp_path / "dest").exists()
    assert names(service.root) == ["a"]
    assert names(service.root / "a") == []
    assert names(tmp_path) == ["root", "source"]


async def test_symlinks_may_not_lead_outside(service: Service, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_bytes(b"secret")
    (service.root / "escape").symlink_to(outside)
    (service.root / "passwd").symlink_to("/etc/passwd")
    (service.root / "loop").symlink_to("loop")
    source = tmp_path / "source"
    source.write_bytes(b"data")
    with trio.fail_after(30):
        for name in ("escape/secret", "passwd", "loop", "loop/x"):
            with pytest.raises(file_client.FileServiceError) as exc_info:
                await service.client.get(name, tmp_path / "dest")
            assert exc_info.value.code == BAD_NAME
        with pytest.raises(file_client.FileServiceError) as exc_info:
            await service.client.put(source, "escape/planted")
        assert exc_info.value.code == BAD_NAME
    assert names(outside) == ["secret"]


async def test_missing_files_and_folders_are_not_found(service: Service, tmp_path: Path) -> None:
    (service.root / "folder").mkdir()
    source = tmp_path / "source"
    source.write_bytes(b"data")
    dest = tmp_path / "dest"
    dest.write_bytes(b"keep me")
    with trio.fail_after(30):
        for name in ("missing", "folder", "missing/file"):
            with pytest.raises(file_client.FileServiceError) as exc_info:
                await service.client.get(name, dest)
            assert exc_info.value.code == NOT_FOUND
            assert "NOT_FOUND (1)" in str(exc_info.value)
        with pytest.raises(file_client.FileServiceError) as exc_info:
            await service.client.put(source, "no-such-folder/file")
        assert exc_info.value.code == NOT_FOUND
        with pytest.raises(file_client.FileServiceError) as exc_info:
            await service.client.put(source, "folder")
        assert exc_info.value.code == BAD_NAME
    assert dest.read_bytes() == b"keep me"  # a failed get leaves the destination alone
    assert names(tmp_path) == ["dest", "root", "source"]


async def wait_for(condition: Callable[[], object]) -> None:
    """Poll: the server's files and log offer nothing to wait on."""
    while not condition():  # noqa: ASYNC110 - there is no event to wait for instead
        await trio.sleep(0.01)


async def test_an_aborted_upload_leaves_nothing_behind(service: Service) -> None:
    put = file_server.encode_request(file_server.Op.PUT, "partial")
    with trio.fail_after(30):
        async with service.call() as call:
            await call.send_all(put + bytes(1 << 20))
            await wait_for(lambda: names(service.root))  # the temporary file
            assert names(service.root)[0].startswith(".partial.")
            call.abort(1234)
        await wait_for(lambda: service.log)
    assert names(service.root) == []
    [line] = service.log
    client = file_server.address_text(call.socket.endpoint.address)
    assert line.startswith(f"{client} PUT 'partial': failed: RemoteAbort: ")
    assert line.endswith("[abort code 1234]")


async def test_stopping_the_server_mid_upload_leaves_nothing_behind(tmp_path: Path) -> None:
    server = file_server.FileServer(tmp_path)
    put = file_server.encode_request(file_server.Op.PUT, "partial")
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
            sock = ep.socket()
            sock.listen([SERVICE])
            serving = trio.CancelScope()

            async def serve() -> None:
                with serving:
                    await server.serve(sock)

            nursery.start_soon(serve)
            with pytest.raises(rx.RemoteAbort) as exc_info:
                async with ep.socket().call(ep.address, SERVICE) as call:
                    await call.send_all(put + bytes(1 << 20))
                    await wait_for(lambda: names(tmp_path))
                    serving.cancel()
                    await call.receive_all()
    assert exc_info.value.abort_code == rx.AbortCode.RX_USER_ABORT
    assert names(tmp_path) == []


@pytest.mark.parametrize(("request_bytes", "code"), [
    (struct.pack(">II", 9, 0), BAD_REQUEST),                      # unknown opcode
    (struct.pack(">I", 1), BAD_REQUEST),                          # header cut short
    (struct.pack(">II", 1, 10) + b"abc", BAD_REQUEST),            # name cut short
    (struct.pack(">II", 1, 4) + b"name" + b"extra", BAD_REQUEST),  # GET with a body
    (struct.pack(">II", 3, 1) + b"x", BAD_REQUEST),               # LIST with a name
    (struct.pack(">II", 1, 2) + b"\xff\xfe", BAD_NAME),           # not UTF-8
    (struct.pack(">II", 2, 1 << 30), BAD_NAME),                   # absurd name length
])
async def test_malformed_requests_are_aborted(service: Service, request_bytes: bytes,
                                              code: int) -> None:
    with trio.fail_after(30), pytest.raises(rx.RemoteAbort) as exc_info:
        async with service.call() as call:
            await call.send_all(request_bytes)
            await call.send_eof()
            await call.receive_all()
    assert exc_info.value.abort_code == code


async def test_get_checks_the_digest(tmp_path: Path) -> None:
    """A server whose trailer does not match the data: the client refuses the file."""

    async def lying_server(call: rx.Call) -> None:
        await call.receive_all()
        await call.send_all(file_server.encode_size(5) + b"hello" + bytes(32))
        await call.send_eof()

    dest = tmp_path / "dest"
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
            sock = ep.socket()
            sock.listen([SERVICE])
            await nursery.start(sock.serve, lying_server)
            client = file_client.FileClient(ep.socket(), ep.address[:2], service=SERVICE)
            with pytest.raises(file_client.FileServiceError, match="SHA-256 mismatch"):
                await client.get("anything", dest)
            nursery.cancel_scope.cancel()
    assert not dest.exists()
    assert names(tmp_path) == []


def test_progress_bar_redraws_at_most_ten_times_a_second() -> None:
    now = 0.0
    out = io.StringIO()
    bar = file_client.Progress(out, "get big", live=True, clock=lambda: now)
    total = 100_000_000
    bar.start(total)
    for step in range(1, 1001):  # 1000 updates over 2 s
        now = step * 0.002
        bar.update(step * total // 1000)
    bar.finish()
    text = out.getvalue()
    assert 20 <= bar.redraws <= 23  # start, ~10 a second, the end
    assert text.count("\r") == bar.redraws
    assert text.endswith("\n")
    last = text.rsplit("\r", 1)[1]
    assert "100%" in last
    assert "100.0/100.0 MB" in last
    assert "50.0 MB/s" in last


def test_progress_is_silent_unless_live() -> None:
    out = io.StringIO()
    bar = file_client.Progress(out, "put x", live=False)
    bar.start(10)
    bar.update(10)
    bar.finish()
    assert out.getvalue() == ""


def test_progress_is_drawn_on_a_terminal_only() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert file_client.wants_progress(None, Terminal())
    assert not file_client.wants_progress(None, io.StringIO())
    assert file_client.wants_progress(True, io.StringIO())
    assert not file_client.wants_progress(False, Terminal())


# ------------------------------------------------------------------ command lines


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


async def run_client(port: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return await trio.run_process(
        [sys.executable, str(EXAMPLES / "file_client.py"), *args, "--port", str(port)],
        cwd=cwd, env=_env(), capture_stdout=True, capture_stderr=True, check=False)


async def test_client_command_line(service: Service, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    digest = make_file(source, 4 * 1024 * 1024 + 7, 3)
    port = service.address[1]
    with trio.fail_after(60):
        # Standard output is a pipe: no bar unless forced, just the summary.
        done = await run_client(port, "put", "big.bin", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        out = done.stdout.decode()
        assert "\r" not in out
        assert out.startswith("put 'big.bin' as 'big.bin': 4,194,311 bytes in ")
        assert f"SHA-256 {digest} matches the server's" in out

        done = await run_client(port, "get", "big.bin", "copy.bin", "--progress", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        out = done.stdout.decode()
        frames = out.split("\r")[1:]
        assert frames
        assert all("get big.bin [" in frame for frame in frames)
        assert re.search(r"\] +0% ", frames[0])
        assert "100%" in frames[-1]
        assert "MB/s" in frames[-1]
        assert f"SHA-256 {digest} verified" in frames[-1].splitlines()[-1]
        assert sha256_of(tmp_path / "copy.bin") == digest

        done = await run_client(port, "ls", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout.decode().splitlines() == [
            f"{4194311:>15,}  big.bin", "1 file, 4,194,311 bytes"]

        for name in ("../etc/passwd", "/etc/passwd", "a/../../x"):
            done = await run_client(port, "get", name, "out", cwd=tmp_path)
            assert done.returncode == 1
            assert done.stderr.decode() == (
                f"file_client: get: the server refused get {name!r}: "
                f"BAD_NAME (2): the name is not allowed\n")
        done = await run_client(port, "get", "missing", cwd=tmp_path)
        assert done.returncode == 1
        assert "NOT_FOUND (1): no such file" in done.stderr.decode()
        done = await run_client(port, "put", "no-such-local-file", cwd=tmp_path)
        assert done.returncode == 1
        assert "No such file or directory" in done.stderr.decode()
        done = await run_client(port, "get", "big.bin", "no-such-folder/big.bin", cwd=tmp_path)
        assert done.returncode == 1
        assert "there is no folder 'no-such-folder'" in done.stderr.decode()
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "missing").exists()


async def test_server_and_client_command_lines(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    source = tmp_path / "notes.txt"
    source.write_text("notes\n" * 1000)
    with trio.fail_after(60):
        async with trio.open_nursery() as nursery:
            # Started this way, run_process gives a Process whose pipes can be read while it
            # runs, and kills it if the test fails first.
            server: trio.Process = await nursery.start(functools.partial(
                trio.run_process,
                [sys.executable, str(EXAMPLES / "file_server.py"), str(root), "--port", "0"],
                env=_env(), stdout=subprocess.PIPE, check=False))
            assert server.stdout is not None
            output = b""
            while b"\n" not in output:
                chunk = await server.stdout.receive_some()
                assert chunk, "the server exited before it said where it listens"
                output += chunk
            match = re.search(rb"listening on 127\.0\.0\.1:(\d+), service 1235", output)
            assert match, output
            port = int(match.group(1))

            done = await run_client(port, "put", "notes.txt", cwd=tmp_path)
            assert done.returncode == 0, done.stderr
            assert (root / "notes.txt").read_bytes() == source.read_bytes()
            done = await run_client(port, "get", "nope", cwd=tmp_path)
            assert done.returncode == 1

            server.send_signal(signal.SIGINT)
            while chunk := await server.stdout.receive_some():
                output += chunk
        assert server.returncode == 0
    log = output.decode()
    assert "PUT 'notes.txt': stored 6,000 bytes" in log
    assert "GET 'nope': refused with NOT_FOUND (1): no such file" in log
    assert "stopped: 1 requests served, 1 refused, 0 failed" in log
