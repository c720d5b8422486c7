"""What a call may ask of the endpoint that carries it.

A call does not hold the endpoint: it holds a :class:`CallHost`, the few requests a call
makes of whatever sends its packets and keeps its timers.  :class:`~.endpoint.EndpointCore`
is the one host: it derives from :class:`CallHost` and overrides every method.  The call's
modules (:mod:`.call`, :mod:`.call_tx`, :mod:`.call_rx`, :mod:`.call_life`) use nothing else
of it, which an architecture test checks.

:class:`CallHost` is a base class rather than a :class:`typing.Protocol` for the compiled
build: mypyc calls a method of a compiled base class through its table of methods, where it
would look a protocol's method up by name on every call (a call asks its host something
several times per packet).

The requests are cheap and never reenter the call: the ``want_*`` ones only note the call
in a set that the host works through when the application next asks for output, and
:meth:`~CallHost.schedule` only files the call's deadline.  The two exceptions build a
packet at once (:meth:`~CallHost.send_ack`, :meth:`~CallHost.send_abort`), and
:meth:`~CallHost.call_completed` clears the host's records of a call that has ended.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .call import CallCore
    from .config import EndpointConfig
    from .counters import Counters


class RandomSource(Protocol):
    """What the core needs of a random generator (``random.Random`` or ``SystemRandom``)."""

    def getrandbits(self, k: int, /) -> int: ...


class CallHost:
    """The endpoint as a call sees it (every method is the endpoint's to define)."""

    config: EndpointConfig
    """The endpoint's settings (windows, delays, limits); they never change."""
    counters: Counters
    """The endpoint's statistics, which a call adds its events to."""
    rng: RandomSource
    """The endpoint's random source (for jitter)."""
    ack_trailers: tuple[bytes, bytes]
    """The two trailers our ACKs end with, indexed by the peer's ``pmtud_peer``: our
    jumbogram count, or 0 to a peer that discovers path MTUs (see :mod:`.ack`)."""
    rx_window: int
    tx_window: int
    max_jumbo: int
    ack_delay: float
    flush_delay: float
    """:attr:`config`'s values of those names, which a call reads on every packet (a
    compiled call reads them here as plain fields)."""

    def want_transmit(self, call: CallCore) -> None:
        """``call`` may have DATA to send: let it transmit at the next flush."""
        raise NotImplementedError

    def want_ack(self, call: CallCore) -> None:
        """``call`` owes an ACK: let it send one at the next flush."""
        raise NotImplementedError

    def want_verify(self, call: CallCore) -> None:
        """``call`` set DATA aside for a batched security check, due before any output."""
        raise NotImplementedError

    def want_push(self, call: CallCore) -> None:
        """``call`` keeps a part-filled packet back: flush it at its ``push_at``."""
        raise NotImplementedError

    def cancel_push(self, call: CallCore) -> None:
        """``call`` no longer keeps a packet back."""
        raise NotImplementedError

    def schedule(self, call: CallCore) -> None:
        """Wake ``call`` no later than its :meth:`~.call.CallCore.deadline`."""
        raise NotImplementedError

    def changed(self, call: CallCore) -> None:
        """Something of ``call`` the application sees changed: wake whoever waits on it."""
        raise NotImplementedError

    def call_completed(self, call: CallCore, now: float) -> None:
        """``call`` has just ended: forget it and release what it held (called once)."""
        raise NotImplementedError

    def send_ack(self, call: CallCore, reason: int, serial: int, now: float) -> int:
        """Queue an ACK of ``call`` with ``reason`` now; returns its packet serial."""
        raise NotImplementedError

    def send_abort(self, call: CallCore, code: int, now: float) -> None:
        """Queue an ABORT of ``call`` carrying ``code`` now."""
        raise NotImplementedError

    def path_stalled(self, call: CallCore, now: float) -> None:
        """``call``'s retransmission timer fired while it had datagrams above the base size
        out: the path to its peer may have shrunk (see :func:`.pmtud.black_hole`)."""
        raise NotImplementedError
