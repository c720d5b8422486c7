"""The vos/bos text for cases the test cell does not have: read-only sites and releases,
locked entries, busy and unattachable volumes; partition names; positional parameters.

The expected text follows OpenAFS 1.8.9's format strings (vos.c, vsprocs.c), blanks and all.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from trio_rxrpc._cli import CommandParser
from trio_rxrpc.afs import vl, vol
from trio_rxrpc.afs._commands import _vosformat as fmt
from trio_rxrpc.afs._commands._cmdargs import Param, add_params
from trio_rxrpc.afs._commands._servers import parse_partition, partition_name
from trio_rxrpc.afs._commands._vosjson import entry_json, volume_json

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

FS1, FS2, FS3 = 0x0A000001, 0x0A000002, 0x0A000003
NAMES = {FS1: "fs1.example.com", FS2: "fs2.example.com", FS3: "10.0.0.3"}


def entry(name: str, sites: list[tuple[int, int, int]], *, ids: tuple[int, int, int],
          flags: int, clone: int = 0) -> vl.nvldbentry:
    pad = 13 - len(sites)
    return vl.nvldbentry(
        name=name, nServers=len(sites),
        serverNumber=tuple(s[0] for s in sites) + (0,) * pad,
        serverPartition=tuple(s[1] for s in sites) + (0,) * pad,
        serverFlags=tuple(s[2] for s in sites) + (0,) * pad,
        volumeId=ids, cloneId=clone, flags=flags, matchindex=0, spares2=0, spares3=0,
        spares4=0, spares5=0, spares6=0, spares7=0, spares8=0, spares9=0)


REPLICATED = entry(
    "proj.web",
    [(FS1, 0, vl.VLSF_RWVOL), (FS1, 0, vl.VLSF_ROVOL), (FS2, 27, vl.VLSF_ROVOL)],
    ids=(536870930, 536870931, 536870932), clone=536870931,
    flags=vl.VLF_RWEXISTS | vl.VLF_ROEXISTS | vl.VLF_BACKEXISTS)


def test_enumerate_replicated_entry() -> None:
    assert fmt.enumerate_entry(REPLICATED, NAMES) == (
        "\n"
        "proj.web \n"
        "    RWrite: 536870930     ROnly: 536870931     Backup: 536870932 "
        "    RClone: 536870931 \n"
        "    number of sites -> 3\n"
        "       server fs1.example.com partition /vicepa RW Site \n"
        "       server fs1.example.com partition /vicepa RO Site \n"
        "       server fs2.example.com partition /vicepab RO Site \n")
    assert fmt.locked(REPLICATED.flags) == ""


def test_release_in_progress_and_locks() -> None:
    flags = vl.VLF_RWEXISTS | vl.VLF_ROEXISTS | vl.VLOP_RELEASE | vl.VLOP_DELETE
    released = entry("x", [(FS1, 1, vl.VLSF_RWVOL), (FS2, 1, vl.VLSF_ROVOL | vl.VLSF_NEWREPSITE),
                           (FS3, 2, vl.VLSF_ROVOL)], ids=(7, 8, 9), flags=flags)
    assert fmt.sub_enumerate_entry(released, NAMES) == (
        "    RWrite: 7             ROnly: 8         \n"
        "    number of sites -> 3\n"
        "       server fs1.example.com partition /vicepb RW Site \n"
        "       server fs2.example.com partition /vicepb RO Site  -- New release\n"
        "       server 10.0.0.3 partition /vicepc RO Site  -- Old release\n")
    assert fmt.locked(flags) == (
        "    Volume is currently LOCKED  \n"
        "    Volume is locked for a release operation\n"
        "    Volume is locked for a delete/misc operation\n")
    unreleased = entry("y", [(FS1, 0, vl.VLSF_RWVOL), (FS2, 0, vl.VLSF_ROVOL | vl.VLSF_DONTUSE)],
                       ids=(1, 2, 3), flags=vl.VLF_RWEXISTS)
    assert fmt.sub_enumerate_entry(unreleased, NAMES).endswith(
        "       server fs2.example.com partition /vicepa RO Site  -- Not released\n")
    found = entry_json(released, NAMES)
    assert found["locked_for"] == ["release", "delete/misc"]
    assert [s["release"] for s in found["sites"]] == [None, "New release", "Old release"]
    assert found["sites"][1]["server"] == "10.0.0.2"
    assert found["exists"] == ["RW", "RO"]


def info(name: str, volid: int, *, status: int = fmt.VOK, in_use: int = 1, **more: int
         ) -> vol.volintInfo:
    fields: dict[str, int] = {
        "volid": volid, "type": fmt.RWVOL, "backupID": 0, "parentID": volid, "cloneID": 0,
        "status": status, "copyDate": 1700000000, "inUse": in_use, "needsSalvaged": 0,
        "destroyMe": 0, "creationDate": 1700000000, "accessDate": 0, "updateDate": 0,
        "backupDate": 0, "dayUse": 0, "filecount": 1, "maxquota": 5000, "size": 2, "flags": 0,
        "spare0": 0, "spare1": 0, "spare2": 0, "spare3": 0}
    fields.update(more)
    return vol.volintInfo(name=name, **fields)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates in UTC, as ``ctime`` prints them with TZ=UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_listing_counts_problems_last_first() -> None:
    totals = fmt.Totals()
    lines = [fmt.volume(v, "fs1", 0, totals) for v in (
        info("a", 1), info("b", 2, status=fmt.VBUSY), info("c", 3, status=101),
        info("d", 4, status=fmt.VBUSY), info("e", 5, in_use=0, needsSalvaged=1))]
    assert lines == [
        "a                                         1 RW          2 K On-line\n", "", "", "",
        "e                                         5 RW          2 K Off-line"
        "**needs salvage**\n"]
    assert (totals.ok, totals.not_ok, totals.busy) == (1, 2, 2)
    assert totals.problems() == ("**** Volume 4 is busy ****\n**** Volume 2 is busy ****\n"
                                 "**** Could not attach volume 3 ****\n")
    assert totals.problems(machine=True).startswith("BUSY_VOL\t4\n")
    examined = fmt.volume(info("b", 2, status=fmt.VBUSY), "fs1", 0, fmt.Totals(), long=True,
                          show_problems=True)
    assert examined == "**** Volume 2 is busy ****\n\n"


@pytest.mark.usefixtures("utc")
def test_long_and_machine_forms() -> None:
    v = info("home.x", 536870999, type=fmt.BACKVOL, accessDate=1700000100, flags=5,
             destroyMe=fmt.DESTROY_ME)
    assert fmt.volume(v, "fs1", 3, fmt.Totals(), long=True) == (
        "home.x".ljust(32) + "  536870999 BK          2 K  On-line\n"
        "    fs1 /vicepd \n"
        "    RWrite  536870999 ROnly          0 Backup          0 \n"
        "    MaxQuota       5000 K \n"
        "    Creation    Tue Nov 14 22:13:20 2023\n"
        "    Copy        Tue Nov 14 22:13:20 2023\n"
        "    Backup      Never\n"
        "    Last Access Tue Nov 14 22:15:00 2023\n"
        "    Last Update Never\n"
        "    0 accesses in the past day (i.e., vnode references)\n"
        "\n")
    machine = fmt.volume_machine(v, FS1, "fs1", 3)
    assert "serv\t\t10.0.0.1\tfs1\n" in machine
    assert "destroyMe\tY\n" in machine
    assert "flags\t\t0x5\t(Optional)\n" in machine
    assert "backupDate\t0        \tThu Jan  1 00:00:00 1970\n" in machine
    assert fmt.volume_machine(info("gone", 9, status=fmt.VBUSY), FS1, "fs1", 0) == (
        "id\t\t9\nserv\t\t10.0.0.1\tfs1\npart\t\t/vicepa\nstatus\t\tBUSY\n")
    assert volume_json(v)["type_name"] == "BK"


@pytest.mark.parametrize(("text", "number"), [
    ("a", 0), ("z", 25), ("vicepb", 1), ("/vicepc", 2), ("aa", 26), ("/vicepab", 27),
    ("iu", 254), ("iv", None), ("0", 0), ("254", 254), ("255", None), ("7x", 7),
    ("/vicepa1", None), ("A", None), ("", None), ("/vicepabc", None), ("x/y", None)])
def test_partitions(text: str, number: int | None) -> None:
    assert parse_partition(text) == number


def test_partition_names_round_trip() -> None:
    for number in range(255):
        assert parse_partition(partition_name(number)) == number
    assert partition_name(0) == "/vicepa"
    assert partition_name(254) == "/vicepiu"


def parser() -> argparse.ArgumentParser:
    p = CommandParser(prog="t")
    add_params(p, Param("-server", "", "SERVER", required=True),
               Param("-instance", "", "INSTANCE", many=True))
    p.add_argument("-long", action="store_true")
    return p


@pytest.mark.parametrize(("argv", "server", "instances"), [
    (["fs1"], "fs1", None),
    (["fs1", "a", "b", "-long"], "fs1", ["a", "b"]),
    (["-instance", "a", "-server", "fs1"], "fs1", ["a"]),
    (["-server", "fs1", "a"], "fs1", ["a"]),
])
def test_positional_parameters(argv: list[str], server: str, instances: list[str] | None
                               ) -> None:
    args = parser().parse_args(argv)
    assert (args.server, args.instance) == (server, instances)


@pytest.mark.parametrize("argv", [
    [], ["-long"], ["-server", "a", "-instance", "b", "-long", "c"],
    ["-instance", "a", "fs1"],  # the list takes both words, as OpenAFS's parser does
])
def test_positional_parameters_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(argv)
