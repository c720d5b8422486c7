"""rxkad as a security class: the client and server objects the Rx core drives.

Theory of operation
-------------------
:mod:`.rxkad`, :mod:`.rxkad_handshake` and :mod:`.rxkad_ticket` hold the pure computations;
this module strings them together into the :mod:`.base` interface.  Everything rxkad knows
about a connection lives in one :class:`ConnectionSecurity` object per connection and side:

* **Client.**  A :class:`RxkadClientSecurity` is a token plus a level.  Its
  :attr:`~RxkadClientSecurity.identity` names the token (a digest of its session key and
  ticket), the kvno, the level and the security index, so the core puts calls with different
  keys or levels on different connections.  A client connection knows its session key from
  the start: it checksums and seals its first DATA packet at once, and answers the server's
  CHALLENGE (old 8-byte or v2 16-byte form) with a RESPONSE of the same form.
* **Server.**  A :class:`RxkadServerSecurity` holds the server keys (a
  :class:`~.keyfile.Keyring`, so both Kerberos-4 style tickets sealed with a ``KeyFile`` DES
  key and rxkad-k5 tickets sealed with a ``KeyFileExt`` key are accepted), the lowest level it
  accepts and a wall clock.  A server connection starts unauthenticated: the core holds the
  client's DATA and sends the CHALLENGE from :meth:`~RxkadServerConnection.issue_challenge`;
  :meth:`~RxkadServerConnection.verify_response` runs OpenAFS's checks in OpenAFS's order, so a
  bad RESPONSE aborts the connection with the RXKAD* code OpenAFS would send.  Only then does
  the connection learn its level and session key, and the held DATA is verified.

Per-packet rules, common to both sides:

* Every DATA packet we send carries the keyed 16-bit header checksum, at every level.
* A received checksum is checked as OpenAFS does: once any DATA packet of the connection
  carried a non-zero checksum, every later one must match (0 included).  A mismatch, a bad
  sealed header or a bad sealed length raises RXKADSEALEDINCON / RXKADDATALEN.
* :meth:`max_data` gives 1412 payload bytes 1412 (clear), 1408 (auth: 4-byte sealed header)
  and 1400 (crypt: 8-byte header, whole blocks, so 1408 on the wire).  Full clear and auth
  packets are therefore exactly 1412 bytes and may travel in jumbograms, as with OpenAFS;
  crypt packets never are.  Crypt jumbogram sub-packets from Linux (1408 sealed bytes plus 4
  bytes of padding) are accepted.

Replay and sequence checks: the RESPONSE must answer this connection's nonce (a new random
one per connection) and name this connection's epoch, cid and security index; the sealed
header of each DATA packet binds it to its call number and seq.  A v2 RESPONSE also carries
the client's call number on each channel; DATA for an older call on a channel is refused
after that (RXKADSEALEDINCON), so calls cannot be replayed into a re-authenticated
connection.

Times.  A ticket's validity is wall-clock time, which the core's ``now`` is not (it may be a
mock clock), so the server class takes a ``clock`` callable returning Unix seconds.  After the
ticket's end time every DATA packet the server receives on the connection fails with
RXKADEXPIRED, as in OpenAFS.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Final

import attrs

from ._fcrypt import FcryptSchedule
from .base import ClientSecurity, ConnectionSecurity, ServerSecurity
from .keyfile import Keyring
from .rxkad import (
    CHALLENGE_VERSION,
    RXKADEXPIRED,
    RXKADSEALEDINCON,
    SECURITY_INDEX,
    SECURITY_INDEX_KAE,
    TICKET_TYPE_KERBEROS_V5,
    TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY,
    Level,
    RxkadError,
    compute_csum_iv,
    max_data_size,
)
from .rxkad_handshake import (
    Challenge,
    decode_challenge_untrusted,
    decode_response_untrusted,
    encode_challenge,
    make_response,
    verify_response,
)
from .rxkad_packets import PacketCodec

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from .rxkad_ticket import TicketContents, Token

__all__ = [
    "RxkadClientConnection",
    "RxkadClientSecurity",
    "RxkadIdentity",
    "RxkadServerConnection",
    "RxkadServerSecurity",
]

_SECURITY_INDICES: Final = (SECURITY_INDEX, SECURITY_INDEX_KAE)


def _level(value: int) -> Level:
    try:
        return Level(value)
    except ValueError:
        raise ValueError(f"no rxkad level {value!r} (0 clear, 1 auth, 2 crypt)") from None


def _security_index(value: int) -> int:
    if value not in _SECURITY_INDICES:
        raise ValueError(f"rxkad runs on security index 2 (or 3), not {value}")
    return value


@attrs.frozen(kw_only=True)
class RxkadIdentity:
    """Who an authenticated rxkad connection speaks for, as its ticket says.

    ``name``/``instance``/``realm`` are the ticket's principal (``afs`` with empty instance and
    realm for a ``-localauth`` token: the superuser).  ``end`` is :data:`~.rxkad.NEVER_DATE`
    for a ticket that never expires.
    """

    name: str
    instance: str
    realm: str
    level: Level
    kvno: int
    """The RESPONSE's kvno field: the server key version, or 213/256 for Kerberos 5 tickets."""
    security_index: int
    start: int
    end: int

    @property
    def principal(self) -> str:
        """``name[.instance][@realm]``, the way OpenAFS prints principals."""
        text = f"{self.name}.{self.instance}" if self.instance else self.name
        return f"{text}@{self.realm}" if self.realm else text


class _RxkadConnection(ConnectionSecurity):
    """What both sides do per packet once the session key and level are known.

    The work itself is a compiled :class:`~.rxkad_packets.PacketCodec`'s, made when the
    connection is keyed (see :meth:`_install`).
    """

    batch_verify = True

    def __init__(self, *, security_index: int) -> None:
        self.security_index = security_index
        self.level = Level.CLEAR
        self._codec: PacketCodec | None = None

    def _install(self, codec: PacketCodec) -> None:
        """Key the connection with ``codec``.

        The codec's bound methods are set on this object, where they hide the class's own
        (which only pass each call on to the codec): the compiled core then calls the
        compiled codec directly, with no interpreted frame between, for every packet.
        """
        self._codec = codec
        self.max_data = codec.max_data  # type: ignore[method-assign]
        self.secure_packet = codec.secure_packet  # type: ignore[method-assign]
        self.secure_packets = codec.secure_packets  # type: ignore[method-assign]
        self.verify_packet = codec.verify_packet  # type: ignore[method-assign]
        self.verify_packets = codec.verify_packets  # type: ignore[method-assign]

    def _keyed(self) -> PacketCodec:
        codec = self._codec
        if codec is None:
            raise RxkadError(RXKADEXPIRED, "rxkad connection is not authenticated")
        return codec

    def max_data(self, wire_size: int) -> int:
        return max_data_size(self.level, wire_size)

    def secure_packet(
        self, call_number: int, channel: int, seq: int, data: bytes,
    ) -> tuple[int, bytes]:
        return self._keyed().secure_packet(call_number, channel, seq, data)

    def secure_packets(
        self, call_number: int, channel: int, first_seq: int, datas: list[bytes],
    ) -> list[tuple[int, bytes]]:
        return self._keyed().secure_packets(call_number, channel, first_seq, datas)

    def verify_packet(
        self, call_number: int, channel: int, seq: int, cksum: int, payload: bytes | memoryview,
    ) -> bytes | memoryview:
        return self._keyed().verify_packet(call_number, channel, seq, cksum, payload)

    def verify_packets(
        self, call_number: int, channel: int,
        packets: list[tuple[int, int, bytes | memoryview]],
    ) -> list[bytes | memoryview]:
        return self._keyed().verify_packets(call_number, channel, packets)


# -- client ---------------------------------------------------------------------------------------


class RxkadClientConnection(_RxkadConnection):
    """The client side of one rxkad connection (made by :class:`RxkadClientSecurity`)."""

    challenged = True

    def __init__(self, owner: RxkadClientSecurity, *, epoch: int, cid: int) -> None:
        super().__init__(security_index=owner.security_index)
        self._owner = owner
        self._epoch = epoch
        self._cid = cid
        self.level = owner.level
        self._install(PacketCodec(owner.level, owner._schedule, compute_csum_iv(
            owner._schedule, epoch=epoch, cid=cid, security_index=owner.security_index)))
        self.challenges_answered = 0
        """How many CHALLENGEs this connection answered (re-challenges count again)."""

    def respond_to_challenge(
        self, body: bytes, *, now: float, call_numbers: tuple[int, int, int, int],
    ) -> bytes:
        challenge = decode_challenge_untrusted(body)
        if len(body) > 8 and challenge.version != CHALLENGE_VERSION:
            # OpenAFS clients go by the length alone: a long challenge is answered in v2 form.
            challenge = Challenge(nonce=challenge.nonce, min_level=challenge.min_level)
        token = self._owner.token
        response = make_response(
            challenge, self._owner._schedule, level=self.level, kvno=token.kvno,
            ticket=token.ticket, epoch=self._epoch, cid=self._cid, call_numbers=call_numbers,
            security_index=self.security_index,
        )
        self.challenges_answered += 1
        return response


class RxkadClientSecurity(ClientSecurity):
    """Make client calls with rxkad: a token (session key, kvno, ticket) and a level.

    Args:
        token: the credentials; see :class:`~.rxkad_ticket.Token`.
        level: :attr:`Level.CLEAR` (header checksums only), :attr:`Level.AUTH` (plus a sealed
            header on every packet) or :attr:`Level.CRYPT` (every payload encrypted).
        security_index: 2, or 3 for servers registered as "rxkad KAE" (crypt only).

    Raises:
        ValueError: a level or security index rxkad does not have, or a session key that is
            not 8 bytes.
    """

    def __init__(self, token: Token, level: int = Level.CRYPT, *,
                 security_index: int = SECURITY_INDEX) -> None:
        if len(token.session_key) != 8:
            raise ValueError("an rxkad session key is 8 bytes")
        self.token = token
        self.level = _level(level)
        self.security_index = _security_index(security_index)
        self._schedule = FcryptSchedule(token.session_key)
        digest = hashlib.sha256(token.session_key + token.ticket).hexdigest()[:32]
        self._identity = ("rxkad", self.security_index, int(self.level), token.kvno, digest)

    @property
    def identity(self) -> Hashable:
        """Security index, level, kvno and a digest of the token: differing calls never share
        a connection."""
        return self._identity

    def new_connection(self, *, epoch: int, cid: int, now: float) -> RxkadClientConnection:
        return RxkadClientConnection(self, epoch=epoch, cid=cid)

    def with_level(self, level: int) -> RxkadClientSecurity:
        """The same token at another level."""
        return RxkadClientSecurity(self.token, level, security_index=self.security_index)

    def __repr__(self) -> str:
        return (f"RxkadClientSecurity(level={self.level.name}, kvno={self.token.kvno}, "
                f"security_index={self.security_index})")


# -- server ---------------------------------------------------------------------------------------


class RxkadServerConnection(_RxkadConnection):
    """The server side of one rxkad connection (made by :class:`RxkadServerSecurity`)."""

    def __init__(self, owner: RxkadServerSecurity, *, epoch: int, cid: int,
                 random_bytes: bytes) -> None:
        super().__init__(security_index=owner.security_index)
        self._owner = owner
        self._epoch = epoch
        self._cid = cid
        self._challenge = Challenge(nonce=int.from_bytes(random_bytes[:4], "big"),
                                    min_level=owner.min_level,
                                    version=owner.challenge_version)
        self._challenge_body: bytes | None = None
        self._authenticated = False
        self.identity: RxkadIdentity | None = None
        """Who the client is, once :attr:`authenticated`."""
        self.ticket: TicketContents | None = None
        """The client's decoded ticket, once :attr:`authenticated`."""

    @property
    def authenticated(self) -> bool:
        return self._authenticated

    def max_data(self, wire_size: int) -> int:
        if not self._authenticated:
            return max_data_size(Level.CRYPT, wire_size)  # the level is not known yet
        return super().max_data(wire_size)

    def issue_challenge(self) -> bytes:
        if self._challenge_body is None:
            self._challenge_body = encode_challenge(self._challenge)
        return self._challenge_body

    def verify_response(
        self, body: bytes, *, now: float, call_numbers: tuple[int, int, int, int],
    ) -> None:
        if self._authenticated:
            return
        owner = self._owner
        v2 = self._challenge.version == CHALLENGE_VERSION
        verified = verify_response(
            body, v2=v2, keyring=owner.keyring_for(body, v2=v2),
            nonce=self._challenge.nonce, min_level=owner.min_level, epoch=self._epoch,
            cid=self._cid, security_index=self.security_index, now=int(owner.clock()),
            allow_dotted_principals=owner.allow_dotted_principals,
        )
        ticket = verified.ticket
        self.level = verified.level
        self._install(PacketCodec(
            verified.level, verified.schedule, verified.csum_iv, clock=owner.clock,
            expires=ticket.end, call_floor=verified.call_numbers or (0, 0, 0, 0)))
        self.ticket = ticket
        self.identity = RxkadIdentity(
            name=ticket.name, instance=ticket.instance, realm=ticket.realm,
            level=verified.level, kvno=verified.kvno, security_index=self.security_index,
            start=ticket.start, end=ticket.end,
        )
        self._authenticated = True


class RxkadServerSecurity(ServerSecurity):
    """Accept rxkad calls whose tickets are sealed with one of a keyring's keys.

    Args:
        keys: the server keys, as a :class:`~.keyfile.Keyring`: ``KeyFile`` DES keys for
            Kerberos-4 style tickets (the response's kvno picks the key) and ``KeyFileExt``
            rxkad-krb5 keys for rxkad-k5 tickets (kvno field 213 or 256).  Or one 8-byte DES
            key, used for ``kvno`` only, or for any kvno when ``kvno`` is ``None`` (as the Linux
            kernel's and crxperf's servers do).
        kvno: with a single key, the key version it answers to (``None``: any).
        clock: the wall clock, a callable returning Unix seconds (ticket validity).
        min_level: the lowest level accepted; it is announced in the CHALLENGE and a RESPONSE
            below it aborts the connection with RXKADLEVELFAIL.  Security index 3 always
            requires :attr:`Level.CRYPT`.
        security_index: 2, or 3 for "rxkad KAE".
        challenge_version: 2 for v2 challenges (what every OpenAFS client since 1.2.8 gets,
            and all Linux supports), 0 for the old 8-byte form.
        allow_dotted_principals: accept Kerberos 5 principals whose name has a dot, as
            OpenAFS servers do with ``-allow-dotted-principals``.

    Raises:
        ValueError: a level, security index or challenge version rxkad does not have.
    """

    def __init__(self, keys: Keyring | bytes, *, kvno: int | None = None,
                 clock: Callable[[], float], min_level: int = Level.CLEAR,
                 security_index: int = SECURITY_INDEX,
                 challenge_version: int = CHALLENGE_VERSION,
                 allow_dotted_principals: bool = False) -> None:
        if challenge_version not in (0, CHALLENGE_VERSION):
            raise ValueError("challenge_version is 2 (v2) or 0 (the old form)")
        self.any_kvno_key: bytes | None = None
        """With a single key and no kvno: the key every DES kvno maps to."""
        if isinstance(keys, Keyring):
            if kvno is not None:
                raise ValueError("kvno goes with a single key, not with a keyring")
            self.keyring = keys
        else:
            key = bytes(keys)
            if len(key) != 8:
                raise ValueError("an rxkad server key is 8 bytes (a DES key)")
            if kvno is None:
                self.any_kvno_key = key
                self.keyring = Keyring([])
            else:
                self.keyring = Keyring.from_des_key(key, kvno)
        self.clock = clock
        self.security_index = _security_index(security_index)
        level = _level(min_level)
        self.min_level = Level.CRYPT if self.security_index == SECURITY_INDEX_KAE else level
        self.challenge_version = challenge_version
        self.allow_dotted_principals = allow_dotted_principals

    def keyring_for(self, response: bytes, *, v2: bool) -> Keyring:
        """The keys to open ``response`` with (the one key under its kvno, for any kvno)."""
        if self.any_kvno_key is None:
            return self.keyring
        try:
            kvno = decode_response_untrusted(response, v2=v2).kvno
        except RxkadError:
            return self.keyring  # the check proper reports it
        if kvno in (TICKET_TYPE_KERBEROS_V5, TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY):
            return self.keyring
        return Keyring.from_des_key(self.any_kvno_key, kvno)

    def new_connection(
        self, *, epoch: int, cid: int, now: float, random_bytes: bytes,
    ) -> RxkadServerConnection:
        if len(random_bytes) < 4:
            raise RxkadError(RXKADSEALEDINCON, "no randomness for the challenge nonce")
        return RxkadServerConnection(self, epoch=epoch, cid=cid, random_bytes=random_bytes)

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(keys={len(self.keyring.keys)}, "
                f"min_level={self.min_level.name}, security_index={self.security_index})")
