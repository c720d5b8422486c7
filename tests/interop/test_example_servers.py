"""OpenAFS's ``vos`` and ``pts`` against the example servers ``examples/vl_server.py`` and
``examples/pt_server.py``.

Each test serves an example's database (in process, or as the program a user runs) on port
7003 or 7002 of a loopback address of ours, writes a cell configuration naming that address
(``ThisCell``, ``CellServDB``), runs the OpenAFS 1.8.9 tool with ``-config`` and compares
what it prints with what the server holds.  The services note the procedures they were
asked to run, so the tests also pin down which calls each command makes.  No OpenAFS server
is involved: these tests run beside the OpenAFS cell of the other interop tests, which holds
127.0.0.1.

What the tools do, as found while writing these tests:

* ``vos listvldb`` makes one ``VL_ListAttributesN2`` call (``-server`` and ``-partition``
  become its filter); ``vos listvldb -name`` one ``VL_GetEntryByNameN``.  Neither tool makes
  any ubik (VOTE or DISK) call of its own: with one database server in ``CellServDB``, every
  call goes to it.
* ``vos examine`` calls ``VL_GetEntryByNameN`` (unless given a number: that is the volume
  ID), then ``VL_GetEntryByIDN`` (voltype -1), then ``AFSVolListOneVolume`` on the volume
  server at the volume's read-write site (port 7005).  The sites here are on a loopback
  address where nothing listens on that port, so the kernel's "port unreachable" ends that
  call within a second or so; vos then prints the VLDB part alone ("Dump only information
  from VLDB") and exits 255.
* ``vos`` refuses 127.0.x.x only as a ``-server`` argument, so the filter is tested with a
  TEST-NET-2 address that the server's VLDB holds and nothing ever calls.
* ``pts examine NAME`` makes seven calls: ``PR_NameToID`` twice and ``PR_IDToName`` (sorting
  out names from IDs), ``PR_ListEntry``, ``PR_IDToName`` (owner and creator), and
  ``PR_NameToID`` and ``PR_IsAMemberOf`` to see whether the entry is an administrator.
  ``pts membership`` calls ``PR_ListElements``; ``-supergroups`` adds
  ``PR_ListSuperGroups``, which the example lacks (``RXGEN_OPCODE``): pts then skips it.
"""

from __future__ import annotations

import errno
import importlib.util
import ipaddress
import random
import re
import signal
import socket
import subprocess
import sys
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs
import pytest
import trio
from test_cli import environment
from test_openafs_localauth_tool import (
    KVNO,
    ToolRun,
    des_key,
    find_tool,
    run_tool,
    write_key_files,
)

import trio_rxrpc as rx
from trio_rxrpc import rpc
from trio_rxrpc.afs import pt, vl

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
    from types import ModuleType

pytestmark = pytest.mark.interop

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _load(name: str) -> ModuleType:
    """Import ``examples/<name>.py`` as the top-level module ``name`` (as running it would)."""
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


if TYPE_CHECKING:
    import pt_server
    import vl_server
else:
    _load("example_cli")  # first: both examples import it
    vl_server = _load("vl_server")
    pt_server = _load("pt_server")

PT_PORT: Final = 7002
VL_PORT: Final = 7003
VOLSERVER_PORT: Final = 7005
CELL: Final = "example.test"
ELSEWHERE: Final = ipaddress.IPv4Address("198.51.100.7")
"""A file server address (TEST-NET-2) that ``vos listvldb -server`` can name; never called."""
PARTITIONS: Final = "abcdefghijklmnopqrstuvwxyz"


@pytest.fixture(scope="session")
def pts() -> Path:
    return find_tool("pts")


@pytest.fixture(scope="session")
def vos() -> Path:
    return find_tool("vos")


# -------------------------------------------------------------------- servers, config


def loopback_candidates(first: str) -> Iterator[str]:
    """``first``, then random loopback addresses (never 127.0.0.1, the OpenAFS cell's)."""
    yield first
    rng = random.Random()
    for _ in range(16):
        yield f"127.{rng.randrange(1, 256)}.{rng.randrange(256)}.{rng.randrange(2, 255)}"


def free_loopback(port: int, first: str) -> str:
    """A loopback address whose UDP ``port`` nobody holds (as far as a bind can tell)."""
    for host in loopback_candidates(first):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.bind((host, port))
            except OSError as exc:
                if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL):
                    raise
                continue
            return host
    raise RuntimeError(f"no loopback address has UDP port {port} free")


def write_config(directory: Path, host: str) -> Path:
    """``ThisCell`` and ``CellServDB`` for a cell whose one database server is ``host``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "ThisCell").write_text(f"{CELL}\n")
    (directory / "CellServDB").write_text(f">{CELL}\t#example servers\n{host}\t#ours\n")
    return directory


def record_calls(service: rpc.Service) -> list[str]:
    """Make ``service`` note the name of each procedure it is asked to run, implemented or
    not, in the list returned."""
    called: list[str] = []
    for proc in service.PROCEDURES.values():
        method: Callable[[object, *tuple[object, ...]], Awaitable[object]] = getattr(
            service, proc.name)

        async def noting(call: object, *args: object,
                         _method: Callable[[object, *tuple[object, ...]], Awaitable[object]]
                         = method, _name: str = proc.name) -> object:
            called.append(_name)
            return await _method(call, *args)

        setattr(service, proc.name, noting)  # the instance's attribute hides the class's
    return called


def implemented(service: rpc.Service, name: str) -> bool:
    """Whether the service overrides the generated class's method for procedure ``name``."""
    base = next(cls for cls in type(service).__mro__ if cls.__module__.startswith("trio_rxrpc"))
    return getattr(type(service), name) is not getattr(base, name)


@asynccontextmanager
async def serving(service: rpc.Service, service_id: int, port: int) -> AsyncIterator[str]:
    """Serve ``service`` on ``port`` of a free loopback address; yield that address."""
    async with AsyncExitStack() as stack:
        for host in loopback_candidates("127.0.0.2"):
            try:
                ep = await stack.enter_async_context(rx.open_endpoint((host, port)))
            except OSError as exc:
                if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL):
                    raise
                continue
            break
        else:
            raise RuntimeError(f"no loopback address has UDP port {port} free")
        sock = ep.socket()
        sock.listen([service_id])
        nursery = await stack.enter_async_context(trio.open_nursery())
        await nursery.start(service.serve, sock)
        yield host
        nursery.cancel_scope.cancel()


# ------------------------------------------------------------------------ vos output


@attrs.frozen
class VldbEntry:
    """A VLDB entry as vos prints it."""

    name: str
    ids: dict[str, int]
    """``RWrite``, ``ROnly``, ``Backup``: the IDs of the volumes that exist."""
    sites: list[tuple[str, str, str]]
    """``(server, partition, "RW" or "RO")``."""


ENTRY = re.compile(r"^(\S+) \n    (.*) \n    number of sites -> (\d+)\n((?:       server .*\n)*)",
                   re.MULTILINE)
SITE = re.compile(r"^       server (\S+) partition (\S+) (RW|RO) Site $", re.MULTILINE)


def printed_entries(text: str) -> list[VldbEntry]:
    entries = []
    for name, ids, count, sites in ENTRY.findall(text):
        parsed = VldbEntry(name, {kind: int(n) for kind, n in re.findall(r"(\w+): (\d+)", ids)},
                           SITE.findall(sites))
        assert len(parsed.sites) == int(count), text
        entries.append(parsed)
    return entries


def held(volume: vl_server.Volume) -> VldbEntry:
    """What vos should print for a volume the server holds."""
    ids = {"RWrite": volume.rw_id}
    if any(site.flags == vl.VLSF_ROVOL for site in volume.sites):
        ids["ROnly"] = volume.rw_id + 1
    if volume.backup:
        ids["Backup"] = volume.rw_id + 2
    sites = [(str(site.server), f"/vicep{PARTITIONS[site.partition]}",
              "RW" if site.flags == vl.VLSF_RWVOL else "RO") for site in volume.sites]
    return VldbEntry(volume.name, ids, sites)


@pytest.fixture
def vldb() -> list[vl_server.Volume]:
    """The example's sample VLDB: most sites on a loopback address where no volume server
    runs, some at :data:`ELSEWHERE`."""
    silent = ipaddress.IPv4Address(free_loopback(VOLSERVER_PORT, "127.0.0.3"))
    return vl_server.sample_vldb([silent, ELSEWHERE])


async def run_vos(vos: Path, tmp_path: Path, volumes: list[vl_server.Volume],
                  *argv: str) -> tuple[ToolRun, list[str]]:
    """Run ``vos ARGV -noauth -noresolve`` against the example serving ``volumes``; return
    what it printed and the procedures it called."""
    server = vl_server.VLServer(volumes)
    called = record_calls(server)
    async with serving(server, vl.SERVICE_ID, VL_PORT) as host:
        result = await run_tool(vos, *argv, "-noauth", "-noresolve",
                                "-config", write_config(tmp_path, host))
    for name in called:
        assert implemented(server, name), f"vos called {name}, which the example lacks"
    return result, called


# ----------------------------------------------------------------------- vos listvldb


async def test_vos_listvldb(vos: Path, tmp_path: Path, vldb: list[vl_server.Volume]) -> None:
    result, called = await run_vos(vos, tmp_path, vldb, "listvldb")
    assert (result.status, result.stderr) == (0, "")
    assert result.stdout.startswith("VLDB entries for all servers \n")
    assert result.stdout.endswith(f"\nTotal entries: {len(vldb)}\n")
    by_name = sorted(vldb, key=lambda volume: volume.name)  # vos sorts them
    assert printed_entries(result.stdout) == [held(volume) for volume in by_name]
    assert called == ["ListAttributesN2"]


@pytest.mark.parametrize("partition", [None, "b"])
async def test_vos_listvldb_of_one_server(vos: Path, tmp_path: Path,
                                          vldb: list[vl_server.Volume],
                                          partition: str | None) -> None:
    """The VLLIST_SERVER (and VLLIST_PARTITION) filter: volumes with a site that matches."""
    where = ["-server", str(ELSEWHERE)] + (["-partition", partition] if partition else [])
    result, called = await run_vos(vos, tmp_path, vldb, "listvldb", *where)
    assert (result.status, result.stderr) == (0, "")
    expected = sorted(
        (volume for volume in vldb
         if any(site.server == ELSEWHERE
                and (partition is None or PARTITIONS[site.partition] == partition)
                for site in volume.sites)),
        key=lambda volume: volume.name)
    assert len(expected) == (1 if partition else 3)  # the sample is as the test expects
    assert printed_entries(result.stdout) == [held(volume) for volume in expected]
    assert result.stdout.endswith(f"\nTotal entries: {len(expected)}\n")
    assert called == ["ListAttributesN2"]


@pytest.mark.parametrize("name", ["root.cell", "root.cell.readonly", "root.cell.backup",
                                  "536870915", "536870916", "536870917"])
async def test_vos_listvldb_name(vos: Path, tmp_path: Path, vldb: list[vl_server.Volume],
                                 name: str) -> None:
    """A name, with or without a suffix, or any of the three volume IDs finds the entry."""
    result, called = await run_vos(vos, tmp_path, vldb, "listvldb", "-name", name)
    assert (result.status, result.stderr) == (0, "")
    root_cell = next(volume for volume in vldb if volume.name == "root.cell")
    assert root_cell.rw_id == 536870915
    assert printed_entries(result.stdout) == [held(root_cell)]
    assert called == ["GetEntryByNameN"]


async def test_vos_listvldb_unknown_name(vos: Path, tmp_path: Path,
                                         vldb: list[vl_server.Volume]) -> None:
    result, called = await run_vos(vos, tmp_path, vldb, "listvldb", "-name", "no.such.volume")
    assert (result.status, result.stdout, result.stderr) == (1, "", "VLDB: no such entry\n")
    assert called == ["GetEntryByNameN"]


# ------------------------------------------------------------------------ vos examine


@pytest.mark.parametrize("name", ["root.afs", "root.afs.readonly", "536870912"])
async def test_vos_examine_prints_the_vldb_part(vos: Path, tmp_path: Path,
                                                vldb: list[vl_server.Volume],
                                                name: str) -> None:
    """No volume server answers at the volume's site, so vos prints the VLDB entry alone."""
    root_afs = vldb[0]
    assert root_afs.name == "root.afs"
    assert {site.server for site in root_afs.sites} != {ELSEWHERE}  # the silent loopback
    with trio.fail_after(30):
        result, called = await run_vos(vos, tmp_path, vldb, "examine", name)
    assert result.status == 255
    assert printed_entries(result.stdout) == [held(root_afs)]
    assert result.stderr.startswith("Could not fetch the information about volume ")
    assert result.stderr.endswith("Dump only information from VLDB\n\n")
    # Given a number, vos takes it for the volume ID without asking the server.
    assert called == [*([] if name.isdigit() else ["GetEntryByNameN"]), "GetEntryByIDN"]


async def test_vos_examine_unknown_volume(vos: Path, tmp_path: Path,
                                          vldb: list[vl_server.Volume]) -> None:
    result, called = await run_vos(vos, tmp_path, vldb, "examine", "no.such.volume")
    assert (result.status, result.stdout, result.stderr) == (255, "", "VLDB: no such entry\n")
    assert called == ["GetEntryByNameN"]


# ----------------------------------------------------------------------- pts commands


async def run_pts(pts: Path, tmp_path: Path, *argv: str) -> tuple[ToolRun, list[str]]:
    """Run ``pts ARGV -noauth`` against the example's sample database; return what it
    printed and the procedures it called."""
    server = pt_server.PTServer(pt_server.SAMPLE_DATABASE)
    called = record_calls(server)
    async with serving(server, pt.SERVICE_ID, PT_PORT) as host:
        result = await run_tool(pts, *argv, "-noauth", "-config", write_config(tmp_path, host))
    return result, called


DATABASE = pt_server.PTServer(pt_server.SAMPLE_DATABASE)
"""The sample database, to compare the tools' output with."""
EXAMINED = re.compile(r"Name: (.*), id: (-?\d+), owner: (.*), creator: (.*),\n"
                      r"  membership: (\d+), flags: (\S+), group quota: (\w+)\.\n")


def name_of(entry_id: int) -> str:
    return DATABASE.by_id[entry_id].name


@pytest.mark.parametrize("who", ["alice", "bob", "staff", "alice:friends", "admin",
                                 "system:administrators", "1003", "-206"])
async def test_pts_examine(pts: Path, tmp_path: Path, who: str) -> None:
    result, called = await run_pts(pts, tmp_path, "examine", who)
    assert (result.status, result.stderr) == (0, "")
    match = EXAMINED.fullmatch(result.stdout)
    assert match is not None, result.stdout
    name, entry_id, owner, creator, membership, flags, quota = match.groups()
    entry = DATABASE.by_id[int(entry_id)]
    assert who in (entry.name, entry_id)
    assert (name, owner, creator) == (entry.name, name_of(entry.owner), name_of(entry.creator))
    assert int(membership) == len(DATABASE.membership(entry))
    group = entry.id < 0
    assert flags == ("S-M--" if group else "S----")
    administrator = entry.id == pt_server.SYSADMINID or entry.id in DATABASE.by_id[
        pt_server.SYSADMINID].members
    assert quota == ("unlimited" if administrator else "0" if group else "20")
    for procedure in called:
        assert implemented(DATABASE, procedure), procedure
    if who == "alice":
        assert called == ["NameToID", "NameToID", "IDToName", "ListEntry", "IDToName",
                          "NameToID", "IsAMemberOf"]


@pytest.mark.parametrize("who", ["nosuchuser", "anonymous"])
async def test_pts_examine_unknown_name(pts: Path, tmp_path: Path, who: str) -> None:
    """An unknown name is the anonymous ID to PR_NameToID, which pts takes for "no such
    entry": so pts cannot name anonymous, with this server as with OpenAFS's."""
    result, _ = await run_pts(pts, tmp_path, "examine", who)
    assert (result.status, result.stdout) == (1, "")
    assert result.stderr == (
        f"{pts}: User or group doesn't exist so couldn't look up id for {who}\n")


@pytest.mark.parametrize("who", ["staff", "alice:friends", "system:administrators",
                                 "alice", "bob", "carol"])
async def test_pts_membership(pts: Path, tmp_path: Path, who: str) -> None:
    result, called = await run_pts(pts, tmp_path, "membership", who)
    assert (result.status, result.stderr) == (0, "")
    entry = DATABASE.by_name[who]
    head, *lines = result.stdout.splitlines()
    if entry.id < 0:
        assert head == f"Members of {who} (id: {entry.id}) are:"
    else:
        assert head == f"Groups {who} (id: {entry.id}) is a member of:"
    assert lines == [f"  {name_of(member)}" for member in DATABASE.membership(entry)]
    assert called == ["NameToID", "NameToID", "IDToName", "ListElements", "IDToName"]


async def test_pts_membership_supergroups_are_skipped(pts: Path, tmp_path: Path) -> None:
    """PR_ListSuperGroups aborts with RXGEN_OPCODE; pts takes it for a server without them."""
    result, called = await run_pts(pts, tmp_path, "membership", "staff", "-supergroups")
    assert (result.status, result.stderr) == (0, "")
    assert result.stdout == "Members of staff (id: -205) are:\n  alice\n  bob\n  carol\n"
    assert called[-1] == "ListSuperGroups"
    assert not implemented(DATABASE, "ListSuperGroups")


@pytest.mark.parametrize(("flags", "kinds"), [
    ((), {"user"}), (("-users",), {"user"}), (("-groups",), {"group"}),
    (("-users", "-groups"), {"user", "group"}),
])
async def test_pts_listentries(pts: Path, tmp_path: Path, flags: tuple[str, ...],
                               kinds: set[str]) -> None:
    result, called = await run_pts(pts, tmp_path, "listentries", *flags)
    assert (result.status, result.stderr) == (0, "")
    head, *lines = result.stdout.splitlines()
    assert head.split() == ["Name", "ID", "Owner", "Creator"]
    listed = [(name, int(i), int(owner), int(creator))
              for name, i, owner, creator in (line.split() for line in lines)]
    assert listed == [(entry.name, entry.id, entry.owner, entry.creator)
                      for entry in DATABASE.entries
                      if ("group" if entry.id < 0 else "user") in kinds]
    assert called == ["ListEntries"]


async def test_pts_listowned_and_listmax(pts: Path, tmp_path: Path) -> None:
    owned, called = await run_pts(pts, tmp_path, "listowned", "alice")
    assert (owned.status, owned.stderr) == (0, "")
    assert owned.stdout == "Groups owned by alice (id: 1001) are:\n  alice:friends\n"
    assert called[-2:] == ["ListOwned", "IDToName"]
    maximum, called = await run_pts(pts, tmp_path, "listmax")
    assert (maximum.status, maximum.stderr) == (0, "")
    assert maximum.stdout == "Max user id is 1003 and max group id is -206.\n"
    assert called == ["ListMax", "ListMax"]


# --------------------------------------------------------------- the programs, -localauth


@attrs.define
class Program:
    """An example program running in a process of its own, serving on ``host``."""

    proc: trio.Process
    host: str
    output: bytes = b""

    async def stop(self) -> tuple[int, list[str]]:
        """Send SIGTERM; return the exit status and every line the program printed."""
        assert self.proc.stdout is not None
        self.proc.send_signal(signal.SIGTERM)
        with trio.fail_after(30):
            while chunk := await self.proc.stdout.receive_some():
                self.output += chunk
            status = await self.proc.wait()
        return status, self.output.decode().splitlines()


@asynccontextmanager
async def program(name: str, port: int, *argv: str) -> AsyncIterator[Program]:
    """``python examples/NAME.py --address HOST ARGV`` on a loopback address whose ``port``
    is free, once it has printed its first line (killed on the way out if still running)."""
    host = free_loopback(port, "127.0.0.2")
    command = [sys.executable, str(EXAMPLES / f"{name}.py"), "--address", host, *argv]
    proc = await trio.lowlevel.open_process(command, env=environment(), stdin=subprocess.DEVNULL,
                                            stdout=subprocess.PIPE)
    try:
        running = Program(proc, host)
        assert proc.stdout is not None
        with trio.fail_after(30):
            while b"\n" not in running.output:
                chunk = await proc.stdout.receive_some()
                assert chunk, f"{name} exited at once with status {await proc.wait()}"
                running.output += chunk
        yield running
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        if proc.stdout is not None:
            await proc.stdout.aclose()


@pytest.mark.parametrize("encrypt", [False, True], ids=["clear", "crypt"])
async def test_vl_server_program_with_localauth(vos: Path, tmp_path: Path,
                                                encrypt: bool) -> None:
    """The program as a user runs it, with ``--keys``: ``vos -localauth`` (rxkad at level
    clear, or crypt with ``-encrypt``) reads its VLDB; SIGTERM stops it."""
    keys = write_key_files(tmp_path, des_keys={KVNO: des_key()})
    site = free_loopback(VOLSERVER_PORT, "127.0.0.3")
    security = ["-localauth", *(["-encrypt"] if encrypt else [])]
    async with program("vl_server", VL_PORT, "--fileserver", site, "--keys", str(keys)) as run:
        config = write_config(tmp_path, run.host)
        listed = await run_tool(vos, "listvldb", *security, "-noresolve", "-config", config)
        examined = await run_tool(vos, "examine", "root.cell", *security, "-noresolve",
                                  "-config", config)
        status, lines = await run.stop()
    expected = {volume.name: held(volume)
                for volume in vl_server.sample_vldb([ipaddress.IPv4Address(site)])}
    assert (listed.status, listed.stderr) == (0, "")
    assert printed_entries(listed.stdout) == [expected[name] for name in sorted(expected)]
    assert examined.status == 255
    assert printed_entries(examined.stdout) == [expected["root.cell"]]
    assert examined.stderr.endswith("Dump only information from VLDB\n\n")
    assert status == 0
    assert lines == [f"vlserver listening on {run.host}:{VL_PORT} with 4 volumes "
                     "(Ctrl-C stops it)", "stopped"]


async def test_pt_server_program_with_localauth(pts: Path, tmp_path: Path) -> None:
    """``pts -localauth`` (rxkad crypt) examines an entry of the program's database."""
    keys = write_key_files(tmp_path, des_keys={KVNO: des_key()})
    async with program("pt_server", PT_PORT, "--keys", str(keys)) as run:
        examined = await run_tool(pts, "examine", "carol", "-localauth",
                                  "-config", write_config(tmp_path, run.host))
        status, lines = await run.stop()
    assert (examined.status, examined.stderr) == (0, "")
    assert examined.stdout == ("Name: carol, id: 1003, owner: system:administrators, "
                               "creator: admin,\n  membership: 1, flags: S----, "
                               "group quota: 20.\n")
    assert status == 0
    assert lines == [f"ptserver listening on {run.host}:{PT_PORT} with 10 users and groups "
                     "(Ctrl-C stops it)", "stopped"]
