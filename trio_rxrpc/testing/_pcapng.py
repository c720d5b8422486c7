"""A small reader for pcapng capture files holding UDP over IPv4 or IPv6.

It understands what tcpdump, dumpcap and tshark write on Linux: a section header, interface
descriptions and enhanced packet blocks, with Ethernet, Linux "cooked" (SLL, SLL2), raw IP
or null/loopback link layers.  Other blocks are skipped.  It is meant for tests and tools
that replay real traffic through the codec, not as a general capture library.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterator

_SHB = 0x0A0D0D0A
_IDB = 0x00000001
_EPB = 0x00000006
_SPB = 0x00000003

# Link types (https://www.tcpdump.org/linktypes.html)
_LINK_NULL = 0
_LINK_ETHERNET = 1
_LINK_RAW = 101
_LINK_LINUX_SLL = 113
_LINK_IPV4 = 228
_LINK_IPV6 = 229
_LINK_LINUX_SLL2 = 276


@attrs.frozen
class UDPDatagram:
    """One UDP datagram found in a capture."""

    index: int
    """Position of the frame in the file, counting from 1 as Wireshark does."""
    timestamp: float
    src: tuple[str, int]
    dst: tuple[str, int]
    payload: bytes = attrs.field(repr=lambda b: f"<{len(b)} bytes>")


class CaptureFormatError(ValueError):
    """The file is not a pcapng capture this reader understands."""


def _ip_to_udp(packet: bytes) -> tuple[tuple[str, int], tuple[str, int], bytes] | None:
    if not packet:
        return None
    version = packet[0] >> 4
    if version == 4:
        ihl = (packet[0] & 0x0F) * 4
        if len(packet) < ihl + 8 or packet[9] != 17:
            return None
        src_ip = ".".join(str(b) for b in packet[12:16])
        dst_ip = ".".join(str(b) for b in packet[16:20])
        udp = packet[ihl:]
    elif version == 6:
        if len(packet) < 48 or packet[6] != 17:
            return None
        import ipaddress

        src_ip = str(ipaddress.IPv6Address(packet[8:24]))
        dst_ip = str(ipaddress.IPv6Address(packet[24:40]))
        udp = packet[40:]
    else:
        return None
    sport, dport, length = struct.unpack_from(">HHH", udp, 0)
    return (src_ip, sport), (dst_ip, dport), bytes(udp[8:length])


def _strip_link(link: int, frame: bytes) -> bytes | None:
    if link == _LINK_ETHERNET:
        ethertype = struct.unpack_from(">H", frame, 12)[0]
        offset = 14
        while ethertype == 0x8100 and len(frame) >= offset + 4:  # VLAN tags
            ethertype = struct.unpack_from(">H", frame, offset + 2)[0]
            offset += 4
        return frame[offset:] if ethertype in (0x0800, 0x86DD) else None
    if link in (_LINK_RAW, _LINK_IPV4, _LINK_IPV6):
        return frame
    if link == _LINK_LINUX_SLL:
        return frame[16:]
    if link == _LINK_LINUX_SLL2:
        return frame[20:]
    if link == _LINK_NULL:
        return frame[4:]
    return None


def read_udp_datagrams(path: str | Path) -> Iterator[UDPDatagram]:
    """Yield every UDP datagram of a pcapng file, in file order.

    Raises:
        CaptureFormatError: the file is not pcapng, or a block is truncated.
    """
    data = Path(path).read_bytes()
    if len(data) < 12 or struct.unpack_from("<I", data, 0)[0] != _SHB:
        raise CaptureFormatError(f"{path}: not a pcapng file")
    offset = 0
    endian = "<"
    links: list[tuple[int, float]] = []
    frame_index = 0
    while offset + 12 <= len(data):
        block_type = struct.unpack_from(endian + "I", data, offset)[0]
        if block_type == _SHB:
            magic = data[offset + 8 : offset + 12]
            endian = "<" if magic == b"\x4d\x3c\x2b\x1a" else ">"
            links = []
        block_len = struct.unpack_from(endian + "I", data, offset + 4)[0]
        if block_len < 12 or offset + block_len > len(data):
            raise CaptureFormatError(f"{path}: truncated block at offset {offset}")
        body = data[offset + 8 : offset + block_len - 4]
        if block_type == _IDB:
            link = struct.unpack_from(endian + "H", body, 0)[0]
            resolution = 1e-6
            opt = 8
            while opt + 4 <= len(body):
                code, length = struct.unpack_from(endian + "HH", body, opt)
                if code == 0:
                    break
                if code == 9 and length == 1:  # if_tsresol
                    value = body[opt + 4]
                    resolution = 2.0 ** -(value & 0x7F) if value & 0x80 else 10.0**-value
                opt += 4 + ((length + 3) & ~3)
            links.append((link, resolution))
        elif block_type in (_EPB, _SPB):
            frame_index += 1
            if block_type == _EPB:
                iface, ts_hi, ts_lo, cap_len = struct.unpack_from(endian + "IIII", body, 0)
                frame = body[20 : 20 + cap_len]
            else:
                iface, ts_hi, ts_lo = 0, 0, 0
                frame = body[4:]
            if iface >= len(links):
                raise CaptureFormatError(f"{path}: packet on undeclared interface {iface}")
            link, resolution = links[iface]
            ip = _strip_link(link, frame)
            parsed = _ip_to_udp(ip) if ip is not None else None
            if parsed is not None:
                src, dst, payload = parsed
                yield UDPDatagram(
                    index=frame_index,
                    timestamp=((ts_hi << 32) | ts_lo) * resolution,
                    src=src,
                    dst=dst,
                    payload=payload,
                )
        offset += block_len
