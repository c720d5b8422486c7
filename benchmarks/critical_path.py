"""Where one small call's time goes, on the wire: each side's turnaround and each datagram's
flight, for trio_rxrpc and for C, from the system calls themselves.

Run ``python benchmarks/critical_path.py [--calls N] [--runs N] [--crxperf PATH]`` (as root,
or wherever ``perf`` may record the kernel's syscall tracepoints).  With one call in flight a
call is a chain: nothing overlaps the critical path but work done off it.  This script
records the ``sendmsg``/``sendto``/``recvfrom``/``recvmsg`` tracepoints of an echo run
(``echo_bench.py``'s server and client, then crxperf against itself) with
``perf record -a`` and cuts every call into the four links of that chain:

* **request flight**: the client enters ``sendmsg`` with the request, until the server's
  receive call returns it.  That is the kernel's delivery and the wake-up of the server,
  which costs far more when the server waits on another CPU than when it is woken on the
  client's own;
* **server turnaround**: the request read, until the server enters ``sendmsg`` with the
  reply.  Everything the server does for the call on the critical path is in here;
* **reply flight**: the same for the reply, back to the client;
* **client turnaround**: the reply read, until the client enters ``sendmsg`` with the next
  request (its final ACK, finishing the call, starting the next one).

Each link is a median over the calls of the run; their sum is close to the period of one
call.  The datagrams are told apart by their sizes (the Rx header, the rxperf request header
and the payload), which both programs share.  Tracing adds a few microseconds per system
call, to both programs alike.  The table also says how often each flight stayed on one CPU.
``--busy-poll USEC`` adds a third pairing, ``py/py+bp``: both trio_rxrpc sides with
:attr:`~trio_rxrpc.EndpointConfig.busy_poll` on.  ``--trace-file`` analyses a ``perf
script`` text instead (what the tests do).

Nothing here runs in the test suite: it needs ``perf`` and the right to trace, and it says
so and exits 1 without them.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable
from compare_crxperf import (
    C_SERVER_OPTIONS,
    REPO,
    _free_udp_port,
    add_crxperf_arguments,
    find_crxperf,
)
from echo_bench import (
    HOST,
    BenchmarkError,
    ServerProcess,
    add_busy_poll_argument,
    python_server_command,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

HEADER = 28
"""Bytes of the Rx header in front of every datagram."""
RPC_HEADER = 16 + 8
"""rxperf's request header (version, operation, two chunk sizes) and RPC sizes (two words)."""
COOKIE = 4
"""The word rxperf puts after a reply's payload."""

SYSCALLS = ("sendmsg", "sendto", "recvfrom", "recvmsg")
"""What is traced: the datagram system calls of both programs (entry and exit)."""

LINKS = ("request flight", "server turnaround", "reply flight", "client turnaround")

_LINE = re.compile(
    r"^\s*(?P<pid>\d+)/(?P<tid>\d+)\s+\[(?P<cpu>\d+)\]\s+(?P<time>[\d.]+):\s+"
    r"syscalls:sys_(?P<kind>enter|exit)_(?P<name>\w+):\s*(?P<rest>.*)$")


def request_size(payload: int) -> int:
    """The datagram of an rxperf RPC request with ``payload`` bytes (one packet)."""
    return HEADER + RPC_HEADER + payload


def reply_size(payload: int) -> int:
    """The datagram of its reply."""
    return HEADER + payload + COOKIE


@dataclass(frozen=True)
class Event:
    """A datagram system call's return: when it was entered and left, where, what size."""

    pid: int
    cpu: int
    entered: float
    """Microseconds (perf's clock)."""
    left: float
    sending: bool
    size: int
    """Bytes sent or received; negative for an error (such as EAGAIN)."""


def parse_events(lines: Iterable[str]) -> list[Event]:
    """The completed datagram system calls in ``perf script -F pid,tid,cpu,time,event,trace``
    output, in the order they returned.  An entry is paired with its thread's next exit."""
    entered: dict[int, float] = {}
    events: list[Event] = []
    for line in lines:
        match = _LINE.match(line)
        if match is None or match["name"] not in SYSCALLS:
            continue
        tid = int(match["tid"])
        when = float(match["time"]) * 1e6
        if match["kind"] == "enter":
            entered[tid] = when
            continue
        start = entered.pop(tid, None)
        if start is None:
            continue  # the trace began inside this call
        value = int(match["rest"].split()[0], 16)
        size = value - (1 << 64) if value >= 1 << 63 else value
        events.append(Event(pid=int(match["pid"]), cpu=int(match["cpu"]), entered=start,
                            left=when, sending=match["name"].startswith("send"), size=size))
    events.sort(key=lambda event: event.left)
    return events


@dataclass
class Chain:
    """The links of every call found in a trace, in microseconds."""

    links: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name in LINKS})
    same_cpu: dict[str, int] = field(
        default_factory=lambda: {"request flight": 0, "reply flight": 0})
    periods: list[float] = field(default_factory=list)

    @property
    def calls(self) -> int:
        return len(self.links["client turnaround"])

    def median(self, name: str) -> float:
        values = self.links[name]
        return statistics.median(values) if values else float("nan")


def cut_calls(events: Sequence[Event], *, client: int, server: int, request: int,
              reply: int) -> Chain:
    """Follow the calls between processes ``client`` and ``server`` through ``events``.

    A call is counted from the client's request to its next request, and only when all four
    links were seen in order (a call whose datagram went missing in the trace is skipped).
    """
    chain = Chain()
    sent: Event | None = None  # the client's request, not yet received
    got: Event | None = None  # the server has the request
    answered: Event | None = None  # the server's reply, not yet received
    back: Event | None = None  # the client has the reply
    last_request: Event | None = None
    pending: list[float] = []
    same = {"request flight": False, "reply flight": False}
    for event in events:
        if event.pid == client and event.sending and event.size == request:
            if back is not None and len(pending) == 3:
                for name, value in zip(LINKS, [*pending, event.entered - back.left],
                                       strict=True):
                    chain.links[name].append(value)
                for flight, stayed in same.items():
                    chain.same_cpu[flight] += stayed
            if last_request is not None:
                chain.periods.append(event.entered - last_request.entered)
            last_request = sent = event
            got = answered = back = None
            pending = []
        elif event.pid == server and not event.sending and event.size == request:
            if sent is not None and got is None:
                got = event
                pending.append(event.left - sent.entered)
                same["request flight"] = event.cpu == sent.cpu
        elif event.pid == server and event.sending and event.size == reply:
            if got is not None and answered is None:
                answered = event
                pending.append(event.entered - got.left)
        elif (event.pid == client and not event.sending and event.size == reply
              and answered is not None and back is None):
            back = event
            pending.append(event.left - answered.entered)
            same["reply flight"] = event.cpu == answered.cpu
    return chain


def find_client(events: Sequence[Event], server: int, request: int) -> int:
    """The process that sent the most requests, other than the server."""
    counts: dict[int, int] = {}
    for event in events:
        if event.sending and event.size == request and event.pid != server:
            counts[event.pid] = counts.get(event.pid, 0) + 1
    if not counts:
        raise BenchmarkError("the trace holds no request from a client")
    return max(counts, key=lambda pid: counts[pid])


# --------------------------------------------------------------------------- recording


def perf_problem() -> str | None:
    """Why ``perf`` cannot record syscall tracepoints here, or None if it can."""
    if shutil.which("perf") is None:
        return "perf is not installed"
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            ["perf", "record", "-q", "-a", "-o", str(Path(tmp) / "probe.data"),
             "-e", "syscalls:sys_enter_sendmsg", "--", "true"],
            capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return "perf cannot trace syscalls: " + (done.stderr.strip().splitlines() or ["?"])[-1]
    return None


def record(client_command: Sequence[str], workdir: Path, name: str) -> list[Event]:
    """Run ``client_command`` under ``perf record -a`` and return the datagram calls seen."""
    data = workdir / f"{name}.data"
    events = [arg for syscall in SYSCALLS
              for arg in ("-e", f"syscalls:sys_enter_{syscall}",
                          "-e", f"syscalls:sys_exit_{syscall}")]
    done = subprocess.run(["perf", "record", "-q", "-a", "-o", str(data), *events, "--",
                           *client_command], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchmarkError(f"{name}: the client failed under perf: "
                             f"{(done.stderr or done.stdout).strip()[-300:]}")
    script = subprocess.run(["perf", "script", "-i", str(data), "-F",
                             "pid,tid,cpu,time,event,trace"],
                            capture_output=True, text=True, check=True)
    data.unlink()
    return parse_events(script.stdout.splitlines())


def measure_python(calls: int, payload: int, workdir: Path, busy_poll_us: int = 0) -> Chain:
    bench = Path(__file__).resolve().parent / "echo_bench.py"
    with ServerProcess(python_server_command(None, None, busy_poll_us=busy_poll_us)) as server:
        events = record([sys.executable, str(bench), "--connect", str(server.port),
                         "--only", "seq", "--runs", "1", "--calls", str(calls),
                         "--payload", str(payload), "--busy-poll", str(busy_poll_us)],
                        workdir, "py")
        return _chain(events, server.pid, payload)


def measure_c(crxperf: Path, calls: int, payload: int, workdir: Path) -> Chain:
    with ServerProcess([str(crxperf), "server", "-a", HOST, "-p", str(_free_udp_port()),
                        "-t", "600", *C_SERVER_OPTIONS]) as server:
        size = str(payload)
        events = record([str(crxperf), "client", "-s", HOST, "-p", str(server.port), "-q",
                         "-c", "rpc", "-S", size, "-R", size, "-n", str(calls), "-T", "1",
                         "-u", "4096", "-t", "600"], workdir, "c")
        return _chain(events, server.pid, payload)


def _chain(events: Sequence[Event], server: int, payload: int) -> Chain:
    request = request_size(payload)
    client = find_client(events, server, request)
    return cut_calls(events, client=client, server=server, request=request,
                     reply=reply_size(payload))


# --------------------------------------------------------------------------- report


def report(chains: dict[str, list[Chain]]) -> list[str]:
    """The table: each link's median (the median over runs of each run's median)."""
    names = list(chains)
    lines = [f"{'link (microseconds, medians)':32s}" + "".join(f"{n:>14s}" for n in names)]

    def cell(name: str, link: str) -> float:
        return statistics.median(chain.median(link) for chain in chains[name])

    for link in LINKS:
        row = f"{link:32s}" + "".join(f"{cell(n, link):14.1f}" for n in names)
        lines.append(row)
    total = {n: sum(cell(n, link) for link in LINKS) for n in names}
    lines.append(f"{'sum: one call':32s}" + "".join(f"{total[n]:14.1f}" for n in names))
    period = {n: statistics.median(statistics.median(c.periods) for c in chains[n])
              for n in names}
    lines.append(f"{'measured period of a call':32s}"
                 + "".join(f"{period[n]:14.1f}" for n in names))
    for flight in ("request flight", "reply flight"):
        share = {n: 100 * sum(c.same_cpu[flight] for c in chains[n])
                 / max(1, sum(len(c.links[flight]) for c in chains[n])) for n in names}
        lines.append(f"{flight + ' on one CPU (%)':32s}"
                     + "".join(f"{share[n]:14.0f}" for n in names))
    lines.append(f"{'calls analysed':32s}"
                 + "".join(f"{sum(c.calls for c in chains[n]):14d}" for n in names))
    for link, values in [*((link, {n: cell(n, link) for n in names}) for link in LINKS),
                         ("sum", total), ("period", period)]:
        words = " ".join(f"{n}={values[n]:.1f}" for n in names)
        lines.append(f"RESULT name=critical_path.{link.replace(' ', '_')} unit=us {words}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=5000, help="calls per run")
    parser.add_argument("--runs", type=int, default=3, help="runs of each pairing, in turn")
    parser.add_argument("--payload", type=int, default=16, help="request and reply payload")
    add_crxperf_arguments(parser)
    parser.add_argument("--no-c", action="store_true", help="leave out C/C")
    add_busy_poll_argument(parser, "on both sides of a third pairing, 'py/py+bp'")
    parser.add_argument("--trace-file", type=Path, default=None,
                        help="analyse this perf script text (needs --server-pid)")
    parser.add_argument("--server-pid", type=int, default=None)
    args = parser.parse_args(argv)
    if args.calls < 10 or args.runs < 1 or not 0 <= args.payload <= 1000:
        parser.error("--calls must be at least 10, --runs at least 1, --payload 0..1000")
    if args.trace_file is not None:
        if args.server_pid is None:
            parser.error("--trace-file needs --server-pid")
        events = parse_events(args.trace_file.read_text().splitlines())
        print("\n".join(report({"trace": [_chain(events, args.server_pid, args.payload)]})))
        return 0
    problem = perf_problem()
    if problem is not None:
        print(f"critical_path: cannot measure: {problem}", file=sys.stderr)
        return 1
    chains: dict[str, list[Chain]] = {"py/py": []}
    if args.busy_poll:
        chains["py/py+bp"] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        crxperf = None
        if not args.no_c:
            given = str(Path(args.crxperf).resolve()) if args.crxperf else None
            crxperf, how = find_crxperf(given, args.crxperf_src.resolve(), workdir)
            how = how.replace(f"{REPO}/", "")  # the checkout's own paths, shortened
            print(f"crxperf: {how}" if crxperf else f"C part SKIPPED: {how}")
            if crxperf is not None:
                chains["C/C"] = []
        print(f"one call in flight, {args.calls} calls a run, {args.runs} runs taking turns, "
              f"{args.payload}-byte payloads; perf syscall tracepoints on all CPUs")
        for run in range(1, args.runs + 1):
            chains["py/py"].append(measure_python(args.calls, args.payload, workdir))
            if args.busy_poll:
                chains["py/py+bp"].append(measure_python(args.calls, args.payload, workdir,
                                                         args.busy_poll))
            if crxperf is not None:
                chains["C/C"].append(measure_c(crxperf, args.calls, args.payload, workdir))
            print(f"  run {run}: " + ", ".join(
                f"{name} {runs[-1].median('server turnaround'):.1f} / "
                f"{runs[-1].median('client turnaround'):.1f} us turnaround (server / client)"
                for name, runs in chains.items()), flush=True)
    print("\n".join(report(chains)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
