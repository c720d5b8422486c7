"""A real UDP socket for an endpoint that loses the datagrams a test chooses.

``open_endpoint(network=DroppingNetwork(choose))`` binds a real socket as usual; ``choose``
sees every datagram (``incoming``, its bytes) and returns whether it is lost.  UDP GSO is
off, so each ``sendmsg`` is one datagram that ``choose`` can look at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trio_rxrpc._transport import UDPNetwork, UDPTransport

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from typing_extensions import Buffer

    from trio_rxrpc._transport import Address


def packet_type(data: bytes | memoryview) -> int:
    """The Rx packet type of a datagram (-1 if it is shorter than a header)."""
    return data[20] if len(data) >= 28 else -1


def packet_flags(data: bytes | memoryview) -> int:
    return data[21] if len(data) >= 28 else 0


class DroppingTransport:
    """A real UDP socket that loses the datagrams ``choose`` picks."""

    def __init__(self, transport: UDPTransport, choose: Callable[[bool, bytes], bool]) -> None:
        self._transport = transport
        self._choose = choose
        self.udp_gso = False
        self.family = transport.family
        self.getsockname = transport.getsockname
        self.wait_readable = transport.wait_readable
        self.wait_writable = transport.wait_writable
        self.read_error = transport.read_error
        self.close = transport.close

    def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, /) -> tuple[int, Address]:
        while True:
            n, address = self._transport.recvfrom_into(buffer, nbytes)
            if not self._choose(True, bytes(memoryview(buffer)[:n])):
                return n, address

    def sendmsg(self, buffers: Sequence[Buffer], ancdata: Sequence[object] = (),
                flags: int = 0, address: Address | None = None, /) -> int:
        assert not ancdata  # no UDP_SEGMENT: udp_gso is off
        data = b"".join(bytes(buffer) for buffer in buffers)
        if self._choose(False, data):
            return len(data)
        return self._transport.sendmsg([data], (), flags, address)


class DroppingNetwork:
    """Binds :class:`DroppingTransport` sockets."""

    def __init__(self, choose: Callable[[bool, bytes], bool]) -> None:
        self._choose = choose

    def bind(self, address: Address, *, buffer_size: int | None = None) -> DroppingTransport:
        return DroppingTransport(UDPNetwork().bind(address, buffer_size=buffer_size),
                                 self._choose)
