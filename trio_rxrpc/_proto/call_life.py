"""What the endpoint tells a call about its surroundings; the call changes its own fields.

The endpoint's modules (:mod:`.endpoint`, :mod:`.inbound`, :mod:`.serverside`,
:mod:`.tables`) never assign to a call's fields: they report what happened through these
functions (or the call's methods), which belong to the call as :mod:`.call_tx` and
:mod:`.call_rx` do.  None of them runs per packet except :func:`heard`, and that only for
a call's first packet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .transitions import CallEvent, advance
from .wire import JUMBO_DATALEN

if TYPE_CHECKING:
    from .boundary import Listener
    from .call import CallCore
    from .connection import Peer


def accepted_by_app(call: CallCore) -> bool:
    """The application took ``call`` from the accept queue; returns whether it had not yet."""
    first = not call.accepted
    call.accepted = True
    return first


def leave_accept_queue(call: CallCore) -> Listener | None:
    """``call`` gives back its accept queue place; returns the listener that held it (``None``
    once it was given back already, or for a client call)."""
    listener = call.listener
    call.listener = None
    return listener


def heard(call: CallCore) -> None:
    """A packet of the peer's reached ``call``: an ICMP error cannot fail it from now on."""
    call.heard = True


def moved_to(call: CallCore, peer: Peer) -> None:
    """The call's connection now belongs to another peer record (the client's address moved)."""
    call.peer = peer


def service_upgraded(call: CallCore, service_id: int) -> None:
    """The server answered ``call``'s connection from ``service_id`` (a service upgrade): the
    call reports that ID, and every packet it sends from now on carries it."""
    call.service_id = service_id
    call._header_fixed = (*call._header_fixed[:5], service_id)


def needs_securing(call: CallCore) -> None:
    """A new server call's connection must answer a CHALLENGE before the call is accepted."""
    advance(call, CallEvent.NEEDS_SECURING)


def data_held(call: CallCore, now: float) -> None:
    """DATA for ``call`` arrived and waits for the security check (the client is alive)."""
    call.last_recv = now


def secured(call: CallCore) -> None:
    """The connection's RESPONSE checked out: ``call`` may be accepted and read now."""
    # The packet size was guessed before the level was known; nothing was sent yet.
    call._max_data = call.conn.security.max_data(JUMBO_DATALEN)
    advance(call, CallEvent.SECURED)


def security_abort(call: CallCore, code: int, now: float, why: str) -> None:
    """A security check failed for ``call``: abort it (counted as a security failure)."""
    call.security_failed = True
    call.local_abort(code, now, why)
