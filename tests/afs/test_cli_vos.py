"""``trio-rxrpc afs vos`` against the test cell, next to OpenAFS 1.8.9's own ``vos``.

Both read the same servers, so their output must be the same text, byte for byte (times
included: both print the server's dates with ``ctime`` in the same time zone).  The cell has
three volumes of its own; the tests add volumes of random names (mixed case, so that sorting
by name is tested as ``strcmp`` sorts).

OpenAFS's ``vos`` refuses a server argument on a loopback address ("not found in host
table"), and the cell listens on 127.0.0.1 only.  ``vos listvol`` is therefore run through a
UDP relay on another address of this machine (:mod:`udprelay`), by both tools with the same
arguments; ours is also checked against 127.0.0.1 directly, and every ``listvol -long``
block against the volume part of OpenAFS's ``vos examine``, which finds its server in the
VLDB and so works on this cell.  ``vos listvldb -server`` can only be compared for an
address without volumes (OpenAFS's gives no loopback address to the VLDB).

What differs, on purpose: failures are one line on stderr and exit status 1 where ``vos``
exits with 255 (examine) or 1, and ``vos`` writes its own diagnostics.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from afstools import REPO, ToolRun, openafs_tool, run_ours, run_ours_process, run_tool
from udprelay import outside_address, relay

from trio_rxrpc.security import Level, NullClientSecurity, RxkadClientSecurity

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import CellEnv, OpenAFSCellManager

pytestmark = pytest.mark.interop

NOT_IN_VLDB = "198.51.100.7"
"""A server address no VLDB entry names (listvldb -server: an empty selection)."""
CELL_VOLUMES = ("root.afs", "root.cell", "test.vol")


@pytest.fixture(scope="session")
def vos() -> Path:
    return openafs_tool("vos")


@pytest.fixture(scope="module")
def random_volumes(openafs_cell: OpenAFSCellManager) -> dict[str, int]:
    """Three new volumes of random names (made while the cell is in noauth mode): name -> id."""
    openafs_cell.ensure("noauth")
    tag = secrets.token_hex(3)
    names = [f"Z{tag}", f"a{tag}.x", f"m{tag}_1"]
    done = subprocess.run([sys.executable, str(REPO / "interop/openafs/cellcalls.py"),
                           "volume", *names], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    made = dict(line.split() for line in done.stdout.splitlines())
    return {name: int(made[name]) for name in names}


def config(cell: CellEnv) -> list[str]:
    return ["-config", str(cell.config_dir)]


async def both(vos: Path, cell: CellEnv, *argv: str) -> tuple[ToolRun, ToolRun]:
    """OpenAFS's ``vos ARGV`` and ours, both with ``-config`` of the cell."""
    theirs = await run_tool(vos, *argv, *config(cell))
    ours = await run_ours("vos", *argv, *config(cell))
    return theirs, ours


def assert_same(theirs: ToolRun, ours: ToolRun) -> None:
    assert ours.stdout == theirs.stdout
    assert (ours.status == 0) == (theirs.status == 0), (theirs, ours)


# ------------------------------------------------------------------------- listvldb


@pytest.mark.parametrize("flags", [
    [], ["-quiet"], ["-nosort"], ["-partition", "a"], ["-partition", "/vicepa", "-quiet"],
    ["-part", "vicepa"], ["-locked"], ["-noresolve"], ["-server", NOT_IN_VLDB],
    ["-name", "root.afs"], ["root.cell"], ["-name", "test.vol", "-noresolve"],
])
async def test_listvldb_matches_openafs(openafs_cell_noauth: CellEnv, vos: Path,
                                        random_volumes: dict[str, int],
                                        flags: list[str]) -> None:
    theirs, ours = await both(vos, openafs_cell_noauth, "listvldb", *flags, "-noauth")
    assert theirs.status == 0, theirs
    assert_same(theirs, ours)
    if not flags or flags == ["-nosort"]:
        for name in (*CELL_VOLUMES, *random_volumes):
            assert f"\n{name} \n" in ours.stdout


async def test_listvldb_by_random_name_and_id(openafs_cell_noauth: CellEnv, vos: Path,
                                              random_volumes: dict[str, int]) -> None:
    for name, volid in random_volumes.items():
        for key in (name, str(volid)):
            theirs, ours = await both(vos, openafs_cell_noauth, "listvldb", key, "-noauth")
            assert theirs.status == 0, theirs
            assert_same(theirs, ours)
            assert f"RWrite: {volid} " in ours.stdout


async def test_listvldb_json(openafs_cell_noauth: CellEnv, vos: Path,
                             random_volumes: dict[str, int]) -> None:
    cell = openafs_cell_noauth
    theirs = await run_tool(vos, "listvldb", "-noauth", *config(cell))
    found = json.loads((await run_ours("vos", "listvldb", "-noauth", "--json",
                                       *config(cell))).stdout)
    text_names = re.findall(r"^(\S+) $", theirs.stdout, re.MULTILINE)
    assert [e["name"] for e in found["entries"]] == text_names
    assert found["total"] == len(text_names)
    by_name = {e["name"]: e for e in found["entries"]}
    for name, volid in random_volumes.items():
        entry = by_name[name]
        assert entry["volume_ids"]["RW"] == volid
        assert entry["exists"] == ["RW"]
        assert entry["sites"] == [{
            "server": openafs_cell_noauth.host, "server_name": "localhost",
            "partition": "/vicepa", "partition_id": 0, "type": "RW", "flags": 4,
            "release": None}]


async def test_listvldb_server_selection(openafs_cell_noauth: CellEnv, vos: Path) -> None:
    """OpenAFS's vos cannot select the cell's loopback server; ours can, and selects all."""
    cell = openafs_cell_noauth
    every = await run_ours("vos", "listvldb", "-noauth", *config(cell))
    here = await run_ours("vos", "listvldb", "-server", cell.host, "-noauth", *config(cell))
    assert here.status == 0
    assert here.stdout == every.stdout.replace(
        "VLDB entries for all servers \n", f"VLDB entries for server {cell.host} \n", 1)
    refused = await run_tool(vos, "listvldb", "-server", cell.host, "-noauth", *config(cell))
    assert "not found in host table" in refused.stderr


# -------------------------------------------------------------------------- examine


@pytest.mark.parametrize("flags", [[], ["-format"], ["-extended"], ["-noresolve"]])
async def test_examine_matches_openafs(openafs_cell_noauth: CellEnv, vos: Path,
                                       random_volumes: dict[str, int],
                                       flags: list[str]) -> None:
    keys = [*CELL_VOLUMES, *random_volumes, *(str(i) for i in random_volumes.values())]
    for key in keys:
        theirs, ours = await both(vos, openafs_cell_noauth, "examine", key, *flags, "-noauth")
        assert theirs.status == 0, theirs
        assert_same(theirs, ours)
        assert ours.stderr == ""


@pytest.mark.parametrize("suffix", [".readonly", ".backup"])
async def test_examine_of_missing_clones(openafs_cell_noauth: CellEnv, vos: Path,
                                         random_volumes: dict[str, int], suffix: str) -> None:
    """No RO or backup volume exists: both say so and show the VLDB entry alone."""
    name = next(iter(random_volumes)) + suffix
    theirs, ours = await both(vos, openafs_cell_noauth, "examine", name, "-noauth")
    assert theirs.status != 0
    assert_same(theirs, ours)
    assert "Dump only information from VLDB" in ours.stderr


async def test_examine_of_an_unknown_volume(openafs_cell_noauth: CellEnv, vos: Path) -> None:
    theirs, ours = await both(vos, openafs_cell_noauth, "examine", "no.such.volume", "-noauth")
    assert theirs.status != 0
    assert_same(theirs, ours)
    assert ours.stderr == "afs: VL_NOENT (363524): No such entry\n"


async def test_examine_json(openafs_cell_noauth: CellEnv, vos: Path,
                            random_volumes: dict[str, int]) -> None:
    """The JSON carries what ``vos examine -format`` prints, field for field."""
    for name in (*CELL_VOLUMES, *random_volumes):
        theirs = await run_tool(vos, "examine", name, "-format", "-noauth",
                                *config(openafs_cell_noauth))
        raw = dict(line.split("\t", 1) for line in theirs.stdout.split("\n\n")[0].splitlines())
        fields = {key: value.strip().split("\t")[0].strip() for key, value in raw.items()}
        found = json.loads((await run_ours("vos", "examine", name, "-noauth", "--json",
                                           *config(openafs_cell_noauth))).stdout)
        assert found["id"] == int(fields["id"])
        assert found["type"] == fields["type"]
        site, = found["sites"]
        volume = site["volume"]
        assert raw["serv"].strip() == f"{site['server']}\t{site['server_name']}"
        assert site["partition"] == volume["partition"] == fields["part"]
        for ours_key, theirs_key in [("name", "name"), ("volid", "id"),
                                     ("parentID", "parentID"), ("cloneID", "cloneID"),
                                     ("backupID", "backupID"), ("size", "diskused"),
                                     ("maxquota", "maxquota"), ("filecount", "filecount"),
                                     ("dayUse", "dayUse"), ("creationDate", "creationDate"),
                                     ("updateDate", "updateDate"),
                                     ("accessDate", "accessDate")]:
            assert str(volume[ours_key]) == fields[theirs_key], ours_key
        assert volume["status_name"] == fields["status"] == "OK"
        assert found["vldb"]["name"] == name


# -------------------------------------------------------------------------- listvol

LISTVOL_FLAGS: list[list[str]] = [
    [], ["-long"], ["-fast"], ["-quiet"], ["-format"], ["-extended"], ["-extended", "-format"],
    ["a"], ["-partition", "vicepa", "-long"], ["-fast", "-quiet"], ["-long", "-quiet"],
]


@pytest.fixture
def outside() -> str:
    address = outside_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to relay OpenAFS's vos "
                    "through (it refuses loopback server arguments)")
    return address


async def test_listvol_matches_openafs(openafs_cell_noauth: CellEnv, vos: Path,
                                       random_volumes: dict[str, int], outside: str) -> None:
    cell = openafs_cell_noauth
    async with relay(outside, [cell.vol_port]):
        for flags in LISTVOL_FLAGS:
            theirs, ours = await both(vos, cell, "listvol", outside, *flags, "-noauth")
            assert theirs.status == 0, (flags, theirs)
            assert ours.stdout == theirs.stdout, flags
            assert ours.status == 0
        for name in random_volumes:
            assert name in theirs.stdout


async def test_listvol_direct(openafs_cell_noauth: CellEnv, random_volumes: dict[str, int],
                              outside: str) -> None:
    """Ours on 127.0.0.1 prints what it prints through the relay, names aside."""
    cell = openafs_cell_noauth
    async with relay(outside, [cell.vol_port]):
        for flags in (["-long"], ["-format"]):
            relayed = await run_ours("vos", "listvol", outside, *flags, "-noauth", *config(cell))
            direct = await run_ours("vos", "listvol", cell.host, *flags, "-noauth",
                                    *config(cell))
            expected = relayed.stdout.replace(f"server {outside} ", f"server {cell.host} ")
            expected = expected.replace(f"    {outside} /vicepa", "    localhost /vicepa")
            expected = expected.replace(f"{outside}\t{outside}", f"{cell.host}\tlocalhost")
            assert direct.stdout == expected


async def test_listvol_long_is_what_examine_shows(openafs_cell_noauth: CellEnv, vos: Path,
                                                  random_volumes: dict[str, int]) -> None:
    """Without a relay: each ``listvol -long`` block is the volume part of OpenAFS's
    ``vos examine``."""
    cell = openafs_cell_noauth
    ours = await run_ours("vos", "listvol", cell.host, "-long", "-noauth", *config(cell))
    assert ours.stdout.startswith(
        f"Total number of volumes on server {cell.host} partition /vicepa: ")
    header, _, rest = ours.stdout.partition("\n")
    blocks = rest.split("\n\n")[:-2]
    names = [block.split()[0] for block in blocks]
    assert header.endswith(f": {len(names)} ")
    assert names == sorted(names)
    assert {*CELL_VOLUMES, *random_volumes} <= set(names)
    for block in blocks:
        theirs = await run_tool(vos, "examine", block.split()[0], "-noauth", *config(cell))
        assert theirs.stdout.startswith(block + "\n\n")


async def test_listvol_json(openafs_cell_noauth: CellEnv, vos: Path,
                            random_volumes: dict[str, int]) -> None:
    cell = openafs_cell_noauth
    found = json.loads((await run_ours("vos", "listvol", cell.host, "-noauth", "--json",
                                       *config(cell))).stdout)
    part, = found["partitions"]
    assert part["partition"] == "/vicepa"
    volumes = {v["name"]: v for v in part["volumes"]}
    assert part["online"] == len(volumes)
    assert part["offline"] == part["busy"] == 0
    for name, volid in random_volumes.items():
        assert volumes[name]["volid"] == volid
        assert volumes[name]["type_name"] == "RW"
        assert volumes[name]["status_name"] == "OK"


async def test_listvol_errors(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    bad = await run_ours("vos", "listvol", cell.host, "b", "-noauth", *config(cell))
    assert (bad.status, bad.stdout) == (1, "")
    assert bad.stderr == "afs: partition b does not exist on the server\n"
    bad = await run_ours("vos", "listvol", cell.host, "/vicep!", "-noauth", *config(cell))
    assert bad.stderr == "afs: could not interpret partition name '/vicep!'\n"
    bad = await run_ours("vos", "listvol", "no-such-host.invalid", "-noauth", *config(cell))
    assert bad.stderr == "afs: server 'no-such-host.invalid' not found in host table\n"
    bad = await run_ours("vos", "listvol", cell.host, "-fast", "-extended", "-noauth",
                         *config(cell))
    assert bad.stderr == "afs: Can't use the -fast and -extended flags together\n"


async def test_failures_are_one_line(openafs_cell_noauth: CellEnv) -> None:
    """As a program: a failed call is one line and status 1; a usage error status 2."""
    cell = openafs_cell_noauth
    done = await run_ours_process("vos", "listvldb", "-name", "no.such.volume", "-noauth",
                                  *config(cell))
    assert (done.status, done.stdout) == (1, "")
    assert done.stderr == "afs: VL_NOENT (363524): No such entry\n"
    done = await run_ours_process("vos", "listvol", "-noauth")
    assert done.status == 2
    assert "-server SERVER is required" in done.stderr


# --------------------------------------------------------------- security (auth mode)

AUTH_FLAGS = [["-localauth"], ["-localauth", "-encrypt"], ["-noauth"]]


@pytest.mark.parametrize("auth", AUTH_FLAGS)
async def test_auth_modes(openafs_cell_auth: CellEnv, vos: Path, auth: list[str]) -> None:
    """In the auth-mode cell each way of calling gives OpenAFS's answer (these commands make
    no privileged calls, so -noauth works too)."""
    cell = openafs_cell_auth
    for argv in (["listvldb"], ["listvldb", "-name", "root.cell"], ["examine", "root.afs"],
                 ["examine", "test.vol", "-extended"]):
        theirs, ours = await both(vos, cell, *argv, *auth)
        assert theirs.status == 0, theirs
        assert_same(theirs, ours)


@pytest.mark.parametrize("auth", AUTH_FLAGS)
async def test_auth_modes_listvol(openafs_cell_auth: CellEnv, vos: Path, auth: list[str],
                                  outside: str) -> None:
    cell = openafs_cell_auth
    async with relay(outside, [cell.vol_port]):
        theirs, ours = await both(vos, cell, "listvol", outside, "-long", *auth)
    assert theirs.status == 0, theirs
    assert_same(theirs, ours)


@pytest.mark.parametrize(("auth", "level"), [
    ([], None), (["-noauth"], None), (["-localauth"], Level.CLEAR),
    (["-localauth", "-encrypt"], Level.CRYPT)])
async def test_security_chosen(openafs_cell_auth: CellEnv, auth: list[str],
                               level: Level | None) -> None:
    from trio_rxrpc.__main__ import build_parser
    from trio_rxrpc.afs._commands import make_context_parts

    args = build_parser().parse_args(["afs", "vos", "listvldb", *auth,
                                      *config(openafs_cell_auth)])
    _, security = make_context_parts(args)
    if level is None:
        assert isinstance(security, NullClientSecurity)
    else:
        assert isinstance(security, RxkadClientSecurity)
        assert security.level == level
