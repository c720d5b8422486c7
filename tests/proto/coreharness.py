"""Two sans-I/O cores wired together, for tests of the core (no trio, no sockets).

A :class:`CorePair` carries datagrams between a client and a server
:class:`~trio_rxrpc._proto.endpoint.EndpointCore` with an explicit ``now``, lets a test drop
or rewrite any datagram, and plays a small application on both ends (the server answers each
request with a function of it).  The server's wall clock (ticket times) is a separate fake
clock, so ticket expiry is tested without waiting.  Used by the rxkad, call and edge tests.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.security import rxkad
from trio_rxrpc._proto.security._fcrypt import FcryptSchedule
from trio_rxrpc._proto.security.rxkad_class import RxkadServerConnection
from trio_rxrpc._proto.wire import (
    HEADER,
    HEADER_SIZE,
    JUMBO_DATALEN,
    JUMBO_HEADER,
    JUMBO_PACKET,
    JUMBO_SUBPKTLEN,
    PacketType,
)
from trio_rxrpc.security import (
    Keyring,
    Level,
    RxkadServerSecurity,
    Token,
    forge_localauth_token,
)

if TYPE_CHECKING:
    from trio_rxrpc._proto.call import CallCore
    from trio_rxrpc._proto.security.base import ClientSecurity, ServerSecurity

SERVICE = 100
CLIENT_ADDR = ("10.0.0.2", 1000)
SERVER_ADDR = ("10.0.0.1", 7000)
KEY = bytes.fromhex("0123456789abcdef")
KVNO = 3
WALL = 1_750_000_000
LEVELS = [Level.CLEAR, Level.AUTH, Level.CRYPT]

DATA = int(PacketType.DATA)
ACK = int(PacketType.ACK)
ABORT = int(PacketType.ABORT)
CHALLENGE = int(PacketType.CHALLENGE)
RESPONSE = int(PacketType.RESPONSE)


def rand(seed: int) -> Callable[[int], bytes]:
    return random.Random(seed).randbytes


def localauth(seed: int = 1, **kw: int) -> Token:
    return forge_localauth_token(KEY, KVNO, now=WALL, random_bytes=rand(seed), **kw)


class WallClock:
    """A settable stand-in for ``time.time``."""

    def __init__(self, t: float = WALL) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@attrs.frozen
class Sent:
    """One datagram as it crossed the pair (after the policy rewrote it)."""

    t: float
    to_server: bool
    data: bytes

    @property
    def header(self) -> tuple[int, ...]:
        return HEADER.unpack_from(self.data)

    @property
    def type(self) -> int:
        return self.data[20]

    @property
    def flags(self) -> int:
        return self.data[21]

    @property
    def call_number(self) -> int:
        return self.header[2]

    @property
    def payload(self) -> bytes:
        return self.data[HEADER_SIZE:]


Policy = Callable[[Sent], bytes | None]
"""Decides a datagram's fate: the bytes to deliver (possibly rewritten) or None to drop it."""


def deliver_all(sent: Sent) -> bytes | None:
    return sent.data


def reverse(request: bytes) -> bytes:
    return request[::-1]


class CorePair:
    """A client core and a server core wired together, with a tiny application on each."""

    def __init__(
        self, *, securities: list[ServerSecurity] | None = None, min_level: int = 0,
        handler: Callable[[bytes], bytes] = reverse, seed: int = 7,
    ) -> None:
        self.now = 0.0
        self.seed = seed
        self.client = EndpointCore(rng=random.Random(seed))
        self.clock = WallClock()
        if securities is None:
            securities = [RxkadServerSecurity(Keyring.from_des_key(KEY, KVNO), clock=self.clock)]
        self.securities = securities
        self.min_level = min_level
        self.server = self._new_server()
        self.handler = handler
        self.policy: Policy = deliver_all
        self.trace: list[Sent] = []
        self._outgoing: dict[CallCore, bytearray] = {}
        self._incoming: dict[CallCore, bytearray] = {}
        self.replies: dict[CallCore, bytes] = {}
        self.requests: dict[CallCore, bytes] = {}
        self.accepted: list[CallCore] = []
        self.server_busy_until = 0.0
        """The server's application neither reads nor writes before this time (it is busy
        elsewhere)."""

    def _new_server(self) -> EndpointCore:
        server = EndpointCore(rng=random.Random(self.seed + 1))
        server.listen([SERVICE], backlog=64, securities=self.securities,
                      min_level=self.min_level)
        return server

    def restart_server(self) -> None:
        """The server loses every connection (a crash and restart on the same address)."""
        self.server = self._new_server()

    # -- the application ---------------------------------------------------------------------

    def call(self, request: bytes, security: ClientSecurity | None, **options: object) -> CallCore:
        call = self.client.start_call(SERVER_ADDR, SERVICE, now=self.now, security=security,
                                      **options)  # type: ignore[arg-type]
        self._outgoing[call] = bytearray(request)
        self._incoming[call] = bytearray()
        self._app()
        return call

    def _app(self) -> None:
        for call in self.server.take_new_calls():
            self.server.call_accepted(call)
            self.accepted.append(call)
            self._incoming[call] = bytearray()
        for call, received in list(self._incoming.items()):
            if not call.is_client and self.now < self.server_busy_until:
                continue
            while True:
                data = call.read(None, self.now)
                if not data:
                    break
                received += data
            if data == b"":
                del self._incoming[call]
                if call.is_client:
                    self.replies[call] = bytes(received)
                else:
                    self.requests[call] = bytes(received)
                    self._outgoing[call] = bytearray(self.handler(bytes(received)))
        for call, pending in list(self._outgoing.items()):
            if call.completion is not None:
                del self._outgoing[call]
                continue
            if not call.is_sending or (not call.is_client and self.now < self.server_busy_until):
                continue
            size = len(pending)
            taken = call.write(bytes(pending), eor=True, now=self.now)
            del pending[:taken]
            if taken == size:
                del self._outgoing[call]
        self.client.take_dirty()
        self.server.take_dirty()

    # -- the network ---------------------------------------------------------------------------

    def exchange(self) -> bool:
        """Move every datagram both cores want to send; return whether any moved."""
        moved = False
        for _ in range(10_000):
            any_now = False
            for core, to_server in ((self.client, True), (self.server, False)):
                for parts, _addr in core.datagrams_to_send(now=self.now):
                    any_now = True
                    sent = Sent(self.now, to_server, b"".join(bytes(p) for p in parts))
                    data = self.policy(sent)
                    if data is None:
                        continue
                    self.trace.append(attrs.evolve(sent, data=data))
                    if to_server:
                        self.server.receive_datagram(data, CLIENT_ADDR, now=self.now)
                    else:
                        self.client.receive_datagram(data, SERVER_ADDR, now=self.now)
            self._app()
            if not any_now:
                return moved
            moved = True
        raise AssertionError("the cores never went quiet")

    def run(self, until: Callable[[], bool], *, limit: float = 120.0) -> None:
        """Exchange and advance time (timer to timer) until ``until()`` or ``limit`` seconds."""
        self._app()
        while True:
            self.exchange()
            if until():
                return
            deadline = min(self.client.next_deadline(), self.server.next_deadline())
            if self.now < self.server_busy_until < deadline:
                deadline = self.server_busy_until
            if deadline > limit:
                raise AssertionError(f"not done by t={limit}")
            self.now = max(self.now, deadline)
            self.client.handle_timers(now=self.now)
            self.server.handle_timers(now=self.now)
            self._app()

    def finish(self, *calls: CallCore, limit: float = 120.0) -> None:
        self.run(lambda: all(c.completion is not None for c in calls), limit=limit)

    def packets(self, ptype: int, *, to_server: bool | None = None) -> list[Sent]:
        return [s for s in self.trace if s.type == ptype
                and (to_server is None or s.to_server == to_server)]


def server_conn(call: CallCore) -> RxkadServerConnection:
    security = call.conn.security
    assert isinstance(security, RxkadServerConnection)
    return security


def data_subpackets(sent: Sent) -> list[tuple[int, int, int, bytes]]:
    """(seq, flags, cksum, payload) for each DATA packet in a datagram, jumbo or not."""
    _e, _c, _n, seq, _s, _t, flags, _u, _i, cksum, _sv = sent.header
    body = sent.payload
    out = []
    while flags & JUMBO_PACKET:
        out.append((seq, flags, cksum, body[:JUMBO_DATALEN]))
        flags, _pad, cksum = JUMBO_HEADER.unpack_from(body, JUMBO_DATALEN)
        body = body[JUMBO_SUBPKTLEN:]
        seq += 1
    out.append((seq, flags, cksum, body))
    return out


def check_wire(pair: CorePair, token: Token, level: Level) -> int:
    """Every DATA packet both ways carries the right checksum and unseals to its bytes.

    Returns how many DATA packets were checked.
    """
    schedule = FcryptSchedule(token.session_key)
    checked = 0
    for sent in pair.packets(DATA):
        epoch, cid, call_number, *_ = sent.header
        iv = rxkad.compute_csum_iv(schedule, epoch=epoch, cid=cid)
        for seq, _flags, cksum, payload in data_subpackets(sent):
            assert cksum == rxkad.header_checksum(schedule, iv, call_number=call_number,
                                                  channel=cid & 3, seq=seq)
            rxkad.unseal_packet(level, schedule, call_number=call_number, seq=seq,
                                payload=payload)
            checked += 1
    return checked
