"""Request encoders and reply decoders for two OpenAFS RPCs, for interop tests.

Both follow rxgen's conventions: a request payload is the 32-bit opcode followed by the IN
arguments in declaration order; a successful reply payload is the OUT arguments in order (an RPC
that fails ends with an Rx ABORT carrying its error code instead). A C ``char x[N]`` is sent as
N 32-bit words (:meth:`trio_rxrpc.xdr.XDREncoder.write_char_vector`).

* **PR_NameToID** (protection server, service 73, opcode 504): ``namelist`` in, ``idlist``
  out. ``namelist`` is a variable-length array of ``prname`` (``char[64]``); ``idlist`` is a
  variable-length array of ``int32``. A name the server does not know maps to
  :data:`ANONYMOUSID`.
* **VL_ListAttributesN2** (volume location server, service 52, opcode 534): a
  ``VldbListByAttributes`` filter, a volume name pattern (``string<65>``, empty for any) and a
  start index in; the number of entries, a variable-length array of ``nvldbentry`` and the
  index to continue from (-1 when done) out.

Decoders raise only :class:`trio_rxrpc.xdr.XDRError`, like the codec under them.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

import attrs

from trio_rxrpc.xdr import XDRDecoder, XDREncoder, XDRError

if TYPE_CHECKING:
    from collections.abc import Sequence

# ------------------------------------------------------------------ protection server (pt)

PR_SERVICE = 73
PR_NAME_TO_ID = 504
PR_MAXNAMELEN = 64
"""Size of ``prname``, the C array a user or group name travels in."""
PR_MAXLISTSIZE = 5000
"""Upper bound of ``namelist`` and ``idlist``."""
ANONYMOUSID = 32766
"""The id NameToID returns for a name the protection database does not hold."""


def encode_name_to_id_request(names: Sequence[str | bytes]) -> bytes:
    """Encode a PR_NameToID request: the opcode, then the names as a ``namelist``.

    Raises:
        XDRError: a name is longer than 63 bytes (it needs its NUL), or there are more than
            :data:`PR_MAXLISTSIZE` names.
    """
    enc = XDREncoder()
    enc.write_int32(PR_NAME_TO_ID)

    def write_name(name: str | bytes) -> None:
        data = name.encode() if isinstance(name, str) else name
        if len(data) >= PR_MAXNAMELEN:
            raise XDRError(f"name {data!r} is too long for prname (at most 63 bytes)")
        enc.write_char_vector(data, PR_MAXNAMELEN)

    enc.write_array(names, write_name, max_length=PR_MAXLISTSIZE)
    return enc.getvalue()


def decode_name_to_id_reply(data: bytes) -> list[int]:
    """Decode a PR_NameToID reply: the ``idlist``, one id per name asked, in order.

    Raises:
        XDRError: ``data`` is not exactly one ``idlist``.
    """
    dec = XDRDecoder(data)
    ids = dec.read_array(dec.read_int32, max_length=PR_MAXLISTSIZE)
    dec.done()
    return ids


# --------------------------------------------------------- volume location server (vl)

VL_SERVICE = 52
VL_LIST_ATTRIBUTES_N2 = 534
VL_MAXNAMELEN = 65
"""Size of the ``name`` array of a VLDB entry, and the bound of the name pattern."""
NMAXNSERVERS = 13
"""Number of server slots in an ``nvldbentry``."""
MAXTYPES = 3
"""Number of volume ids in a VLDB entry: read-write, read-only, backup."""

# VldbListByAttributes.Mask bits: which of the other fields filter the listing.
VLLIST_SERVER = 0x1
VLLIST_PARTITION = 0x2
VLLIST_VOLUMEID = 0x8
VLLIST_FLAG = 0x10


@attrs.frozen
class VldbListByAttributes:
    """The filter of a VLDB listing; the default (mask 0) lists every entry."""

    mask: int = 0
    server: int = 0
    """IPv4 address as a host-order integer (``int(ipaddress.IPv4Address(...))``)."""
    partition: int = 0
    volume_id: int = 0
    flag: int = 0


@attrs.frozen
class VLSite:
    """One replication site of a volume: a server slot of an ``nvldbentry``."""

    server: ipaddress.IPv4Address
    partition: int
    """Partition number: 0 is ``/vicepa``."""
    flags: int
    """``VLSF_*`` bits, e.g. 0x4 = holds the read-write volume."""


@attrs.frozen
class NVLDBEntry:
    """A VLDB entry as ``nvldbentry`` carries it (only the sites in use are kept)."""

    name: str
    sites: tuple[VLSite, ...]
    volume_ids: tuple[int, int, int]
    """Read-write, read-only and backup volume ids."""
    clone_id: int
    flags: int
    """``VLF_*`` bits, e.g. 0x1000 = the read-write volume exists."""
    match_index: int


@attrs.frozen
class ListAttributesN2Reply:
    """The OUT arguments of VL_ListAttributesN2."""

    n_entries: int
    """The count the server states (OpenAFS clients trust the array length over it)."""
    entries: list[NVLDBEntry]
    next_start_index: int
    """Where the next call should start, or -1 when the listing is complete."""


def encode_list_attributes_n2_request(
    attributes: VldbListByAttributes | None = None,
    volume_name: str = "",
    start_index: int = 0,
) -> bytes:
    """Encode a VL_ListAttributesN2 request (``vos listvldb`` sends the defaults).

    Args:
        attributes: the filter; None lists every entry.
        volume_name: a name pattern, or empty for any name.
        start_index: where to start, 0 or a previous reply's ``next_start_index``.

    Raises:
        XDRError: a field is out of range or ``volume_name`` is longer than 65 bytes.
    """
    where = attributes if attributes is not None else VldbListByAttributes()
    enc = XDREncoder()
    enc.write_int32(VL_LIST_ATTRIBUTES_N2)
    enc.write_uint32(where.mask)
    enc.write_int32(where.server)
    enc.write_int32(where.partition)
    enc.write_int32(0)  # spares3
    enc.write_uint32(where.volume_id)
    enc.write_int32(where.flag)
    enc.write_string(volume_name, max_length=VL_MAXNAMELEN)
    enc.write_int32(start_index)
    return enc.getvalue()


def _read_nvldbentry(dec: XDRDecoder) -> NVLDBEntry:
    raw_name = dec.read_char_vector(VL_MAXNAMELEN)
    n_servers = dec.read_int32()
    servers = dec.read_array_fixed(NMAXNSERVERS, dec.read_uint32)
    partitions = dec.read_array_fixed(NMAXNSERVERS, dec.read_int32)
    server_flags = dec.read_array_fixed(NMAXNSERVERS, dec.read_int32)
    rw_id, ro_id, bk_id = dec.read_array_fixed(MAXTYPES, dec.read_uint32)
    clone_id = dec.read_uint32()
    flags = dec.read_int32()
    match_index = dec.read_int32()
    dec.read_array_fixed(8, dec.read_int32)  # spares2 .. spares9
    if not 0 <= n_servers <= NMAXNSERVERS:
        raise XDRError(f"nvldbentry claims {n_servers} servers, it has room for {NMAXNSERVERS}")
    try:
        name = raw_name.decode("ascii")
    except UnicodeDecodeError:
        raise XDRError(f"volume name {raw_name!r} is not ASCII") from None
    sites = tuple(
        VLSite(ipaddress.IPv4Address(servers[i]), partitions[i], server_flags[i])
        for i in range(n_servers)
    )
    return NVLDBEntry(name, sites, (rw_id, ro_id, bk_id), clone_id, flags, match_index)


def decode_list_attributes_n2_reply(data: bytes) -> ListAttributesN2Reply:
    """Decode a VL_ListAttributesN2 reply (the whole reply: all its DATA packets joined).

    Raises:
        XDRError: ``data`` is not exactly the three OUT arguments.
    """
    dec = XDRDecoder(data)
    n_entries = dec.read_int32()
    entries = dec.read_array(lambda: _read_nvldbentry(dec))
    next_start_index = dec.read_int32()
    dec.done()
    return ListAttributesN2Reply(n_entries, entries, next_start_index)
