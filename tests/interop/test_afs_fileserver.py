"""The generated ``fs`` client against the OpenAFS cell's real file server.

A file server does not answer a client it does not know yet: before the first reply it calls
the client back on the client's own address (service 1, the cache manager's RXAFSCB) to learn
who it is.  So every test here serves a small :class:`cb.Service` on the endpoint its client
calls from; it answers just what a file server asks a new client.
"""

from __future__ import annotations

import struct
import time
import uuid
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc.afs import cb, fs, vice_errors
from trio_rxrpc.rpc import abort

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Sequence

    from conftest import CellEnv

DIR_PAGE_TAG = 1234
"""The tag in every AFS directory page header (bytes 2 and 3)."""


def _uuid() -> cb.afsUUID:
    u = uuid.uuid4()
    return cb.afsUUID(u.time_low, u.time_mid, u.time_hi_version, u.clock_seq_hi_variant,
                      u.clock_seq_low, u.bytes[10:])


class _NewClient(cb.Service):
    """Answers the callback calls a file server makes to a client it meets for the first time."""

    def __init__(self) -> None:
        self.uuid = _uuid()
        self.calls: list[str] = []

    def _me(self) -> cb.interfaceAddr:
        return cb.interfaceAddr(numberOfInterfaces=0, uuid=self.uuid)

    async def TellMeAboutYourself(self, call: rx.Call) -> cb.TellMeAboutYourselfResult:
        self.calls.append("TellMeAboutYourself")
        # No CLIENT_CAPABILITY_ERRORTRANS: the server then aborts with errno values, not uae codes
        return cb.TellMeAboutYourselfResult(self._me(), ())

    async def WhoAreYou(self, call: rx.Call) -> cb.interfaceAddr:
        self.calls.append("WhoAreYou")
        return self._me()

    async def InitCallBackState(self, call: rx.Call) -> None:
        self.calls.append("InitCallBackState")

    async def InitCallBackState3(self, call: rx.Call, serverUuid: cb.afsUUID) -> None:
        self.calls.append("InitCallBackState3")

    async def ProbeUuid(self, call: rx.Call, clientUuid: cb.afsUUID) -> None:
        self.calls.append("ProbeUuid")
        if clientUuid != self.uuid:
            raise abort(1)

    async def Probe(self, call: rx.Call) -> None:
        self.calls.append("Probe")

    async def CallBack(self, call: rx.Call, Fids_Array: Sequence[cb.AFSFid],
                       CallBacks_Array: Sequence[cb.AFSCallBack]) -> None:
        self.calls.append("CallBack")


class _Session:
    def __init__(self, client: fs.Client, callbacks: _NewClient, root: fs.AFSFid) -> None:
        self.client = client
        self.callbacks = callbacks
        self.root = root


@asynccontextmanager
async def _session(cell: CellEnv) -> AsyncIterator[_Session]:
    callbacks = _NewClient()
    async with rx.open_endpoint(("127.0.0.1", 0)) as endpoint, trio.open_nursery() as nursery:
        sock = endpoint.socket()
        sock.listen([cb.Service.SERVICE_ID])
        await nursery.start(callbacks.serve, sock)
        client = fs.Client(endpoint.socket(), cell.address("fs"))
        root = fs.AFSFid(int(cell["AFS_VOLID_ROOT_CELL"]), 1, 1)
        yield _Session(client, callbacks, root)
        nursery.cancel_scope.cancel()


async def test_capabilities_time_and_root_status(openafs_cell_noauth: CellEnv) -> None:
    with trio.fail_after(30):
        async with _session(openafs_cell_noauth) as session:
            capabilities = await session.client.GetCapabilities()
            assert capabilities
            assert capabilities[0] & fs.VICED_CAPABILITY_64BITFILES
            # the file server answers only once it has asked our callback service about us
            # (OpenAFS 1.8: TellMeAboutYourself, then InitCallBackState3)
            assert session.callbacks.calls[0] == "TellMeAboutYourself"

            clock = await session.client.GetTime()
            assert abs(clock.Seconds - time.time()) < 60
            assert 0 <= clock.USeconds < 1_000_000

            status, callback, _ = await session.client.FetchStatus(session.root)
            assert status.FileType == fs.Directory
            assert status.InterfaceVersion == 1
            assert status.Length > 0
            assert status.LinkCount >= 2
            assert callback.CallBackType in (fs.CB_EXCLUSIVE, fs.CB_SHARED)
            assert status.CallerAccess & fs.PRSFS_LOOKUP


async def test_fetch_data64_of_the_root_directory(openafs_cell_noauth: CellEnv) -> None:
    with trio.fail_after(30):
        async with _session(openafs_cell_noauth) as session:
            status, _, _ = await session.client.FetchStatus(session.root)
            length = status.Length | status.Length_hi << 32
            async with session.client.FetchData64(session.root, 0, length) as stream:
                (sent,) = struct.unpack(">q", await stream.receive_exactly(8))
                data = await stream.receive_exactly(sent)
                result = await stream.finish()
            assert sent == length == len(data)
            assert result.OutStatus.FileType == fs.Directory
            assert result.OutStatus.DataVersion == status.DataVersion
            # every 2 KiB page of an AFS directory starts with a header tagged 1234
            assert length % 2048 == 0
            for page in range(0, length, 2048):
                assert struct.unpack_from(">H", data, page + 2)[0] == DIR_PAGE_TAG


async def test_the_file_server_errors_are_named(openafs_cell_noauth: CellEnv) -> None:
    with trio.fail_after(30):
        async with _session(openafs_cell_noauth) as session:
            volume = session.root.Volume
            with pytest.raises(vice_errors.VNOVNODE):
                await session.client.FetchStatus(fs.AFSFid(volume, 99, 99))
            with pytest.raises(vice_errors.VNOVOL) as missing:
                await session.client.FetchStatus(fs.AFSFid(volume + 1000, 1, 1))
            assert rx.abort_code_name(missing.value.abort_code or 0) == "VNOVOL"
            # an obsolete call: the server's own number for "operation not supported"
            with pytest.raises(vice_errors.FSERR_EOPNOTSUPP):
                await session.client.GetRootVolume()


async def test_create_store_and_fetch_back_a_file(openafs_cell_noauth: CellEnv) -> None:
    """The cell's root.cell lets anyone write (system:anyuser has rlidwk) without tokens."""
    content = bytes(range(256)) * 41 + b"tail"
    name = f"fs-test-{uuid.uuid4().hex[:12]}"
    with trio.fail_after(30):
        async with _session(openafs_cell_noauth) as session:
            client = session.client
            created = await client.CreateFile(
                session.root, name, fs.AFSStoreStatus(Mask=fs.AFS_SETMODE, UnixModeBits=0o644))
            fid = created.OutFid
            assert created.OutFidStatus.FileType == fs.File
            assert created.OutFidStatus.Length == 0
            assert created.OutFidStatus.UnixModeBits & 0o777 == 0o644
            async with client.StoreData64(fid, fs.AFSStoreStatus(), 0, len(content),
                                          len(content)) as upload:
                await upload.send_all(content)
                stored = await upload.finish()
            assert stored.OutStatus.Length == len(content)
            assert stored.OutStatus.DataVersion == created.OutFidStatus.DataVersion + 1

            async with client.FetchData64(fid, 5, 100) as download:
                (sent,) = struct.unpack(">q", await download.receive_exactly(8))
                part = await download.receive_exactly(sent)
                await download.finish()
            assert part == content[5:105]

            looked_up = await client.InlineBulkStatus([fid, fs.AFSFid(fid.Volume, 9999, 1)])
            assert looked_up.StatArray[0].Length == len(content)
            assert looked_up.StatArray[1].errorCode == vice_errors.VNOVNODE.code

            with pytest.raises(vice_errors.EEXIST):
                await client.CreateFile(session.root, name, fs.AFSStoreStatus())
            removed = await client.RemoveFile(session.root, name)
            assert removed.OutStatus.FileType == fs.Directory
            with pytest.raises(vice_errors.ENOENT):
                await client.RemoveFile(session.root, name)
