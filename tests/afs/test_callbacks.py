"""The cache manager's callback service, called over loopback with the generated RXAFSCB
client as a fileserver would call it."""

from __future__ import annotations

import uuid

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc.afs import cb
from trio_rxrpc.afs.callbacks import CallbackService, new_uuid, uuid_from_bytes, uuid_text
from trio_rxrpc.rpc import RPCError


def test_uuid_text_round_trip() -> None:
    raw = uuid.uuid4()
    value = uuid_from_bytes(raw.bytes)
    assert uuid_text(value) == str(raw)
    assert new_uuid() != new_uuid()
    with pytest.raises(ValueError, match="16 bytes"):
        uuid_from_bytes(b"short")


def test_interface_addresses_are_checked() -> None:
    assert CallbackService(addresses=["192.0.2.1"]).addresses == ("192.0.2.1",)
    with pytest.raises(ValueError, match="not an IPv4 address"):
        CallbackService(addresses=["no.such.address"])


async def test_the_service_answers_a_fileservers_calls() -> None:
    broken: list[tuple[int, int, int] | None] = []
    service = CallbackService(on_break=broken.append)
    with trio.fail_after(10):
        async with rx.open_endpoint(("127.0.0.1", 0)) as client_ep, \
                rx.open_endpoint(("127.0.0.1", 0)) as server_ep, \
                trio.open_nursery() as nursery:
            listener = client_ep.socket()
            listener.listen([1])
            await nursery.start(service.serve, listener)
            # The "fileserver" calls the client back at the client's own address.
            caller = cb.Client(server_ep.socket(), client_ep.address[:2])

            await caller.Probe()
            await caller.ProbeUuid(service.uuid)
            with pytest.raises(RPCError) as info:
                await caller.ProbeUuid(new_uuid())
            assert info.value.abort_code == 1

            me = await caller.WhoAreYou()
            assert me.uuid == service.uuid
            assert me.numberOfInterfaces == 1
            assert me.addr_in[0] == 0x7F000001
            told = await caller.TellMeAboutYourself()
            assert told.addr.uuid == service.uuid
            assert list(told.capabilities) == [0]  # no error translation asked for

            await caller.InitCallBackState3(new_uuid())
            fids = [cb.AFSFid(536870915, 7, 3), cb.AFSFid(536870918, 0, 0)]
            await caller.CallBack(fids, [cb.AFSCallBack(1, 0, 3)] * 2)
            assert broken == [None, (536870915, 7, 3), (536870918, 0, 0)]

            with pytest.raises(rx.RemoteAbort) as aborted:
                await caller.GetCE(0)  # a cache manager's debugging call: not kept here
            assert aborted.value.abort_code == rx.AbortCode.RXGEN_OPCODE

            stats = service.statistics()
            assert (stats.breaks, stats.resets, stats.probes) == (2, 1, 3)
            assert stats.calls == 7  # GetCE never reached the service
            nursery.cancel_scope.cancel()
