"""The Rx wire format: the 28-byte header, every packet type, ACK bodies and jumbograms.

Theory of operation
-------------------
Every Rx datagram starts with a 28-byte big-endian header (epoch, cid, call number, seq,
serial, type, flags, user status, security index, checksum, service ID; note that the
checksum precedes the service ID on the wire).  What follows depends on the type.  A DATA
datagram flagged JUMBO_PACKET carries several DATA sub-packets: every sub-packet but the last
holds exactly :data:`JUMBO_DATALEN` bytes and is followed by a 4-byte jumbo header (flags,
pad, checksum) that describes the next one; the next sub-packet inherits the rest of the
header with seq and serial each one higher.

This module has two faces.  The *record* face (:func:`decode_datagram_untrusted`,
:func:`encode_packet` and the frozen packet classes) is complete and strict, for tools,
tests and the rare packet types.  The *fast* face is the precompiled :class:`struct.Struct`
objects that the endpoint core uses directly on its receive buffer, so a DATA or ACK packet
costs no record object at all.  Both agree on layout; the property tests check it.  The
header's layout (:mod:`.header`) and the ACK body's (:mod:`.ack`) have modules of their own,
compiled with the core; their names are repeated here for the tools.

Functions fed network bytes end in ``_untrusted`` and raise only :class:`MalformedPacket`.
"""

from __future__ import annotations

import enum
import struct
from typing import TYPE_CHECKING, Final

import attrs

from .ack import (
    ACK_BODY as ACK_BODY,
    ACK_BODY_SIZE as ACK_BODY_SIZE,
    ACK_PADDING as ACK_PADDING,
    ACK_TRAILER as ACK_TRAILER,
    MAX_ACKS as MAX_ACKS,
    pack_ack,
    parse_ack_untrusted,
)
from .header import (
    ABORT_BODY as ABORT_BODY,
    HEADER as HEADER,
    HEADER_SIZE as HEADER_SIZE,
    HeaderFields as HeaderFields,
    abort_code_untrusted as abort_code_untrusted,
    split_header_untrusted as split_header_untrusted,
)
from .malformed import MalformedPacket as MalformedPacket

if TYPE_CHECKING:
    from collections.abc import Sequence

JUMBO_HEADER: Final = struct.Struct(">BBH")
"""flags, pad, cksum: precedes each jumbogram sub-packet after the first."""
JUMBO_HEADER_SIZE: Final = JUMBO_HEADER.size  # 4
JUMBO_DATALEN: Final = 1412
"""Data bytes in every non-final sub-packet of a jumbogram (and our standard packet size)."""
JUMBO_SUBPKTLEN: Final = JUMBO_DATALEN + JUMBO_HEADER_SIZE  # 1416
MAX_JUMBO_PACKETS: Final = 46
"""Most sub-packets in one jumbogram: 28 + 1412 + 45 * 1416 = 65160 bytes."""

VERSION_REPLY_SIZE: Final = 65
DEBUG_REQUEST: Final = struct.Struct(">II")

RX_CID_MASK: Final = 0xFFFFFFFC
RX_CHANNEL_MASK: Final = 3
RX_MAXCALLS: Final = 4
EPOCH_RANDOM_BIT: Final = 0x80000000

MAX_DATAGRAM: Final = 65535


class PacketType(enum.IntEnum):
    """The header's type byte."""

    DATA = 1
    ACK = 2
    BUSY = 3
    ABORT = 4
    ACKALL = 5
    CHALLENGE = 6
    RESPONSE = 7
    DEBUG = 8
    PARAMS = 9
    PARAMS_2 = 10
    PARAMS_3 = 11
    PARAMS_4 = 12
    VERSION = 13


class PacketFlags(enum.IntFlag):
    """The header's flags byte."""

    CLIENT_INITIATED = 0x01
    REQUEST_ACK = 0x02
    LAST_PACKET = 0x04
    MORE_PACKETS = 0x08
    JUMBO_PACKET = 0x20
    SLOW_START_OK = 0x20  # the same bit, on ACK packets


CLIENT_INITIATED: Final = 0x01
REQUEST_ACK: Final = 0x02
LAST_PACKET: Final = 0x04
MORE_PACKETS: Final = 0x08
JUMBO_PACKET: Final = 0x20
SLOW_START_OK: Final = 0x20


class AckReason(enum.IntEnum):
    """Why an ACK was sent (its ``reason`` byte)."""

    REQUESTED = 1
    DUPLICATE = 2
    OUT_OF_SEQUENCE = 3
    EXCEEDS_WINDOW = 4
    NOSPACE = 5
    PING = 6
    PING_RESPONSE = 7
    DELAY = 8
    IDLE = 9


# --------------------------------------------------------- ACK bodies, as records (tools)


def hex_preview(data: bytes) -> str:
    """Bytes for a ``repr``: in hex, the first 32 and the length if there are more."""
    return data.hex() if len(data) <= 32 else f"{data[:32].hex()}...<{len(data)} bytes>"


@attrs.frozen(kw_only=True)
class AckTrailer:
    """The optional ACK trailer: what the ACK's sender can take, as sent (not clamped).

    Older peers send only some of the words; missing ones are ``None``.
    """

    max_mtu: int
    if_mtu: int
    rwind: int | None = None
    jumbo_max: int | None = None


@attrs.frozen(kw_only=True)
class AckBody:
    """The body of an ACK packet."""

    buffer_space: int = 0
    max_skew: int = 0
    first_packet: int
    previous_packet: int
    serial: int
    reason: int
    acks: bytes = attrs.field(default=b"", repr=hex_preview)
    """One byte per seq from ``first_packet``: 1 = received (soft-ACK), 0 = missing."""
    trailer: AckTrailer | None = None


def decode_ack_untrusted(body: bytes | bytearray | memoryview) -> AckBody:
    """Decode an ACK body (the bytes after the header).

    Raises:
        MalformedPacket: the body is shorter than its fixed part or than its SACK table.
    """
    fields = parse_ack_untrusted(body)
    if fields is None:
        raise MalformedPacket(f"ACK body of {len(body)} bytes is shorter than its fixed part "
                              "or than the SACK table it claims")
    (buffer_space, max_skew, first, previous, serial, reason, n_acks, max_mtu, if_mtu, rwind,
     jumbo) = fields
    trailer = None
    if max_mtu is not None and if_mtu is not None:
        trailer = AckTrailer(max_mtu=max_mtu, if_mtu=if_mtu, rwind=rwind, jumbo_max=jumbo)
    return AckBody(
        buffer_space=buffer_space, max_skew=max_skew, first_packet=first,
        previous_packet=previous, serial=serial, reason=reason,
        acks=bytes(body[ACK_BODY_SIZE:ACK_BODY_SIZE + n_acks]), trailer=trailer,
    )


def encode_ack_body(ack: AckBody) -> bytes:
    """Encode an ACK body, with its padding and whatever trailer words it has.

    Raises:
        ValueError: more than 255 SACK entries.
    """
    t = ack.trailer
    trailer = b""
    if t is not None:
        trailer = struct.pack(">II", t.max_mtu, t.if_mtu)
        if t.rwind is not None:
            trailer += struct.pack(">I", t.rwind)
            if t.jumbo_max is not None:
                trailer += struct.pack(">I", t.jumbo_max)
    return pack_ack(ack.first_packet, ack.previous_packet, ack.serial, ack.reason, ack.acks,
                    trailer, ack.buffer_space, ack.max_skew)


@attrs.frozen(kw_only=True)
class Header:
    """The 28-byte Rx header of one packet (or one jumbogram sub-packet)."""

    epoch: int
    cid: int
    call_number: int
    seq: int
    serial: int
    type: int
    flags: int
    user_status: int = 0
    security_index: int = 0
    cksum: int = 0
    service_id: int = 0

    @property
    def channel(self) -> int:
        """The call channel, 0..3 (the low bits of the CID)."""
        return self.cid & RX_CHANNEL_MASK

    @property
    def conn_id(self) -> int:
        """The connection ID: the CID with its channel bits cleared."""
        return self.cid & RX_CID_MASK

    def pack(self) -> bytes:
        """Encode the header (28 bytes)."""
        return HEADER.pack(
            self.epoch, self.cid, self.call_number, self.seq, self.serial, self.type,
            self.flags, self.user_status, self.security_index, self.cksum, self.service_id,
        )


@attrs.frozen(kw_only=True)
class DataPacket:
    """A DATA packet, or one sub-packet of a jumbogram."""

    header: Header
    payload: bytes = attrs.field(repr=hex_preview)


@attrs.frozen(kw_only=True)
class AckPacket:
    """An ACK (reason PING is a ping, PING_RESPONSE its answer)."""

    header: Header
    ack: AckBody


@attrs.frozen(kw_only=True)
class AbortPacket:
    """An ABORT: of a call, or of the whole connection when call_number is 0."""

    header: Header
    code: int


@attrs.frozen(kw_only=True)
class ControlPacket:
    """BUSY, ACKALL, CHALLENGE, RESPONSE, VERSION, DEBUG and the obsolete PARAMS types.

    The body is kept raw: security classes and rxdebug helpers interpret it.
    """

    header: Header
    body: bytes = attrs.field(default=b"", repr=hex_preview)


Packet = DataPacket | AckPacket | AbortPacket | ControlPacket


def decode_header_untrusted(data: bytes | bytearray | memoryview) -> Header:
    """Decode the first 28 bytes of a datagram.

    Raises:
        MalformedPacket: fewer than 28 bytes, or an unknown packet type.
    """
    if len(data) < HEADER_SIZE:
        raise MalformedPacket(f"datagram of {len(data)} bytes is shorter than an Rx header")
    (epoch, cid, call_number, seq, serial, ptype, flags, user_status, security_index, cksum,
     service_id) = HEADER.unpack_from(data, 0)
    if not PacketType.DATA <= ptype <= PacketType.VERSION:
        raise MalformedPacket(f"unknown packet type {ptype}")
    return Header(
        epoch=epoch, cid=cid, call_number=call_number, seq=seq, serial=serial, type=ptype,
        flags=flags, user_status=user_status, security_index=security_index, cksum=cksum,
        service_id=service_id,
    )


def decode_datagram_untrusted(data: bytes | bytearray | memoryview) -> list[Packet]:
    """Decode one datagram into its packets (several for a jumbogram, else one).

    Raises:
        MalformedPacket: anything that is not a well-formed Rx datagram.
    """
    header = decode_header_untrusted(data)
    body = bytes(data[HEADER_SIZE:])
    ptype = header.type
    if ptype == PacketType.DATA:
        return list(_split_jumbogram(header, body))
    if ptype == PacketType.ACK:
        return [AckPacket(header=header, ack=decode_ack_untrusted(body))]
    if ptype == PacketType.ABORT:
        if len(body) < ABORT_BODY.size:
            raise MalformedPacket("ABORT without a 4-byte code")
        return [AbortPacket(header=header, code=ABORT_BODY.unpack_from(body)[0])]
    return [ControlPacket(header=header, body=body)]


def _split_jumbogram(header: Header, body: bytes) -> list[DataPacket]:
    packets: list[DataPacket] = []
    flags = header.flags
    cksum = header.cksum
    user_status = header.user_status
    offset = 0
    index = 0
    while True:
        sub = attrs.evolve(
            header, seq=(header.seq + index) & 0xFFFFFFFF,
            serial=(header.serial + index) & 0xFFFFFFFF, flags=flags, cksum=cksum,
            user_status=user_status,
        )
        if not flags & JUMBO_PACKET:
            packets.append(DataPacket(header=sub, payload=body[offset:]))
            return packets
        if len(body) - offset < JUMBO_SUBPKTLEN:
            raise MalformedPacket("jumbogram sub-packet is truncated")
        if flags & LAST_PACKET:
            raise MalformedPacket("LAST_PACKET on a non-final jumbogram sub-packet")
        packets.append(DataPacket(header=sub, payload=body[offset : offset + JUMBO_DATALEN]))
        flags, _pad, cksum = JUMBO_HEADER.unpack_from(body, offset + JUMBO_DATALEN)
        offset += JUMBO_SUBPKTLEN
        index += 1
        user_status = 0  # OpenAFS clears it on the sub-packets after the first
        if index >= MAX_JUMBO_PACKETS * 4:  # pragma: no cover - bounded by MAX_DATAGRAM anyway
            raise MalformedPacket("too many jumbogram sub-packets")


def encode_packet(packet: Packet) -> bytes:
    """Encode one packet as a datagram."""
    head = packet.header.pack()
    if isinstance(packet, DataPacket):
        return head + packet.payload
    if isinstance(packet, AckPacket):
        return head + encode_ack_body(packet.ack)
    if isinstance(packet, AbortPacket):
        return head + ABORT_BODY.pack(packet.code)
    return head + packet.body


def encode_jumbogram(packets: Sequence[DataPacket]) -> bytes:
    """Encode consecutive DATA packets as one jumbogram.

    Every packet but the last must hold exactly :data:`JUMBO_DATALEN` bytes and carry the
    JUMBO_PACKET flag; the last must not carry it.  The first packet's header is used for
    the datagram, and each later packet contributes only its flags and checksum.
    """
    if not packets:
        raise ValueError("a jumbogram needs at least one packet")
    if len(packets) > MAX_JUMBO_PACKETS:
        raise ValueError(f"a jumbogram holds at most {MAX_JUMBO_PACKETS} packets")
    parts = [packets[0].header.pack()]
    for i, pkt in enumerate(packets):
        last = i == len(packets) - 1
        if last == bool(pkt.header.flags & JUMBO_PACKET):
            raise ValueError("JUMBO_PACKET must be set on every sub-packet but the last")
        if not last and pkt.header.flags & LAST_PACKET:
            raise ValueError("only the final sub-packet of a jumbogram may be LAST_PACKET")
        if not last and len(pkt.payload) != JUMBO_DATALEN:
            raise ValueError("non-final jumbogram sub-packets hold exactly 1412 bytes")
        if i:
            parts.append(JUMBO_HEADER.pack(pkt.header.flags, 0, pkt.header.cksum))
        parts.append(pkt.payload)
    return b"".join(parts)


def encode_version_reply(version: str) -> bytes:
    """The 65-byte NUL-padded body of a VERSION reply."""
    raw = version.encode("ascii", "replace")[: VERSION_REPLY_SIZE - 1]
    return raw.ljust(VERSION_REPLY_SIZE, b"\0")
