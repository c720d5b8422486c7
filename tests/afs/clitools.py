"""Running ``trio-rxrpc afs`` and the OpenAFS tools side by side, and comparing what they print."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import attrs
from conftest import peer_missing

REPO = Path(__file__).resolve().parents[2]

CTIME = re.compile(r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}")
"""What ``ctime()`` prints (without its newline)."""
NUMBER = re.compile(r"-?\d+")


@attrs.frozen
class Done:
    """How a program ended and what it printed (stderr without com_err's carriage returns)."""

    status: int
    stdout: str
    stderr: str


def _run(argv: list[str], env: dict[str, str] | None = None, timeout: float = 120,
         executable: str | None = None) -> Done:
    # Bytes, not text: universal newlines would turn com_err's "\n\r" into two lines.
    done = subprocess.run(argv, executable=executable, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=timeout, check=False)
    stdout = done.stdout.decode("utf-8", "surrogateescape")
    stderr = done.stderr.decode("utf-8", "surrogateescape")
    return Done(done.returncode, stdout, stderr.replace("\r", ""))


def openafs_tool(name: str) -> str:
    """The path of an OpenAFS command-line tool (the test is skipped, loudly, without it)."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found is None:
        peer_missing(f"{name} (OpenAFS client tools) not found")
    return found


def openafs(tool: str, *argv: str) -> Done:
    """OpenAFS's ``tool ARGV...``, finished (run as ``tool``, which it names itself by)."""
    return _run([tool, *argv], executable=openafs_tool(tool))


def ours(*argv: str) -> Done:
    """``python -m trio_rxrpc afs ARGV...`` from this checkout, finished."""
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{path}" if path else str(REPO)}
    return _run([sys.executable, "-m", "trio_rxrpc", "afs", *argv], env=env)


def diff(theirs: str, mine: str) -> str:
    return "\n".join(difflib.unified_diff(theirs.splitlines(), mine.splitlines(), "openafs",
                                          "trio-rxrpc", lineterm=""))


def assert_same(theirs: Done, mine: Done) -> None:
    """Byte for byte the same stdout and stderr, and the same exit status."""
    assert mine.stdout == theirs.stdout, diff(theirs.stdout, mine.stdout)
    assert mine.stderr == theirs.stderr, diff(theirs.stderr, mine.stderr)
    assert mine.status == theirs.status, (theirs, mine)


def _clock_values(line: str, loose: bool) -> tuple[str, list[float]]:
    """A line's shape (times and numbers of seconds blanked) and those values, in seconds."""
    values: list[float] = []

    def stamp(match: re.Match[str]) -> str:
        values.append(time.mktime(time.strptime(match.group(), "%a %b %d %H:%M:%S %Y")))
        return "<TIME>"

    def seconds(match: re.Match[str]) -> str:
        values.append(float(match.group()))
        return "<N>"

    shape = CTIME.sub(stamp, line)
    if "time differential" in shape or (loose and "secs" in shape):
        shape = NUMBER.sub(seconds, shape)
    return shape, values


def assert_same_but_clock(theirs: str, mine: str, *, loose: bool = True,
                          tolerance: float = 5.0) -> None:
    """The same lines, except for the clock: times, the time differential and (``loose``)
    every "N secs" may differ by ``tolerance`` seconds.

    Other lines must be identical; those must have the same shape.
    """
    a, b = theirs.splitlines(), mine.splitlines()
    assert len(a) == len(b), diff(theirs, mine)
    for line_a, line_b in zip(a, b, strict=True):
        if line_a == line_b:
            continue
        shape_a, values_a = _clock_values(line_a, loose)
        shape_b, values_b = _clock_values(line_b, loose)
        assert shape_a == shape_b, diff(theirs, mine)
        assert len(values_a) == len(values_b), diff(theirs, mine)
        for x, y in zip(values_a, values_b, strict=True):
            assert abs(x - y) <= tolerance, (line_a, line_b)
