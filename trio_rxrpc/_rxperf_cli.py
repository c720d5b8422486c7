"""``trio-rxrpc rxperf``: the command line of the rxperf benchmark (see :mod:`._rxperf`).

``rxperf server`` prints a ``READY`` line once it listens and a ``SERVER`` line with its totals
when SIGINT or SIGTERM stops it (or after ``--count`` calls).  ``rxperf client`` prints one
line::

    RESULT op=rpc calls=1000 failed=0 bytes=8000 seconds=0.1 calls_per_s=9000.0 MB_per_s=0.072

``bytes`` counts the payload of the successful calls in both directions (RPC: request plus
reply bytes), as OpenAFS rxperf does; MB are 10^6 bytes.  A worker stops at its first failure,
and the calls it had left count as failed.

When its stderr is a terminal, the client redraws a progress line there a few times a second
(payload bytes moved, calls done, rates).  Ctrl-C stops it early: the calls in flight are
aborted and the RESULT line covers the calls started so far, with ``interrupted=1`` added at
its end (``failed`` then counts the calls cut short too), and the exit status is 130.
"""

from __future__ import annotations

import argparse
import functools
import math
import resource
import signal
import socket
import sys
import time
from typing import TYPE_CHECKING, Final, TextIO

import attrs
import trio

from ._cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    USAGE_ROW,
    CommandParser,
    exit_status_text,
    int_range,
    interrupted,
    seconds,
)
from ._endpoint import open_endpoint
from ._errors import RxRPCError
from ._group import GroupMember
from ._proto.config import EndpointConfig
from ._rxperf import (
    CHUNK_MAX,
    DIALECTS,
    LEVELS,
    MAX_LENGTH,
    OP_CODES,
    OP_FILE,
    OP_RPC,
    PORT,
    SERVICE,
    CallFailed,
    Payload,
    Plan,
    Server,
    client_call,
    client_security,
    drain,
    parse_size,
    rx_stats,
    server_securities,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ._endpoint import Endpoint

NAME: Final = "rxperf"
SUMMARY: Final = "the rxperf benchmark (OpenAFS / Linux / crxperf compatible): server or client"

_DRAIN_TIME: Final = 2.0
"""How long a server that is stopping lets its last replies finish."""
PROGRESS_INTERVAL: Final = 0.25
"""Seconds between redraws of the client's progress line."""

SERVER_EXIT_STATUS: Final = exit_status_text(
    (EXIT_OK, "stopped by SIGINT or SIGTERM, or after --count calls (the SERVER line is "
              "printed)"),
    (EXIT_FAILURE, "could not serve: the address is unknown or the port is taken"),
    USAGE_ROW,
)
CLIENT_EXIT_STATUS: Final = exit_status_text(
    (EXIT_OK, "every call succeeded"),
    (EXIT_FAILURE, "a call failed, or the server's address is unknown (the first failure "
                   "is named on stderr)"),
    USAGE_ROW,
    (EXIT_INTERRUPTED, "interrupted by Ctrl-C (SIGINT): the RESULT line covers the calls "
                       "started so far and ends with interrupted=1"),
)


# ------------------------------------------------------------------------- server


def endpoint_config(args: argparse.Namespace) -> EndpointConfig:
    """The endpoint configuration the tuning options ask for."""
    config = EndpointConfig()
    if args.window is not None:
        config = attrs.evolve(config, rx_window=args.window, tx_window=args.window)
    if args.jumbo is not None:
        config = attrs.evolve(config, max_jumbo=args.jumbo)
    if args.udp_buffer is not None:
        config = attrs.evolve(config, udp_buffer_size=args.udp_buffer)
    if args.busy_poll:
        config = attrs.evolve(config, busy_poll=args.busy_poll * 1e-6)
    return config


async def run_server(args: argparse.Namespace, *, out: TextIO, err: TextIO) -> int:
    """Serve rxperf until SIGINT/SIGTERM (or ``--count`` calls); print READY and SERVER."""
    securities = server_securities(args.key, args.kvno, rxgk_key=args.rxgk_key,
                                   enctype=args.enctype, rxgk_flavour=args.rxgk_flavour)
    config = endpoint_config(args)
    payload = Payload.create(verify=args.verify)
    # Started by `trio-rxrpc group`, this server is one member of an endpoint group and
    # serves the socket the supervisor gave it; --address and --port are then the group's.
    member = GroupMember.from_environment()
    address = None if member is not None else (args.address, args.port)
    async with open_endpoint(address, config=config, group=member) as ep:
        sock = ep.socket()
        sock.listen([SERVICE], backlog=args.backlog, security=securities)
        server = Server(sock, payload, count=args.count, log=err)
        with trio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
            async with trio.open_nursery() as nursery:
                await nursery.start(server.serve)

                async def on_signal() -> None:
                    async for _ in signals:
                        nursery.cancel_scope.cancel()

                async def on_count() -> None:
                    await server.done.wait()
                    await drain(ep, _DRAIN_TIME)
                    nursery.cancel_scope.cancel()

                nursery.start_soon(on_signal)
                nursery.start_soon(on_count)
                host, port = ep.address[:2]
                role = "" if member is None else f" member={member.index}/{member.size}"
                print(f"READY port={port} address={host} service={SERVICE}{role} "
                      f"rxnull=on rxkad={'on' if securities else 'off'} "
                      f"window={config.rx_window} jumbo={config.max_jumbo} "
                      f"udpbuf={config.udp_buffer_size or 0} verify={int(args.verify)} "
                      f"busypoll={args.busy_poll}",
                      file=out, flush=True)
        print(server.stats.line(), file=out, flush=True)
        if args.verbose:
            print(f"RXSTATS side=server {rx_stats(ep)}", file=err, flush=True)
    return EXIT_OK


# ------------------------------------------------------------------------- client


@attrs.define
class ClientStats:
    """What the workers of a client run did."""

    started: int = 0
    ok: int = 0
    moved: int = 0
    first_error: str = ""
    first_code: int = 0
    latency_sum: float = 0.0
    latency_min: float = math.inf
    latency_max: float = 0.0

    def record(self, latency: float, moved: int) -> None:
        """Account for one successful call."""
        self.ok += 1
        self.moved += moved
        self.latency_sum += latency
        self.latency_min = min(self.latency_min, latency)
        self.latency_max = max(self.latency_max, latency)


def result_line(op: str, *, calls: int, ok: int, moved: int, seconds: float,
                interrupted: bool = False) -> str:
    """The client's ``RESULT`` line (``interrupted=1`` appended for a run cut short)."""
    rate = ok / seconds if seconds > 0 else 0.0
    mbps = moved / seconds / 1e6 if seconds > 0 else 0.0
    line = (f"RESULT op={op} calls={calls} failed={calls - ok} bytes={moved} "
            f"seconds={seconds:.6f} calls_per_s={rate:.1f} MB_per_s={mbps:.3f}")
    return line + " interrupted=1" if interrupted else line


class ProgressLine:
    """A status line redrawn in place on a terminal while the client runs.

    It shows the payload bytes moved so far (by calls in flight too, unlike RESULT), the
    calls finished, and the rates since the start.
    """

    def __init__(self, out: TextIO, op: str, *, calls: int, total_bytes: int,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.out = out
        self.op = op
        self.calls = calls
        self.total_bytes = total_bytes
        self.clock = clock
        self.started = clock()
        self.moved = 0
        """Payload bytes moved, both ways, by every call so far."""
        self._width = 0

    def add(self, count: int) -> None:
        """Count ``count`` more payload bytes (the :data:`._rxperf.Progress` callback)."""
        self.moved += count

    def text(self, done: int) -> str:
        """The line, with ``done`` calls finished."""
        elapsed = self.clock() - self.started
        if self.total_bytes:
            share = self.moved / self.total_bytes
        else:
            share = done / self.calls if self.calls else 1.0
        mbps = self.moved / elapsed / 1e6 if elapsed > 0 else 0.0
        cps = done / elapsed if elapsed > 0 else 0.0
        return (f"rxperf {self.op}: {self.moved / 1e6:,.1f} of {self.total_bytes / 1e6:,.1f} MB "
                f"({min(share, 1.0):.0%}), {done:,} of {self.calls:,} calls, "
                f"{mbps:,.1f} MB/s, {cps:,.0f} calls/s, {elapsed:.1f} s")

    def draw(self, done: int) -> None:
        line = self.text(done)
        self.out.write("\r" + line.ljust(self._width))
        self.out.flush()
        self._width = len(line)

    def end(self, done: int, *, keep: bool) -> None:
        """Draw the last state and end the line (``keep``), or wipe the line."""
        if keep:
            self.draw(done)
            self.out.write("\n")
        else:
            self.out.write("\r" + " " * self._width + "\r")
        self.out.flush()

    async def run(self, stats: ClientStats) -> None:
        """Redraw every :data:`PROGRESS_INTERVAL` seconds until cancelled."""
        while True:
            self.draw(stats.ok)
            await trio.sleep(PROGRESS_INTERVAL)


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (a stream without ``isatty`` is not)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


async def run_client(args: argparse.Namespace, *, out: TextIO, err: TextIO) -> int:
    """Run the client's calls and print RESULT; the exit status as the epilog says."""
    op = OP_CODES[args.op]
    if op == OP_FILE and not args.file:
        print("rxperf client: -c file needs -F word,word,... (0 flips the direction)",
              file=err)
        return EXIT_USAGE
    security = client_security(LEVELS[args.level], args.key,
                               args.kvno if args.kvno is not None else 1,
                               rxgk_key=args.rxgk_key, enctype=args.enctype,
                               dialect=args.dialect, rxgk_flavour=args.rxgk_flavour)
    family, address = _resolve(args.server, args.port)
    calls = args.calls if args.calls is not None else (1000 if op == OP_RPC else 1)
    workers = max(1, min(args.concurrency, calls))
    payload = Payload.create(verify=args.verify)
    plan = Plan.create(op, size=args.bytes, request_size=args.request_bytes,
                       reply_size=args.reply_bytes, rsize=args.rsize, wsize=args.wsize,
                       payload=payload, file_words=args.file or (), dialect=args.dialect)
    bind = args.bind or ("::" if family == socket.AF_INET6 else "0.0.0.0")
    stats = ClientStats()
    per_call = 4 * sum(plan.file_words) if op == OP_FILE else plan.size_out + plan.size_in
    progress = (ProgressLine(err, args.op, calls=calls, total_bytes=calls * per_call)
                if is_terminal(err) else None)
    stopped_by_user = False

    async def worker(count: int) -> None:
        for _ in range(count):
            stats.started += 1
            start = time.perf_counter()
            try:
                moved = await client_call(sock, address, plan, payload, security=security,
                                          dead_after=args.timeout,
                                          progress=progress.add if progress else None)
            except (RxRPCError, CallFailed, OSError) as exc:
                if not stats.first_error:
                    stats.first_error = f"{type(exc).__name__}: {exc}"
                    stats.first_code = getattr(exc, "abort_code", None) or 0
                return
            stats.record(time.perf_counter() - start, moved)

    config = endpoint_config(args)
    with trio.open_signal_receiver(signal.SIGINT) as signals:
        async with open_endpoint((bind, 0), config=config) as ep:
            sock = ep.socket()
            share, extra = divmod(calls, workers)
            start = time.perf_counter()
            async with trio.open_nursery() as outer:

                async def on_interrupt() -> None:
                    nonlocal stopped_by_user
                    async for _ in signals:
                        stopped_by_user = True
                        outer.cancel_scope.cancel()

                outer.start_soon(on_interrupt)
                if progress is not None:
                    outer.start_soon(progress.run, stats)
                with trio.move_on_after(args.watchdog) as watchdog:
                    async with trio.open_nursery() as nursery:
                        for index in range(workers):
                            nursery.start_soon(worker, share + (index < extra))
                outer.cancel_scope.cancel()
            seconds = time.perf_counter() - start
    if progress is not None:
        progress.end(stats.ok, keep=stopped_by_user)
    if stopped_by_user:
        calls = stats.started
    elif watchdog.cancelled_caught and not stats.first_error:
        stats.first_error = f"the watchdog ({args.watchdog:g} s) expired"
    print(result_line(args.op, calls=calls, ok=stats.ok, moved=stats.moved, seconds=seconds,
                      interrupted=stopped_by_user), file=out, flush=True)
    if args.verbose:
        print(_detail_line(stats, workers, ep), file=err, flush=True)
    if stopped_by_user:
        print(f"rxperf client: interrupted after {seconds:.1f} s; {stats.ok} of the "
              f"{calls} calls started had succeeded", file=err, flush=True)
        return EXIT_INTERRUPTED
    if stats.ok != calls:
        print(f"rxperf client: first failure: {stats.first_error or 'unknown'}", file=err,
              flush=True)
        return EXIT_FAILURE
    return EXIT_OK


def _detail_line(stats: ClientStats, workers: int, ep: Endpoint) -> str:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    avg = stats.latency_sum / stats.ok if stats.ok else 0.0
    low = stats.latency_min if stats.ok else 0.0
    return (f"DETAIL ok={stats.ok} concurrency={workers} lat_avg_us={avg * 1e6:.1f} "
            f"lat_min_us={low * 1e6:.1f} lat_max_us={stats.latency_max * 1e6:.1f} "
            f"error={stats.first_code} "
            f"{rx_stats(ep)} cpu_user={usage.ru_utime:.3f} cpu_sys={usage.ru_stime:.3f}")


def _resolve(host: str, port: int) -> tuple[int, tuple[str, int]]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)
    except socket.gaierror as exc:
        raise OSError(f"cannot resolve {host!r}: {exc.strerror}") from None
    for family, _type, _proto, _name, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            return family, (str(sockaddr[0]), int(sockaddr[1]))
    raise OSError(f"cannot resolve {host!r}")


# ------------------------------------------------------------------- option types


def byte_size(limit: int, low: int = 0) -> Callable[[str], int]:
    """An argparse ``type=`` for a byte count in ``low..limit``, with k/M/G suffixes."""
    def parse(text: str) -> int:
        try:
            value = parse_size(text)
        except ValueError:
            value = -1
        if not low <= value <= limit:
            raise argparse.ArgumentTypeError(
                f"wants a byte count from {low} to {limit} (such as 4096, 64k, 16M or 1G), "
                f"not {text!r}")
        return value
    return parse


def count(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse ``type=`` for ``what``, a count in ``low..high`` (k/M/G suffixes too)."""
    def parse(text: str) -> int:
        try:
            value = parse_size(text)
        except ValueError:
            value = -1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"wants {what}, a whole number from {low} to {high}, not {text!r}")
        return value
    return parse


def des_key(text: str) -> bytes:
    """An argparse ``type=`` for an 8-byte DES key in hex (``0x`` optional)."""
    body = text[2:] if text.lower().startswith("0x") else text
    try:
        key = bytes.fromhex(body)
    except ValueError:
        key = b""
    if len(key) != 8:
        raise argparse.ArgumentTypeError(
            f"wants the key as 16 hex digits (an 8-byte DES key), not {text!r}")
    return key


def hex_key(text: str) -> bytes:
    """An argparse ``type=`` for a key of any length in hex (``0x`` optional)."""
    body = text[2:] if text.lower().startswith("0x") else text
    try:
        key = bytes.fromhex(body)
    except ValueError:
        key = b""
    if not key:
        raise argparse.ArgumentTypeError(f"wants the key in hex digits, not {text!r}")
    return key


def file_words(text: str) -> list[int]:
    """An argparse ``type=`` for a FILE list: comma-separated word counts."""
    word = count(0, 0x1FFFFFFF, "a word count")
    try:
        return [word(part) for part in text.split(",")]
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(f"a FILE list of words: {exc}") from None


# --------------------------------------------------------------------- the parser


def _add_common(parser: argparse.ArgumentParser) -> None:
    tuning = parser.add_argument_group("Rx tuning (give it to both sides)")
    tuning.add_argument("--window", "-W", type=int_range(1, 255, "a window in packets"),
                        metavar="PACKETS",
                        help="send and receive window in packets (library default: 255)")
    tuning.add_argument("--jumbo", type=int_range(1, 255, "packets per jumbogram"),
                        metavar="N", help="most Rx packets per jumbogram (1: no jumbograms)")
    tuning.add_argument("--no-jumbo", "-j", dest="jumbo", action="store_const", const=1,
                        help="no jumbograms (same as --jumbo 1)")
    tuning.add_argument("--udp-buffer", type=byte_size(1 << 30, 1), metavar="BYTES",
                        help="UDP socket buffer size, e.g. 4M (library default: 4 MiB)")
    tuning.add_argument("--busy-poll", type=int_range(0, 10_000, "microseconds"), default=0,
                        metavar="USEC",
                        help="watch the socket this long before sleeping (EndpointConfig."
                             "busy_poll; default 0: never): faster calls one at a time, "
                             "for CPU time")
    parser.add_argument("--verify", "-V", action="store_true",
                        help="send and check the payload pattern i %% 251 (crxperf -V)")
    parser.add_argument("--kvno", "-K", type=int_range(0, 255, "a key version number"),
                        metavar="N",
                        help="rxkad key version number (client default: 1; server: any)")
    parser.add_argument("--key", "-k", type=des_key, metavar="HEX16",
                        help="the server's rxkad DES key, 16 hex digits")
    parser.add_argument("--rxgk-key", type=hex_key, metavar="HEX",
                        help="the server's rxgk key in hex (a client then uses rxgk at "
                             "--level; a server offers it beside rxkad)")
    parser.add_argument("--enctype", type=int, choices=(17, 18, 19, 20, 25, 26), default=17,
                        help="the Kerberos enctype of --rxgk-key (default: 17)")
    parser.add_argument("--rxgk-flavour", choices=("yfs", "openafs", "both"), default="yfs",
                        help="yfs: yfs-rxgk at security index 6 (Linux's); openafs: OpenAFS's "
                             "rxgk at index 4 (not checked against a real OpenAFS peer); "
                             "both: a server offers the two (default: yfs)")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``server`` and ``client`` subcommands and their options."""
    modes = parser.add_subparsers(title="modes", dest="rxperf_mode", metavar="MODE",
                                  required=True)
    parser.epilog = "Each mode lists its exit statuses: see MODE --help."
    server = modes.add_parser(
        "server", help="serve rxperf calls", epilog=SERVER_EXIT_STATUS,
        description="Serve rxperf (service 147) until SIGINT/SIGTERM.  Prints a READY line "
                    "once listening and a SERVER line with totals on the way out.")
    server.add_argument("--address", "-a", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1)")
    server.add_argument("--port", "-p", type=int_range(0, 65535, "a UDP port (0: any)"),
                        default=PORT, help=f"UDP port (default: {PORT}; 0 picks a free one)")
    server.add_argument("--count", "-N", type=count(1, 1 << 40, "a number of calls"),
                        metavar="CALLS", help="exit after serving this many calls")
    server.add_argument("--verbose", "-v", action="store_true",
                        help="on exit, also print packet counters (RXSTATS) on stderr")
    server.add_argument("--backlog", type=count(1, 65536, "a number of calls"), default=256,
                        help="calls that may wait to be accepted (default: 256)")
    _add_common(server)

    client = modes.add_parser(
        "client", help="run rxperf calls and print a RESULT line", epilog=CLIENT_EXIT_STATUS,
        description="Make rxperf calls and print one RESULT line.  Byte counts take k/M/G "
                    "suffixes (binary).  On a terminal, progress is shown on stderr.")
    client.add_argument("--server", "-s", default="127.0.0.1",
                        help="the server's address (default: 127.0.0.1)")
    client.add_argument("--port", "-p", type=int_range(1, 65535, "a UDP port"), default=PORT,
                        help=f"the server's UDP port (default: {PORT})")
    client.add_argument("--bind", "-a", metavar="ADDR",
                        help="local address to bind (default: any of the server's family)")
    client.add_argument("-c", dest="op", required=True, choices=sorted(OP_CODES),
                        help="the operation")
    client.add_argument("-b", dest="bytes", type=byte_size(MAX_LENGTH), default=1 << 20,
                        metavar="BYTES", help="send/recv payload per call (default: 1M)")
    client.add_argument("-S", dest="request_bytes", type=byte_size(MAX_LENGTH), default=4,
                        metavar="BYTES", help="rpc request payload (default: 4)")
    client.add_argument("-R", dest="reply_bytes", type=byte_size(MAX_LENGTH), default=4,
                        metavar="BYTES", help="rpc reply payload (default: 4)")
    client.add_argument("-n", dest="calls", type=count(1, 1 << 40, "a number of calls"),
                        metavar="CALLS", help="total calls (default: rpc 1000, otherwise 1)")
    client.add_argument("-T", dest="concurrency",
                        type=count(1, 65536, "the number of calls in flight"), default=1,
                        metavar="CONCURRENT", help="calls in flight at once (default: 1)")
    client.add_argument("-F", dest="file", type=file_words, metavar="W,W,0,W",
                        help="FILE list: each word w moves 4*w bytes, 0 flips the direction")
    client.add_argument("-r", dest="rsize", type=byte_size(CHUNK_MAX, 1), default=CHUNK_MAX,
                        metavar="BYTES", help="read chunk hint sent to the server")
    client.add_argument("-w", dest="wsize", type=byte_size(CHUNK_MAX, 1), default=CHUNK_MAX,
                        metavar="BYTES", help="write chunk hint sent to the server")
    client.add_argument("--dialect", choices=DIALECTS, default="openafs",
                        help="openafs: requests end with their payload (OpenAFS's rxperf, "
                             "crxperf, our server); linux: the end cookie follows it, as "
                             "Linux's in-kernel rxperf server requires (default: openafs)")
    client.add_argument("--level", "-x", choices=tuple(LEVELS), default="null",
                        help="security: rxnull, or rxkad at clear/auth/crypt (needs --key), "
                             "or yfs-rxgk with --rxgk-key")
    client.add_argument("--timeout", type=seconds(), default=20.0, metavar="SECONDS",
                        help="a call fails after the server is silent this long (default: 20)")
    client.add_argument("--watchdog", "-t", type=seconds(), default=600.0,
                        metavar="SECONDS", help="give up on the whole run (default: 600)")
    client.add_argument("--verbose", "-v", action="store_true",
                        help="also print a DETAIL line (latency, CPU) on stderr")
    _add_common(client)


def run(args: argparse.Namespace, *, out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    """Run the ``server`` or ``client`` the parsed ``args`` ask for; return the exit status."""
    stdout = out if out is not None else sys.stdout
    stderr = err if err is not None else sys.stderr
    mode = f"rxperf {args.rxperf_mode}"
    if args.rxperf_mode == "server":
        if args.kvno is not None and args.key is None and args.rxgk_key is None:
            print(f"{mode}: --kvno needs --key or --rxgk-key", file=stderr)
            return EXIT_USAGE
        main = run_server
    else:
        main = run_client
    try:
        return trio.run(functools.partial(main, args, out=stdout, err=stderr))
    except BaseException as exc:
        failure = _only_failure(exc)
        if isinstance(failure, ValueError):  # a key rxkad refuses, a level without a key
            print(f"{mode}: {failure}", file=stderr)
            return EXIT_USAGE
        if isinstance(failure, OSError):
            where = (f"cannot serve on {args.address}:{args.port}: "
                     if args.rxperf_mode == "server" else "")
            print(f"{mode}: {where}{failure.strerror or failure}", file=stderr)
            return EXIT_FAILURE
        if interrupted(exc):
            print(f"{mode}: interrupted", file=stderr)
            return EXIT_INTERRUPTED
        raise


def _only_failure(exc: BaseException) -> BaseException:
    """The one exception inside ``exc`` (trio wraps what leaves a nursery in groups)."""
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return exc


def main(argv: Sequence[str] | None = None) -> int:
    """``rxperf`` on its own: parse ``argv`` and run."""
    parser = CommandParser(prog="python -m trio_rxrpc rxperf", description=SUMMARY)
    configure(parser)
    return run(parser.parse_args(argv))
