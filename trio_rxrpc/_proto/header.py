"""The 28-byte Rx header: its layout, and the receive path's split of an untrusted one.

Every Rx packet starts with the same header of big-endian fields: epoch, connection ID (its
low two bits are the channel), call number, seq, serial, type, flags, user status, security
index, checksum and service ID.  :mod:`.wire` builds its records and encoders on this
layout; the receive path calls :func:`split_header_untrusted` on every datagram, so this
module holds no record class and is compiled with the rest of the hot path (see
``scripts/compile_core.py``).
"""

from __future__ import annotations

import struct
from typing import Final

HEADER: Final = struct.Struct(">IIIIIBBBBHH")
"""epoch, cid, call_number, seq, serial, type, flags, user_status, security_index, cksum,
service_id."""
HEADER_SIZE: Final = HEADER.size  # 28

ABORT_BODY: Final = struct.Struct(">i")
"""The body of an ABORT: the signed abort code."""

HeaderFields = tuple[int, int, int, int, int, int, int, int, int, int, int]
"""epoch, cid, call_number, seq, serial, type, flags, user_status, security_index, cksum,
service_id: the header as :func:`split_header_untrusted` returns it."""


def split_header_untrusted(data: bytes | bytearray | memoryview) -> HeaderFields | None:
    """The header fields of a datagram as sent, without a record object (the receive path).

    Checks only that the 28 bytes are there (``None`` if not); never raises.  Every field
    may hold any value: the caller checks each one it relies on (type, flags, IDs).
    """
    if len(data) < HEADER_SIZE:
        return None
    fields: HeaderFields = HEADER.unpack_from(data)
    return fields


def abort_code_untrusted(data: bytes | bytearray | memoryview, offset: int) -> int | None:
    """The signed abort code of the ABORT body at ``offset``, or ``None`` if it is cut short.

    Bytes after the code are ignored (as OpenAFS does); never raises.
    """
    if len(data) < offset + ABORT_BODY.size:
        return None
    code: int = ABORT_BODY.unpack_from(data, offset)[0]
    return code
