"""benchmarks/critical_path.py: cutting a traced echo run into each call's four links.

The recording needs ``perf`` and the right to trace, so the suite checks the analysis, on a
trace written here in ``perf script``'s format: two processes, a few calls with known
timings, and what a real trace carries besides (ACKs, EAGAIN returns, another thread's
calls, a call whose reply the trace missed).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
CLIENT, SERVER = 4100, 4200
REQUEST, REPLY, ACK = 68, 48, 65  # 16-byte payloads


@pytest.fixture
def critical_path(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("critical_path",
                                                  BENCHMARKS / "critical_path.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "critical_path", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


def _syscall(lines: list[str], pid: int, cpu: int, start_us: float, end_us: float,
             name: str, result: int, tid: int | None = None) -> None:
    tid = pid if tid is None else tid
    head = f"{pid:>7d}/{tid:<7d} [{cpu:03d}]"
    lines.append(f"{head} {start_us / 1e6:.6f}: syscalls:sys_enter_{name}: fd: 0x00000008")
    value = result if result >= 0 else result + (1 << 64)
    lines.append(f"{head} {end_us / 1e6:.6f}: syscalls:sys_exit_{name}: {value:#x}")


def _trace() -> list[str]:
    """Three calls of 200 us: request flight 20, server 60, reply flight 40, client 80; the
    second call's request lands on the client's CPU.  Then a fourth call whose reply the
    trace lost, and a fifth request that closes the third call."""
    lines: list[str] = []
    t = 1_000_000.0
    for call in range(3):
        server_cpu = 0 if call == 1 else 1
        _syscall(lines, CLIENT, 0, t, t + 5, "sendmsg", REQUEST)
        _syscall(lines, SERVER, server_cpu, t + 15, t + 20, "recvfrom", REQUEST)
        _syscall(lines, SERVER, server_cpu, t + 21, t + 22, "recvfrom", -11)  # EAGAIN
        _syscall(lines, SERVER, server_cpu, t + 80, t + 90, "sendmsg", REPLY)
        _syscall(lines, CLIENT, 0, t + 115, t + 120, "recvfrom", REPLY)
        _syscall(lines, CLIENT, 0, t + 130, t + 140, "sendmsg", ACK)  # the final ACK
        _syscall(lines, SERVER, server_cpu, t + 150, t + 155, "recvfrom", ACK)
        _syscall(lines, 9999, 1, t + 160, t + 161, "sendto", REQUEST)  # someone else
        t += 200
    _syscall(lines, CLIENT, 0, t, t + 5, "sendmsg", REQUEST)
    _syscall(lines, SERVER, 1, t + 15, t + 20, "recvfrom", REQUEST)
    _syscall(lines, SERVER, 1, t + 80, t + 90, "sendmsg", REPLY)
    t += 300  # the reply's receipt is not in the trace
    _syscall(lines, CLIENT, 0, t, t + 5, "sendmsg", REQUEST)
    lines.append("not a line perf writes for these events")
    return lines


def test_every_complete_call_is_cut_into_its_four_links(critical_path: ModuleType) -> None:
    events = critical_path.parse_events(_trace())
    assert critical_path.find_client(events, SERVER, REQUEST) == CLIENT
    chain = critical_path.cut_calls(events, client=CLIENT, server=SERVER, request=REQUEST,
                                    reply=REPLY)
    assert chain.calls == 3  # the call without its reply is left out
    # (times are microseconds from seconds with six decimals: compare them rounded)
    assert {name: [round(v, 3) for v in values] for name, values in chain.links.items()} == {
        "request flight": [20.0, 20.0, 20.0],
        "server turnaround": [60.0, 60.0, 60.0],
        "reply flight": [40.0, 40.0, 40.0],
        "client turnaround": [80.0, 80.0, 80.0],
    }
    assert chain.median("server turnaround") == pytest.approx(60.0)
    # The second call ran the server on the client's CPU: both its flights stayed there.
    assert chain.same_cpu == {"request flight": 1, "reply flight": 1}
    assert [round(v, 3) for v in chain.periods] == [200.0, 200.0, 200.0, 300.0]


def test_the_report_sums_the_links(critical_path: ModuleType) -> None:
    events = critical_path.parse_events(_trace())
    chain = critical_path.cut_calls(events, client=CLIENT, server=SERVER, request=REQUEST,
                                    reply=REPLY)
    lines = critical_path.report({"py/py": [chain]})
    assert any(line.startswith("sum: one call") and line.split()[-1] == "200.0"
               for line in lines)
    assert "RESULT name=critical_path.server_turnaround unit=us py/py=60.0" in lines
    assert "RESULT name=critical_path.sum unit=us py/py=200.0" in lines
    assert "RESULT name=critical_path.period unit=us py/py=200.0" in lines


def test_a_saved_trace_is_analysed_from_the_command_line(
        critical_path: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trace = tmp_path / "trace.txt"
    trace.write_text("\n".join(_trace()) + "\n")
    assert critical_path.main(["--trace-file", str(trace), "--server-pid", str(SERVER)]) == 0
    out = capsys.readouterr().out
    assert "RESULT name=critical_path.client_turnaround unit=us trace=80.0" in out
    with pytest.raises(SystemExit):
        critical_path.main(["--trace-file", str(trace)])  # which process is the server?


def test_sizes_follow_the_rxperf_layout(critical_path: ModuleType) -> None:
    assert critical_path.request_size(16) == REQUEST
    assert critical_path.reply_size(16) == REPLY
