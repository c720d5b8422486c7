"""``trio-rxrpc afs udebug SERVER [PORT] [-long]``: a ubik server's election and database state.

It asks ubik's VOTE service (service 50, on the database server's own port: 7002 for the
ptserver, 7003 for the vlserver) with unauthenticated calls, as OpenAFS's ``udebug`` does, and
prints what udebug prints (see :mod:`._udebugformat`), or JSON with ``--json``:

* ``VOTE_XDebug``; if that fails, ``VOTE_Debug``; if the server does not know that either
  (RXGEN_OPCODE), the pre-3.5 ``VOTE_DebugOld``;
* then, for a sync site or with ``-long``, ``VOTE_XSDebug`` 0, 1, ... (falling back to
  ``VOTE_SDebug``/``VOTE_SDebugOld`` on an Rx error) until the server answers with a positive
  code: what the sync site knows of each other server.

As in udebug, the port may be a number, a service name from the services database, or a
prefix of ``vlserver``, ``ptserver``, ``kaserver``, ``buserver``; without one it is 3000.
A failure of the first call prints udebug's ``return code N from VOTE_Debug``; udebug then
exits 0, this command 1.
"""

from __future__ import annotations

import socket
import sys
import time
from typing import TYPE_CHECKING, Final

import trio

from ..._cli import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, cancel_on_ctrl_c
from ..._errors import NetworkError, RxRPCError
from ..credentials import noauth
from ..ubik import Client, ubik_debug, ubik_debug_old, ubik_sdebug, ubik_sdebug_old
from ._comerr import error_code
from ._udebugformat import PeerStatus, UbikStatus, format_status, status_json

if TYPE_CHECKING:
    import argparse

    from ..._socket import BoundSocket

TOOL: Final = "udebug"
SUMMARY: Final = "a ubik database server's election and database state (OpenAFS udebug)"

DEFAULT_PORT: Final = 3000
"""udebug's port when none is given (a historic one: give 7002 or 7003)."""
RXGEN_OPCODE: Final = -455
_PORT_NAMES: Final = (("vlserver", 7003), ("ptserver", 7002), ("kaserver", 7004),
                      ("buserver", 7021))


def configure_tool(parser: argparse.ArgumentParser) -> None:
    """udebug is one command: its options go on the tool's own parser."""
    parser.description = (
        "Show a ubik server's view of the election and of its database, as OpenAFS's "
        "udebug does. PORT: 7002 for the ptserver, 7003 for the vlserver (default 3000, "
        "as udebug's).")
    parser.add_argument("server", nargs="?", metavar="SERVER", help="the server's name or address")
    parser.add_argument("port", nargs="?", metavar="PORT",
                        help="its port: a number, a service name, or vlserver/ptserver")
    parser.add_argument("-server", dest="server_option", metavar="SERVER",
                        help="the server, as udebug spells it")
    parser.add_argument("-port", dest="port_option", metavar="PORT",
                        help="the port, as udebug spells it")
    parser.add_argument("-long", action="store_true",
                        help="also ask a server that is not the sync site about the others")
    parser.add_argument("-timeout", type=float, default=12.0, metavar="SECONDS",
                        help="give up on a silent server after this long (default 12, "
                             "Rx's usual dead time)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.set_defaults(run=run)


def port_number(text: str) -> int | None:
    """The port ``text`` names, as udebug resolves it, or ``None``."""
    if text.isascii() and text.isdigit():
        value = int(text) & 0xFFFF  # udebug keeps it in a C short
        if value < 0x8000:
            return value
    try:
        return socket.getservbyname(text)
    except OSError:
        pass
    for name, port in _PORT_NAMES:
        if name.startswith(text):
            return port
    return None


def _widen_debug(old: ubik_debug_old) -> ubik_debug:
    return ubik_debug(**{f: getattr(old, f) for f in ubik_debug_old.__xdr_fields__},
                      interfaceAddr=(0,) * 256)


def _widen_sdebug(old: ubik_sdebug_old) -> ubik_sdebug:
    return ubik_sdebug(**{f: getattr(old, f) for f in ubik_sdebug_old.__xdr_fields__},
                       altAddr=(0,) * 255)


class DebugFailed(Exception):
    """The server gave no status: ``code`` is what udebug reports."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


async def collect(sock: BoundSocket, host: str, port: int, *, long: bool,
                  dead_time: float | None = None) -> UbikStatus:
    """Ask the VOTE service at ``(host, port)`` what udebug asks.

    ``dead_time`` is how long the server may stay silent in a call (default: the endpoint's).

    Raises:
        DebugFailed: the first call (and its fallbacks) failed.

    Cancellation abandons the call under way.
    """
    client = Client(sock, (host, port), security=noauth(), timeout=dead_time)
    old = False
    is_clone = 0
    try:
        debug, is_clone = await client.XDebug()
    except RxRPCError as exc:
        if isinstance(exc, NetworkError):  # a silent server will not answer Debug either
            raise DebugFailed(error_code(exc)) from exc
        try:
            debug = await client.Debug()
        except RxRPCError as exc2:
            if error_code(exc2) != RXGEN_OPCODE:
                raise DebugFailed(error_code(exc2)) from exc2
            old = True
            try:
                debug = _widen_debug(await client.DebugOld())
            except RxRPCError as exc3:
                raise DebugFailed(error_code(exc3)) from exc3
    local_time = int(time.time())
    peers: list[PeerStatus] = []
    peer_error = 0
    if long or debug.amSyncSite:
        peers, peer_error = await _peers(client, old)
    return UbikStatus(host, port, debug, bool(is_clone), old, local_time, tuple(peers),
                      peer_error)


async def _peers(client: Client, old: bool) -> tuple[list[PeerStatus], int]:
    peers: list[PeerStatus] = []
    which = 0
    while True:
        code = 0
        clone = 0
        try:
            sdebug, clone = await client.XSDebug(which)
        except RxRPCError as exc:
            code = error_code(exc)
            if code < 0 and not isinstance(exc, NetworkError):
                clone = 0
                try:
                    sdebug = (_widen_sdebug(await client.SDebugOld(which)) if old
                              else await client.SDebug(which))
                    code = 0
                except RxRPCError as exc2:
                    code = error_code(exc2)
        if code > 0:
            return peers, 0  # past the last server
        if code < 0:
            return peers, code
        peers.append(PeerStatus(sdebug, bool(clone)))
        which += 1


async def _resolve(host: str) -> str | None:
    try:
        found = await trio.socket.getaddrinfo(host, None, family=socket.AF_INET,
                                              type=socket.SOCK_DGRAM)
    except (OSError, UnicodeError):
        return None
    return str(found[0][4][0]) if found else None


def run(args: argparse.Namespace) -> int:
    """Run udebug; the exit status is 0 when the server answered."""
    from ... import open_endpoint

    words = [w for w in (args.server, args.port) if w is not None]
    server = args.server_option if args.server_option is not None else (
        words.pop(0) if words else None)
    port_text = args.port_option if args.port_option is not None else (
        words.pop(0) if words else None)
    if server is None or words:
        print("udebug: error: give one SERVER and at most one PORT", file=sys.stderr)
        return EXIT_USAGE

    async def main() -> int:
        host = await _resolve(server)
        if host is None:
            print(f"udebug: host {server} not found in host table")
            return EXIT_FAILURE
        port = DEFAULT_PORT if port_text is None else port_number(port_text)
        if not port:
            print(f"udebug: can't resolve port name {port_text}")
            return EXIT_FAILURE
        async with open_endpoint() as endpoint:
            try:
                status = await collect(endpoint.socket(), host, port, long=args.long,
                                       dead_time=args.timeout)
            except DebugFailed as exc:
                print(f"return code {exc.code} from VOTE_Debug")
                return EXIT_FAILURE
        if args.json:
            print(_json(status_json(status)))
        else:
            for line in format_status(status):
                print(line)
        return EXIT_OK

    try:
        stopped, status = trio.run(cancel_on_ctrl_c, main)
    except OSError as exc:
        print(f"afs: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if stopped:
        print("afs: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_FAILURE if status is None else status


def _json(value: object) -> str:
    import json

    return json.dumps(value, indent=2)
