"""The records of :class:`~trio_rxrpc.testing.SimulatedNetwork`: what it was sent, what a
policy decides, what it delivered, and its counters."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from trio_rxrpc._transport import Address

_non_negative = attrs.validators.ge(0.0)  # NaN fails too
_non_negative_int = attrs.validators.ge(0)


def _short_hex(data: bytes | None) -> str:
    if data is None:
        return "None"
    shown = data[:16].hex()
    return f"<{len(data)} bytes {shown}{'...' if len(data) > 16 else ''}>"


@attrs.frozen
class Datagram:
    """One datagram as the network saw it when it was sent.

    This is what a :attr:`SimulatedNetwork.policy` callback receives.
    """

    src: Address
    """The sender's bound address."""
    dst: Address
    """Where it was sent."""
    data: bytes = attrs.field(repr=_short_hex)
    """The payload, as sent."""
    time: float
    """``trio.current_time()`` when it was sent."""


@attrs.frozen(kw_only=True)
class Verdict:
    """What a policy decides for one datagram; it replaces the random treatment entirely.

    ``Verdict()`` delivers the datagram unchanged after the network's base ``delay`` (no
    jitter), and ``Verdict(deliver=False)`` drops it.
    """

    deliver: bool = True
    """False drops the datagram (as does ``copies=0``)."""
    copies: int = attrs.field(default=1, validator=_non_negative_int)
    """How many identical copies to deliver; more than one duplicates it."""
    extra_delay: float = attrs.field(default=0.0, validator=_non_negative)
    """Seconds added to the network's base delay, for every copy."""
    data: bytes | None = attrs.field(default=None, repr=_short_hex)
    """Replacement payload, or None to deliver the original bytes."""


@attrs.frozen
class Delivery:
    """One copy of a datagram put in flight."""

    time: float
    """When the copy reaches its destination."""
    data: bytes = attrs.field(repr=_short_hex)
    """The bytes it carries (corrupted or replaced, possibly)."""


@attrs.frozen(kw_only=True)
class TraceEntry:
    """One sent datagram and what the network did with it (see ``record=True``)."""

    datagram: Datagram
    """The datagram as sent."""
    verdict: Verdict | None
    """The policy's verdict, or None when the random treatment applied."""
    deliveries: tuple[Delivery, ...]
    """The copies put in flight; empty when the datagram was dropped or unroutable.  A copy
    may still be lost later if the receiver's buffer is full or it closes first."""
    routed: bool
    """False if nobody was bound at the destination address."""


@attrs.frozen(kw_only=True)
class NetworkStatistics:
    """Counters of a :class:`SimulatedNetwork`, from :meth:`SimulatedNetwork.statistics`.

    Counts are of copies, so ``sent + duplicated == delivered + dropped + in_flight``.
    """

    sent: int
    """Datagrams accepted by ``sendmsg``."""
    delivered: int
    """Copies that reached a receive buffer."""
    dropped: int
    """Copies lost: by loss or policy, unroutable, overflowing a buffer, or sent to a
    transport that closed before they arrived."""
    duplicated: int
    """Extra copies made by duplication."""
    corrupted: int
    """Copies whose bytes were altered (randomly, or replaced by a policy)."""
    reordered: int
    """Copies given extra delay (randomly, or by a policy's ``extra_delay``)."""
    unroutable: int
    """Copies sent to an address nobody had bound (included in ``dropped``)."""
    overflowed: int
    """Copies that did not fit in the receive buffer (included in ``dropped``)."""
    too_big: int = 0
    """Datagrams bigger than their path's MTU (included in ``dropped``)."""
    in_flight: int
    """Copies sent but not yet arrived."""
