"""``trio-rxrpc demo``: an echo service, a file service and their client, in one process.

The demo opens two endpoints on the loopback interface, one serving and one calling, so the
calls travel over real UDP.  It makes single calls of several sizes, then many calls with a
fixed number in flight, then cancels one call half way through its request and shows that
the server sees the abort.  Last, it moves a file of a few MiB, made in a temporary
directory, to the server and back: each direction is ``sendfile()`` on the sending side and
``splice()`` on the receiving side, and the SHA-256 digests of the three copies are compared.
Every reply is compared with its request byte for byte; the demo exits with status 1 if
anything differs or fails, so it doubles as a smoke test of an installation.
"""

from __future__ import annotations

import functools
import hashlib
import os
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

import trio

from . import __version__
from ._cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    INTERRUPTED_ROW,
    USAGE_ROW,
    cancel_on_ctrl_c,
    exit_status_text,
    int_range,
)
from ._endpoint import open_endpoint
from ._errors import CallError, RemoteAbort
from ._listing import format_table
from ._proto.call import Completion
from ._proto.codes import AbortCode, format_abort_code

if TYPE_CHECKING:
    import argparse

    from ._call import Call
    from ._endpoint import Endpoint
    from ._socket import BoundSocket

NAME: Final = "demo"
SUMMARY: Final = ("run an echo service, a file service and a client on loopback, and show "
                  "what happens")

ECHO_SERVICE: Final = 1234
"""The Rx service ID the demo's echo server listens on."""

SIZES: Final = (0, 10, 1412, 64 * 1024, 1024 * 1024)
"""Request sizes of the single calls: empty, tiny, exactly one packet, 64 KiB and 1 MiB."""

CONCURRENT_SIZE: Final = 1024
"""Request size of each call in the concurrent part."""

FILE_SERVICE: Final = 1235
"""The Rx service ID of the demo's file store."""

FILE_SIZE: Final = 4 * 1024 * 1024
"""Size of the file the demo sends to the file store and fetches back."""

Handler = Callable[["Call"], Awaitable[None]]
"""Serves one accepted call: reads the request and sends the reply."""


async def echo(call: Call) -> None:
    """Send the request back as the reply."""
    request = await call.receive_all()
    await call.send_all(request)
    await call.send_eof()


def size_text(size: int) -> str:
    """``0 B``, ``1412 B``, ``64 KiB``, ``1 MiB``: sizes as people read them."""
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} B"


class EchoServer:
    """The demo's server: accepts calls and serves each one in a task of its own.

    It remembers what happened to the calls, so the demo can check the server's view too.
    """

    def __init__(self, sock: BoundSocket, handler: Handler) -> None:
        self.sock = sock
        self.handler = handler
        self.served = 0
        """Calls the handler finished without an error."""
        self.remote_aborts: list[int] = []
        """Abort codes of the calls the client aborted."""
        self.errors: list[str] = []
        """Every other failure, described."""
        self.aborted = trio.Event()
        """Set when a client aborts a call."""

    async def serve(self, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED,
                    ) -> None:
        """Accept calls forever; each runs in its own task, so none waits for another."""
        async with trio.open_nursery() as nursery:
            task_status.started()
            while True:
                call = await self.sock.accept()
                nursery.start_soon(self._run, call)

    async def _run(self, call: Call) -> None:
        try:
            async with call:
                await self.handler(call)
        except RemoteAbort as exc:
            self.remote_aborts.append(exc.abort_code or 0)
            self.aborted.set()
        except CallError as exc:
            self.errors.append(f"{type(exc).__name__}: {exc}")
        else:
            self.served += 1


class FileStore:
    """The demo's file service: keeps one file, stored with splice() and sent with sendfile().

    A request is one byte, then data: ``P`` and the file's bytes stores the file and is
    answered with the SHA-256 of the copy on disk; ``G`` alone is answered with the file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    async def handle(self, call: Call) -> None:
        op = await call.receive_some(1)
        if op == b"P":
            fd = await trio.to_thread.run_sync(_open_for_writing, self.path)
            try:
                await call.splice(fd)
            finally:
                os.close(fd)
            await call.send_all(await trio.to_thread.run_sync(_sha256_of, self.path))
        elif op == b"G" and not await call.receive_some(1):
            fd = await trio.to_thread.run_sync(os.open, self.path, os.O_RDONLY)
            try:
                await call.sendfile(fd)
            finally:
                os.close(fd)
        else:
            call.abort(AbortCode.RX_INVALID_OPERATION)
            return
        await call.send_eof()


def _open_for_writing(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)


def _sha256_of(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.digest()


class Demo:
    """One run of the demo: the two endpoints, the checks and the printed report."""

    def __init__(self, out: TextIO, server_ep: Endpoint, client_ep: Endpoint,
                 server: EchoServer) -> None:
        self.out = out
        self.server_ep = server_ep
        self.client_ep = client_ep
        self.server = server
        self.client = client_ep.socket()
        self.rng = random.Random(2024)
        self.calls = 0
        self.failures: list[str] = []

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def fail(self, text: str) -> None:
        self.failures.append(text)
        self.say(f"    FAILED: {text}")

    def table(self, title: str, rows: str) -> None:
        self.say(f"    {title}")
        for line in rows.splitlines():
            self.say(f"      {line}")

    async def echo_call(self, request: bytes) -> bool:
        """Make one call with ``request``; True if the reply is the same bytes."""
        self.calls += 1
        try:
            async with self.client.call(self.server_ep.address, ECHO_SERVICE) as call:
                await call.send_all(request)
                await call.send_eof()
                reply = await call.receive_all()
        except CallError as exc:
            self.fail(f"a {size_text(len(request))} call failed: {type(exc).__name__}: {exc}")
            return False
        if reply != request:
            self.fail(f"a {size_text(len(request))} call got a different reply back "
                      f"({size_text(len(reply))})")
            return False
        return True

    async def single_calls(self) -> None:
        self.say("1. One call at a time: each request comes back as the reply")
        self.say("    (throughput counts the request and the reply; 1 MB = 10^6 bytes)")
        self.say(f"    {'request':>9}  {'time':>9}  {'throughput':>13}")
        for size in SIZES:
            request = self.rng.randbytes(size)
            start = time.perf_counter()
            ok = await self.echo_call(request)
            elapsed = time.perf_counter() - start
            rate = f"{2 * size / elapsed / 1e6:8.1f} MB/s" if size >= 65536 else ""
            self.say(f"    {size_text(size):>9}  {elapsed * 1e3:6.2f} ms  {rate:>13}"
                     f"  {'same bytes back' if ok else 'MISMATCH'}")
        self.say()

    async def concurrent_calls(self, count: int, concurrency: int) -> None:
        self.say(f"2. {count} calls of {size_text(CONCURRENT_SIZE)}, "
                 f"{concurrency} in flight at once")
        requests = [self.rng.randbytes(CONCURRENT_SIZE) for _ in range(count)]
        todo = iter(requests)
        matched = 0

        async def worker() -> None:
            nonlocal matched
            for request in todo:
                if await self.echo_call(request):
                    matched += 1

        start = time.perf_counter()
        async with trio.open_nursery() as nursery:
            for _ in range(concurrency):
                nursery.start_soon(worker)
        elapsed = time.perf_counter() - start
        connections = len(self.client_ep.list_connections())
        self.say(f"    {matched} of {count} replies matched their requests, "
                 f"in {elapsed:.3f} s: {count / elapsed:,.0f} calls/s")
        self.say(f"    the client endpoint spread them over {connections} connections "
                 f"(each carries up to 4 calls at a time)")
        self.say()

    async def cancelled_call(self) -> None:
        code = AbortCode.RX_USER_ABORT
        self.say("3. Cancelling a call")
        self.say("    The client sends 64 KiB of a request and then stalls; its deadline")
        self.say("    (trio.move_on_after(0.25)) expires before the request is finished.")
        self.calls += 1
        start = time.perf_counter()
        call = self.client.call(self.server_ep.address, ECHO_SERVICE)
        with trio.move_on_after(0.25):
            async with call:
                await call.send_all(self.rng.randbytes(64 * 1024))
                await trio.sleep(0.1)
                self.say("    While it waits, the endpoints list the call (list_calls()):")
                self.table("client endpoint:", format_table(self.client_ep.list_calls()))
                self.table("server endpoint:", format_table(self.server_ep.list_calls()))
                await trio.sleep(10)  # the rest of the request never comes
        elapsed = time.perf_counter() - start
        self.say(f"    client: cancelled after {elapsed:.2f} s; leaving 'async with call' "
                 f"aborted the call")
        completion = call.completion.value if call.completion is not None else "still running"
        self.say(f"    client: the call ended {completion}, "
                 f"abort code {format_abort_code(call.abort_code or 0)}")
        if call.completion is not Completion.LOCALLY_ABORTED or call.abort_code != code:
            self.fail(f"the cancelled call should have ended LOCALLY_ABORTED with "
                      f"{format_abort_code(code)}")
        with trio.move_on_after(5):
            await self.server.aborted.wait()
        if self.server.remote_aborts:
            seen = format_abort_code(self.server.remote_aborts[0])
            self.say(f"    server: the handler's receive_all() raised RemoteAbort, "
                     f"abort code {seen}")
        if self.server.remote_aborts != [code]:
            self.fail(f"the server should have seen one RemoteAbort with "
                      f"{format_abort_code(code)}, not {self.server.remote_aborts}")
        self.say()

    async def file_round_trip(self, folder: Path, size: int) -> None:
        self.say("4. A file through calls: sendfile() on the sending side, splice() on the "
                 "receiving side")
        self.say(f"    A {size_text(size)} file of random bytes goes to a file store and comes "
                 f"back, then")
        self.say("    the SHA-256 digests of the three copies are compared (1 MB = 10^6 bytes).")
        original, fetched = folder / "original", folder / "fetched"
        data = self.rng.randbytes(size)
        digest = hashlib.sha256(data).digest()
        await trio.to_thread.run_sync(original.write_bytes, data)
        address = self.server_ep.address
        try:
            self.calls += 1
            start = time.perf_counter()
            async with self.client.call(address, FILE_SERVICE) as call:
                await call.send_all(b"P")
                fd = await trio.to_thread.run_sync(os.open, original, os.O_RDONLY)
                try:
                    sent = await call.sendfile(fd)
                finally:
                    os.close(fd)
                await call.send_eof()
                stored = await call.receive_all()
            self._transfer_line("upload: client sendfile() -> server splice()", sent,
                                time.perf_counter() - start)
            self.calls += 1
            start = time.perf_counter()
            async with self.client.call(address, FILE_SERVICE) as call:
                await call.send_all(b"G")
                await call.send_eof()
                fd = await trio.to_thread.run_sync(_open_for_writing, fetched)
                try:
                    received = await call.splice(fd)
                finally:
                    os.close(fd)
            self._transfer_line("download: server sendfile() -> client splice()", received,
                                time.perf_counter() - start)
        except CallError as exc:
            self.fail(f"a file call failed: {type(exc).__name__}: {exc}")
            return
        copies = (("the original", digest), ("the server's copy", stored),
                  ("the fetched copy", await trio.to_thread.run_sync(_sha256_of, fetched)))
        for what, copy in copies:
            shown = "the same" if copy == digest and what != "the original" else copy.hex()
            self.say(f"    SHA-256 of {what + ':':<19} {shown}")
            if copy != digest:
                self.fail(f"the SHA-256 of {what} differs from the original's")
        self.say()

    def _transfer_line(self, what: str, size: int, seconds: float) -> None:
        self.say(f"    {what:>47}  {size_text(size):>7} in {seconds * 1e3:7.2f} ms  "
                 f"{size / seconds / 1e6:7.1f} MB/s")

    def summary(self) -> None:
        self.say("5. What the endpoints know now")
        self.table("client endpoint peers (list_peers()):",
                   format_table(self.client_ep.list_peers()))
        self.table("server endpoint peers (list_peers()):",
                   format_table(self.server_ep.list_peers()))
        self.table("server endpoint sockets (list_sockets()):",
                   format_table(self.server_ep.list_sockets()))
        self.say()
        for error in self.server.errors:
            self.fail(f"server: {error}")
        if self.failures:
            self.say(f"FAILED: {len(self.failures)} problem(s) in {self.calls} calls")
        else:
            self.say(f"OK: all {self.calls} calls behaved as expected")


def _address_text(address: tuple[object, ...]) -> str:
    host = str(address[0])
    return f"[{host}]:{address[1]}" if ":" in host else f"{host}:{address[1]}"


async def run_demo(out: TextIO, *, calls: int = 512, concurrency: int = 64,
                   handler: Handler = echo, file_size: int = FILE_SIZE) -> bool:
    """Run the whole demo, printing to ``out``; True if every check passed.

    Args:
        out: where the report goes.
        calls: how many calls the concurrent part makes.
        concurrency: how many of those are in flight at once.
        handler: what the server does with each call (the echo, unless a test swaps it).
        file_size: the size of the file sent to the file store and back.
    """
    print(f"trio-rxrpc {__version__} demo: an echo service, a file service and their client "
          f"in one process", file=out)
    with tempfile.TemporaryDirectory(prefix="trio-rxrpc-demo-") as folder:
        return await _run_demo(out, Path(folder), calls=calls, concurrency=concurrency,
                               handler=handler, file_size=file_size)


async def _run_demo(out: TextIO, folder: Path, *, calls: int, concurrency: int,
                    handler: Handler, file_size: int) -> bool:
    async with (
        open_endpoint(("127.0.0.1", 0)) as server_ep,
        open_endpoint(("127.0.0.1", 0)) as client_ep,
        trio.open_nursery() as nursery,
    ):
        sock = server_ep.socket()
        # The backlog is how many calls may wait to be accepted; more than that are told
        # BUSY.  A burst of `concurrency` new calls can arrive before the accept loop runs.
        sock.listen([ECHO_SERVICE], backlog=max(16, 2 * concurrency))
        server = EchoServer(sock, handler)
        await nursery.start(server.serve)
        files = server_ep.socket()
        files.listen([FILE_SERVICE])
        await nursery.start(files.serve, FileStore(folder / "stored").handle)
        demo = Demo(out, server_ep, client_ep, server)
        demo.say(f"  server endpoint {_address_text(server_ep.address)}, "
                 f"echo service {ECHO_SERVICE}, file service {FILE_SERVICE}")
        demo.say(f"  client endpoint {_address_text(client_ep.address)}")
        demo.say()
        with trio.move_on_after(120) as deadline:
            await demo.single_calls()
            await demo.concurrent_calls(calls, concurrency)
            await demo.cancelled_call()
            await demo.file_round_trip(folder, file_size)
        if deadline.cancelled_caught:
            demo.fail("the demo did not finish within 120 s")
        demo.summary()
        nursery.cancel_scope.cancel()
    return not demo.failures


EXIT_STATUS: Final = exit_status_text(
    (EXIT_OK, "every check passed"),
    (EXIT_FAILURE, "a check failed (the report says which)"),
    USAGE_ROW,
    INTERRUPTED_ROW,
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the demo's options to its subcommand parser."""
    parser.add_argument("--calls", type=int_range(1, 1 << 24, "a number of calls"),
                        default=512, metavar="N",
                        help="calls to make in the concurrent part (default: %(default)s)")
    parser.add_argument("--concurrency", type=int_range(1, 65536, "a number of calls"),
                        default=64, metavar="N",
                        help="calls in flight at once in that part (default: %(default)s)")
    parser.epilog = EXIT_STATUS


def run(args: argparse.Namespace) -> int:
    """Run the demo; the exit status as :data:`EXIT_STATUS` says."""
    demo = functools.partial(run_demo, sys.stdout, calls=args.calls,
                             concurrency=args.concurrency)
    stopped, ok = trio.run(cancel_on_ctrl_c, demo)
    if stopped:
        sys.stdout.flush()
        print("demo: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK if ok else EXIT_FAILURE
