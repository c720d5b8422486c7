"""A protection server: the users and groups of a small made-up cell, held in memory.

OpenAFS's ``pts`` reads it as it reads any ptserver.  Start it on a loopback address, write a
cell configuration naming that address, and ask::

    python examples/pt_server.py --address 127.0.0.2
    mkdir cell && echo example.test > cell/ThisCell
    printf '>example.test\\n127.0.0.2 #example\\n' > cell/CellServDB
    pts examine alice -noauth -config cell
    pts membership staff -noauth -config cell
    pts listentries -users -groups -noauth -config cell

The server is a subclass of the ``Service`` class that rxgen generated from ``pt.xg``
(:mod:`trio_rxrpc.afs.pt`).  Each procedure it implements is an ``async def`` that returns
the reply's values or raises an error from :mod:`trio_rxrpc.afs.errors`, which aborts the
call with that error's code.  These are the procedures the read-only ``pts`` commands call:

* ``PR_NameToID`` (504) and ``PR_IDToName`` (505): every command turns names into IDs and
  back; an unknown name is the anonymous ID 32766, an unknown ID comes back as its number;
* ``PR_ListEntry`` (512) and ``PR_IsAMemberOf`` (515): ``pts examine`` (the latter to know
  whether to print the group quota as "unlimited", for system:administrators);
* ``PR_ListElements`` (514): ``pts membership``, a group's members or a user's groups;
* ``PR_ListEntries`` (521): ``pts listentries``;
* ``PR_ListOwned`` (517): ``pts listowned``;
* ``PR_ListMax`` (510): ``pts listmax``.

``pts membership -supergroups`` (and ``-expandgroups``) also asks for ``PR_ListSuperGroups``
(530), which this server lacks, like a ptserver built without supergroups: pts then prints
the direct membership alone.

Everyone may read everything here (a real ptserver hides some lists from anonymous
callers), and nothing can be changed: creating, deleting or renaming entries and changing
groups abort with ``RXGEN_OPCODE``, the code of a procedure the server does not have.
With ``--keys DIR`` the server also accepts rxkad calls made with the keys of
``DIR/KeyFile`` and ``DIR/KeyFileExt``, so ``pts -localauth`` works against it too.
Ctrl-C or SIGTERM stops it (exit status 0); it exits 1 if it cannot serve (the port is
taken, say) and 2 for a bad option (a key directory without keys among them).
"""

from __future__ import annotations

import argparse
import signal
import sys
from typing import Final

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
from trio_rxrpc.afs import errors, pt
from trio_rxrpc.security import RxkadServerSecurity

DEFAULT_ADDRESS: Final = "127.0.0.2"
PT_PORT: Final = 7002
"""The port OpenAFS clients call the ptserver on (``CellServDB`` holds no ports)."""
ANONYMOUSID: Final = 32766
SYSADMINID: Final = -204
ANYUSERID: Final = -101
AUTHUSERID: Final = -102
PRUSERS, PRGROUPS = 1, 2
"""The bits of ``PR_ListEntries``'s flags: list the users, the groups (or both)."""
USER_FLAGS, GROUP_FLAGS = 0x80, 0x90
"""Default privacy flags, as ``pts examine`` prints them: ``S----`` and ``S-M--``."""
GROUP_QUOTA: Final = 20
"""How many groups a user may create (a real ptserver's default)."""


@attrs.frozen
class Entry:
    """A user (positive ID) or a group (negative ID), and for a group its members' IDs."""

    name: str
    id: int
    owner: int = SYSADMINID
    creator: int = SYSADMINID
    members: tuple[int, ...] = ()


SAMPLE_DATABASE: Final = (
    Entry("system:administrators", SYSADMINID, members=(1,)),
    Entry("system:anyuser", ANYUSERID),
    Entry("system:authuser", AUTHUSERID),
    Entry("anonymous", ANONYMOUSID),
    Entry("admin", 1),
    Entry("alice", 1001, creator=1),
    Entry("bob", 1002, creator=1),
    Entry("carol", 1003, creator=1),
    Entry("staff", -205, owner=1, creator=1, members=(1001, 1002, 1003)),
    Entry("alice:friends", -206, owner=1001, creator=1001, members=(1002,)),
)


class PTServer(pt.Service):
    """Answers from a list of :class:`Entry` (their order is the database's order)."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.entries = entries
        self.by_id = {entry.id: entry for entry in entries}
        self.by_name = {entry.name: entry for entry in entries}

    def find(self, entry_id: int) -> Entry:
        try:
            return self.by_id[entry_id]
        except KeyError:
            raise errors.PRNOENT() from None

    def membership(self, entry: Entry) -> list[int]:
        """A group's members, or the groups a user belongs to."""
        if entry.id < 0:
            return list(entry.members)
        return [group.id for group in self.entries if entry.id in group.members]

    def describe(self, entry: Entry) -> pt.prcheckentry:
        """What ``PR_ListEntry`` says of an entry (``PR_ListEntries`` sends the same fields)."""
        group = entry.id < 0
        return pt.prcheckentry(
            flags=GROUP_FLAGS if group else USER_FLAGS, id=entry.id, owner=entry.owner,
            creator=entry.creator, ngroups=0 if group else GROUP_QUOTA, nusers=0,
            count=len(self.membership(entry)), reserved=(0,) * 5, name=entry.name)

    async def NameToID(self, call: rx.Call, nlist: pt.namelist) -> pt.idlist:
        return [self.by_name[name].id if name in self.by_name else ANONYMOUSID
                for name in nlist]

    async def IDToName(self, call: rx.Call, ilist: pt.idlist) -> pt.namelist:
        return [self.by_id[i].name if i in self.by_id else str(i) for i in ilist]

    async def ListEntry(self, call: rx.Call, entry_id: int) -> pt.prcheckentry:
        return self.describe(self.find(entry_id))

    async def IsAMemberOf(self, call: rx.Call, uid: int, gid: int) -> int:
        user, group = self.find(uid), self.find(gid)
        everyone = gid == ANYUSERID or (gid == AUTHUSERID and uid != ANONYMOUSID)
        return int(everyone or user.id in group.members)

    async def ListElements(self, call: rx.Call, entry_id: int) -> pt.ListElementsResult:
        return pt.ListElementsResult(self.membership(self.find(entry_id)), over=0)

    async def ListEntries(self, call: rx.Call, flags: int,
                          startindex: int) -> pt.ListEntriesResult:
        wanted = [entry for entry in self.entries[max(startindex, 0):]
                  if flags & (PRGROUPS if entry.id < 0 else PRUSERS)]
        listed = [pt.prlistentries(**attrs.asdict(self.describe(entry), recurse=False))
                  for entry in wanted]
        return pt.ListEntriesResult(listed, nextstartindex=-1)  # -1: that was all

    async def ListOwned(self, call: rx.Call, owner: int, lastp: int) -> pt.ListOwnedResult:
        if owner != 0:  # 0 asks for the groups whose owner is gone: there are none here
            self.find(owner)
        owned = [entry.id for entry in self.entries if entry.id < 0 and entry.owner == owner]
        return pt.ListOwnedResult(owned, lastp=0)  # 0: no more to come

    async def ListMax(self, call: rx.Call) -> pt.ListMaxResult:
        ids = [entry.id for entry in self.entries if entry.id != ANONYMOUSID]  # a fixed ID
        return pt.ListMaxResult(uid=max(ids), gid=min(ids))


async def main(args: argparse.Namespace) -> None:
    server = PTServer(SAMPLE_DATABASE)
    security = [RxkadServerSecurity(args.keys)] if args.keys else []
    async with rx.open_endpoint((args.address, args.port)) as endpoint:
        sock = endpoint.socket()
        sock.listen([pt.SERVICE_ID], security=security)
        async with trio.open_nursery() as nursery:
            await nursery.start(server.serve, sock)
            with trio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
                print(f"ptserver listening on {args.address}:{endpoint.address[1]} with "
                      f"{len(server.entries)} users and groups (Ctrl-C stops it)", flush=True)
                async for _ in signals:
                    break
            nursery.cancel_scope.cancel()  # aborts the calls in progress
    print("stopped")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="A protection server with made-up users and groups.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=exit_statuses((EXIT_OK, "stopped by Ctrl-C or SIGTERM"),
                             (EXIT_FAILURE, "could not serve: the port is taken, say"),
                             USAGE_ROW,
                             (EXIT_INTERRUPTED, "Ctrl-C while it was still starting")))
    parser.add_argument("--address", default=DEFAULT_ADDRESS,
                        help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=udp_port(any_port=True), default=PT_PORT,
                        help="UDP port, 0 for any (default: %(default)s)")
    parser.add_argument("--keys", type=server_keys, metavar="DIR",
                        help="also accept rxkad calls (pts -localauth) made with the keys "
                             "of DIR/KeyFile and DIR/KeyFileExt")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(run("pt_server", main, parse_args(), failure="cannot serve"))
