"""Answers to OpenAFS ``rxdebug`` DEBUG requests.

Theory of operation
-------------------
rxdebug sends a DEBUG packet (type 8) whose 8-byte body names a request type and an index,
and matches the reply by call number.  Each reply body is one fixed-size record: statistics
(GETSTATS, 56 bytes), one connection (GETCONN/GETALLCONN, 176 bytes, a cid of 0xFFFFFFFF
ending the list), one peer (GETPEER, 132 bytes, host 0xFFFFFFFF ending the list) or the
packet counters (RXSTATS, 284 bytes).  The sizes are exact: rxdebug checks them.  Host and
port fields are raw network-order copies.  Unknown types get eight bytes of -8.

rxdebug walks the connection and peer lists one index per request.  Building the list costs
time in proportion to the table, so one list serves every request for a second: a peer
asking for index after index costs constant work per request, not a pass over the table.
"""

from __future__ import annotations

import ipaddress
import struct
from typing import TYPE_CHECKING, TypeVar

from .wire import (
    CLIENT_INITIATED,
    DEBUG_REQUEST,
    HEADER_SIZE,
    PacketType,
    encode_version_reply,
)

if TYPE_CHECKING:
    from .connection import Address, Connection, Peer
    from .endpoint import EndpointCore

GETSTATS = 1
GETCONN = 2
GETALLCONN = 3
RXSTATS = 4
GETPEER = 5
DEBUG_VERSION = ord("S")

_STATE_CODES = {
    "CLIENT_SEND_REQUEST": 2, "CLIENT_AWAIT_REPLY": 2, "CLIENT_RECV_REPLY": 2,
    "SERVER_SECURING": 1, "SERVER_RECV_REQUEST": 2, "SERVER_ACK_REQUEST": 2,
    "SERVER_SEND_REPLY": 2, "SERVER_AWAIT_ACK": 4, "COMPLETE": 3,
}


def _host_port(address: tuple[object, ...]) -> tuple[bytes, int]:
    try:
        ip = ipaddress.ip_address(str(address[0]))
    except ValueError:
        return b"\0\0\0\0", int(str(address[1]))
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped
        packed = mapped.packed if mapped is not None else b"\0\0\0\0"
    else:
        packed = ip.packed
    return packed, int(str(address[1]))


_VERSION = int(PacketType.VERSION)
_DEBUG = int(PacketType.DEBUG)
_SNAPSHOT_LIFETIME = 1.0
_T = TypeVar("_T")

LISTING_DEBUG_BASE = 0x7478_0000
"""DEBUG request types from here up ask for our own listings (rxdebug never sends them)."""
MAX_LISTING_REQUESTS = 64
"""Listing requests that may wait for the application at once (one receive batch)."""


def answer(ep: EndpointCore, data: memoryview, addr: Address, ptype: int, flags: int,
           now: float) -> str:
    """Answer a VERSION or DEBUG request; return how the datagram is counted."""
    if not flags & CLIENT_INITIATED:
        return "not_for_us"  # NAT keepalives and replies: never answer
    if ptype == _VERSION:
        if len(data) > HEADER_SIZE and data[HEADER_SIZE] != 0:
            return "not_for_us"
        ep.send_raw_reply(data, addr, _VERSION, encode_version_reply(ep.config.version_string),
                          keep_flags=True)
        return "version"
    request = debug_request_untrusted(data)
    if request is None:
        return "malformed"
    dtype, index = request
    if dtype >= LISTING_DEBUG_BASE:
        if dtype not in ep.listing_types or not (
                ep.config.remote_listing or _is_loopback(addr)):
            return "unexpected"
        if len(ep.listing_requests) >= MAX_LISTING_REQUESTS:
            return "unexpected"
        # Answered by the application from its own data when it next flushes, not from
        # inside this receive.
        ep.listing_requests.append((bytes(data[:HEADER_SIZE]), addr, dtype, index))
        return "debug"
    ep.send_raw_reply(data, addr, _DEBUG, debug_record(ep, dtype, index, now), keep_flags=True)
    return "debug"


def debug_request_untrusted(data: bytes | bytearray | memoryview) -> tuple[int, int] | None:
    """The (request type, index) of a DEBUG datagram, or ``None`` if its body is cut short.

    Any values may come back (unknown types are answered as such); never raises.
    """
    if len(data) < HEADER_SIZE + DEBUG_REQUEST.size:
        return None
    dtype, index = DEBUG_REQUEST.unpack_from(data, HEADER_SIZE)
    return dtype, index


def _is_loopback(addr: Address) -> bool:
    host = addr[0]
    return host.startswith(("127.", "::ffff:127.")) or host in ("::1", "localhost")


def _stats_record(ep: EndpointCore) -> bytes:
    nwaiting = sum(lst.pending for lst in set(ep.listeners.values()))
    body = struct.pack(">IIIBBBBIIII", 0, 0, ep.counters.calls_accepted & 0xFFFFFFFF, 0, 0,
                       DEBUG_VERSION, 0, nwaiting, 0, 0, 0)
    return body.ljust(56, b"\0")


def _conn_record(conn: Connection) -> bytes:
    host, port = _host_port(conn.peer.address)
    call_numbers = [ch.call_number for ch in conn.channels]
    # A channel whose call has ended shows it as OpenAFS does a finished call (DALLY).
    states = bytes(_STATE_CODES.get(ch.call.state.value, 0) if ch.call
                   else _STATE_CODES["COMPLETE"] if ch.call_number else 0
                   for ch in conn.channels)
    modes = bytes(0 for _ in conn.channels)
    head = host + struct.pack(">II4II", conn.cid, conn.serial & 0xFFFFFFFF,
                              *call_numbers, conn.dead_code & 0xFFFFFFFF)
    head += struct.pack("!H", port) + bytes([0, 0 if conn.is_client else 1,
                                              conn.security_index, 0, 0, 0])
    head += states + modes + b"\0" * 4 + b"\0" * 4
    sec = bytes([conn.security_index + 1 if conn.security_index < 3 else 0,
                 conn.security.level]).ljust(76, b"\0")
    rec = head + sec + struct.pack(">II", conn.epoch, 0)
    return rec.ljust(176, b"\0")


def _peer_record(peer: Peer) -> bytes:
    host, port = _host_port(peer.address)
    rtt = peer.rtt
    rec = host + struct.pack("!H", port) + struct.pack(">HIHBB8xII8xIIII", 1444, 0, 0, 0, 0,
                                                       int(rtt.srtt * 8000) & 0xFFFFFFFF,
                                                       int(rtt.rttvar * 8000) & 0xFFFFFFFF,
                                                       peer.packets_sent & 0xFFFFFFFF,
                                                       peer.retransmits & 0xFFFFFFFF, 0, 0)
    # natMTU and MTU: the size path-MTU discovery confirmed; nDgramPackets: the sub-packets
    # our DATA datagrams hold now; maxMTU and maxDgramPackets: what the peer accepts.
    size = peer.pmtu.size
    rec += struct.pack(">IHHHHHHHH", 0, size, peer.max_mtu & 0xFFFF, peer.jumbo_max, 1,
                       size, peer.cwnd_hint & 0xFFFF, peer.pmtu.good, 0)
    rec += struct.pack(">IIII", 0, peer.bytes_sent & 0xFFFFFFFF, 0,
                       peer.bytes_received & 0xFFFFFFFF)
    return rec.ljust(132, b"\0")


def _rxstats_record(ep: EndpointCore) -> bytes:
    s = ep.counters
    aborts_sent = sum(s.aborts_sent.values())
    words = [0] * 71
    words[5] = s.disposition["malformed"] + s.disposition["short"]  # bogusPacketOnRead
    for ptype in range(1, 14):
        words[11 + ptype - 1] = ep.received_by_type[ptype]
    words[24] = ep.received_by_type[1]
    words[25] = ep.received_by_type[2]
    words[26] = s.duplicates
    sent_by_type = {1: s.data_sent, 2: s.acks_sent, 3: s.busy_sent, 4: aborts_sent}
    for ptype, count in sent_by_type.items():
        words[28 + ptype - 1] = count
    words[45] = s.data_sent - s.data_resent
    words[46] = s.data_resent
    estimators = [p.rtt for p in ep.peers.values() if p.rtt.samples]
    if estimators:
        samples = sum(e.samples for e in estimators)
        total = sum(e.srtt * e.samples for e in estimators)
        low = min(e.srtt for e in estimators)
        high = max(e.srtt for e in estimators)
        for slot, value in ((49, total), (51, low), (53, high)):
            words[slot] = int(value)
            words[slot + 1] = int((value - int(value)) * 1_000_000)
        words[55] = samples
    words[11 + 13 + 4 + 13 + 0] = s.acks_sent
    words[11 + 13 + 4 + 13 + 2] = aborts_sent
    words[11 + 13 + 4 + 13 + 3] = s.busy_sent
    words[11 + 13 + 4 + 13 + 8 + 6 + 1] = len(ep.server_conns)
    words[11 + 13 + 4 + 13 + 8 + 6 + 2] = len(ep.client_conns)
    words[11 + 13 + 4 + 13 + 8 + 6 + 3] = len(ep.peers)
    words[11 + 13 + 4 + 13 + 8 + 6 + 4] = len(ep.live_calls)
    return struct.pack(">71I", *(w & 0xFFFFFFFF for w in words))


def _fresh(cached: tuple[float, list[_T]] | None, index: int, now: float) -> list[_T] | None:
    if cached is not None and index and now - cached[0] < _SNAPSHOT_LIFETIME:
        return cached[1]
    return None


def debug_record(ep: EndpointCore, dtype: int, index: int, now: float = 0.0) -> bytes:
    """The reply body for one rxdebug request.

    The lists rxdebug walks by index are rebuilt at index 0, or once they are a second old.
    """
    if dtype == GETSTATS:
        return _stats_record(ep)
    if dtype in (GETCONN, GETALLCONN):
        conns = _fresh(ep.debug_conns.get(dtype), index, now)
        if conns is None:
            conns = [c for c in (*ep.server_conns.values(), *ep.client_conns.values())
                     if dtype == GETALLCONN or c.has_live_calls()]
            ep.debug_conns[dtype] = (now, conns)
        if 0 <= index < len(conns):
            return _conn_record(conns[index])
        return struct.pack(">II", 0, 0xFFFFFFFF).ljust(176, b"\0")
    if dtype == GETPEER:
        peers = _fresh(ep.debug_peers, index, now)
        if peers is None:
            peers = list(ep.peers.values())
            ep.debug_peers = (now, peers)
        if 0 <= index < len(peers):
            return _peer_record(peers[index])
        return b"\xff\xff\xff\xff".ljust(132, b"\0")
    if dtype == RXSTATS:
        return _rxstats_record(ep)
    return struct.pack(">ii", -8, -8)
