"""The example programs as a user runs them: bad options, unknown hosts, Ctrl-C.

Each test runs ``python examples/NAME.py ...`` in a process and checks the exit status and
what reaches stderr: a usage error is argparse's message naming the option (status 2), a
failure or Ctrl-C is one line (status 1 or 130), and there is never a traceback.
"""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_cli import assert_one_line_failure, environment

from trio_rxrpc._listquery import query
from trio_rxrpc._proto.wire import CLIENT_INITIATED, HEADER, PacketType

if TYPE_CHECKING:
    from collections.abc import Iterator

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def example(name: str, *argv: str) -> list[str]:
    return [sys.executable, str(EXAMPLES / f"{name}.py"), *argv]


def run_example(name: str, *argv: str, timeout: float = 60,
                cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(example(name, *argv), env=environment(), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout, check=False,
                          cwd=cwd)


@contextmanager
def started(name: str, *argv: str) -> Iterator[subprocess.Popen[str]]:
    """The example running as a process; killed on the way out if it is still running."""
    with subprocess.Popen(example(name, *argv), env=environment(), stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as proc:
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def read_line(proc: subprocess.Popen[str], limit: float = 60) -> str:
    """The next line of ``proc``'s stdout (``limit`` bounds a hang only).

    Reads the pipe a byte at a time, so that no later line waits in a buffer that ``select``
    cannot see (a signal must not be sent before the line that announces it was read).
    """
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    line = bytearray()
    deadline = time.monotonic() + limit
    while not line.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"no output within {limit} s"
        byte = os.read(fd, 1)
        if not byte:
            break
        line += byte
    return line.decode()


def finish(proc: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@contextmanager
def silent_server() -> Iterator[tuple[int, socket.socket]]:
    """A UDP port that takes datagrams and never answers (a server that hangs)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1]), sock


# -------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(("name", "argv", "option"), [
    ("echo_client", ("--port", "0"), "--port"),
    ("echo_client", ("--port", "70000"), "--port"),
    ("echo_client", ("--service", "0"), "--service"),
    ("echo_client", ("--count", "0"), "--count"),
    ("echo_client", ("--concurrency", "0"), "--concurrency"),
    ("echo_client", ("--size", "-1"), "--size"),
    ("echo_client", ("--timeout", "0"), "--timeout"),
    ("echo_client", ("--timeout", "nan"), "--timeout"),
    ("echo_server", ("--port", "70000"), "--port"),
    ("echo_server", ("--service", "65536"), "--service"),
    ("echo_server", ("--backlog", "0"), "--backlog"),
    ("echo_server", ("--max-size", "-1"), "--max-size"),
    ("echo_server", ("--grace", "-1"), "--grace"),
    ("file_server", (".", "--service", "0"), "--service"),
    ("file_server", (".", "--backlog", "0"), "--backlog"),
    ("file_server", (".", "--port", "70000"), "--port"),
    ("file_client", ("ls", "--port", "0"), "--port"),
    ("file_client", ("ls", "--service", "0"), "--service"),
    ("file_client", ("ls", "--timeout", "-1"), "--timeout"),
    ("worker_pool", ("--concurrency", "0"), "--concurrency"),
    ("worker_pool", ("--workers", "0"), "--workers"),
    ("worker_pool", ("--calls", "0"), "--calls"),
    ("worker_pool", ("--delay", "-1"), "--delay"),
    ("vl_server", ("--port", "70000"), "--port"),
    ("vl_server", ("--fileserver", "fs.example"), "--fileserver"),
    ("vl_server", ("--keys", "/nonexistent"), "--keys"),
    ("pt_server", ("--port", "-1"), "--port"),
    ("pt_server", ("--keys", "/nonexistent"), "--keys"),
])
def test_bad_options_are_usage_errors(name: str, argv: tuple[str, ...], option: str) -> None:
    done = run_example(name, *argv)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    last = done.stderr.splitlines()[-1]
    assert re.match(rf"{name}\.py( \w+)?: error: argument {option}: wants ", last), last


@pytest.mark.parametrize("name", ["echo_client", "echo_server", "file_client", "file_server",
                                  "worker_pool", "vl_server", "pt_server"])
def test_help_documents_the_exit_statuses(name: str) -> None:
    done = run_example(name, *(("ls",) if name == "file_client" else ()), "--help")
    assert done.returncode == 0, done.stderr
    table = done.stdout.split("exit status:\n", 1)[1]
    for status in ("0", "1", "2", "130"):
        assert re.search(rf"^  {status} +\S", table, re.MULTILINE), table


# ------------------------------------------------------------------------ failures


def test_echo_client_unknown_host_is_one_line() -> None:
    done = run_example("echo_client", "--address", "no.such.host.invalid")
    assert_one_line_failure(done, 1, "echo_client: cannot resolve 'no.such.host.invalid'")


def test_file_client_unknown_host_is_one_line(tmp_path: Path) -> None:
    done = run_example("file_client", "ls", "--address", "no.such.host.invalid", cwd=tmp_path)
    assert_one_line_failure(done, 1, "file_client: ls: cannot resolve 'no.such.host.invalid'")


@pytest.mark.parametrize(("name", "argv"), [
    ("echo_server", ()),
    ("file_server", (".",)),
    ("vl_server", ("--address", "127.0.0.1")),
    ("pt_server", ("--address", "127.0.0.1")),
])
def test_server_on_a_taken_port_is_one_line(name: str, argv: tuple[str, ...]) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = str(taken.getsockname()[1])
        done = run_example(name, *argv, "--port", port)
    assert_one_line_failure(done, 1, f"{name}: cannot serve:", "Address already in use")


# -------------------------------------------------------------------------- Ctrl-C


@pytest.mark.parametrize(("name", "argv"), [
    ("echo_client", ("--timeout", "600")),
    ("file_client", ("ls", "--timeout", "600")),
])
def test_ctrl_c_stops_a_waiting_client_with_one_line(name: str, argv: tuple[str, ...],
                                                     tmp_path: Path) -> None:
    with silent_server() as (port, sock):
        cmd = example(name, *argv, "--port", str(port))
        with subprocess.Popen(cmd, env=environment(), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=tmp_path) as proc:
            sock.settimeout(60)
            sock.recv(65536)  # the call has started
            proc.send_signal(signal.SIGINT)
            done = finish(proc)
    assert_one_line_failure(done, 130, f"{name}: interrupted")


def test_ctrl_c_stops_the_worker_pool_with_one_line() -> None:
    with started("worker_pool", "--calls", "100000", "--delay", "0.5") as proc:
        assert read_line(proc).startswith("4 workers serve service 1234;")
        proc.send_signal(signal.SIGINT)
        done = finish(proc)
    assert_one_line_failure(done, 130, "worker_pool: interrupted")


@pytest.mark.parametrize(("name", "argv"), [
    ("echo_server", ()), ("file_server", (".",)), ("vl_server", ()), ("pt_server", ()),
])
def test_ctrl_c_stops_a_server_cleanly(name: str, argv: tuple[str, ...]) -> None:
    with started(name, *argv, "--port", "0") as proc:
        assert "listening on" in read_line(proc)
        proc.send_signal(signal.SIGINT)
        done = finish(proc)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "stopped" in done.stdout.splitlines()[-1]


def start_call(port: int, service: int) -> socket.socket:
    """Send the first DATA packet of a call that never finishes its request."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect(("127.0.0.1", port))
    sock.send(HEADER.pack(0x1234_5678, 0x40, 1, 1, 1, PacketType.DATA, CLIENT_INITIATED, 0,
                          0, 0, service) + b"half a request")
    return sock


def test_second_ctrl_c_stops_the_echo_server_at_once_with_one_line() -> None:
    with started("echo_server", "--port", "0", "--grace", "600", "--quiet") as proc:
        match = re.search(r"listening on 127\.0\.0\.1:(\d+),", read_line(proc))
        assert match is not None
        port = int(match.group(1))
        with start_call(port, 1234):
            # Wait until the server has accepted the call: its handler is then in progress.
            for _ in range(200):
                rows = query(("127.0.0.1", port), "sockets", timeout=10)
                if rows and rows[0]["calls"] == 1 and rows[0]["accept_queue"] == 0:
                    break
                time.sleep(0.05)
            else:
                raise AssertionError(f"the call was never accepted: {rows}")
            proc.send_signal(signal.SIGINT)
            read_line(proc)  # the empty line before "stopping"
            assert "1 in progress may take up to 600 s" in read_line(proc)
            proc.send_signal(signal.SIGINT)
            done = finish(proc)
    assert_one_line_failure(done, 130, "echo_server: stopped at once")
