"""The example VL and PT servers (examples/vl_server.py, pt_server.py) called with the
generated clients, in process over loopback UDP: the answers OpenAFS's tools never ask for
(filters, bad arguments, unknown entries, procedures the examples lack).

tests/interop/test_example_servers.py runs OpenAFS's ``vos`` and ``pts`` against them.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import sys
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc import rpc
from trio_rxrpc.afs import errors, pt, vl

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from types import ModuleType

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RXGEN_OPCODE = -455


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

FILESERVERS = [ipaddress.IPv4Address("127.0.0.3"), ipaddress.IPv4Address("192.0.2.200")]
"""The second is above 2**31 as a number: the VLDB's signed ``afs_int32`` must carry it."""


@asynccontextmanager
async def serving(service: rpc.Service,
                  service_id: int) -> AsyncIterator[tuple[rx.BoundSocket, tuple[str, int]]]:
    """Serve ``service`` on a free port; yield a client socket and the server's address."""
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as server_ep, \
                rx.open_endpoint(("127.0.0.1", 0)) as client_ep, trio.open_nursery() as nursery:
            sock = server_ep.socket()
            sock.listen([service_id])
            await nursery.start(service.serve, sock)
            yield client_ep.socket(), ("127.0.0.1", server_ep.address[1])
            nursery.cancel_scope.cancel()


@asynccontextmanager
async def vl_client() -> AsyncIterator[vl.Client]:
    server = vl_server.VLServer(vl_server.sample_vldb(FILESERVERS))
    async with serving(server, vl.SERVICE_ID) as (sock, address):
        yield vl.Client(sock, address)


@asynccontextmanager
async def pt_client() -> AsyncIterator[pt.Client]:
    server = pt_server.PTServer(pt_server.SAMPLE_DATABASE)
    async with serving(server, pt.SERVICE_ID) as (sock, address):
        yield pt.Client(sock, address)


def attributes(mask: int = 0, *, server: int = 0, partition: int = 0, volumeid: int = 0,
               flag: int = 0) -> vl.VldbListByAttributes:
    return vl.VldbListByAttributes(mask, server, partition, 0, volumeid, flag)


def signed(address: ipaddress.IPv4Address) -> int:
    return int.from_bytes(address.packed, "big", signed=True)


# ------------------------------------------------------------------------------- VL


async def test_list_everything() -> None:
    async with vl_client() as client:
        listed = await client.ListAttributesN2(attributes(), "", 0)
    assert listed.nentries == len(listed.blkentries) == 4
    assert listed.nextstartindex == -1
    assert [entry.name for entry in listed.blkentries] == [
        "root.afs", "root.cell", "user.alice", "scratch"]
    assert [entry.matchindex for entry in listed.blkentries] == [0, 1, 2, 3]
    root_cell = listed.blkentries[1]
    assert root_cell.nServers == 3
    assert tuple(root_cell.serverNumber) == (
        signed(FILESERVERS[0]), signed(FILESERVERS[0]), signed(FILESERVERS[1]), *[0] * 10)
    assert signed(FILESERVERS[1]) < 0
    assert tuple(root_cell.serverFlags[:3]) == (vl.VLSF_RWVOL, vl.VLSF_ROVOL, vl.VLSF_ROVOL)
    assert tuple(root_cell.volumeId) == (536870915, 536870916, 536870917)
    assert root_cell.flags == vl.VLF_RWEXISTS | vl.VLF_ROEXISTS | vl.VLF_BACKEXISTS
    assert listed.blkentries[3].flags == vl.VLF_RWEXISTS


@pytest.mark.parametrize(("query", "names"), [
    (attributes(vl.VLLIST_SERVER, server=signed(FILESERVERS[1])),
     ["root.cell", "user.alice", "scratch"]),
    (attributes(vl.VLLIST_SERVER | vl.VLLIST_PARTITION, server=signed(FILESERVERS[1]),
                partition=2), ["scratch"]),
    (attributes(vl.VLLIST_SERVER | vl.VLLIST_PARTITION, server=signed(FILESERVERS[0]),
                partition=2), []),  # partition 2 is on the other server
    (attributes(vl.VLLIST_PARTITION, partition=0), ["root.afs", "root.cell"]),
    (attributes(vl.VLLIST_VOLUMEID, volumeid=536870920), ["user.alice"]),
    (attributes(vl.VLLIST_FLAG, flag=vl.VLOP_ALLOPERS), []),  # nothing is locked
])
async def test_list_with_a_filter(query: vl.VldbListByAttributes, names: list[str]) -> None:
    async with vl_client() as client:
        listed = await client.ListAttributesN2(query, "", 0)
    assert [entry.name for entry in listed.blkentries] == names


async def test_list_by_name_and_from_an_index() -> None:
    async with vl_client() as client:
        named = await client.ListAttributesN2(attributes(), "scratch", 0)
        later = await client.ListAttributesN2(attributes(), "", 2)
    assert [entry.name for entry in named.blkentries] == ["scratch"]
    assert [entry.name for entry in later.blkentries] == ["user.alice", "scratch"]


async def test_entries_by_id_and_type() -> None:
    async with vl_client() as client:
        assert (await client.GetEntryByIDN(536870917, -1)).name == "root.cell"
        assert (await client.GetEntryByIDN(536870917, vl_server.BACKVOL)).name == "root.cell"
        with pytest.raises(errors.VL_NOENT):
            await client.GetEntryByIDN(536870917, vl_server.ROVOL)  # that is the backup's
        with pytest.raises(errors.VL_BADVOLTYPE):
            await client.GetEntryByIDN(536870915, 3)
        assert (await client.GetEntryByNameN("user.alice.backup")).name == "user.alice"
        with pytest.raises(errors.VL_NOENT):
            await client.GetEntryByNameN("user")


async def test_what_the_vl_example_lacks_is_rxgen_opcode() -> None:
    async with vl_client() as client:
        with pytest.raises(rx.RemoteAbort) as info:
            await client.GetNewVolumeId(1)
    assert info.value.abort_code == RXGEN_OPCODE


# ------------------------------------------------------------------------------- PT


async def test_names_and_ids() -> None:
    async with pt_client() as client:
        assert await client.NameToID(["alice", "nobody", "staff"]) == (
            1001, pt_server.ANONYMOUSID, -205)
        assert await client.IDToName([1002, 4242, -206]) == ("bob", "4242", "alice:friends")
        assert await client.NameToID([]) == ()


async def test_entries() -> None:
    async with pt_client() as client:
        staff = await client.ListEntry(-205)
        bob = await client.ListEntry(1002)
        with pytest.raises(errors.PRNOENT):
            await client.ListEntry(4242)
    assert (staff.name, staff.owner, staff.creator, staff.count) == ("staff", 1, 1, 3)
    assert (staff.flags, staff.ngroups) == (pt_server.GROUP_FLAGS, 0)
    assert (bob.name, bob.count, bob.flags, bob.ngroups) == (
        "bob", 2, pt_server.USER_FLAGS, pt_server.GROUP_QUOTA)


async def test_membership() -> None:
    async with pt_client() as client:
        assert await client.IsAMemberOf(1002, -206) == 1
        assert await client.IsAMemberOf(1001, -206) == 0
        assert await client.IsAMemberOf(1001, pt_server.AUTHUSERID) == 1
        assert await client.IsAMemberOf(pt_server.ANONYMOUSID, pt_server.AUTHUSERID) == 0
        assert await client.IsAMemberOf(pt_server.ANONYMOUSID, pt_server.ANYUSERID) == 1
        with pytest.raises(errors.PRNOENT):
            await client.IsAMemberOf(4242, -205)
        assert await client.ListElements(1002) == pt.ListElementsResult((-205, -206), 0)
        assert await client.ListElements(-205) == pt.ListElementsResult((1001, 1002, 1003), 0)


async def test_listings() -> None:
    async with pt_client() as client:
        users = await client.ListEntries(pt_server.PRUSERS, 0)
        groups = await client.ListEntries(pt_server.PRGROUPS, 0)
        later = await client.ListEntries(pt_server.PRUSERS | pt_server.PRGROUPS, 8)
        assert await client.ListOwned(1, 0) == pt.ListOwnedResult((-205,), 0)
        assert await client.ListOwned(0, 0) == pt.ListOwnedResult((), 0)
        assert await client.ListMax() == pt.ListMaxResult(1003, -206)
    assert [entry.name for entry in users.bulkentries] == [
        "anonymous", "admin", "alice", "bob", "carol"]
    assert all(entry.id < 0 for entry in groups.bulkentries)
    assert len(groups.bulkentries) == 5
    assert [entry.name for entry in later.bulkentries] == ["staff", "alice:friends"]
    assert users.nextstartindex == groups.nextstartindex == later.nextstartindex == -1


async def test_what_the_pt_example_lacks_is_rxgen_opcode() -> None:
    async with pt_client() as client:
        with pytest.raises(rx.RemoteAbort) as info:
            await client.NewEntry("dave", 0, 0)
    assert info.value.abort_code == RXGEN_OPCODE
