"""Cross-check our wire codec against Wireshark's Rx dissector on the real OpenAFS captures.

For each capture in tests/data/captures, tshark runs once and writes its dissection as PDML
(the XML face of ``-T``; unlike ``-T fields`` it gives each field's byte position, so a value
is tied to a place in the datagram rather than to its rank among same-named fields: the
rxkad RESPONSE body, for one, reuses ``rx.epoch``, ``rx.cid`` and ``rx.callnumber``).
Every Rx header, ACK and ABORT field tshark reports must equal what
:func:`decode_datagram_untrusted` made of the same bytes, and every header field must be
reported, so the comparison cannot pass vacuously.

Needs tshark (the ``tshark`` fixture of tests/conftest.py): skipped loudly without it, unless
the environment variable CI is set, in which case a missing tshark fails the test.
"""

from __future__ import annotations

import calendar
import os
import subprocess
import time
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import attrs
import pytest
from recorded import capture_paths

from trio_rxrpc._proto.wire import (
    ACK_BODY_SIZE,
    ACK_PADDING,
    HEADER_SIZE,
    JUMBO_DATALEN,
    JUMBO_SUBPKTLEN,
    AbortPacket,
    AckPacket,
    ControlPacket,
    DataPacket,
    Packet,
    decode_datagram_untrusted,
)
from trio_rxrpc.testing._pcapng import UDPDatagram, read_udp_datagrams

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

pytestmark = pytest.mark.interop

RX_PORTS = range(7000, 7010)
"""Ports Wireshark dissects as Rx without being told."""


CAPTURE_FILES = capture_paths()


# --------------------------------------------------------------------------------------------
# What our codec says is at a given byte offset of a datagram


@attrs.frozen
class Expected:
    """The field our decode puts at one position: tshark's name for it and its value."""

    name: str
    value: int


HEADER_LAYOUT: dict[int, tuple[str, str, int]] = {
    # offset: (tshark field, Header attribute, size)
    0: ("rx.epoch", "epoch", 4),
    4: ("rx.cid", "cid", 4),
    8: ("rx.callnumber", "call_number", 4),
    12: ("rx.seq", "seq", 4),
    16: ("rx.serial", "serial", 4),
    20: ("rx.type", "type", 1),
    21: ("rx.flags", "flags", 1),
    22: ("rx.userstatus", "user_status", 1),
    23: ("rx.securityindex", "security_index", 1),
    24: ("rx.spare", "cksum", 2),
    26: ("rx.serviceid", "service_id", 2),
}
HEADER_FIELDS = {name for name, _, _ in HEADER_LAYOUT.values()}

FLAG_BITS = {
    "rx.flags.client_init": 0x01,
    "rx.flags.request_ack": 0x02,
    "rx.flags.last_packet": 0x04,
    "rx.flags.more_packets": 0x08,
    "rx.flags.free_packet": 0x10,
}

ACK_LAYOUT: dict[int, tuple[str, str, int]] = {
    # offset within the ACK body: (tshark field, AckBody attribute, size)
    0: ("rx.bufferspace", "buffer_space", 2),
    2: ("rx.maxskew", "max_skew", 2),
    4: ("rx.first", "first_packet", 4),
    8: ("rx.prev", "previous_packet", 4),
    12: ("rx.serial", "serial", 4),
    16: ("rx.reason", "reason", 1),
}
TRAILER_LAYOUT = [
    ("rx.max_mtu", "max_mtu"),
    ("rx.if_mtu", "if_mtu"),
    ("rx.rwind", "rwind"),
    ("rx.max_packets", "jumbo_max"),
]
ACK_FIELDS = {name for name, _, _ in ACK_LAYOUT.values()} | {"rx.num_acks"}
TRAILER_FIELDS = {name for name, _ in TRAILER_LAYOUT}

COMPARED_FIELDS = (
    HEADER_FIELDS | set(FLAG_BITS) | ACK_FIELDS | TRAILER_FIELDS | {"rx.ack_type", "rx.abort_code"}
)
"""Everything the codec itself decodes.  The other rx.* fields (CHALLENGE and RESPONSE
contents: rx.version, rx.nonce, rx.kvno, rx.ticket...) belong to the security classes,
which see those bodies raw."""

SIGNED_FIELDS = {"rx.abort_code"}


def _expected_in_header(header: object, offset: int) -> Expected | None:
    entry = HEADER_LAYOUT.get(offset)
    if entry is None:
        return None
    name, attr, _ = entry
    return Expected(name, getattr(header, attr))


def expected_at(packets: list[Packet], offset: int, size: int, name: str) -> Expected | None:
    """What our decode of a datagram holds at ``offset`` (relative to the UDP payload) for a
    tshark field ``name`` of ``size`` bytes; ``None`` when the codec has no field there."""
    first = packets[0]
    if offset < HEADER_SIZE:
        if name in FLAG_BITS and offset == 21:
            return Expected(name, int(bool(first.header.flags & FLAG_BITS[name])))
        return _expected_in_header(first.header, offset)
    body_offset = offset - HEADER_SIZE
    if isinstance(first, AckPacket):
        ack = first.ack
        n = len(ack.acks)
        if body_offset in ACK_LAYOUT:
            field, attr, _ = ACK_LAYOUT[body_offset]
            return Expected(field, getattr(ack, attr))
        if body_offset == 17:
            return Expected("rx.num_acks", n)
        if ACK_BODY_SIZE <= body_offset < ACK_BODY_SIZE + n:
            return Expected("rx.ack_type", ack.acks[body_offset - ACK_BODY_SIZE])
        word, rem = divmod(body_offset - ACK_BODY_SIZE - n - ACK_PADDING, 4)
        if ack.trailer is not None and rem == 0 and 0 <= word < len(TRAILER_LAYOUT):
            field, attr = TRAILER_LAYOUT[word]
            value = getattr(ack.trailer, attr)
            return None if value is None else Expected(field, value)
        return None
    if isinstance(first, AbortPacket):
        return Expected("rx.abort_code", first.code) if body_offset == 0 else None
    if isinstance(first, DataPacket):
        # A jumbo header sits just before each later sub-packet: flags, pad, cksum.
        index, rem = divmod(body_offset - JUMBO_DATALEN, JUMBO_SUBPKTLEN)
        if body_offset >= JUMBO_DATALEN and index + 1 < len(packets):
            sub = packets[index + 1].header
            if rem == 0:
                return Expected("rx.flags", sub.flags)
            if rem == 2:
                return Expected("rx.spare", sub.cksum)
        raw: bytes = first.payload
    else:
        assert isinstance(first, ControlPacket)
        raw = first.body
    # tshark reads a header- or ACK-like field out of a body we keep raw (the rxkad RESPONSE
    # repeats epoch, cid and call numbers): the bytes we kept must say the same.
    chunk = raw[body_offset : body_offset + size]
    if len(chunk) != size:
        return None
    return Expected(name, int.from_bytes(chunk, "big", signed=name in SIGNED_FIELDS))


# --------------------------------------------------------------------------------------------
# Running tshark and reading its PDML


@attrs.frozen
class TsharkField:
    name: str
    pos: int
    size: int
    show: str


@attrs.frozen
class TsharkFrame:
    number: int
    udp_pos: int | None
    ports: tuple[int, int] | None
    fields: list[TsharkField]


def parse_abs_time_utc(show: str) -> int:
    """'Apr 30, 2038 19:12:42.000000000 UTC' -> seconds since 1970 (whole seconds only)."""
    text, _, zone = show.rpartition(" ")
    assert zone == "UTC", show
    whole, _, frac = text.partition(".")
    assert frac.strip("0") == "", show
    return calendar.timegm(time.strptime(" ".join(whole.split()), "%b %d, %Y %H:%M:%S"))


def parse_show(name: str, show: str) -> int:
    if name == "rx.epoch":
        return parse_abs_time_utc(show)
    return int(show, 0)


def _walk_fields(element: ET.Element) -> Iterator[ET.Element]:
    for child in element:
        if child.tag == "field":
            yield child
            yield from _walk_fields(child)


def run_tshark(tshark: Path, path: Path, extra_rx_ports: set[int]) -> list[TsharkFrame]:
    args = [str(tshark), "-n", "-r", str(path), "-T", "pdml", "-J", "udp rx"]
    for port in sorted(extra_rx_ports):
        args += ["-d", f"udp.port=={port},rx"]
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}
    result = subprocess.run(args, capture_output=True, env=env, timeout=300, check=False)
    if result.returncode != 0:
        stderr = result.stderr.decode(errors="replace")
        pytest.fail(f"tshark failed ({result.returncode}): {stderr}")
    root = ET.fromstring(result.stdout)
    frames = []
    for packet in root.iter("packet"):
        number = None
        udp_pos = None
        ports = None
        fields: list[TsharkField] = []
        for proto in packet.iter("proto"):
            pname = proto.get("name")
            if pname == "geninfo":
                for f in proto.iter("field"):
                    if f.get("name") == "num":
                        number = int(f.get("show", ""))
            elif pname == "udp":
                udp_pos = int(proto.get("pos", ""))
                values = {f.get("name"): f.get("show") for f in proto.iter("field")}
                ports = (int(values["udp.srcport"] or ""), int(values["udp.dstport"] or ""))
            elif pname == "rx":
                for f in _walk_fields(proto):
                    fname = f.get("name", "")
                    if fname in COMPARED_FIELDS:
                        fields.append(
                            TsharkField(
                                name=fname,
                                pos=int(f.get("pos", "")),
                                size=int(f.get("size", "")),
                                show=f.get("show", ""),
                            )
                        )
        assert number is not None, "PDML packet without a frame number"
        frames.append(TsharkFrame(number=number, udp_pos=udp_pos, ports=ports, fields=fields))
    return frames


# --------------------------------------------------------------------------------------------
# The comparison


def compare_frame(
    datagram: UDPDatagram, packets: list[Packet], frame: TsharkFrame, fail: Callable[[str], None]
) -> None:
    where = f"frame {datagram.index}"
    if frame.udp_pos is None or frame.ports is None:
        fail(f"{where}: tshark found no UDP")
        return
    if frame.ports != (datagram.src[1], datagram.dst[1]):
        fail(f"{where}: ports {frame.ports} vs ours {datagram.src[1], datagram.dst[1]}")
    payload_pos = frame.udp_pos + 8
    seen_header: set[str] = set()
    seen_ack: set[str] = set()
    for field in frame.fields:
        offset = field.pos - payload_pos
        expected = expected_at(packets, offset, field.size, field.name)
        what = f"{where}: {field.name} at payload offset {offset} (tshark shows {field.show!r})"
        if expected is None:
            fail(f"{what}: our decode has no such field there")
            continue
        if expected.name != field.name:
            fail(f"{what}: our decode has {expected.name} there")
            continue
        try:
            value = parse_show(field.name, field.show)
        except (ValueError, AssertionError) as exc:
            fail(f"{what}: cannot parse ({exc})")
            continue
        if value != expected.value:
            fail(f"{what}: tshark {value} != ours {expected.value}")
        if offset < HEADER_SIZE and field.name in HEADER_FIELDS:
            seen_header.add(field.name)
        elif field.name in ACK_FIELDS | TRAILER_FIELDS:
            seen_ack.add(field.name)
    # Every header field must have been compared, and for an ACK its whole body too.
    if seen_header != HEADER_FIELDS:
        fail(f"{where}: tshark gave no {sorted(HEADER_FIELDS - seen_header)}")
    first = packets[0]
    if isinstance(first, AckPacket):
        wanted = set(ACK_FIELDS)
        trailer = first.ack.trailer
        if trailer is not None:
            wanted |= {name for name, attr in TRAILER_LAYOUT if getattr(trailer, attr) is not None}
        if seen_ack != wanted:
            fail(f"{where}: ACK fields compared {sorted(seen_ack)}, expected {sorted(wanted)}")
        n_ack_types = sum(1 for f in frame.fields if f.name == "rx.ack_type")
        if n_ack_types != len(first.ack.acks):
            fail(f"{where}: tshark lists {n_ack_types} ack entries, we {len(first.ack.acks)}")
    if isinstance(first, AbortPacket) and not any(f.name == "rx.abort_code" for f in frame.fields):
        fail(f"{where}: tshark shows no abort code")


@pytest.mark.parametrize("path", CAPTURE_FILES, ids=lambda p: p.stem)
def test_codec_agrees_with_tshark(path: Path, tshark: Path) -> None:
    datagrams = list(read_udp_datagrams(path))
    assert datagrams, f"{path.name}: no UDP datagrams"
    # Wireshark only treats 7000-7009 as Rx; tell it about any conversation with neither end
    # on those ports (none in the current captures: one end is always a server).
    extra_ports = {
        port
        for d in datagrams
        if d.src[1] not in RX_PORTS and d.dst[1] not in RX_PORTS
        for port in (d.src[1], d.dst[1])
    }
    frames = {f.number: f for f in run_tshark(tshark, path, extra_ports)}
    assert sorted(frames) == [d.index for d in datagrams], "tshark and our reader see other frames"

    failures: list[str] = []
    for datagram in datagrams:
        packets = decode_datagram_untrusted(datagram.payload)
        compare_frame(datagram, packets, frames[datagram.index], failures.append)
    if failures:
        shown = "\n".join(failures[:40])
        more = f"\n... and {len(failures) - 40} more" if len(failures) > 40 else ""
        pytest.fail(f"{path.name}: {len(failures)} disagreements with tshark:\n{shown}{more}")
