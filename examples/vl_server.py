"""A volume location server: the VLDB of a small made-up cell, held in memory.

OpenAFS's ``vos`` reads it as it reads any vlserver.  Start it on a loopback address, write a
cell configuration naming that address, and ask (``-noresolve`` prints addresses, not names)::

    python examples/vl_server.py --address 127.0.0.2
    mkdir cell && echo example.test > cell/ThisCell
    printf '>example.test\\n127.0.0.2 #example\\n' > cell/CellServDB
    vos listvldb -noauth -noresolve -config cell
    vos listvldb -name root.cell -noauth -noresolve -config cell
    vos examine root.cell -noauth -noresolve -config cell

The server is a subclass of the ``Service`` class that rxgen generated from ``vl.xg``
(:mod:`trio_rxrpc.afs.vl`).  Each procedure it implements is an ``async def`` that returns
the reply's values or raises an error from :mod:`trio_rxrpc.afs.errors`, which aborts the
call with that error's code.  These are the procedures vos's read-only commands call:

* ``VL_ListAttributesN2`` (534): ``vos listvldb``, every entry or those on one server or
  partition;
* ``VL_GetEntryByNameN`` (519): ``vos listvldb -name`` and ``vos examine``, which look the
  volume up by name (or number, or with ``.readonly`` or ``.backup`` after the name);
* ``VL_GetEntryByIDN`` (518): ``vos examine`` then fetches the entry again by volume ID.

The other procedures (creating, changing and locking entries, the file servers' address
table behind ``vos listaddrs``...) abort with ``RXGEN_OPCODE``, the code of a procedure the
server does not have: the generated base class does that.

``vos examine`` goes on to ask the volume server at the volume's read-write site (port 7005)
for the volume's status.  The sample's sites are at 127.0.0.3 unless ``--fileserver`` says
otherwise, where no volume server runs: the query fails within a second or so (the
kernel answers "port unreachable", and vos gives up at once), and vos prints the VLDB part
alone after "Dump only information from VLDB", with exit status 255.  At an address where
nothing answers at all, vos waits for its Rx timeout first.

With ``--keys DIR`` the server also accepts rxkad calls made with the keys of
``DIR/KeyFile`` and ``DIR/KeyFileExt``, so ``vos -localauth`` works against it too.
Ctrl-C or SIGTERM stops it (exit status 0); it exits 1 if it cannot serve (the port is
taken, say) and 2 for a bad option (a key directory without keys among them).
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import signal
import sys
from typing import TYPE_CHECKING, Final

import attrs
import trio
from example_cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    USAGE_ROW,
    exit_statuses,
    run,
    server_keys,
    udp_port,
)

import trio_rxrpc as rx
from trio_rxrpc.afs import errors, vl
from trio_rxrpc.security import RxkadServerSecurity

if TYPE_CHECKING:
    from collections.abc import Sequence

DEFAULT_ADDRESS: Final = "127.0.0.2"
DEFAULT_FILESERVER: Final = ipaddress.IPv4Address("127.0.0.3")
"""Where the sample's volumes live: a loopback address where no volume server answers."""
VL_PORT: Final = 7003
"""The port OpenAFS clients call the vlserver on (``CellServDB`` holds no ports)."""
RWVOL, ROVOL, BACKVOL = 0, 1, 2
"""Indexes of a volume's three IDs in a VLDB entry (``vos`` prints RWrite, ROnly, Backup)."""


@attrs.frozen
class Site:
    """Where one copy of a volume lives: a file server, a partition, and which copy it is."""

    server: ipaddress.IPv4Address
    partition: int
    """0 is /vicepa, 1 /vicepb, and so on."""
    flags: int
    """``vl.VLSF_RWVOL`` for the read-write volume, ``vl.VLSF_ROVOL`` for a read-only copy."""

    @property
    def server_number(self) -> int:
        """The address as VLDB entries hold it: an ``afs_int32`` in host order (signed)."""
        return int.from_bytes(self.server.packed, "big", signed=True)

    def matches(self, attributes: vl.VldbListByAttributes) -> bool:
        """Whether the site passes a listing's server and partition filters (those set)."""
        mask = attributes.Mask
        return ((not mask & vl.VLLIST_SERVER or self.server_number == attributes.server)
                and (not mask & vl.VLLIST_PARTITION or self.partition == attributes.partition))


@attrs.frozen
class Volume:
    """One VLDB entry: a volume's name, its read-write ID and where its copies are.

    Its read-only and backup volumes are numbered ``rw_id + 1`` and ``rw_id + 2``, as a real
    vlserver hands out IDs; ``backup`` says whether the backup volume exists.
    """

    name: str
    rw_id: int
    sites: tuple[Site, ...]
    backup: bool = False

    @property
    def ids(self) -> tuple[int, int, int]:
        return self.rw_id, self.rw_id + 1, self.rw_id + 2

    def matches(self, attributes: vl.VldbListByAttributes, name: str) -> bool:
        """Whether the volume passes a listing's filters: ``attributes.Mask`` says which
        fields count.  A name, if any, must be the volume's (a real vlserver takes a regular
        expression); nothing here is locked, so a filter on lock flags passes nothing."""
        return ((not name or name == self.name)
                and any(site.matches(attributes) for site in self.sites)
                and (not attributes.Mask & vl.VLLIST_VOLUMEID or attributes.volumeid in self.ids)
                and not attributes.Mask & vl.VLLIST_FLAG)

    def entry(self, index: int) -> vl.nvldbentry:
        """The entry as the VL_*N procedures send it (13 site slots, the unused ones zero)."""
        unused = [0] * (vl.NMAXNSERVERS - len(self.sites))
        flags = vl.VLF_RWEXISTS | (vl.VLF_BACKEXISTS if self.backup else 0)
        if any(site.flags & vl.VLSF_ROVOL for site in self.sites):
            flags |= vl.VLF_ROEXISTS
        return vl.nvldbentry(
            name=self.name, nServers=len(self.sites),
            serverNumber=[site.server_number for site in self.sites] + unused,
            serverPartition=[site.partition for site in self.sites] + unused,
            serverFlags=[site.flags for site in self.sites] + unused,
            volumeId=self.ids, cloneId=0, flags=flags, matchindex=index,
            spares2=0, spares3=0, spares4=0, spares5=0, spares6=0, spares7=0, spares8=0,
            spares9=0)


def sample_vldb(fileservers: Sequence[ipaddress.IPv4Address]) -> list[Volume]:
    """Four volumes on the given file servers: root.cell is replicated on every one of them,
    root.afs lives on the first, the other two on the last."""
    first, last = fileservers[0], fileservers[-1]

    def rw(server: ipaddress.IPv4Address, partition: int = 0) -> Site:
        return Site(server, partition, vl.VLSF_RWVOL)

    def ro(server: ipaddress.IPv4Address) -> Site:
        return Site(server, 0, vl.VLSF_ROVOL)

    return [
        Volume("root.afs", 536870912, (rw(first), ro(first))),
        Volume("root.cell", 536870915, (rw(first), *map(ro, fileservers)), backup=True),
        Volume("user.alice", 536870918, (rw(last, 1),), backup=True),
        Volume("scratch", 536870921, (rw(last, 2),)),
    ]


class VLServer(vl.Service):
    """Answers from a list of :class:`Volume` (their order is the VLDB's order)."""

    def __init__(self, volumes: list[Volume]) -> None:
        self.volumes = volumes

    async def ListAttributesN2(self, call: rx.Call, attributes: vl.VldbListByAttributes,
                               volumename: str, startindex: int) -> vl.ListAttributesN2Result:
        found = [volume.entry(index) for index, volume in enumerate(self.volumes)
                 if index >= startindex and volume.matches(attributes, volumename)]
        return vl.ListAttributesN2Result(len(found), found, nextstartindex=-1)  # -1: no more

    async def GetEntryByNameN(self, call: rx.Call, volumename: str) -> vl.nvldbentry:
        if volumename.isdigit():  # a volume ID (vos listvldb -name passes numbers on)
            return self.entry_by_id(int(volumename), -1)
        name = re.sub(r"\.(readonly|backup)$", "", volumename)  # the entry of its RW volume
        for index, volume in enumerate(self.volumes):
            if volume.name == name:
                return volume.entry(index)
        raise errors.VL_NOENT()

    async def GetEntryByIDN(self, call: rx.Call, Volid: int, voltype: int) -> vl.nvldbentry:
        return self.entry_by_id(Volid, voltype)

    def entry_by_id(self, volid: int, voltype: int) -> vl.nvldbentry:
        """The entry of the volume whose ID of type ``voltype`` (-1: any type) is ``volid``."""
        if voltype not in (-1, RWVOL, ROVOL, BACKVOL):
            raise errors.VL_BADVOLTYPE()
        for index, volume in enumerate(self.volumes):
            if volid in volume.ids and (voltype == -1 or volume.ids[voltype] == volid):
                return volume.entry(index)
        raise errors.VL_NOENT()


def ipv4_address(text: str) -> ipaddress.IPv4Address:
    """An argparse ``type=`` for an IPv4 address."""
    try:
        return ipaddress.IPv4Address(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"wants an IPv4 address, not {text!r}") from None


async def main(args: argparse.Namespace) -> None:
    server = VLServer(sample_vldb(args.fileserver or [DEFAULT_FILESERVER]))
    security = [RxkadServerSecurity(args.keys)] if args.keys else []
    async with rx.open_endpoint((args.address, args.port)) as endpoint:
        sock = endpoint.socket()
        sock.listen([vl.SERVICE_ID], security=security)
        async with trio.open_nursery() as nursery:
            await nursery.start(server.serve, sock)
            with trio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
                print(f"vlserver listening on {args.address}:{endpoint.address[1]} with "
                      f"{len(server.volumes)} volumes (Ctrl-C stops it)", flush=True)
                async for _ in signals:
                    break
            nursery.cancel_scope.cancel()  # aborts the calls in progress
    print("stopped")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="A volume location server with a made-up VLDB.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=exit_statuses((EXIT_OK, "stopped by Ctrl-C or SIGTERM"),
                             (EXIT_FAILURE, "could not serve: the port is taken, say"),
                             USAGE_ROW,
                             (EXIT_INTERRUPTED, "Ctrl-C while it was still starting")))
    parser.add_argument("--address", default=DEFAULT_ADDRESS,
                        help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=udp_port(any_port=True), default=VL_PORT,
                        help="UDP port, 0 for any (default: %(default)s)")
    parser.add_argument("--fileserver", type=ipv4_address, action="append", metavar="ADDRESS",
                        help="a file server address for the volume sites; give it again to "
                             f"spread them over more (default: {DEFAULT_FILESERVER})")
    parser.add_argument("--keys", type=server_keys, metavar="DIR",
                        help="also accept rxkad calls (vos -localauth) made with the keys "
                             "of DIR/KeyFile and DIR/KeyFileExt")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(run("vl_server", main, parse_args(), failure="cannot serve"))
