"""The cache manager's side of AFS callbacks: the RXAFSCB service a file client must run.

A fileserver promises each client that reads a file or directory to tell it when the object
changes: a *callback*.  To keep that promise it calls the client back, on the same address
and port the client's own calls came from, Rx service 1 (RXAFSCB):

* ``TellMeAboutYourself`` / ``WhoAreYou`` when a client first appears: who it is (a UUID
  that stays the same for the client's lifetime) and on which addresses it can be reached;
* ``InitCallBackState3`` (or the older ``InitCallBackState``/``2``): forget every promise
  this server made, it starts afresh (after a restart, or for a new client);
* ``CallBack``: these objects (or whole volumes) changed, so what is cached of them is stale;
* ``Probe`` / ``ProbeUuid``: are you still there, and still the client with this UUID?

A client that does not answer makes the fileserver wait for it, and the writers whose
changes break its callbacks wait too.  :class:`CallbackService` answers all of these;
:class:`~trio_rxrpc.afs.files.FileClient` runs it on its endpoint and drops what it has
cached of an object whose callback is broken.
"""

from __future__ import annotations

import os
import socket
import uuid as uuid_module
from typing import TYPE_CHECKING, Final

import attrs

from ..rpc import abort
from . import cb
from .cb import afsUUID

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from .._call import Call

__all__ = ["CallbackService", "CallbackStatistics", "new_uuid", "uuid_text"]

MAX_INTERFACES: Final = 32
"""The interface slots of ``interfaceAddr`` (``AFS_MAX_INTERFACE_ADDR``)."""

DEFAULT_MTU: Final = 1500

def new_uuid() -> afsUUID:
    """A fresh random UUID in AFS's layout (time, clock sequence and node fields)."""
    return uuid_from_bytes(os.urandom(16))


def uuid_from_bytes(raw: bytes) -> afsUUID:
    """The ``afsUUID`` whose 16 bytes (RFC 4122 order) are ``raw``."""
    if len(raw) != 16:
        raise ValueError("a UUID is 16 bytes")
    u = uuid_module.UUID(bytes=raw)
    f = u.fields
    return afsUUID(f[0], f[1], f[2], f[3], f[4], f[5].to_bytes(6, "big"))


def uuid_text(value: afsUUID) -> str:
    """The usual text form of an ``afsUUID``."""
    node = int.from_bytes(value.node, "big")
    return str(uuid_module.UUID(fields=(value.time_low, value.time_mid,
                                        value.time_hi_and_version,
                                        value.clock_seq_hi_and_reserved,
                                        value.clock_seq_low, node)))


def _ipv4_int(text: str) -> int:
    return int.from_bytes(socket.inet_aton(text), "big")


def _signed(value: int) -> int:
    return value - (1 << 32) if value >= 1 << 31 else value


@attrs.define
class CallbackStatistics:
    """What the fileservers asked of this client."""

    calls: int = 0
    """Callback calls answered, of every kind."""
    breaks: int = 0
    """Objects (or volumes) reported changed by ``CallBack``."""
    resets: int = 0
    """``InitCallBackState`` calls: a server dropped all its promises."""
    probes: int = 0
    """``Probe`` and ``ProbeUuid`` calls."""


class CallbackService(cb.Service):
    """Answers a fileserver's RXAFSCB calls for one client.

    Args:
        uuid: the client's identity (default: a new random one, kept for this object's life).
        addresses: the IPv4 addresses to report as the client's interfaces (default: the
            address the endpoint is bound to, or, for a wildcard bind, the one the system
            would use to reach the asking server).
        on_break: called with ``(volume, vnode, unique)`` for each changed object
            (``(volume, 0, 0)`` for a whole volume) and with ``None`` when a server drops
            every promise; it must not block.

    Mount it with ``await service.serve(socket)`` on a socket that listens for service 1 on
    the client's endpoint.

    Raises:
        ValueError: an address that is not an IPv4 address.
    """

    def __init__(self, *, uuid: afsUUID | None = None, addresses: Iterable[str] = (),
                 on_break: Callable[[tuple[int, int, int] | None], None] | None = None,
                 ) -> None:
        self.uuid = new_uuid() if uuid is None else uuid
        self.addresses = tuple(addresses)
        for address in self.addresses:
            try:
                _ipv4_int(address)
            except (OSError, TypeError):
                raise ValueError(f"{address!r} is not an IPv4 address") from None
        self._on_break = on_break
        self._statistics = CallbackStatistics()

    def set_break_handler(
            self, on_break: Callable[[tuple[int, int, int] | None], None] | None) -> None:
        """Replace the function told of broken callbacks (see the class)."""
        self._on_break = on_break

    def statistics(self) -> CallbackStatistics:
        """A copy of the counters."""
        return attrs.evolve(self._statistics)

    def _broken(self, key: tuple[int, int, int] | None) -> None:
        if self._on_break is not None:
            self._on_break(key)

    def _interfaces(self, call: Call) -> cb.interfaceAddr:
        addresses = list(self.addresses)
        if not addresses:
            local = call.socket.endpoint.address[0]
            if local in ("0.0.0.0", "", "::"):
                local = _route_source(call.peer[0])
            if local:
                addresses = [local]
        addresses = addresses[:MAX_INTERFACES]
        pad = MAX_INTERFACES - len(addresses)
        return cb.interfaceAddr(
            numberOfInterfaces=len(addresses), uuid=self.uuid,
            addr_in=[_signed(_ipv4_int(a)) for a in addresses] + [0] * pad,
            subnetmask=[_signed(0xFFFFFFFF)] * len(addresses) + [0] * pad,
            mtu=[DEFAULT_MTU] * len(addresses) + [0] * pad)

    async def CallBack(self, call: Call, Fids_Array: Sequence[cb.AFSFid],
                       CallBacks_Array: Sequence[cb.AFSCallBack]) -> None:
        self._statistics.calls += 1
        for fid in Fids_Array:
            self._statistics.breaks += 1
            self._broken((fid.Volume, fid.Vnode, fid.Unique))

    async def InitCallBackState(self, call: Call) -> None:
        self._reset()

    async def InitCallBackState2(self, call: Call) -> cb.interfaceAddr:
        self._reset()
        return self._interfaces(call)

    async def InitCallBackState3(self, call: Call, serverUuid: afsUUID) -> None:
        self._reset()

    def _reset(self) -> None:
        self._statistics.calls += 1
        self._statistics.resets += 1
        self._broken(None)

    async def Probe(self, call: Call) -> None:
        self._statistics.calls += 1
        self._statistics.probes += 1

    async def ProbeUuid(self, call: Call, clientUuid: afsUUID) -> None:
        self._statistics.calls += 1
        self._statistics.probes += 1
        if clientUuid != self.uuid:
            # Not the client the server remembers at this address: it must start afresh.
            raise abort(1, "another client now uses this address")

    async def WhoAreYou(self, call: Call) -> cb.interfaceAddr:
        self._statistics.calls += 1
        return self._interfaces(call)

    async def TellMeAboutYourself(self, call: Call) -> cb.TellMeAboutYourselfResult:
        self._statistics.calls += 1
        # No capability bits: in particular not CLIENT_CAPABILITY_ERRORTRANS, so the
        # fileserver reports errors as plain errno values, which the client names.
        return cb.TellMeAboutYourselfResult(self._interfaces(call), [0])

    async def XStatsVersion(self, call: Call) -> int:
        self._statistics.calls += 1
        return 1

    async def GetLocalCell(self, call: Call) -> str:
        self._statistics.calls += 1
        return ""


def _route_source(host: str) -> str:
    """The local address the system would send from to reach ``host`` (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect((host, 7000))
        return str(probe.getsockname()[0])
    except OSError:
        return ""
    finally:
        probe.close()
