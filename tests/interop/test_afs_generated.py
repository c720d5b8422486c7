"""The generated AFS clients against the OpenAFS cell's real vlserver and ptserver.

The hand-written decoders of ``tests/interop/afsrpc.py`` are the independent reference for
two replies; the typed errors come from the servers' own abort codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import trio
from afsrpc import (
    ANONYMOUSID,
    decode_list_attributes_n2_reply,
    encode_list_attributes_n2_request,
)

import trio_rxrpc as rx
from trio_rxrpc.afs import errors, pt, vl

if TYPE_CHECKING:
    from conftest import CellEnv


async def test_name_to_id_and_back(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            client = pt.Client(ep.socket(), cell.address("pt"))
            ids = await client.NameToID(["admin", "user1", "nosuchuser"])
            assert ids == (1, 2, ANONYMOUSID)
            names = await client.IDToName([1, 2])
            assert names == ("admin", "user1")


async def test_an_unknown_id_raises_the_typed_error(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            client = pt.Client(ep.socket(), cell.address("pt"))
            with pytest.raises(errors.PRNOENT) as info:
                await client.ListEntry(123456)
    exc = info.value
    assert isinstance(exc, rx.RemoteAbort)
    assert exc.abort_code == errors.PRNOENT.code == 267268
    assert rx.abort_code_name(267268) == "PRNOENT"
    assert "User or group doesn't exist" in str(exc)


async def test_list_attributes_matches_the_hand_decoder(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            client = vl.Client(sock, cell.address("vl"))
            typed = await client.ListAttributesN2(vl.VldbListByAttributes(0, 0, 0, 0, 0, 0), "", 0)
            async with sock.call(cell.address("vl"), 52) as call:
                await call.send_all(encode_list_attributes_n2_request())
                reference = decode_list_attributes_n2_reply(await call.receive_all())
    assert typed.nentries == len(typed.blkentries) == len(reference.entries) >= 3
    for entry, ref in zip(typed.blkentries, reference.entries, strict=True):
        assert entry.name == ref.name
        assert tuple(entry.volumeId) == tuple(ref.volume_ids)
    assert typed.nextstartindex == reference.next_start_index


async def test_a_missing_volume_raises_vl_noent(openafs_cell_noauth: CellEnv) -> None:
    cell = openafs_cell_noauth
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            client = vl.Client(ep.socket(), cell.address("vl"))
            entry = await client.GetEntryByNameN("root.cell")
            assert entry.name == "root.cell"
            with pytest.raises(errors.VL_NOENT):
                await client.GetEntryByNameN("no.such.volume")
