"""The rxgen example as a user meets it: compile ``notes.xg``, serve it, call it.

``examples/notes_rpc.py`` must be exactly what ``trio-rxrpc rxgen`` writes from
``notes.xg`` and ``notes.et``; the server and client run as separate processes and move a
file through the split procedures (``sendfile`` in, ``splice`` out).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from test_cli import environment
from test_examples_cli import read_line, run_example, started

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_the_committed_module_is_what_rxgen_writes(tmp_path: Path) -> None:
    out = tmp_path / "notes_rpc.py"
    done = subprocess.run(
        [sys.executable, "-m", "trio_rxrpc", "rxgen", str(EXAMPLES / "notes.xg"),
         "--errors", str(EXAMPLES / "notes.et"), "--service-id", "4242", "-o", str(out)],
        env=environment(), capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    generated = out.read_text().replace(str(EXAMPLES) + "/", "")
    assert generated == (EXAMPLES / "notes_rpc.py").read_text()


def test_demo_runs_every_procedure() -> None:
    done = run_example("notes", "demo")
    assert done.returncode == 0, done.stderr
    assert "same bytes: True" in done.stdout
    assert "NOTE_TOOBIG (955581698)" in done.stdout
    assert "NOTE_NOENT (955581696): No such note" in done.stdout


def test_server_and_client_processes_stream_a_file(tmp_path: Path) -> None:
    port = str(free_udp_port())
    source = tmp_path / "in.bin"
    source.write_bytes(os.urandom(1_000_003))
    copy = tmp_path / "out.bin"
    with started("notes", "--port", port, "serve") as server:
        assert "serving on" in read_line(server)
        up = run_example("notes", "--port", port, "upload", "blob", str(source))
        assert up.returncode == 0, up.stderr
        assert "blob: 1000003 bytes, version 1" in up.stdout
        down = run_example("notes", "--port", port, "download", "blob", str(copy))
        assert down.returncode == 0, down.stderr
        assert copy.read_bytes() == source.read_bytes()
        put = run_example("notes", "--port", port, "put", "todo", "write the docs")
        assert put.returncode == 0, put.stderr
        got = run_example("notes", "--port", port, "get", "todo")
        assert got.stdout.strip() == "write the docs"
        listed = run_example("notes", "--port", port, "list")
        assert listed.stdout.split() == ["blob", "todo"]
        missing = run_example("notes", "--port", port, "get", "nothing")
        assert missing.returncode == 1
        assert missing.stderr.strip() == "notes: NOTE_NOENT (955581696): No such note"
        assert "Traceback" not in missing.stderr
