"""Service upgrade: a connection asks to move from one service ID to another.

Theory of operation
-------------------
A service that has a newer protocol under a second service ID (AuriStor's file servers, for
instance) lets clients find out whether the server speaks it without a failed call first.
The client marks the first DATA packet of a call on a new connection with userStatus 1
(:data:`UPGRADE_REQUEST`) and the old service ID.  A server with an upgrade rule for that
service makes the connection with the *new* service ID instead; everything it sends on the
connection carries the new ID, and its application sees calls to the new service.  A server
without such a rule ignores the request, so the client simply stays with the old service.

The change happens at most once per connection, and only when the connection is made: a
later request on an existing connection changes nothing.  The client learns of the upgrade
from the first packet of the server that carries the other ID, and from then on uses that ID
for the connection's packets (the calls report it as their service ID).  Until it learns
it, the client's packets still carry the old ID, so the server takes the old ID as well as
the new one on an upgraded connection (and so does the client: see below).  Any other
service ID on an existing connection (and on a client connection, a change it did not ask
for, or a second change) is dropped and counted as ``wrong_service``.

Linux's AF_RXRPC has the same feature (``RXRPC_UPGRADEABLE_SERVICE`` on a server socket
bound to two services, ``RXRPC_UPGRADE_SERVICE`` on a client call), but its server (7.3)
differs in two ways that a client has to live with: it aborts (``RX_PROTOCOL_ERROR``) any
packet that still carries the old ID once it has upgraded the connection, and its ACKs (the
PING it sends at the start of every call, too) carry the old ID until the client's packets
carry the new one; only its DATA carries the new ID from the start.  Answering that PING
before the reply arrives would get the call aborted, so until a client connection that asked
for an upgrade has had a DATA packet from the server, it sends no ACKs
(:func:`holding_back`): the request's DATA goes out, a PING is left unanswered and our own
PINGs are skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import call_life

if TYPE_CHECKING:
    from .boundary import Listener
    from .connection import Connection

UPGRADE_REQUEST: Final = 1
"""The userStatus of a first DATA packet that asks for a service upgrade."""


def check_rule(service_ids: frozenset[int], rule: tuple[int, int] | None) -> None:
    """Whether ``rule`` (from, to) may go with a listener serving ``service_ids``.

    Raises:
        ValueError: the two IDs are the same, or one of them is not served.
    """
    if rule is None:
        return
    old, new = rule
    if old == new:
        raise ValueError(f"a service upgrade needs two different service IDs, not {old} twice")
    missing = sorted({old, new} - service_ids)
    if missing:
        raise ValueError(f"a service upgrade from {old} to {new} needs both services "
                         f"served by the same listener; not served: {missing}")


def server_service(listener: Listener, service: int, seq: int, user_status: int) -> int:
    """The service ID of a new server connection whose first packet carries ``service``."""
    rule = listener.upgrade
    if rule is not None and rule[0] == service and seq == 1 and user_status == UPGRADE_REQUEST:
        return rule[1]
    return service


def other_service(conn: Connection, service: int) -> str:
    """A packet on ``conn`` carries ``service``, not the connection's service ID: "" if it is
    taken (perhaps upgrading a client connection), else the drop reason."""
    if service == conn.orig_service_id:
        # (Only on an upgraded connection.)  A client may not have heard of the upgrade yet;
        # Linux's server sends its ACKs with the old ID.
        return ""
    if not conn.is_client or not conn.upgrade or conn.service_id != conn.orig_service_id:
        return "wrong_service"  # not asked for, or a second change
    conn.service_id = service
    conn.upgrade_settled = True
    for call in conn.live_calls():
        call_life.service_upgraded(call, service)
    return ""


def holding_back(conn: Connection) -> bool:
    """Whether ``conn`` asked for an upgrade and has not yet learnt the server's answer (no
    ACK may go out on it: it would carry a service ID the server may no longer accept)."""
    return conn.upgrade and not conn.upgrade_settled
