"""The client side of a connection's security handshake: answering the server's CHALLENGE,
repeating the RESPONSE while the server has not shown it got it, and giving up on a
CHALLENGE that never comes.

Theory of operation
-------------------
A server holds every call of a connection with a security class (rxkad, rxgk) until the
client has answered its CHALLENGE with a RESPONSE.  Both packets travel once each, over UDP:

* OpenAFS's server repeats its CHALLENGE every 2 s until answered, and so does ours, so a lost
  CHALLENGE or RESPONSE costs a client of theirs two seconds.
* Linux's server sends its CHALLENGE once, when the connection appears, and never again.  If
  it or the RESPONSE is lost, the server acknowledges the request, answers pings, and waits
  for ever; the call would hang until its peer stops answering, which never happens.

So a client connection whose calls wait on the handshake is looked at by the endpoint's
housekeeping (every few seconds) until the server has shown it accepted the RESPONSE, which
it does by sending DATA (a reply) on one of the connection's calls:

* If we answered a CHALLENGE, the same RESPONSE goes out again, at most
  :data:`MAX_RESPONSE_REPEATS` times.  A server that already has it ignores it (OpenAFS and
  Linux both drop a RESPONSE on an authenticated connection), and one that lost it takes
  this one.
* If no CHALLENGE has come although the server answers the calls (it acknowledges or pings
  them), it was lost.  After :data:`CHALLENGE_WAIT` seconds of that, the calls are aborted
  with ``RX_CALL_DEAD`` and end as network errors, saying why, and the connection takes no
  new call: a new one is challenged afresh.  The server cannot have run a call it held for
  the handshake, so the application may make the call again.

Nothing here runs per packet: answering a CHALLENGE is rare, and the watch runs with the
housekeeping, over the connections that wait.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import call_life
from .codes import AbortCode
from .security.base import SecurityFailure
from .states import Completion
from .wire import PacketType

if TYPE_CHECKING:
    from .connection import Connection
    from .endpoint import EndpointCore

_RESPONSE: Final = int(PacketType.RESPONSE)

MAX_RESPONSE_REPEATS: Final = 12
"""How many times a RESPONSE is sent again (one housekeeping interval apart, and at least
:data:`RESPONSE_REPEAT_INTERVAL` after the last) while the server shows no sign of having it."""

RESPONSE_REPEAT_INTERVAL: Final = 2.0
"""Seconds after sending a RESPONSE before it may be repeated."""

CHALLENGE_WAIT: Final = 10.0
"""Seconds a client connection's calls may be answered by the server without a CHALLENGE
coming, before they are aborted (OpenAFS challenges again every 2 s, so only a server that
challenges once, as Linux's does, gets this far)."""


def call_numbers(conn: Connection) -> tuple[int, int, int, int]:
    """The four channels' call numbers (what rxkad's challenge and response carry)."""
    c = conn.channels
    return (c[0].call_number, c[1].call_number, c[2].call_number, c[3].call_number)


def answer_challenge(ep: EndpointCore, conn: Connection, body: bytes, now: float) -> None:
    """A CHALLENGE on one of our client connections that has live calls: send the RESPONSE
    (and keep it, to repeat), or end the calls if the class cannot answer."""
    try:
        response = conn.security.respond_to_challenge(body, now=now,
                                                      call_numbers=call_numbers(conn))
    except SecurityFailure as exc:
        for call in conn.live_calls():
            call_life.security_abort(call, exc.code, now,
                                     f"cannot answer the challenge: {exc.message}")
        return
    except Exception as exc:
        # Last line of defence for answering a CHALLENGE: the challenge itself is validated
        # (a bad one is a SecurityFailure above), so this is our own token the class cannot
        # use, or a bug in a pluggable class.  End the calls, counted.
        ep.counters.internal_errors += 1
        for call in conn.live_calls():
            ep.send_abort(call, AbortCode.RX_PROTOCOL_ERROR, now)
            call.fail(Completion.LOCAL_ERROR, AbortCode.RX_PROTOCOL_ERROR, now,
                      f"cannot answer the challenge: {exc!r}")
        return
    conn.response = response
    conn.response_repeats = 0
    _send_response(ep, conn, now)


def _send_response(ep: EndpointCore, conn: Connection, now: float) -> None:
    response = conn.response
    assert response is not None
    hdr = ep.header(conn, 0, 0, _RESPONSE, 0, conn.next_serial())
    ep.out.append(([hdr, response], conn.peer.address))
    conn.response_sent_at = now


def done(conn: Connection) -> None:
    """The server has shown it has our RESPONSE: nothing is repeated from now on."""
    conn.handshake_done = True
    conn.response = None


def waits(conn: Connection) -> bool:
    """Whether ``conn`` is a client connection whose live calls may be waiting for the
    handshake (the server has not yet sent DATA on it)."""
    return (conn.is_client and conn.security.challenged and not conn.handshake_done
            and not conn.dead_code and conn.has_live_calls())


def watch(ep: EndpointCore, conn: Connection, now: float) -> None:
    """Housekeeping for a connection that :func:`waits`: see the module's notes."""
    calls = conn.live_calls()
    if any(call.rx_top for call in calls):
        done(conn)  # the server sends DATA only once it has our RESPONSE
        return
    if conn.response is not None:
        if (conn.response_repeats < MAX_RESPONSE_REPEATS
                and now - conn.response_sent_at >= RESPONSE_REPEAT_INTERVAL):
            conn.response_repeats += 1
            _send_response(ep, conn, now)
        return
    if not any(call.heard for call in calls):
        conn.unchallenged_since = 0.0  # silence is the calls' own timers' business
        return
    if not conn.unchallenged_since:
        conn.unchallenged_since = now
        return
    if now - conn.unchallenged_since < CHALLENGE_WAIT:
        return
    conn.dead_code = AbortCode.RX_CALL_DEAD
    ep.conns.unbundle(conn)
    waited = now - conn.unchallenged_since
    why = (f"the server answered for {waited:.0f} s but its CHALLENGE never came (lost on "
           "the way?), so it cannot have run the call; a new call gets a new connection")
    for call in calls:
        # A packet the network lost, not a fault of either side: the server is told, and the
        # application sees a NetworkError.
        ep.send_abort(call, AbortCode.RX_CALL_DEAD, now)
        call.fail(Completion.NETWORK_ERROR, AbortCode.RX_CALL_DEAD, now, why)

