"""A client for ``echo_server.py``: makes calls and checks that each reply is its request.

One call, printing the reply::

    python examples/echo_client.py "hello, rx"

A thousand calls of 64 KiB each, 32 in flight at once, printing a summary::

    python examples/echo_client.py --count 1000 --concurrency 32 --size 65536

Each call is bounded by ``--timeout``, a trio cancel scope around the call: when it expires,
leaving ``async with call`` aborts the call and the server sees ``RX_USER_ABORT`` (-6).  Ctrl-C
aborts the calls in flight the same way.  The exit status is 0 if every call came back with
its request, 1 if any failed (or the server's host name is unknown), 2 for a bad option and
130 after Ctrl-C.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
import time

import trio
from example_cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    USAGE_ROW,
    check_resolves,
    exit_statuses,
    run,
    seconds,
    service_id,
    udp_port,
    whole_number,
)

import trio_rxrpc as rx


class EchoClient:
    """Makes echo calls from one bound socket and counts how they went."""

    def __init__(self, sock: rx.BoundSocket, args: argparse.Namespace, request: bytes) -> None:
        self.sock = sock
        self.server = (args.address, args.port)
        self.service: int = args.service
        self.timeout: float = args.timeout
        self.verbose: bool = args.verbose or args.count == 1
        self.request = request
        self.ok = 0
        self.failed = 0

    async def one_call(self, number: int) -> None:
        """Make call ``number``, print what happened if asked to, and count it."""
        start = time.perf_counter()
        try:
            with trio.fail_after(self.timeout):
                async with self.sock.call(self.server, self.service) as call:
                    await call.send_all(self.request)
                    await call.send_eof()
                    reply = await call.receive_all()
        except trio.TooSlowError:
            self.report_failure(number, f"no reply within {self.timeout:g} s; the call was "
                                        f"aborted")
            return
        except rx.RemoteAbort as exc:
            code = rx.abort_code_name(exc.abort_code or 0)
            self.report_failure(number, f"the server aborted the call: {code}")
            return
        except rx.RxRPCError as exc:
            self.report_failure(number, f"{type(exc).__name__}: {exc}")
            return
        elapsed = (time.perf_counter() - start) * 1000
        if reply != self.request:
            self.report_failure(number, f"the reply ({len(reply):,} bytes) differs from the "
                                        f"request")
            return
        self.ok += 1
        if self.verbose:
            shown = repr(reply) if len(reply) <= 60 else "the same bytes"
            print(f"call {number}: {len(reply):,} bytes back in {elapsed:.2f} ms: {shown}")

    def report_failure(self, number: int, text: str) -> None:
        self.failed += 1
        print(f"call {number}: {text}", file=sys.stderr)


def local_address(server_host: str) -> tuple[str, int]:
    """Where the client's own endpoint binds: any port, in the family of the server."""
    try:
        ip = ipaddress.ip_address(server_host)
    except ValueError:
        return ("::", 0)  # a host name may resolve to either family; "::" takes both
    return ("0.0.0.0", 0) if ip.version == 4 else ("::", 0)


async def main(args: argparse.Namespace) -> int:
    await check_resolves(args.address)
    request = args.message.encode()
    if args.size is not None:
        pattern = request or b"."
        request = (pattern * (args.size // len(pattern) + 1))[:args.size]
    async with rx.open_endpoint(local_address(args.address)) as endpoint:
        client = EchoClient(endpoint.socket(), args, request)
        numbers = iter(range(1, args.count + 1))

        async def worker() -> None:
            for number in numbers:
                await client.one_call(number)

        start = time.perf_counter()
        async with trio.open_nursery() as nursery:
            for _ in range(min(args.concurrency, args.count)):
                nursery.start_soon(worker)
        elapsed = time.perf_counter() - start
    if args.count > 1:
        megabytes = client.ok * len(request) / 1e6
        print(f"{args.count} calls of {len(request):,} bytes, {args.concurrency} at a time: "
              f"{client.ok} ok, {client.failed} failed, in {elapsed:.3f} s "
              f"({args.count / elapsed:,.0f} calls/s, {megabytes / elapsed:,.1f} MB/s each way)")
    return EXIT_FAILURE if client.failed else EXIT_OK


EXIT_STATUS = exit_statuses(
    (EXIT_OK, "every reply was its request"),
    (EXIT_FAILURE, "a call failed (each failure is a line on stderr), or the server's host "
                   "name is unknown"),
    USAGE_ROW,
    (EXIT_INTERRUPTED, "interrupted by Ctrl-C; the calls in flight were aborted"),
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Call an Rx echo server.", epilog=EXIT_STATUS,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("message", nargs="?", default="hello, rx",
                        help="what to send (default: %(default)r)")
    parser.add_argument("--address", default="127.0.0.1",
                        help="the server's address or host name (default: %(default)s)")
    parser.add_argument("--port", type=udp_port(), default=7100,
                        help="the server's UDP port (default: %(default)s)")
    parser.add_argument("--service", type=service_id, default=1234,
                        help="the Rx service ID to call (default: %(default)s)")
    parser.add_argument("--count", type=whole_number(1), default=1,
                        help="how many calls to make (default: %(default)s)")
    parser.add_argument("--concurrency", type=whole_number(1), default=1,
                        help="how many calls to have in flight at once (default: %(default)s)")
    parser.add_argument("--size", type=whole_number(0, 1 << 31), metavar="BYTES",
                        help="send exactly this many bytes, repeating the message")
    parser.add_argument("--timeout", type=seconds(), default=10.0, metavar="SECONDS",
                        help="give up on a call after this long (default: %(default)s)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every call, not just failures and the summary")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(run("echo_client", main, parse_args(),
                 on_interrupt="interrupted; the calls in flight were aborted"))
