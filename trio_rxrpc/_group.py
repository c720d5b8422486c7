"""Endpoint groups: several processes serving one UDP port, steered by connection ID.

Theory of operation
-------------------
A group is ``size`` UDP sockets bound to one address with ``SO_REUSEPORT``.  Linux keeps
them in a *reuseport group*, in the order they were bound, and a classic BPF program attached
to the group (``SO_ATTACH_REUSEPORT_CBPF``) picks, for each arriving datagram, the index of
the socket that receives it.  Our program reads the Rx header and returns::

    0                          if the datagram is shorter than an Rx header,
                               or is a VERSION or DEBUG packet;
    (cid >> 2) % size          otherwise (cid 0 lands on member 0 too).

``cid >> 2`` is the connection number: every channel, and so every packet, of one connection
reaches the same socket.  An endpoint opened as member ``index`` numbers its own client
connections so that ``(cid >> 2) % size == index``, so the replies to its calls come back to
it.

The kernel renumbers the group when one of its sockets closes (the last takes the closed
one's place), so whoever makes the group keeps every socket open for the group's lifetime
(:func:`make_group_sockets` hands them all out; the supervisor in :mod:`._supervisor` keeps
them and gives each worker its own by inheritance).  A member's endpoint works on a duplicate
of its socket, so closing the endpoint never changes the group.

Where steering is unavailable (not Linux, no ``SO_REUSEPORT``, a kernel that refuses the
program, or a port whose group already has foreign members), :func:`make_group_sockets`
raises :class:`GroupUnavailable` rather than let datagrams land on the wrong process.
"""

from __future__ import annotations

import ctypes
import os
import select
import socket
import struct
import sys
from typing import TYPE_CHECKING, final

import attrs

from ._transport import UDPTransport, udp_socket
from ._validate import check_address

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._transport import Address

__all__ = ["GroupMember", "GroupUnavailable", "make_group_sockets", "steering_program"]

ENV_FD = "TRIO_RXRPC_GROUP_FD"
ENV_INDEX = "TRIO_RXRPC_GROUP_INDEX"
ENV_SIZE = "TRIO_RXRPC_GROUP_SIZE"
MAX_GROUP_SIZE = 1024

SO_REUSEPORT = getattr(socket, "SO_REUSEPORT", 15)
SO_ATTACH_REUSEPORT_CBPF = 51

# Classic BPF opcodes (linux/filter.h, linux/bpf_common.h).
_LD, _ALU, _JMP, _RET = 0x00, 0x04, 0x05, 0x06
_W, _B = 0x00, 0x10
_ABS, _LEN = 0x20, 0x80
_JEQ, _JGE = 0x10, 0x30
_RSH, _MOD = 0x70, 0x90
_K, _A = 0x00, 0x10
_INSN = struct.Struct("=HBBI")

_HEADER_SIZE = 28
_CID_OFFSET = 4
_TYPE_OFFSET = 20
_VERSION = 13
_PROBE_EPOCH = 0x7278_7270
"""Marks the probe datagrams :func:`make_group_sockets` sends to check the steering."""


class GroupUnavailable(OSError):
    """This system cannot steer a UDP port's datagrams among a group's sockets."""


@final
@attrs.frozen
class GroupMember:
    """One member of an endpoint group: pass as ``open_endpoint(..., group=...)``.

    ``fileno`` is the member's socket, made by :func:`make_group_sockets` (in this process or
    inherited from the supervisor); ``index`` its place in the group and ``size`` the number
    of sockets.  The endpoint works on a duplicate of ``fileno`` and never closes it.
    """

    index: int
    size: int
    fileno: int

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.size <= MAX_GROUP_SIZE:
            raise ValueError(f"group size {self.size} is not in 1..{MAX_GROUP_SIZE}")
        if not 0 <= self.index < self.size:
            raise ValueError(f"member index {self.index} is not in 0..{self.size - 1}")
        if self.fileno < 0:
            raise ValueError(f"{self.fileno} is not a file descriptor")

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> GroupMember | None:
        """The member this process was started as, from the supervisor's environment
        variables (``TRIO_RXRPC_GROUP_FD``, ``_INDEX`` and ``_SIZE``), or None when they are
        not set.

        Raises:
            ValueError: the variables are set but incomplete or not numbers.
        """
        env = os.environ if environ is None else environ
        values = [env.get(name) for name in (ENV_FD, ENV_INDEX, ENV_SIZE)]
        if all(value is None for value in values):
            return None
        if any(value is None for value in values):
            raise ValueError(f"{ENV_FD}, {ENV_INDEX} and {ENV_SIZE} must be set together")
        try:
            fd, index, size = (int(str(value)) for value in values)
        except ValueError:
            raise ValueError(f"{ENV_FD}, {ENV_INDEX} and {ENV_SIZE} must be integers") from None
        return cls(index=index, size=size, fileno=fd)

    def environment(self) -> dict[str, str]:
        """The environment variables that make :meth:`from_environment` return this member."""
        return {ENV_FD: str(self.fileno), ENV_INDEX: str(self.index), ENV_SIZE: str(self.size)}


def steering_program(size: int) -> list[tuple[int, int, int, int]]:
    """The classic BPF program that steers a group of ``size`` sockets, as
    ``(code, jt, jf, k)`` instructions.  Offsets are from the start of the UDP payload."""
    if not 1 <= size <= MAX_GROUP_SIZE:
        raise ValueError(f"group size {size} is not in 1..{MAX_GROUP_SIZE}")
    return [
        (_LD | _W | _LEN, 0, 0, 0),                    # 0: A = datagram length
        (_JMP | _JGE | _K, 0, 6, _HEADER_SIZE),        # 1: short -> 8
        (_LD | _B | _ABS, 0, 0, _TYPE_OFFSET),         # 2: A = packet type
        (_JMP | _JEQ | _K, 4, 0, _VERSION),            # 3: VERSION -> 8
        (_LD | _W | _ABS, 0, 0, _CID_OFFSET),          # 4: A = cid (big-endian load)
        (_ALU | _RSH | _K, 0, 0, 2),                   # 5: A = connection number
        (_ALU | _MOD | _K, 0, 0, size),                # 6: A %= size
        (_RET | _A, 0, 0, 0),                          # 7: member A
        (_RET | _K, 0, 0, 0),                          # 8: member 0
    ]


def member_for(datagram: bytes, size: int) -> int:
    """The member :func:`steering_program` picks for ``datagram`` (the same rule in Python).

    DEBUG packets follow the connection ID like any other: ``rxdebug`` sends 0 there and so
    reaches member 0, and ``trio-rxrpc list`` puts ``index << 2`` there to ask member
    ``index``.
    """
    if len(datagram) < _HEADER_SIZE or datagram[_TYPE_OFFSET] == _VERSION:
        return 0
    cid = int.from_bytes(datagram[_CID_OFFSET:_CID_OFFSET + 4], "big")
    return (cid >> 2) % size


def _attach(sock: socket.socket, size: int) -> None:
    code = b"".join(_INSN.pack(*insn) for insn in steering_program(size))
    buffer = ctypes.create_string_buffer(code, len(code))
    fprog = struct.pack("@HP", len(code) // _INSN.size, ctypes.addressof(buffer))
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, fprog)
    except OSError as exc:
        raise GroupUnavailable(
            exc.errno, f"the kernel refused the group's steering program: {exc.strerror}",
        ) from None


def make_group_sockets(address: tuple[str, int], size: int, *,
                       buffer_size: int | None = 4 * 1024 * 1024,
                       check: bool = True) -> list[socket.socket]:
    """Bind ``size`` UDP sockets to ``address`` as one steered group; index = list position.

    Port 0 picks a free port for the whole group.  The caller must keep every socket open for
    as long as the group serves (closing one renumbers the others).  With ``check``, a probe
    datagram is sent to each member through loopback and must arrive at that member: this
    catches a kernel that ignores the program and a port whose group already had members.
    Datagrams from elsewhere that arrive during the check are discarded (Rx resends).

    Raises:
        GroupUnavailable: steering is not available here (not Linux, no ``SO_REUSEPORT``,
            the program refused), or the check failed.
        OSError: the address cannot be bound.
        TypeError, ValueError: a bad address or size.
    """
    check_address(address, port_zero=True)
    if not 1 <= size <= MAX_GROUP_SIZE:
        raise ValueError(f"group size {size} is not in 1..{MAX_GROUP_SIZE}")
    if not sys.platform.startswith("linux"):
        raise GroupUnavailable(f"endpoint groups need Linux's reuseport steering, "
                               f"not available on {sys.platform}")
    sockets: list[socket.socket] = []
    try:
        bind_to: Address = address
        for _ in range(size):
            sock = udp_socket(address, buffer_size=buffer_size)
            sockets.append(sock)
            try:
                sock.setsockopt(socket.SOL_SOCKET, SO_REUSEPORT, 1)
            except OSError as exc:
                raise GroupUnavailable(exc.errno, f"SO_REUSEPORT: {exc.strerror}") from None
            sock.bind(bind_to)
            if not sockets[1:]:
                bind_to = sock.getsockname()
        _attach(sockets[0], size)
        if check:
            _check_steering(sockets)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _check_steering(sockets: list[socket.socket]) -> None:
    local = sockets[0].getsockname()
    family = sockets[0].family
    host = str(local[0])
    if host in ("::", "0.0.0.0"):
        host = "::1" if family == socket.AF_INET6 else "127.0.0.1"
    size = len(sockets)
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        probe.bind((host, 0))
        for index in range(size):
            nonce = (_PROBE_EPOCH << 32 | os.getpid() << 8 | index) & 0xFFFFFFFFFFFFFFFF
            payload = struct.pack(">IIQ", _PROBE_EPOCH, index << 2, nonce).ljust(_HEADER_SIZE,
                                                                                  b"\0")
            probe.sendto(payload, (host, local[1]))
            if not _arrives(sockets, index, payload):
                raise GroupUnavailable(
                    f"the group on port {local[1]} does not steer by connection ID (a kernel "
                    f"without reuseport BPF, or other sockets already share the port)")


def _arrives(sockets: list[socket.socket], index: int, payload: bytes) -> bool:
    """Wait (briefly) for ``payload``; true when it reached ``sockets[index]`` only."""
    for _ in range(50):
        ready, _w, _x = select.select(sockets, [], [], 0.1)
        for sock in ready:
            try:
                data = sock.recv(2048, socket.MSG_DONTWAIT)
            except BlockingIOError:
                continue
            if data == payload:
                return sock is sockets[index]
    return False


def member_transport(group: GroupMember, *, address: tuple[str, int] | None) -> UDPTransport:
    """A transport over a duplicate of ``group``'s socket.

    Raises:
        ValueError: the descriptor is not a bound UDP socket with ``SO_REUSEPORT``, or
            ``address`` names another port.
        OSError: the descriptor is not open.
    """
    sock = socket.socket(fileno=os.dup(group.fileno))
    try:
        if sock.type != socket.SOCK_DGRAM or sock.family not in (socket.AF_INET,
                                                                  socket.AF_INET6):
            raise ValueError(f"descriptor {group.fileno} is not a UDP socket")
        if not sock.getsockopt(socket.SOL_SOCKET, SO_REUSEPORT):
            raise ValueError(f"descriptor {group.fileno} is not part of a reuseport group")
        port = int(sock.getsockname()[1])
        if port == 0:
            raise ValueError(f"descriptor {group.fileno} is not bound")
        if address is not None and address[1] not in (0, port):
            raise ValueError(f"the group's socket is bound to port {port}, not {address[1]}")
    except BaseException:
        sock.close()
        raise
    return UDPTransport(sock)
