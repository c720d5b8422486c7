"""The ACK body: its layout, the one decoder of untrusted bodies and the one encoder.

Theory of operation
-------------------
An ACK body (after the 28-byte header) is an 18-byte fixed part (buffer space, max skew,
first packet, previous packet, serial, reason, nAcks), nAcks bytes of SACK table (one byte
per seq from ``first_packet``: 1 held, 0 missing), three bytes of padding and an optional
trailer of big-endian words: max MTU, interface MTU, receive window, jumbo maximum.  Old
peers send no trailer, or only its first two or three words; a word is read only when all
four of its bytes are there.  Missing padding is tolerated.

:func:`parse_ack_untrusted` is the only code that knows this layout.  The receive path uses
it directly on its buffer (a tuple, no record object); the tool face in :mod:`.wire`
(:func:`~.wire.decode_ack_untrusted`, :class:`~.wire.AckBody`) is built on it and raises
:class:`MalformedPacket`.  This module holds no record class, so it is compiled with the
rest of the hot path (see ``scripts/compile_core.py``).  :func:`clamp_trailer` bounds
what a peer's trailer may make us do.  :func:`pack_ack` is the only code that writes a
body, for the calls' ACKs, the final ACKs a channel repeats and the tools alike.  A body
may be followed by padding (a path-MTU probe is a PING padded with zeros to the size under
test): everything after the four trailer words is ignored.

Our trailer depends on the peer.  Jumbo maximum 0 means "I discover path MTUs" to Linux
(6.13 and later) but "no jumbograms" to OpenAFS, so a peer gets 0 only if its own latest
trailer said 0 (:func:`pmtud_trailer`), and our jumbogram count otherwise
(:func:`our_trailer`).  Both are packed once per endpoint.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from .config import EndpointConfig

ACK_BODY: Final = struct.Struct(">HHIIIBB")
"""buffer_space, max_skew, first_packet, previous_packet, serial, reason, n_acks."""
ACK_BODY_SIZE: Final = ACK_BODY.size  # 18
ACK_PADDING: Final = 3
ACK_TRAILER: Final = struct.Struct(">IIII")
"""max_mtu, if_mtu, rwind, jumbo_max."""
MAX_ACKS: Final = 255

MIN_PEER_MTU: Final = 520
"""The smallest max MTU we believe (a smaller or zero claim is raised to it)."""
MAX_PEER_MTU: Final = 65535
OLD_PEER_RWIND: Final = 16
"""The receive window we assume at least of a peer whose ACKs carry no trailer."""
OUR_IF_MTU: Final = 1444
"""The interface MTU our trailer states."""

_PAD: Final = b"\0" * ACK_PADDING
_TRAILER_2: Final = struct.Struct(">II")
_TRAILER_3: Final = struct.Struct(">III")
_NO_TRAILER: Final = (None, None, None, None)
_WORD2_ABSENT: Final = (None, None)
_WORD3_ABSENT: Final = (None,)
# Jumbogram sizes, repeated here (the wire module builds on this one): a jumbogram of n
# sub-packets takes 28 + 1412 + (n - 1) * 1416 bytes.  A test checks them against wire.
_JUMBO_FIRST: Final = 28 + 1412
_JUMBO_NEXT: Final = 1412 + 4

AckFields = tuple[int, int, int, int, int, int, int,
                  int | None, int | None, int | None, int | None]
"""What :func:`parse_ack_untrusted` returns: buffer_space, max_skew, first_packet,
previous_packet, serial, reason, n_acks, then the trailer's max_mtu, if_mtu, rwind and
jumbo_max (``None`` where absent).  The SACK table is ``data[offset + 18:][:n_acks]``."""


def parse_ack_untrusted(data: bytes | bytearray | memoryview, offset: int = 0
                        ) -> AckFields | None:
    """Split the ACK body that starts at ``offset`` of ``data`` (which ends where it ends).

    Checks that the fixed part is complete and that the SACK table nAcks claims is there;
    reads each trailer word only if complete.  Returns ``None`` for a malformed body and
    never raises for any bytes.  Trailer values are returned as sent: see
    :func:`clamp_trailer`.
    """
    n = len(data)
    if n < offset + ACK_BODY_SIZE:
        return None
    fixed = ACK_BODY.unpack_from(data, offset)
    t = offset + ACK_BODY_SIZE + fixed[6]
    if n < t:
        return None
    t += ACK_PADDING
    rest = n - t
    if rest >= 16:
        return fixed + ACK_TRAILER.unpack_from(data, t)
    if rest < 8:
        return fixed + _NO_TRAILER
    if rest >= 12:
        return fixed + _TRAILER_3.unpack_from(data, t) + _WORD3_ABSENT
    return fixed + _TRAILER_2.unpack_from(data, t) + _WORD2_ABSENT


def clamp_trailer(max_mtu: int, rwind: int | None, jumbo: int | None, max_jumbo: int
                  ) -> tuple[int, int, int]:
    """What a peer's trailer lets us do, bounded: (max MTU, receive window, jumbo maximum).

    The MTU is kept within 520..65535 and the window within 1..255.  A jumbo maximum of 0
    means the peer discovers path MTUs: jumbograms are then sized by its max MTU.  The
    jumbo maximum is at most ``max_jumbo`` (ours).  A word the trailer lacks gives 0 (the
    current value stays).
    """
    mtu = MIN_PEER_MTU if max_mtu < MIN_PEER_MTU else (
        MAX_PEER_MTU if max_mtu > MAX_PEER_MTU else max_mtu)
    window = 0 if rwind is None else (1 if rwind < 1 else (MAX_ACKS if rwind > MAX_ACKS
                                                           else rwind))
    if jumbo is None:
        return mtu, window, 0
    if jumbo == 0:
        jumbo = (mtu - _JUMBO_FIRST) // _JUMBO_NEXT + 1
    return mtu, window, 1 if jumbo < 1 else (max_jumbo if jumbo > max_jumbo else jumbo)


def pack_ack(first: int, previous: int, serial: int, reason: int, acks: bytes,
             trailer: bytes, buffer_space: int = 0, max_skew: int = 0) -> bytes:
    """An ACK body: fixed part, SACK table, padding and ``trailer`` (already packed words).

    Raises:
        ValueError: more than 255 SACK entries.
    """
    if len(acks) > MAX_ACKS:
        raise ValueError("an ACK can describe at most 255 packets")
    return b"".join((ACK_BODY.pack(buffer_space, max_skew, first, previous, serial, reason,
                                   len(acks)), acks, _PAD, trailer))


def our_trailer(config: EndpointConfig) -> bytes:
    """The trailer of our ACKs to most peers: our max MTU and window (counted, as OpenAFS
    does, from the hard-ACK point) and how many sub-packets our jumbograms may hold (OpenAFS
    sends us jumbograms only when this count is at least 2)."""
    return ACK_TRAILER.pack(config.max_mtu, OUR_IF_MTU, config.rx_window, config.max_jumbo)


def pmtud_trailer(config: EndpointConfig) -> bytes:
    """The trailer of our ACKs to a peer whose own trailer said jumbo maximum 0: the same 0
    ("we discover path MTUs"), which is what makes Linux probe the path towards us and send
    us jumbograms, and our largest acceptable packet as both max and interface MTU."""
    return ACK_TRAILER.pack(config.max_mtu, config.max_mtu, config.rx_window, 0)


def build_final_ack(trailer: bytes, last_seq: int, reason: int, serial: int) -> bytes:
    """The body of an ACK saying every packet up to ``last_seq`` arrived (a call that ended),
    ending with ``trailer`` (the one the peer gets, see :mod:`.ack`)."""
    return pack_ack(last_seq + 1, last_seq, serial, reason, b"", trailer)
