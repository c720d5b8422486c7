"""Bulk transfers between trio-rxrpc and Linux 7.3's AF_RXRPC, with and without jumbograms.

Run ``python3 benchmarks/linux_bulk.py [--size 64M] [--runs 3] [--guest DIR]`` (as root the
first time: the guest's packages are fetched with apt-get).  The peer is the Linux guest of
``interop/linux`` under qemu, whose link has a 9000-byte MTU.  With ``--guest DIR`` a guest
already running in ``DIR`` is used; otherwise the benchmark boots its own, under the same
machine-wide lock as the test fixture ``linux_kernel`` (so it waits for a test session that
holds the guest), and stops it at the end.

The cases (each moves ``--size`` bytes, 64 MiB by default, in each direction it names):

* ``send``: one rxperf SEND call from our client to the kernel's in-kernel rxperf server;
* ``recv``: one rxperf RECV call: the kernel's rxperf server sends, our client receives;
* ``echo``: our client calls the guest's ``kecho`` echo server (calls of at most 8 MiB: the
  guest has 256 MB of memory), so the bytes go both ways;
* ``kernel echo``: ``kecho call`` to ``kecho serve`` over the guest's loopback, the same calls
  kernel to kernel, timed by ``kecho`` itself.  ``jumbo on`` leaves the loopback's MTU
  (65536); ``jumbo off`` sets it to 1500 for the run, where the kernel's path-MTU probes find
  no room for a jumbogram (Linux 7.x has no other switch: its ``rx_jumbo_max`` sysctl is
  unused).

``send`` and ``recv`` need Linux's rxperf module (``interop/linux/rxperf_module.py`` builds it
once); without it they are left out.  Our cases run twice: ``jumbo on`` with the default
:class:`~trio_rxrpc.EndpointConfig`, ``jumbo off`` with ``max_jumbo=1``.  The kernel decides on
its own whether it sends jumbograms, so the table also shows, from the kernel's counters
(``/proc/net/rxrpc/stats``), how many of the DATA packets it sent and received were
jumbograms: "jumbo on" only means something when those columns are not zero.  Linux 7.x sends
and invites jumbograms only for a peer that advertises "jumbo max 0" (path-MTU discovery).

Every case runs ``--runs`` times (interleaved, so that a slow spell of the host hits all of
them alike) after one warm-up round; the table shows medians, MB/s with MB = 10^6 bytes of
payload per direction, and then the ratios.  The guest runs under qemu's software emulation
(TCG) when nested KVM is not available: the absolute figures then say little about real
machines, but the ratios (jumbograms on and off, trio-rxrpc and the kernel against the same
emulated kernel) still do.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import shutil
import socket
import statistics
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import _bootstrap  # before trio_rxrpc: makes the checkout importable
import trio

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterator, Sequence

sys.path.insert(0, str(_bootstrap.ROOT / "interop" / "linux"))  # the harness: plain modules
import guest_image
import kernel_guest
import rxperf_module
import rxstats

LINUX_LOCK = Path("/tmp/trio-rxrpc-linux-guest.lock")
"""The lock the test fixture ``linux_kernel`` holds while its guest runs (one per machine)."""
ECHO_CHUNK = 8 * 1024 * 1024
"""The largest echo call: kecho holds a call's request and reply in memory."""
DEAD_AFTER = 120.0
ZEROS = rxperf.Payload.create(verify=False)


@dataclass
class Case:
    """One row of the table: a transfer measured ``runs`` times."""

    name: str
    jumbo: str
    """``on`` or ``off``."""
    measure: Callable[[], Awaitable[float]]
    seconds: list[float] = field(default_factory=list)
    sent: rxstats.JumboHistogram = field(default_factory=rxstats.JumboHistogram)
    got: rxstats.JumboHistogram = field(default_factory=rxstats.JumboHistogram)

    def median(self) -> float:
        return statistics.median(self.seconds)


def parse_size(text: str) -> int:
    """``"64M"`` -> 67108864 (K, M and G are powers of 1024; a plain number is bytes)."""
    match = re.fullmatch(r"(\d+)\s*([KMG]?)(?:i?B)?", text.strip(), re.IGNORECASE)
    if match is None:
        raise argparse.ArgumentTypeError(f"bad size {text!r} (say 64M, 512K or 1000000)")
    scale: int = 1024 ** " KMG".index(match[2].upper() or " ")
    return int(match[1]) * scale


# ----------------------------------------------------------------------- the transfers


async def rxperf_call(address: tuple[str, int], op: int, size: int,
                      config: rx.EndpointConfig) -> float:
    """Seconds for one rxperf SEND or RECV call of ``size`` bytes from a new endpoint."""
    plan = rxperf.Plan.create(op, size=size, request_size=0, reply_size=0,
                              rsize=rxperf.CHUNK_MAX, wsize=rxperf.CHUNK_MAX, payload=ZEROS,
                              dialect="linux")
    async with rx.open_endpoint(("127.0.0.1", 0), config=config) as ep:
        started = time.perf_counter()
        await rxperf.client_call(ep.socket(), address, plan, ZEROS, security=None,
                                 dead_after=DEAD_AFTER)
        return time.perf_counter() - started


def echo_calls(size: int) -> tuple[int, int]:
    """How many calls of how many bytes echo ``size`` bytes (rounded up to whole calls of one
    size, at most :data:`ECHO_CHUNK` each)."""
    count = -(-size // ECHO_CHUNK)
    return count, -(-size // count)


async def echo_to_kernel(address: tuple[str, int], size: int, config: rx.EndpointConfig
                         ) -> float:
    """Seconds to echo ``size`` bytes through the guest's kecho server, one call at a time."""
    count, length = echo_calls(size)
    block = os.urandom(length)
    async with rx.open_endpoint(("127.0.0.1", 0), config=config) as ep:
        sock = ep.socket()
        started = time.perf_counter()
        for _ in range(count):
            async with sock.call(address, kernel_guest.ECHO_SERVICE, timeout=DEAD_AFTER) as call:
                await call.send_all(block)
                await call.send_eof()
                reply = await call.receive_all()
            if reply != block:
                raise RuntimeError(f"the kernel's echo of {length} bytes differs")
        return time.perf_counter() - started


def kernel_echo(guest: kernel_guest.Guest, size: int, jumbo: bool) -> float:
    """Seconds (kecho's own count) to echo ``size`` bytes kernel to kernel in the guest;
    without ``jumbo``, with a loopback MTU of 1500 (restored afterwards)."""
    count, length = echo_calls(size)
    command = (f"kecho call -a 127.0.0.1 -p {kernel_guest.ECHO_PORT} "
               f"-s {kernel_guest.ECHO_SERVICE} -z {length} -n {count} -t 600")
    if not jumbo:
        command = (f"mtu=$(cat /sys/class/net/lo/mtu); ip link set lo mtu 1500 && {command}; "
                   f"status=$?; ip link set lo mtu $mtu; exit $status")
    result = guest.run(command, timeout=900)
    match = re.search(r"KECHO done ok=(\d+) failed=0 seconds=([\d.]+)", result.output)
    if result.status != 0 or match is None:
        raise RuntimeError(f"{command} failed (exit {result.status}):\n{result.output[-2000:]}")
    return float(match[2])


# ------------------------------------------------------------------------------ the guest


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def benchmark_guest(directory: Path | None, lock_timeout: float) -> Iterator[kernel_guest.Guest]:
    """The guest running in ``directory``, or one booted here under :data:`LINUX_LOCK`."""
    if directory is not None:
        guest = kernel_guest.Guest(directory)
        if guest.status() != "ready":
            raise SystemExit(f"linux_bulk: no ready guest in {directory}")
        yield guest
        return
    directory = Path("/tmp") / f"trio-rxrpc-bulk-{os.getpid()}"
    with LINUX_LOCK.open("a+") as lock:
        deadline = time.monotonic() + lock_timeout
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"linux_bulk: {LINUX_LOCK} is still held after "
                                     f"{lock_timeout:.0f} s (a test session's guest?)") from None
                time.sleep(1)
        # As the test fixture does: a guest left behind by a killed session goes first.
        lock.seek(0)
        stale = lock.read().strip()
        if stale and Path(stale).is_dir():
            kernel_guest.Guest(Path(stale)).stop()
        lock.seek(0)
        lock.truncate()
        lock.write(f"{directory}\n")
        lock.flush()
        guest = kernel_guest.Guest(directory)
        module = rxperf_module.built()
        print(f"booting the Linux guest in {directory} ...", file=sys.stderr, flush=True)
        guest.start(kernel_guest.GuestSettings(
            host_port=_free_udp_port(),
            forwards=[(_free_udp_port(), rxperf_module.RXPERF_PORT)] if module else [],
            extra_modules=rxperf_module.guest_modules(module) if module else []))
        try:
            yield guest
        finally:
            guest.stop()
            lock.truncate(0)
            shutil.rmtree(directory, ignore_errors=True)


def rxperf_address(guest: kernel_guest.Guest) -> tuple[str, int] | None:
    """Where the guest's in-kernel rxperf server answers, if it runs one."""
    for host, guest_port in guest.settings().forwards:
        if guest_port == rxperf_module.RXPERF_PORT:
            return "127.0.0.1", host
    return None


# ------------------------------------------------------------------------------ the run


def make_cases(guest: kernel_guest.Guest, size: int, only: Sequence[str]) -> list[Case]:
    echo_address = ("127.0.0.1", guest.settings().host_port)
    perf_address = rxperf_address(guest)
    configs = {"on": rx.EndpointConfig(), "off": rx.EndpointConfig(max_jumbo=1)}
    cases: list[Case] = []
    for jumbo, config in configs.items():
        if perf_address is not None:
            cases.append(Case("send", jumbo, partial(rxperf_call, perf_address, rxperf.OP_SEND,
                                                     size, config)))
            cases.append(Case("recv", jumbo, partial(rxperf_call, perf_address, rxperf.OP_RECV,
                                                     size, config)))
        cases.append(Case("echo", jumbo, partial(echo_to_kernel, echo_address, size, config)))

    async def in_guest(jumbo: bool) -> float:
        return await trio.to_thread.run_sync(kernel_echo, guest, size, jumbo)

    cases.append(Case("kernel echo", "on", partial(in_guest, True)))
    cases.append(Case("kernel echo", "off", partial(in_guest, False)))
    order = {"send": 0, "recv": 1, "echo": 2, "kernel echo": 3, "on": 0, "off": 1}
    cases.sort(key=lambda case: (order[case.name], order[case.jumbo]))
    return [case for case in cases if not only or case.name.split()[0] in only]


async def measure(guest: kernel_guest.Guest, cases: list[Case], runs: int) -> None:
    """Run every case once to warm up, then ``runs`` times, interleaved."""
    for round_number in range(runs + 1):
        for case in cases:
            before = await trio.to_thread.run_sync(rxstats.read_stats, guest)
            seconds = await case.measure()
            delta = (await trio.to_thread.run_sync(rxstats.read_stats, guest)).since(before)
            label = "warm-up" if round_number == 0 else f"run {round_number}"
            print(f"{label}: {case.name} jumbo {case.jumbo}: {seconds:.3f} s  {delta.summary()}",
                  file=sys.stderr, flush=True)
            if round_number:
                case.seconds.append(seconds)
                case.sent += delta.tx
                case.got += delta.rx


def share(hist: rxstats.JumboHistogram) -> str:
    """``jumbograms/packets`` and the largest sub-packet count seen."""
    total = hist.singles + hist.jumbograms
    if hist.jumbograms == 0:
        return f"0/{total}"
    most = f"{hist.largest}+" if hist.largest == rxstats.BUCKETS else str(hist.largest)
    return f"{hist.jumbograms}/{total} (<={most})"


def report(cases: list[Case], size: int, guest: kernel_guest.Guest) -> str:
    settings = guest.settings()
    runs = len(cases[0].seconds)
    mb = size / 1e6
    lines = [f"Linux {settings.kernel} in qemu ({settings.accel}), link MTU "
             f"{settings.link_mtu}; {size} bytes per direction; medians of "
             f"{runs} run{'s' if runs != 1 else ''} on {os.cpu_count()} host CPUs",
             "", f"{'case':12} {'jumbo':7} {'median s':>9} {'MB/s':>8}  "
             f"{'kernel sent: jumbo/all':24} kernel received: jumbo/all"]
    lines.extend(f"{case.name:12} {case.jumbo:7} {case.median():9.3f} "
                 f"{mb / case.median():8.2f}  {share(case.sent):24} {share(case.got)}"
                 for case in cases)
    by_key = {(case.name, case.jumbo): case.median() for case in cases}
    lines.append("")
    lines.extend(f"{name}: jumbograms on are {by_key[name, 'off'] / by_key[name, 'on']:.2f} x "
                 f"as fast as off" for name in ("send", "recv", "echo", "kernel echo")
                 if (name, "on") in by_key and (name, "off") in by_key)
    lines.extend(f"echo, jumbo {jumbo}: kernel to kernel is "
                 f"{by_key['echo', jumbo] / by_key['kernel echo', jumbo]:.2f} x as fast as "
                 f"trio-rxrpc to kernel" for jumbo in ("on", "off")
                 if ("echo", jumbo) in by_key and ("kernel echo", jumbo) in by_key)
    if settings.accel == "tcg":
        lines.append("(software emulation: compare the ratios, not the absolute figures)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=64 * 1024 * 1024,
                        help="bytes per direction per case: 64M (default), 8M, ...")
    parser.add_argument("--runs", type=int, default=3, help="counted runs per case (default 3)")
    parser.add_argument("--guest", type=Path, metavar="DIR",
                        help="use the guest already running in DIR instead of booting one")
    parser.add_argument("--only", action="append", default=[],
                        choices=["send", "recv", "echo", "kernel"],
                        help="run only these cases (repeatable)")
    parser.add_argument("--lock-timeout", type=float, default=900.0,
                        help="seconds to wait for another session's guest (default 900)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.size < 1:
        parser.error("--runs and --size must be positive")
    try:
        with benchmark_guest(args.guest, args.lock_timeout) as guest:
            cases = make_cases(guest, args.size, args.only)
            if rxperf_address(guest) is None:
                print("no in-kernel rxperf server in the guest (build it with "
                      "interop/linux/rxperf_module.py): send and recv are left out",
                      file=sys.stderr)
            trio.run(measure, guest, cases, args.runs)
            print(report(cases, args.size, guest))
    except (kernel_guest.GuestError, guest_image.ImageError, rxstats.StatsError) as exc:
        print(f"linux_bulk: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
