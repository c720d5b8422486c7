"""``python -m trio_rxrpc list``: show a running endpoint's sockets, calls, connections, peers.

A running :class:`~trio_rxrpc.Endpoint` answers listing requests that ride in Rx DEBUG
packets (the packet type ``rxdebug`` uses), with request types of our own that OpenAFS never
sends.  Each answer is one page of rows as JSON; the command asks for page after page until
one comes back short, then prints the rows as a table.  Endpoints answer only requests from
loopback unless :attr:`EndpointConfig.remote_listing` is set.
"""

from __future__ import annotations

import argparse
import json
import socket
import struct
import time

import attrs

from ._listing import CallRow, ConnectionRow, PeerRow, SocketRow, format_table
from ._proto.endpoint import LISTING_DEBUG_BASE
from ._proto.wire import CLIENT_INITIATED, HEADER, HEADER_SIZE, LAST_PACKET, PacketType

NAME = "list"
SUMMARY = "show the sockets, calls, connections and peers of a running endpoint"

KINDS: dict[str, tuple[int, type[attrs.AttrsInstance]]] = {
    "sockets": (LISTING_DEBUG_BASE + 1, SocketRow),
    "calls": (LISTING_DEBUG_BASE + 2, CallRow),
    "connections": (LISTING_DEBUG_BASE + 3, ConnectionRow),
    "peers": (LISTING_DEBUG_BASE + 4, PeerRow),
}
PAGE_ROWS = 40
"""Rows per page: keeps every answer well inside one datagram."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("address", help="HOST:PORT of the endpoint (e.g. 127.0.0.1:7009)")
    parser.add_argument("what", nargs="*", choices=[*KINDS, []], default=[],
                        help="which listings (default: all four)")
    parser.add_argument("--timeout", type=float, default=2.0,
                        help="seconds to wait for each answer (default 2)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")


def _parse_address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT")
    return host.strip("[]") or "127.0.0.1", int(port)


def query(address: tuple[str, int], kind: str, *, timeout: float = 2.0) -> list[dict[str, object]]:
    """Fetch one listing from a running endpoint as a list of row dicts.

    Raises:
        TimeoutError: the endpoint did not answer.
    """
    dtype, _row = KINDS[kind]
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    rows: list[dict[str, object]] = []
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        serial = int(time.time()) & 0xFFFF
        page = 0
        while True:
            serial += 1
            request = HEADER.pack(999, 0, serial, 0, 0, PacketType.DEBUG,
                                  CLIENT_INITIATED | LAST_PACKET, 0, 0, 0, 0)
            sock.sendto(request + struct.pack(">II", dtype, page), address)
            while True:
                try:
                    data = sock.recv(65536)
                except TimeoutError:
                    raise TimeoutError(f"no answer from {address[0]}:{address[1]}") from None
                if len(data) > HEADER_SIZE and HEADER.unpack_from(data)[2] == serial:
                    break
            chunk = json.loads(data[HEADER_SIZE:].decode())
            rows.extend(chunk)
            if len(chunk) < PAGE_ROWS:
                return rows
            page += 1


def listing_page(rows: list[attrs.AttrsInstance], page: int) -> bytes:
    """One page of rows as the JSON body of a listing answer."""
    part = rows[page * PAGE_ROWS:(page + 1) * PAGE_ROWS]
    return json.dumps([attrs.asdict(r) for r in part]).encode()


def run(args: argparse.Namespace) -> int:
    address = _parse_address(args.address)
    kinds = args.what or list(KINDS)
    out: dict[str, list[dict[str, object]]] = {}
    try:
        for kind in kinds:
            out[kind] = query(address, kind, timeout=args.timeout)
    except (TimeoutError, OSError) as exc:
        print(f"list: {exc}")
        return 1
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    for kind in kinds:
        row_type = KINDS[kind][1]
        names = {f.name for f in attrs.fields(row_type)}
        rows = [row_type(**{k: tuple(v) if isinstance(v, list) else v
                            for k, v in r.items() if k in names}) for r in out[kind]]
        print(f"{kind}:")
        print(format_table(rows))
        print()
    return 0
