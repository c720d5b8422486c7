"""``trio-rxrpc rxperf`` and ``demo`` as a user runs them: option errors, progress, Ctrl-C."""

from __future__ import annotations

import io
import os
import re
import select
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest
from test_cli import assert_one_line_failure, environment, run_cli

from trio_rxrpc import _rxperf_cli as rxperf_cli

if TYPE_CHECKING:
    from collections.abc import Iterator

INTERRUPTED_RESULT = re.compile(
    r"^RESULT op=send calls=(?P<calls>\d+) failed=(?P<failed>\d+) bytes=(?P<bytes>\d+) "
    r"seconds=[0-9.]+ calls_per_s=[0-9.]+ MB_per_s=[0-9.]+ interrupted=1$")
"""The client's RESULT line (as in ``trio_rxrpc._rxperf_cli``) with ``interrupted=1`` at its end."""


@pytest.mark.parametrize(("argv", "option", "wants"), [
    (("client", "-c", "rpc", "-T", "-2"), "argument -T", "number of calls in flight"),
    (("client", "-c", "rpc", "-T", "0"), "argument -T", "from 1 to 65536"),
    (("client", "-c", "rpc", "-n", "0"), "argument -n", "number of calls"),
    (("client", "-c", "send", "-b", "-1"), "argument -b", "byte count"),
    (("client", "-c", "send", "-b", "3G"), "argument -b", "byte count from 0 to 2147483647"),
    (("client", "-c", "rpc", "-S", "12X"), "argument -S", "byte count"),
    (("client", "-c", "rpc", "-r", "0"), "argument -r", "byte count from 1"),
    (("client", "-c", "rpc", "-p", "0"), "argument --port/-p", "UDP port"),
    (("client", "-c", "rpc", "-p", "70000"), "argument --port/-p", "from 1 to 65535"),
    (("client", "-c", "rpc", "--timeout", "0"), "argument --timeout", "seconds"),
    (("client", "-c", "rpc", "--watchdog", "inf"), "argument --watchdog/-t", "seconds"),
    (("client", "-c", "rpc", "--level", "top"), "argument --level/-x", "invalid choice"),
    (("client", "-c", "nope"), "argument -c", "invalid choice"),
    (("client", "-c", "rpc", "--window", "0"), "argument --window/-W", "window in packets"),
    (("client", "-c", "rpc", "--jumbo", "256"), "argument --jumbo", "packets per jumbogram"),
    (("client", "-c", "rpc", "--kvno", "256"), "argument --kvno/-K", "key version number"),
    (("client", "-c", "rpc", "--key", "abc"), "argument --key/-k", "16 hex digits"),
    (("client", "-c", "file", "-F", "1,x"), "argument -F", "FILE list"),
    (("client",), "required", "-c"),
    (("server", "--port", "70000"), "argument --port/-p", "UDP port"),
    (("server", "--backlog", "0"), "argument --backlog", "number of calls"),
    (("server", "--count", "-1"), "argument --count/-N", "number of calls"),
    (("server", "--udp-buffer", "2G"), "argument --udp-buffer", "byte count"),
])
def test_rxperf_option_errors_name_the_option_and_what_it_wants(
        argv: tuple[str, ...], option: str, wants: str) -> None:
    done = run_cli("rxperf", *argv)
    assert_one_line_failure(done, 2, f"rxperf {argv[0]}: error:", option, wants)


@pytest.mark.parametrize("argv", [("--calls", "0"), ("--concurrency", "-1"),
                                  ("--calls", "x")])
def test_demo_option_errors(argv: tuple[str, ...]) -> None:
    done = run_cli("demo", *argv)
    assert_one_line_failure(done, 2, "demo: error:", f"argument {argv[0]}", "whole number")


def test_rxperf_unknown_hosts_are_one_line_failures() -> None:
    done = run_cli("rxperf", "client", "-c", "rpc", "-s", "no.such.host.invalid")
    assert_one_line_failure(done, 1, "rxperf client: cannot resolve 'no.such.host.invalid'")
    done = run_cli("rxperf", "server", "--address", "no.such.host.invalid")
    assert_one_line_failure(done, 1, "rxperf server: cannot serve on no.such.host.invalid:7009")


# ---------------------------------------------------------------- progress, Ctrl-C


@contextmanager
def rxperf_server() -> Iterator[int]:
    """``rxperf server --port 0`` as a process; yields its port, stops it on the way out."""
    with subprocess.Popen([sys.executable, "-m", "trio_rxrpc", "rxperf", "server", "--port",
                           "0"], env=environment(), stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as proc:
        assert proc.stdout is not None
        try:
            ready = proc.stdout.readline()
            match = re.match(r"READY port=(\d+) ", ready)
            assert match is not None, ready
            yield int(match.group(1))
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)


def read_until(fd: int, pattern: re.Pattern[bytes], limit: float) -> bytes:
    """Read ``fd`` until what was read matches ``pattern`` (``limit`` bounds a hang only)."""
    data = b""
    deadline = time.monotonic() + limit
    while not pattern.search(data):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"never matched {pattern.pattern!r}; got {data!r}")
        data += os.read(fd, 4096)
    return data


def read_rest(fd: int) -> bytes:
    """Whatever is left on a pseudo-terminal whose other side has closed."""
    data = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the slave side is closed
            return data
        if not chunk:
            return data
        data += chunk


def test_client_progress_on_a_terminal_and_ctrl_c_prints_an_interrupted_result() -> None:
    """``-c send -b 1G``: progress redraws on the terminal; SIGINT ends it with status 130."""
    with rxperf_server() as port:
        master, slave = os.openpty()
        try:
            with subprocess.Popen(
                    [sys.executable, "-m", "trio_rxrpc", "rxperf", "client", "--port",
                     str(port), "-c", "send", "-b", "1G", "-n", "100"],
                    env=environment(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                    stderr=slave, text=True) as proc:
                os.close(slave)
                slave = -1
                # Two redraws of the line: it is refreshed, not printed once.
                shown = read_until(master, re.compile(
                    rb"(\rrxperf send: [0-9.,]+ of [0-9.,]+ MB .*){2}"), 120)
                proc.send_signal(signal.SIGINT)
                out, _ = proc.communicate(timeout=60)
                shown += read_rest(master)
        finally:
            if slave >= 0:
                os.close(slave)
            os.close(master)
    assert proc.returncode == 130, (out, shown)
    lines = out.splitlines()
    assert len(lines) == 1, out
    match = INTERRUPTED_RESULT.match(lines[0])
    assert match is not None, lines[0]
    assert int(match["calls"]) >= 1
    text = shown.decode()
    assert "Traceback" not in text
    assert "rxperf client: interrupted" in text
    assert " of 100 calls" in text


def test_client_shows_no_progress_when_stderr_is_not_a_terminal() -> None:
    with rxperf_server() as port:
        done = run_cli("rxperf", "client", "--port", str(port), "-c", "send", "-b", "4M",
                       "-n", "3")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("RESULT op=send calls=3 failed=0 ")


def test_result_line_marks_an_interrupted_run() -> None:
    line = rxperf_cli.result_line("send", calls=2, ok=1, moved=10, seconds=1.0,
                                  interrupted=True)
    assert line == ("RESULT op=send calls=2 failed=1 bytes=10 seconds=1.000000 "
                    "calls_per_s=1.0 MB_per_s=0.000 interrupted=1")
    assert "interrupted" not in rxperf_cli.result_line("send", calls=2, ok=1, moved=10,
                                                       seconds=1.0)


def test_progress_line_counts_bytes_calls_and_rates() -> None:
    now = [100.0]
    out = io.StringIO()
    line = rxperf_cli.ProgressLine(out, "recv", calls=4, total_bytes=8_000_000,
                                   clock=lambda: now[0])
    line.add(1_000_000)
    line.add(1_000_000)
    now[0] = 102.0
    assert line.text(1) == ("rxperf recv: 2.0 of 8.0 MB (25%), 1 of 4 calls, 1.0 MB/s, "
                            "0 calls/s, 2.0 s")
    line.draw(1)
    line.end(1, keep=False)
    assert out.getvalue().endswith("\r" + " " * len(line.text(1)) + "\r")


def test_ctrl_c_stops_the_demo_with_one_line() -> None:
    with subprocess.Popen([sys.executable, "-m", "trio_rxrpc", "demo", "--calls", "100000"],
                          env=environment(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        read_until(proc.stdout.fileno(), re.compile(rb"\n2\. 100000 calls"), 120)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())
    assert_one_line_failure(done, 130, "demo: interrupted")
