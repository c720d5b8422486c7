"""An Rx echo server: the reply to every call is its request.

Start it, then call it with ``echo_client.py`` from another terminal::

    python examples/echo_server.py
    python examples/echo_client.py "hello, rx"

Each call is served in a task of its own, so a slow client never holds up the others.
Ctrl-C (or SIGTERM) stops the server cleanly: it stops taking new calls, gives the calls in
progress ``--grace`` seconds to finish, and aborts whatever is left (those clients see
``RX_USER_ABORT``, -6); a second Ctrl-C skips the wait.  Calls that were still waiting to be
accepted are aborted with ``RX_CALL_DEAD`` (-1) when the endpoint closes.

Run as workers of an endpoint group, several processes share one port (Linux)::

    trio-rxrpc group -n 4 --port 7100 -- python examples/echo_server.py -q

Each worker then serves the socket the supervisor gave it (``--address`` and ``--port`` are
the supervisor's business, and ignored here), and SIGTERM to the supervisor reaches every
worker, which stops as above.

The exit status is 0 after a stop by Ctrl-C or SIGTERM, 1 if it cannot serve (the port is
taken, say), 2 for a bad option and 130 if a second Ctrl-C cut the grace period short.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time

import trio
from example_cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    USAGE_ROW,
    exit_statuses,
    run,
    seconds,
    service_id,
    udp_port,
    whole_number,
)

import trio_rxrpc as rx


class EchoServer:
    """Accepts calls on one bound socket and echoes each in its own task."""

    def __init__(self, sock: rx.BoundSocket, *, max_size: int, quiet: bool) -> None:
        self.sock = sock
        self.max_size = max_size
        self.quiet = quiet
        self.accepted = 0
        self.in_progress = 0
        self.failed = 0
        self._accepting = trio.CancelScope()

    def log(self, text: str) -> None:
        if not self.quiet:
            print(text, flush=True)

    async def accept_calls(self, nursery: trio.Nursery) -> None:
        """Accept calls until :meth:`stop_accepting`, starting a task in ``nursery`` for each."""
        with self._accepting:
            while True:
                call = await self.sock.accept()
                self.accepted += 1
                nursery.start_soon(self.handle, call, self.accepted)

    def stop_accepting(self) -> None:
        """Stop the accept loop.  ``accept()`` is cancel-safe: no call is lost by this."""
        self._accepting.cancel()

    async def handle(self, call: rx.Call, number: int) -> None:
        """Serve one call: read the whole request, send it back, end the reply."""
        self.in_progress += 1
        start = time.perf_counter()
        ok = False
        # What is printed if the handler is cancelled (at the end of the shutdown grace):
        # leaving `async with call` by cancellation aborts the call.
        outcome = "cancelled by the shutdown; the call was aborted"
        try:
            async with call:
                # Rx is request, then reply: read the whole request before replying.  The
                # limit keeps a client from making us buffer without bound.
                request = await call.receive_all(max_size=self.max_size)
                await call.send_all(request)
                await call.send_eof()
            ok = True
            elapsed = (time.perf_counter() - start) * 1000
            outcome = f"echoed {len(request):,} bytes in {elapsed:.2f} ms"
        except rx.RemoteAbort as exc:
            outcome = f"the client aborted it: {rx.abort_code_name(exc.abort_code or 0)}"
        except rx.RxRPCError as exc:
            outcome = f"failed: {type(exc).__name__}: {exc}"
        finally:
            self.in_progress -= 1
            if not ok:
                self.failed += 1
            self.log(f"call {number} from {address_text(call.peer)}: {outcome}")


def address_text(address: tuple[object, ...]) -> str:
    """``host:port``, or ``[host]:port`` for IPv6."""
    host = str(address[0]).removeprefix("::ffff:")
    return f"[{host}]:{address[1]}" if ":" in host else f"{host}:{address[1]}"


async def wait_for_stop_signal(ready: str) -> None:
    """Print ``ready``, then return on the first Ctrl-C (SIGINT) or SIGTERM.

    The signals are caught from before ``ready`` is printed, so a Ctrl-C that follows it
    always gets the graceful stop.
    """
    with trio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
        print(ready, flush=True)
        async for _ in signals:
            return


async def main(args: argparse.Namespace) -> None:
    # Started by `trio-rxrpc group`, we are one member of a group and use its socket.
    member = rx.GroupMember.from_environment()
    address = None if member is not None else (args.address, args.port)
    async with rx.open_endpoint(address, group=member) as endpoint:
        sock = endpoint.socket()
        sock.listen([args.service], backlog=args.backlog)
        server = EchoServer(sock, max_size=args.max_size, quiet=args.quiet)
        async with trio.open_nursery() as nursery:
            nursery.start_soon(server.accept_calls, nursery)
            role = (f" as group member {member.index} of {member.size}"
                    if member is not None else "")
            await wait_for_stop_signal(f"echo server listening on "
                                       f"{address_text(endpoint.address)}{role}, service "
                                       f"{args.service} (Ctrl-C stops it)")
            server.stop_accepting()
            print(f"\nstopping: no new calls; {server.in_progress} in progress may take up to "
                  f"{args.grace:g} s to finish (Ctrl-C again: stop now)", flush=True)
            # The nursery now waits for the calls in progress.  When the deadline passes it
            # cancels them, and each handler's `async with call` aborts its call.
            nursery.cancel_scope.deadline = trio.current_time() + args.grace
        # Leaving the endpoint aborts calls still waiting to be accepted (RX_CALL_DEAD).
    print(f"stopped after {server.accepted} calls ({server.failed} failed or aborted)")


EXIT_STATUS = exit_statuses(
    (EXIT_OK, "stopped by Ctrl-C or SIGTERM"),
    (EXIT_FAILURE, "could not serve: the address is unknown or the port is taken"),
    USAGE_ROW,
    (EXIT_INTERRUPTED, "a second Ctrl-C stopped it at once; the calls in progress were "
                       "aborted"),
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="An Rx echo server.", epilog=EXIT_STATUS,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--address", default="127.0.0.1",
                        help="address to listen on; '::' for every interface, IPv4 and "
                             "IPv6 (default: %(default)s)")
    parser.add_argument("--port", type=udp_port(any_port=True), default=7100,
                        help="UDP port, 0 for any (default: %(default)s)")
    parser.add_argument("--service", type=service_id, default=1234,
                        help="Rx service ID to serve (default: %(default)s)")
    parser.add_argument("--backlog", type=whole_number(1), default=64,
                        help="calls that may wait to be accepted; more are answered BUSY "
                             "(default: %(default)s)")
    parser.add_argument("--max-size", type=whole_number(0), default=16 << 20, metavar="BYTES",
                        help="largest request accepted (default: %(default)s)")
    parser.add_argument("--grace", type=seconds(zero=True), default=5.0, metavar="SECONDS",
                        help="how long calls in progress may run on after Ctrl-C "
                             "(default: %(default)s)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="do not print a line per call")
    return parser.parse_args()


if __name__ == "__main__":
    # A second Ctrl-C during the grace period raises KeyboardInterrupt: trio cancels
    # everything, so the calls are aborted and the endpoint closed on the way out.
    sys.exit(run("echo_server", main, parse_args(), failure="cannot serve",
                 on_interrupt="stopped at once; the calls in progress were aborted"))
