"""The security-class interface between the Rx core and rxnull, rxkad and rxgk.

Theory of operation
-------------------
Security in Rx belongs to a connection: every packet of a connection carries its security
index, and the class may put a checksum in the header's cksum field and transform DATA
payloads.  A client chooses its security per call (a :class:`ClientSecurity`), and the core
never lets two calls with different securities share a connection: the security's
:attr:`~ClientSecurity.identity` is part of the connection bundle's key.  A server offers a
:class:`ServerSecurity` per security index for each service.

Each side creates a :class:`ConnectionSecurity` per connection.  On a server it starts
unauthenticated (unless the class needs no handshake): the core holds the calls' data back,
sends the CHALLENGE the object issues, and delivers nothing to the application until the
RESPONSE verifies.  DATA payloads are secured when they are cut into packets (so
retransmissions reuse the work) and verified as they arrive, before anything reaches a
reader.  Failures raise :class:`SecurityFailure` with the abort code to send.
"""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING

from trio_rxrpc._proto.codes import AbortCode

if TYPE_CHECKING:
    from collections.abc import Hashable


class SecurityFailure(Exception):
    """A security check failed; ``code`` is the abort code to report (e.g. an RXKAD* code)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ConnectionSecurity(abc.ABC):
    """The security state of one connection, on one side."""

    security_index: int = 0
    level: int = 0
    challenged: bool = False
    """Client side: a server challenges a connection of this class before it runs a call
    (so a lost CHALLENGE or RESPONSE is looked for; see :mod:`..handshake`)."""
    level_fail_code: int = int(AbortCode.RXKADLEVELFAIL)
    """The abort code for a level below the listener's minimum (rxkad's ``RXKADLEVELFAIL``
    unless the class has its own)."""

    @property
    def authenticated(self) -> bool:
        """Whether application data may flow (always true for a client side)."""
        return True

    def max_data(self, wire_size: int) -> int:
        """How many application bytes fit a DATA payload of ``wire_size`` bytes."""
        return wire_size

    @abc.abstractmethod
    def secure_packet(
        self, call_number: int, channel: int, seq: int, data: bytes,
    ) -> tuple[int, bytes]:
        """Return ``(cksum, wire_payload)`` for one outgoing DATA packet."""

    def secure_packets(
        self, call_number: int, channel: int, first_seq: int, datas: list[bytes],
    ) -> list[tuple[int, bytes]]:
        """:meth:`secure_packet` for consecutive packets from ``first_seq``, in one go.

        Classes whose work vectorizes across packets (rxkad's encryption) override it.
        """
        return [self.secure_packet(call_number, channel, first_seq + i, data)
                for i, data in enumerate(datas)]

    batch_verify: bool = False
    """Whether the core should collect a receive batch's DATA for :meth:`verify_packets`."""

    @abc.abstractmethod
    def verify_packet(
        self, call_number: int, channel: int, seq: int, cksum: int, payload: bytes | memoryview,
    ) -> bytes | memoryview:
        """Check (and decrypt) one incoming DATA payload; return the application bytes.

        Raises:
            SecurityFailure: the packet fails its check.
        """

    def verify_packets(
        self, call_number: int, channel: int,
        packets: list[tuple[int, int, bytes | memoryview]],
    ) -> list[bytes | memoryview]:
        """:meth:`verify_packet` for several ``(seq, cksum, payload)`` of one call at once.

        Returns the application bytes of each, in order.  Classes whose work vectorizes
        across packets override it (and set :attr:`batch_verify`).

        Raises:
            SecurityFailure: any of the packets fails its check.
        """
        return [self.verify_packet(call_number, channel, seq, cksum, payload)
                for seq, cksum, payload in packets]

    def respond_to_challenge(
        self, body: bytes, *, now: float, call_numbers: tuple[int, int, int, int],
    ) -> bytes:
        """Client side: build the RESPONSE body for a CHALLENGE body.

        ``call_numbers`` are the connection's current call numbers per channel.

        Raises:
            SecurityFailure: the challenge cannot be answered.
        """
        raise SecurityFailure(-5, "this security class does not answer challenges")

    def issue_challenge(self) -> bytes | None:
        """Server side: the CHALLENGE body to send, or ``None`` if no handshake is needed."""
        return None

    def verify_response(
        self, body: bytes, *, now: float, call_numbers: tuple[int, int, int, int],
    ) -> None:
        """Server side: check a RESPONSE; on success the connection is authenticated.

        ``call_numbers`` are the highest call numbers seen on each channel so far.

        Raises:
            SecurityFailure: the response is bad (the connection is aborted with its code).
        """
        raise SecurityFailure(-5, "unexpected RESPONSE")


class ClientSecurity(abc.ABC):
    """What a client call carries to choose its security: a key (token) and a level."""

    security_index: int = 0

    @property
    @abc.abstractmethod
    def identity(self) -> Hashable:
        """Calls whose identities differ never share a connection."""

    @abc.abstractmethod
    def new_connection(self, *, epoch: int, cid: int, now: float) -> ConnectionSecurity:
        """Security state for a new client connection."""


class ServerSecurity(abc.ABC):
    """What a service accepts on one security index."""

    security_index: int = 0

    @abc.abstractmethod
    def new_connection(
        self, *, epoch: int, cid: int, now: float, random_bytes: bytes,
    ) -> ConnectionSecurity:
        """Security state for a new incoming connection (``random_bytes``: 16 fresh bytes)."""
