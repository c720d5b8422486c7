"""The datagram transport under an endpoint: a real UDP socket, or a simulated one.

The endpoint drives its transport the way the performance notes ask for: it calls the
non-blocking ``recvfrom_into`` until it raises :class:`BlockingIOError`, and only then awaits
``wait_readable()``.  Sending is ``sendmsg`` with a scatter list, so packet headers and
payload views go out without being joined first.  :class:`UDPNetwork` hands out real
sockets; :class:`trio_rxrpc.testing.SimulatedNetwork` hands out in-memory ones with the same
shape.
"""

from __future__ import annotations

import errno
import os
import socket
import struct
from typing import TYPE_CHECKING, Protocol

import trio

if TYPE_CHECKING:
    from collections.abc import Sequence

    from typing_extensions import Buffer

    from ._proto.connection import Address as Address  # the one definition, re-exported

# Linux's extended socket errors (ip(7), ipv6(7)); not every Python build names them.
_IP_RECVERR = getattr(socket, "IP_RECVERR", 11)
_IPV6_RECVERR = getattr(socket, "IPV6_RECVERR", 25)
_MSG_ERRQUEUE = getattr(socket, "MSG_ERRQUEUE", 0x2000)
_RECVERR = {(socket.IPPROTO_IP, _IP_RECVERR), (socket.IPPROTO_IPV6, _IPV6_RECVERR)}
_EXTENDED_ERR = struct.Struct("=IBBBBII")
"""struct sock_extended_err: errno, origin, type, code, pad, info, data (host order)."""
_IP_UDP_HEADERS = {socket.IPPROTO_IP: 20 + 8, socket.IPPROTO_IPV6: 40 + 8}

# Path-MTU discovery is ours (see _proto/pmtud.py): datagrams carry DF, and the kernel
# neither fragments them nor refuses them for a path MTU it has cached, only for the
# interface's MTU (ip(7) IP_PMTUDISC_PROBE, ipv6(7) IPV6_MTU_DISCOVER).
_IP_MTU_DISCOVER = getattr(socket, "IP_MTU_DISCOVER", 10)
_IPV6_MTU_DISCOVER = getattr(socket, "IPV6_MTU_DISCOVER", 23)
_PMTUDISC_PROBE = getattr(socket, "IP_PMTUDISC_PROBE", 3)

# Linux's UDP generic segmentation offload (udp(7), since 4.18): a control message at
# (SOL_UDP, UDP_SEGMENT) carrying the segment size as a native 16-bit integer makes one
# sendmsg() send a run of datagrams that lie back to back in its buffers.
SOL_UDP = getattr(socket, "SOL_UDP", 17)
UDP_SEGMENT = getattr(socket, "UDP_SEGMENT", 103)


class DatagramTransport(Protocol):
    """What an :class:`~trio_rxrpc.Endpoint` needs from its datagram socket."""

    @property
    def family(self) -> int:
        """``socket.AF_INET`` or ``socket.AF_INET6``."""
        ...

    def getsockname(self) -> Address:
        """The bound local address."""
        ...

    def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, /) -> tuple[int, Address]:
        """Receive one datagram into ``buffer`` without blocking.

        Raises:
            BlockingIOError: nothing is waiting to be read.
            OSError: an error (for example ICMP port unreachable) is pending on the socket.
        """
        ...

    def sendmsg(
        self, buffers: Sequence[Buffer], ancdata: Sequence[object] = (), flags: int = 0,
        address: Address | None = None, /,
    ) -> int:
        """Send one datagram made of ``buffers`` without blocking.

        A transport with a true ``udp_gso`` attribute also takes a ``(SOL_UDP, UDP_SEGMENT,
        size)`` control message: then ``buffers`` hold several datagrams of ``size`` bytes
        back to back (the last may be shorter), all sent at once.

        Raises:
            BlockingIOError: the send buffer is full; try again after ``wait_writable()``.
            OSError: the datagram could not be sent.
        """
        ...

    async def wait_readable(self) -> None:
        """Block until ``recvfrom_into`` may succeed."""
        ...

    async def wait_writable(self) -> None:
        """Block until ``sendmsg`` may succeed."""
        ...

    def close(self) -> None:
        """Release the socket.  Idempotent."""
        ...


ErrorReport = tuple["Address", OSError, "int | None"]
"""What ``read_error`` gives: the destination an error concerns, the error, and for a
"message too long" (EMSGSIZE) the largest UDP payload the path carries, if it said."""


class DatagramNetwork(Protocol):
    """A source of datagram transports, passed to :func:`~trio_rxrpc.open_endpoint`."""

    def bind(self, address: Address, *, buffer_size: int | None = None) -> DatagramTransport:
        """Create a transport bound to ``address`` (port 0 picks a free port)."""
        ...


class UDPTransport:
    """A real, non-blocking UDP socket."""

    def __init__(self, sock: socket.socket) -> None:
        sock.setblocking(False)
        self._sock = sock
        # Bound methods of the stdlib socket: the endpoint's hot loop calls them directly.
        self.recvfrom_into = sock.recvfrom_into
        self.sendmsg = sock.sendmsg
        self.getsockname = sock.getsockname
        self.udp_gso = _has_udp_gso(sock)
        """Whether ``sendmsg`` may take a ``UDP_SEGMENT`` control message (Linux UDP GSO)."""
        self._family = int(sock.family)  # (socket.family builds an enum member each time)

    @property
    def family(self) -> int:
        return self._family

    @property
    def socket(self) -> socket.socket:
        """The underlying stdlib socket."""
        return self._sock

    def read_error(self) -> ErrorReport | None:
        """Take one queued error: the destination it concerns, the error and, for EMSGSIZE,
        the largest UDP payload the path carries (``None`` if not said); ``None`` if the
        queue is empty.

        The socket has IP_RECVERR (IPV6_RECVERR) set, so errors such as "port unreachable"
        or "fragmentation needed" (ICMP, or the local stack refusing a datagram) wait in its
        error queue with the address of the datagram's destination.
        """
        try:
            _data, ancdata, _flags, address = self._sock.recvmsg(0, 512, _MSG_ERRQUEUE)
        except OSError:
            return None
        for level, kind, payload in ancdata:
            if (level, kind) in _RECVERR and len(payload) >= _EXTENDED_ERR.size:
                code, _origin, _type, _code, _pad, info, _ = _EXTENDED_ERR.unpack_from(payload)
                mtu = None
                if code == errno.EMSGSIZE and info > _IP_UDP_HEADERS[level]:
                    mtu = info - _IP_UDP_HEADERS[level]
                return address, OSError(code, os.strerror(code)), mtu
        return None

    async def wait_readable(self) -> None:
        await trio.lowlevel.wait_readable(self._sock)

    async def wait_writable(self) -> None:
        await trio.lowlevel.wait_writable(self._sock)

    def close(self) -> None:
        if self._sock.fileno() != -1:
            trio.lowlevel.notify_closing(self._sock)
            self._sock.close()


def _has_udp_gso(sock: socket.socket) -> bool:
    """Whether the kernel knows UDP_SEGMENT for ``sock`` (Linux 4.18 and later).

    Reading the option is a cheap probe: kernels without it answer ENOPROTOOPT.  A route or
    device that cannot segment still shows up only when sending; the endpoint falls back then.
    """
    if os.uname().sysname != "Linux" or sock.type != socket.SOCK_DGRAM:
        return False
    try:
        sock.getsockopt(SOL_UDP, UDP_SEGMENT)
    except OSError:
        return False
    return True


class UDPNetwork:
    """The real network: binds UDP sockets of the address's family."""

    def bind(self, address: Address, *, buffer_size: int | None = None) -> UDPTransport:
        sock = udp_socket(address, buffer_size=buffer_size)
        try:
            sock.bind(address)
        except BaseException:
            sock.close()
            raise
        return UDPTransport(sock)


def udp_socket(address: Address, *, buffer_size: int | None = None) -> socket.socket:
    """A new, unbound UDP socket for ``address``'s family, set up the way endpoints want it."""
    host = address[0]
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_DGRAM)
    try:
        if family == socket.AF_INET6 and host in ("::", ""):
            # Serve IPv4 too, through mapped addresses, like most servers do.
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        if buffer_size:
            for opt in (socket.SO_RCVBUF, socket.SO_SNDBUF):
                try:
                    sock.setsockopt(socket.SOL_SOCKET, opt, buffer_size)
                except OSError:  # pragma: no cover - the kernel caps it instead
                    pass
        if hasattr(socket, "MSG_ERRQUEUE") or os.uname().sysname == "Linux":
            # Learn of ICMP errors (port unreachable...) with the address they concern.
            try:
                if family == socket.AF_INET6:
                    sock.setsockopt(socket.IPPROTO_IPV6, _IPV6_RECVERR, 1)
                    sock.setsockopt(socket.IPPROTO_IPV6, _IPV6_MTU_DISCOVER, _PMTUDISC_PROBE)
                sock.setsockopt(socket.IPPROTO_IP, _IP_RECVERR, 1)
                sock.setsockopt(socket.IPPROTO_IP, _IP_MTU_DISCOVER, _PMTUDISC_PROBE)
            except OSError:  # pragma: no cover - not Linux after all
                pass
    except BaseException:
        sock.close()
        raise
    return sock
