"""The endpoint core's counters: what arrived, what went out, and why anything was dropped.

Theory of operation
-------------------
Every datagram the core is given ends in exactly one place: it is *taken* by a call or a
connection (counted under its packet type's name from :data:`TAKEN_KINDS`, or ``"debug"`` and
``"version"`` for the rxdebug requests we answer), or it is *dropped* (counted under a reason
from :data:`DROP_REASONS`).  Both live in one dict, :attr:`Counters.disposition`, so, at any
moment::

    datagrams_received == sum(disposition.values())

which lets a test account for every datagram a hostile peer sent.  A dropped datagram changed
no state, though some were answered (a BUSY, or an ABORT naming why).  What happens to a
taken datagram afterwards (a duplicate DATA, an out-of-date ACK) is counted by the call.

The counters are plain integers in dicts with every key present from the start, so counting
costs one dict store; the trio layer copies them into frozen statistics objects on demand.
"""

from __future__ import annotations

from typing import Final

DROP_REASONS: tuple[str, ...] = (
    "short",
    "malformed",
    "unknown_type",
    "not_for_us",
    "no_connection",
    "wrong_address",
    "wrong_security_index",
    "wrong_service",
    "stale_call",
    "call_complete",
    "invalid_new_call",
    "unknown_service",
    "unknown_security_class",
    "security_refused",
    "connection_aborted",
    "backlog_full",
    "connection_table_full",
    "peer_table_full",
    "held_data_full",
    "wrong_member",
    "unexpected",
    "internal_error",
)
"""Why the core may drop a datagram:

* ``short``: shorter than an Rx header.
* ``malformed``: a header, but a body that does not parse.
* ``unknown_type``: a packet type we do not handle.
* ``not_for_us``: a reply or keepalive (no CLIENT_INITIATED) among rxdebug packet types.
* ``no_connection``: for no connection we know, and not able to start one (only DATA can).
* ``wrong_address``: for one of our client connections, but from another port.
* ``wrong_security_index``: the security index differs from the connection's.
* ``wrong_service``: a service ID the connection does not have (see :mod:`.upgrade`).
* ``stale_call``: for a call older than the channel's current one.
* ``call_complete``: for a call that has ended (it may be answered with the final packet).
* ``invalid_new_call``: would start a call but is not its first DATA.
* ``unknown_service``: for a service nobody listens on (answered with an ABORT).
* ``unknown_security_class``: a security index the service does not accept (ABORT).
* ``security_refused``: the security class or the minimum level refused it (ABORT).
* ``connection_aborted``: for a connection that was aborted (the ABORT is repeated).
* ``backlog_full``: a new call while the accept queue is full (answered with BUSY).
* ``connection_table_full``: a new connection while the table is full of proven ones (BUSY).
* ``peer_table_full``: would need a new peer record while the table is full of busy peers.
* ``held_data_full``: DATA for a connection still authenticating, past what may be held.
* ``wrong_member``: would start a connection that the endpoint's group steers to another
  member (the group is not steering as this member was told).
* ``unexpected``: a packet type that makes no sense where it arrived.
* ``internal_error``: processing raised (a bug); the call it concerned was failed.
"""

TAKEN_KINDS: tuple[str, ...] = (
    "data", "ack", "busy", "abort", "ackall", "challenge", "response", "debug", "version",
)
"""Names under which taken datagrams are counted (packet types, and the rxdebug requests)."""


def _zeros(keys: tuple[str, ...]) -> dict[str, int]:
    return dict.fromkeys(keys, 0)


class Counters:
    """The endpoint core's running totals (mutable; read through ``statistics()``)."""

    def __init__(self) -> None:
        self.datagrams_received = 0
        self.bytes_received = 0
        self.datagrams_sent = 0
        self.disposition: dict[str, int] = _zeros(TAKEN_KINDS + DROP_REASONS)
        """Datagrams received, by what became of them (see the module docstring)."""
        self.data_sent = 0
        self.data_resent = 0
        self.tail_probes = 0
        """Tail-loss probes: a client's unacknowledged last packet resent before its
        retransmission timeout (see :func:`.call_tx.tail_probe`)."""
        self.data_received = 0
        """DATA packets (jumbogram sub-packets counted one by one) that calls which have ended
        received (the statistics add the live calls' own counts)."""
        self.duplicates = 0
        """DATA packets a call already had."""
        self.out_of_window = 0
        """DATA packets beyond what a call's receive window allows."""
        self.bad_acks = 0
        """ACKs that acknowledged packets never sent (ignored)."""
        self.acks_superseded = 0
        """Plain ACKs a later ACK of the same call and batch said all of (not applied)."""
        self.acks_sent = 0
        self.busy_sent = 0
        self.busy_received = 0
        self.aborts_sent: dict[int, int] = {}
        """ABORT packets sent, by abort code."""
        self.aborts_received: dict[int, int] = {}
        """ABORT packets received, by abort code (past :data:`MAX_CODES_COUNTED` distinct codes,
        further ones are counted under 0, a code no ABORT carries)."""
        self.security_failures = 0
        """Calls or connections ended because a security check failed."""
        self.dead_peers = 0
        """Calls ended because the peer fell silent (RX_CALL_DEAD)."""
        self.timeouts = 0
        """Calls ended by their hard or idle timeout (RX_CALL_TIMEOUT)."""
        self.evictions = 0
        """Connections dropped to make room when the table was full (idle ones first, then
        unproven ones, whose calls are aborted)."""
        self.rebinds = 0
        """Server connections that followed their client to a new address."""
        self.pmtu_probes_sent = 0
        """Path-MTU probes (padded PINGs) sent."""
        self.pmtu_probes_confirmed = 0
        self.pmtu_probes_lost = 0
        self.pmtu_too_big = 0
        """"Packet too big" reports (ICMP, or the local stack refusing a datagram)."""
        self.pmtu_black_holes = 0
        """Retransmission timeouts that made a path's confirmed size drop to the base."""
        self.internal_errors = 0
        self.calls_started = 0
        self.calls_accepted = 0

    def taken(self) -> dict[str, int]:
        """Datagrams taken by a call or connection, by kind (a copy)."""
        d = self.disposition
        return {kind: d[kind] for kind in TAKEN_KINDS}

    def dropped(self) -> dict[str, int]:
        """Datagrams dropped, by reason (a copy)."""
        d = self.disposition
        return {reason: d[reason] for reason in DROP_REASONS}

    def abort_sent(self, code: int) -> None:
        """Count one ABORT sent."""
        _count_code(self.aborts_sent, code)

    def abort_received(self, code: int) -> None:
        """Count one ABORT received (a peer chooses the code: the dict stays bounded)."""
        _count_code(self.aborts_received, code)


MAX_CODES_COUNTED: Final = 256
"""Distinct abort codes counted one by one; a peer sending ever new codes cannot grow more."""


def _count_code(table: dict[int, int], code: int) -> None:
    if code not in table and len(table) >= MAX_CODES_COUNTED:
        code = 0
    table[code] = table.get(code, 0) + 1
