"""The client side of the endpoint core: which connection and channel a new call of ours
takes, and the connection IDs we choose.

Theory of operation
-------------------
Calls that may share a connection are *bundled* by (peer address, service, security class,
security identity, service-upgrade request): a new call takes the first free channel of a
live connection in its bundle, and only when all four channels of every one are busy is a
new connection made.  An *exclusive* call (``RXRPC_EXCLUSIVE_CALL``) always gets a new
connection of its own that no later call joins.  Connection IDs go up by one connection
number (four channel IDs) at a time; in a group of endpoints sharing one port (see
``cid_group``), a member takes only the numbers that steer back to it, wrapping to its
smallest one after the top of the 30-bit space.

The endpoint counts the live calls of each bundle (exclusive calls are not counted: they
have no bundle), so that the application can hold new calls back while a bundle has
``max_calls_per_bundle`` of them (see :meth:`EndpointCore.bundle_full`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .call import Completion
from .codes import AbortCode
from .connection import Connection
from .security.null import NULL_CONNECTION

if TYPE_CHECKING:
    from collections.abc import Hashable

    from .connection import Address
    from .endpoint import EndpointCore
    from .security.base import ClientSecurity

CONNECTION_NUMBERS: Final = 1 << 30
"""Connection numbers (connection IDs without the channel bits) run below this."""


def bundle_key(address: Address, service_id: int, security: ClientSecurity | None,
               upgrade: bool) -> Hashable:
    """The key of the bundle a non-exclusive call with these parameters joins."""
    sec_index = security.security_index if security is not None else 0
    identity = security.identity if security is not None else ("rxnull",)
    return (address, service_id, sec_index, identity, upgrade)


def connection_for(ep: EndpointCore, address: Address, service_id: int,
                   security: ClientSecurity | None, *, exclusive: bool, upgrade: bool,
                   now: float) -> tuple[Connection, int]:
    """A connection and a free channel on it for a new call of ours (possibly a new
    connection).

    Raises:
        SecurityFailure: the security object cannot set up a connection.
    """
    sec_index = security.security_index if security is not None else 0
    key = bundle_key(address, service_id, security, upgrade)
    if not exclusive:
        for candidate in ep.bundles.get(key, ()):
            if candidate.dead_code:
                continue
            channel = candidate.free_channel()
            if channel is not None:
                return candidate, channel
    cid = take_cid(ep)
    while cid in ep.client_conns:
        cid = take_cid(ep)
    conn_sec = (security.new_connection(epoch=ep.epoch, cid=cid, now=now)
                if security is not None else NULL_CONNECTION)
    # Our own calls may always make a peer record: the cap is against what peers make us
    # create.
    peer = ep.peer_table.obtain(address, now, force=True)
    assert peer is not None
    conn = Connection(peer=peer, epoch=ep.epoch, cid=cid, service_id=service_id,
                      security_index=sec_index, security=conn_sec, is_client=True,
                      bundle_key=None if exclusive else key, last_used=now, upgrade=upgrade)
    ep.conns.add_client(conn)
    return conn, 0


def take_cid(ep: EndpointCore) -> int:
    """The next connection ID for a client connection of ours (channel bits clear)."""
    cid = ep.next_cid
    index, size = ep.cid_group
    number = (cid >> 2) + size
    if number >= CONNECTION_NUMBERS:
        number = index  # wrap to the smallest number that is still ours
    ep.next_cid = (number or size) << 2
    return cid


def peer_unreachable(ep: EndpointCore, address: Address, why: str, now: float) -> None:
    """Fail the client calls to ``address`` that have heard nothing from it yet: a peer that
    has answered is alive, whatever a (possibly stale or forged) ICMP message says."""
    peer = ep.peers.get(address)
    if peer is None:
        return
    for conn in list(peer.conns):
        if not conn.is_client:
            continue
        for call in conn.live_calls():
            if not call.heard:
                call.fail(Completion.NETWORK_ERROR, AbortCode.RX_CALL_DEAD, now,
                          f"{address[0]} port {address[1]} is unreachable: {why}")
