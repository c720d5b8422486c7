"""``trio-rxrpc list``: show a running endpoint's sockets, calls, connections, peers.

A running :class:`~trio_rxrpc.Endpoint` answers listing requests that ride in Rx DEBUG
packets (the packet type ``rxdebug`` uses), with request types of our own that OpenAFS never
sends.  Each answer is one page of rows as JSON; the command asks for page after page until
one comes back short, then prints the rows as a table.  Endpoints answer only requests from
loopback unless :attr:`EndpointConfig.remote_listing` is set.

Other Rx servers answer those requests too, but not with a listing: OpenAFS servers (and
trio-rxrpc for request types it does not know) send back rxdebug's "bad request type" record,
and other peers may abort or send something else.  The command tells such a peer apart from
a trio-rxrpc endpoint and suggests ``rxdebug``, the tool that speaks to it.
"""

from __future__ import annotations

import argparse
import json
import socket
import struct
import sys
import time
from typing import Final

import attrs

from ._cli import EXIT_FAILURE, EXIT_OK, INTERRUPTED_ROW, USAGE_ROW, exit_status_text, seconds
from ._listing import CallRow, ConnectionRow, PeerRow, SocketRow, format_table
from ._proto.codes import AbortCode, format_abort_code
from ._proto.endpoint import LISTING_DEBUG_BASE
from ._proto.wire import CLIENT_INITIATED, HEADER, HEADER_SIZE, LAST_PACKET, PacketType

NAME: Final = "list"
SUMMARY: Final = "show the sockets, calls, connections and peers of a running endpoint"

KINDS: dict[str, tuple[int, type[attrs.AttrsInstance]]] = {
    "sockets": (LISTING_DEBUG_BASE + 1, SocketRow),
    "calls": (LISTING_DEBUG_BASE + 2, CallRow),
    "connections": (LISTING_DEBUG_BASE + 3, ConnectionRow),
    "peers": (LISTING_DEBUG_BASE + 4, PeerRow),
}
MEMBER_DTYPE: Final = LISTING_DEBUG_BASE + 5
"""The listing of an endpoint's place in its group: one row, ``{"index": I, "size": N}``."""
STATISTICS_DTYPE: Final = LISTING_DEBUG_BASE + 6
"""The endpoint's :class:`~trio_rxrpc.EndpointStatistics` as one row."""
STATISTICS: Final = "statistics"
"""The listing of each member's counters (one row per member, see :mod:`._groupstats`)."""
_SPECIAL: Final = {"member": MEMBER_DTYPE, STATISTICS: STATISTICS_DTYPE}
PAGE_ROWS = 40
"""Rows per page: keeps every answer well inside one datagram."""

EXIT_NOT_TRIO_RXRPC: Final = 3
"""The peer answered, but it is not a trio-rxrpc endpoint (OpenAFS, for one)."""

EXIT_STATUS: Final = exit_status_text(
    (EXIT_OK, "the listings were printed"),
    (EXIT_FAILURE, "no listing: nothing answered in time, the port is closed, or the address "
                   "is unknown"),
    USAGE_ROW,
    (EXIT_NOT_TRIO_RXRPC, "something answered, but it is not a trio-rxrpc endpoint (an "
                          "OpenAFS server, say): try rxdebug HOST PORT"),
    INTERRUPTED_ROW,
)

_BAD_TYPE_REPLY: Final = struct.pack(">ii", -8, -8)
"""rxdebug's answer to a request type the server does not know (``RX_DEBUGI_BADTYPE``)."""
_ABORT_CODE: Final = struct.Struct(">i")


class NotAnEndpoint(Exception):
    """The peer answered the listing request, but not as a trio-rxrpc endpoint does."""


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` or ``[IPV6]:PORT`` as ``(host, port)``; an empty host is loopback.

    Raises:
        argparse.ArgumentTypeError: not an address with a port in 1..65535.
    """
    host, sep, port = text.rpartition(":")
    if not sep:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no port: give HOST:PORT, e.g. 127.0.0.1:7009")
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(
            f"the port in {text!r} is not a whole number from 1 to 65535")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host or "127.0.0.1", int(port)


def parse_kind(text: str) -> str:
    """One of :data:`KINDS`.

    Raises:
        argparse.ArgumentTypeError: it is not.
    """
    if text not in KINDS and text != STATISTICS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a listing: choose from {', '.join(KINDS)} or {STATISTICS}")
    return text


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("address", type=parse_address, metavar="HOST:PORT",
                        help="the endpoint's address, e.g. 127.0.0.1:7009 or [::1]:7009")
    parser.add_argument("what", nargs="*", type=parse_kind, default=[], metavar="KIND",
                        help=f"which listings: {', '.join(KINDS)} (default: all four), or "
                             f"{STATISTICS} (each group member's counters, and their sum)")
    parser.add_argument("--timeout", type=seconds(), default=2.0, metavar="SECONDS",
                        help="seconds to wait for each answer (default: 2)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.epilog = EXIT_STATUS


def _resolve(address: tuple[str, int]) -> tuple[int, tuple[str, int]]:
    infos = socket.getaddrinfo(address[0], address[1], type=socket.SOCK_DGRAM)
    for family, _type, _proto, _name, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            return family, (str(sockaddr[0]), int(sockaddr[1]))
    raise OSError(f"no IPv4 or IPv6 address for {address[0]!r}")


def _page_untrusted(data: bytes, serial: int) -> list[dict[str, object]] | None:
    """The rows of one listing answer, or ``None`` for a stale answer to an earlier request.

    Raises:
        NotAnEndpoint: the datagram is not a trio-rxrpc listing page.
    """
    if len(data) < HEADER_SIZE:
        raise NotAnEndpoint(f"it answered with {len(data)} bytes that are not an Rx packet")
    header = HEADER.unpack_from(data)
    callno, ptype = header[2], header[5]
    body = data[HEADER_SIZE:]
    if ptype == PacketType.ABORT:
        code = _ABORT_CODE.unpack_from(body)[0] if len(body) >= 4 else AbortCode.RX_PROTOCOL_ERROR
        raise NotAnEndpoint(f"it aborted the listing request with {format_abort_code(code)}")
    if ptype != PacketType.DEBUG:
        try:
            kind = f"an Rx {PacketType(ptype).name} packet"
        except ValueError:
            kind = f"a packet of unknown type {ptype}"
        raise NotAnEndpoint(f"it answered with {kind}")
    if callno != serial:
        return None
    if body == _BAD_TYPE_REPLY:
        raise NotAnEndpoint("it answered like an OpenAFS Rx server, with rxdebug's "
                            "'bad request type' record")
    try:
        rows = json.loads(body.decode())
    except ValueError:  # UnicodeDecodeError is one
        rows = None
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise NotAnEndpoint(f"it answered with a {len(body)}-byte DEBUG reply that is not a "
                            f"trio-rxrpc listing")
    return rows


def query(address: tuple[str, int], kind: str, *, timeout: float = 2.0,
          member: int = 0) -> list[dict[str, object]]:
    """Fetch one listing from a running endpoint as a list of row dicts.

    ``kind`` is one of :data:`KINDS`, ``"member"`` (the endpoint's place in its group) or
    ``"statistics"`` (its counters, one row).
    ``member`` picks the member of an endpoint group to ask: the request carries
    ``member << 2`` as its connection ID, which the group's steering follows.

    Raises:
        TimeoutError: the endpoint did not answer.
        ConnectionRefusedError: nothing listens on the port (an ICMP port unreachable came
            back).
        NotAnEndpoint: something answered, but not as a trio-rxrpc endpoint.
        OSError: the address could not be resolved or reached.
    """
    dtype = _SPECIAL[kind] if kind in _SPECIAL else KINDS[kind][0]
    family, sockaddr = _resolve(address)
    rows: list[dict[str, object]] = []
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        # Connected, so an ICMP port unreachable comes back as ECONNREFUSED on the next
        # receive instead of leaving us to wait out the timeout.
        sock.connect(sockaddr)
        sock.settimeout(timeout)
        serial = int(time.time()) & 0xFFFF
        page = 0
        while True:
            serial += 1
            request = HEADER.pack(999, member << 2, serial, 0, 0, PacketType.DEBUG,
                                  CLIENT_INITIATED | LAST_PACKET, 0, 0, 0, 0)
            sock.send(request + struct.pack(">II", dtype, page))
            while True:
                try:
                    data = sock.recv(65536)
                except TimeoutError:
                    raise TimeoutError(f"no answer from {address[0]}:{address[1]} within "
                                       f"{timeout:g} s") from None
                chunk = _page_untrusted(data, serial)
                if chunk is not None:
                    break
            rows.extend(chunk)
            if len(chunk) < PAGE_ROWS:
                return rows
            page += 1


def listing_page(rows: list[attrs.AttrsInstance], page: int) -> bytes:
    """One page of rows as the JSON body of a listing answer."""
    part = rows[page * PAGE_ROWS:(page + 1) * PAGE_ROWS]
    return json.dumps([attrs.asdict(r) for r in part]).encode()


def _fail(text: str, status: int = EXIT_FAILURE) -> int:
    print(f"list: {text}", file=sys.stderr)
    return status


def run(args: argparse.Namespace) -> int:
    """Fetch and print the listings; the exit status is as :data:`EXIT_STATUS` says."""
    host, port = address = args.address
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    kinds = args.what or list(KINDS)
    out: dict[str, list[dict[str, object]]] = {}
    size = 1
    try:
        size = _group_size(address, args.timeout)
        for kind in kinds:
            out[kind] = []
            for member in range(size):
                found = query(address, kind, timeout=args.timeout, member=member)
                if size > 1:
                    for row in found:
                        row["member"] = member
                out[kind].extend(found)
    except NotAnEndpoint as exc:
        return _fail(f"{where} is not a trio-rxrpc endpoint: {exc}; for an Rx server such as "
                     f"OpenAFS, try: rxdebug {host} {port}", EXIT_NOT_TRIO_RXRPC)
    except TimeoutError as exc:
        return _fail(f"{exc} (is a trio-rxrpc endpoint running there? it answers listings "
                     f"from other hosts only with remote_listing set)")
    except ConnectionRefusedError:
        return _fail(f"nothing listens on UDP {where} (the port is closed)")
    except socket.gaierror as exc:
        return _fail(f"cannot resolve {host!r}: {exc.strerror}")
    except OSError as exc:
        return _fail(f"cannot reach {where}: {exc.strerror or exc}")
    if args.json:
        print(json.dumps(out, indent=2))
        return EXIT_OK
    for kind in kinds:
        if kind == STATISTICS:
            from ._groupstats import format_statistics

            print(f"{kind}:" if size == 1 else f"{kind} of the {size} group members:")
            print(format_statistics(out[kind]))
            print()
            continue
        row_type = KINDS[kind][1]
        names = {f.name for f in attrs.fields(row_type)}
        for member in range(size):
            try:
                rows = [row_type(**{k: tuple(v) if isinstance(v, list) else v
                                    for k, v in r.items() if k in names})
                        for r in out[kind] if r.get("member", 0) == member]
            except TypeError:
                return _fail(f"the {kind} of {where} lack columns this version shows; "
                             f"try --json")
            print(f"{kind}:" if size == 1 else f"{kind} of group member {member} of {size}:")
            print(format_table(rows))
            print()
    return EXIT_OK


def _group_size(address: tuple[str, int], timeout: float) -> int:
    """How many members the endpoint group at ``address`` has (1 for a lone endpoint).

    This is the first request ``list`` makes, so a peer that is not a trio-rxrpc endpoint
    is recognised here (:exc:`NotAnEndpoint` propagates).
    """
    rows = query(address, "member", timeout=timeout)
    size = rows[0].get("size") if len(rows) == 1 else None
    if isinstance(size, int) and not isinstance(size, bool):
        return max(1, min(size, 1024))
    return 1
