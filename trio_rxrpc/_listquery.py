"""Listings of a running endpoint over the network: the request, the answer, the pages.

A running :class:`~trio_rxrpc.Endpoint` answers listing requests that ride in Rx DEBUG
packets (the packet type ``rxdebug`` uses), with request types of our own that OpenAFS never
sends.  Each answer is one page of rows as JSON; :func:`query` asks for page after page
until one comes back short.  Endpoints answer only requests from loopback unless
:attr:`EndpointConfig.remote_listing` is set.  In an endpoint group the request's connection
ID picks the member that answers (``member << 2``), as the group's steering does for every
packet.

Other Rx servers answer those requests too, but not with a listing: OpenAFS servers (and
trio-rxrpc for request types it does not know) send back rxdebug's "bad request type" record,
and other peers may abort or send something else.  :func:`query` tells such a peer apart
from a trio-rxrpc endpoint (:exc:`NotAnEndpoint`).

``trio-rxrpc list`` (:mod:`._listcmd`) prints these listings; the endpoint answers with
:func:`listing_page`; :mod:`._groupstats` gathers a group's statistics with :func:`query`.
"""

from __future__ import annotations

import json
import socket
import struct
import time
from typing import Final

import attrs

from ._listing import CallRow, ConnectionRow, PeerRow, SocketRow
from ._proto.codes import AbortCode, format_abort_code
from ._proto.endpoint import LISTING_DEBUG_BASE
from ._proto.wire import CLIENT_INITIATED, HEADER, HEADER_SIZE, LAST_PACKET, PacketType

__all__ = ["KINDS", "MEMBER_DTYPE", "PAGE_ROWS", "STATISTICS", "STATISTICS_DTYPE",
           "NotAnEndpoint", "listing_page", "listing_types", "query"]

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

_BAD_TYPE_REPLY: Final = struct.pack(">ii", -8, -8)
"""rxdebug's answer to a request type the server does not know (``RX_DEBUGI_BADTYPE``)."""
_ABORT_CODE: Final = struct.Struct(">i")


class NotAnEndpoint(Exception):
    """The peer answered the listing request, but not as a trio-rxrpc endpoint does."""


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



def listing_types() -> frozenset[int]:
    """Every listing request type an endpoint answers."""
    return frozenset({*(dtype for dtype, _row in KINDS.values()), MEMBER_DTYPE,
                      STATISTICS_DTYPE})
