"""rxgk as a security class: the objects the Rx core drives, in either flavour.

Theory of operation
-------------------
:mod:`.rxgk_wire` holds the formats and :mod:`.rxgk_handshake` the token and RESPONSE
computations; this module protects DATA packets and strings the handshake into the
:mod:`.base` interface.  Every object has a flavour (:mod:`.rxgk_flavour`): YFS's, at
security index 6, by default, or OpenAFS's, at index 4.  The flavour sets the index in the
header and the pseudo-header, the token plaintext, the abort codes, and OpenAFS's extra rules
(level 1 only with enctypes 17 and 18, bad key numbers ignored at level 0).  A listener may
offer both flavours at once, as it offers rxkad beside them: they differ in index.

* **Client.**  A :class:`RxgkClientSecurity` is an :class:`~.rxgk_handshake.RxgkToken` and
  the level sealed into it.  A client connection picks its start time when it is made, so it
  knows its transport keys at once: its first DATA packet is already protected, and it
  answers the CHALLENGE with a RESPONSE for key number 0.
* **Server.**  A :class:`RxgkServerSecurity` holds rxgk server keys by ``(kvno, enctype)``
  (a :class:`~.keyfile.Keyring`'s rxgk keys, or a mapping) and the lowest level it accepts.
  A server connection is unauthenticated until :meth:`RxgkServerConnection.verify_response`
  accepts the client's RESPONSE; the token then gives the level and K0.

Packet protection, per DATA packet, both ways:

* The header's ``cksum`` field carries the low 16 bits of the sender's key number.
* Level 0 (clear): the payload is the data.
* Level 1 (auth): the payload is a MIC, under the transport key's packet-MIC usage for the
  sender's side (1027 from the client, 1029 from the server), of the 24-byte pseudo-header
  and the data, followed by the data.
* Level 2 (crypt): the payload is the Kerberos encryption, under the packet-encryption usage
  (1026 / 1028), of the pseudo-header followed by the data.  A receiver takes the pseudo-header's
  length and checks that its other fields name this packet.

A full packet is exactly 1412 bytes on the wire at every level (:meth:`max_data`), as Linux
makes them, so full packets may travel in jumbograms.

Rekeying.  Both sides share one key number per connection, starting at 0.  A sender moves to
the next key when the current one has protected more bytes than the token's ``bytelife``
allows, or has been in use longer than its ``lifetime``; a receiver accepts the current key
number, the one before it (packets in flight) and the one after it, which makes it move
forward too, as Linux does.  Any other number aborts with ``RXGK_BADKEYNO``.  Transport keys
are derived when first needed and only the current and previous ones are kept.  Packets are
sealed once, when they are cut, and retransmitted as they are (Linux does the same), so a
packet retransmitted after its sender has moved on twice is refused: a byte life much smaller
than a window of packets (a few hundred kilobytes) makes lost packets fatal to a call.

Failures raise :class:`~.rxgk_handshake.RxgkError` with the flavour's abort code; for YFS,
Linux's: a MIC or sealed payload that does not check is ``RXGK_SEALEDINCON``, a payload too
short for its protection ``RXGK_PACKETSHORT``.  OpenAFS's are ``RXGK_SEALED_INCON`` (also
for a sealed payload too short to decrypt), ``RXGK_PACKETSHORT`` for a MIC that is not
there, and ``RXGK_DATA_LEN`` for a decrypted payload shorter than its pseudo-header says.
The server refuses every DATA packet once the token has expired (``RXGK_EXPIRED``, our
choice; Linux has no such check).  Confounders come from the class's
``random_bytes`` source, drawn once for a whole batch of packets.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Final

import attrs

from trio_rxrpc._proto.security._rfc3961 import IntegrityError
from trio_rxrpc._proto.security.base import ClientSecurity, ConnectionSecurity, ServerSecurity
from trio_rxrpc._proto.security.keyfile import Keyring
from trio_rxrpc._proto.security.rxgk_flavour import YFS, RxgkFlavour, flavour_named
from trio_rxrpc._proto.security.rxgk_handshake import (
    TIME_UNITS,
    RxgkError,
    RxgkToken,
    check_level_enctype,
    check_prf_variant,
    derive_transport_key,
    enctype_of,
    make_response,
    verify_response,
)
from trio_rxrpc._proto.security.rxgk_wire import (
    KEY_USAGE_CLIENT_ENC_PACKET,
    KEY_USAGE_CLIENT_MIC_PACKET,
    KEY_USAGE_SERVER_ENC_PACKET,
    KEY_USAGE_SERVER_MIC_PACKET,
    NONCE_LEN,
    PSEUDO_HEADER_LEN,
    SECURITY_INDEX_RXGK,
    SECURITY_INDEX_YFS_RXGK,
    Challenge,
    Level,
    PseudoHeader,
    RxgkMalformed,
    key_number_field,
    resolve_key_number,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Mapping

    from trio_rxrpc._proto.security._rfc3961 import Enctype, UsageKeys
    from trio_rxrpc._proto.security.rxgk_wire import Token

__all__ = [
    "RxgkClientConnection",
    "RxgkClientSecurity",
    "RxgkIdentity",
    "RxgkServerConnection",
    "RxgkServerSecurity",
]

_HEADER: Final = PSEUDO_HEADER_LEN
_KEY_NUMBER_MAX: Final = 0xFFFFFFFF
_WORST_CHECKSUM: Final = 24  # the largest checksum of any enctype here (20: SHA-384/192)
_CONFOUNDER: Final = 16


def _bytes_allowed(bytelife: int) -> float:
    """What one transport key may protect: 2**bytelife bytes, unlimited for 0 (as Linux)."""
    return float(1 << bytelife) if 1 <= bytelife <= 62 else float("inf")


@attrs.define
class _TransportKeys:
    """The packet keys of one key number, one direction each."""

    number: int
    tx: UsageKeys | None
    rx: UsageKeys | None
    bytes_left: float
    until: float
    """Wall-clock second after which we stop sending with it."""


@attrs.frozen(kw_only=True)
class RxgkIdentity:
    """Who an authenticated rxgk connection speaks for, as its token says."""

    identities: tuple[tuple[int, bytes, bytes], ...]
    """``(kind, data, display)`` of each identity in the token (none: anonymous)."""
    level: Level
    kvno: int
    enctype: int
    """The enctype of the server key that opened the token."""
    expiration_time: int
    """100 ns units since 1970; 0 means never."""
    security_index: int = SECURITY_INDEX_YFS_RXGK
    """6 for yfs-rxgk, 4 for OpenAFS's rxgk."""

    @property
    def superuser(self) -> bool:
        """Whether an OpenAFS server would take the caller for the superuser: an index-4
        token without identities (a printed token, as ``-localauth`` makes).  Always false
        at index 6, where no such rule is known."""
        return self.security_index == SECURITY_INDEX_RXGK and not self.identities

    @property
    def principal(self) -> str:
        """The token's identities as displayed, joined with ``+`` (``""``: anonymous), so a
        server can log an rxgk caller the way it logs an rxkad one."""
        return "+".join(display.decode("utf-8", "replace") for _kind, _data, display
                        in self.identities)


class _RxgkConnection(ConnectionSecurity):
    """What both sides do per packet once K0, the level and the start time are known."""

    def __init__(self, *, is_client: bool, epoch: int, cid: int,
                 clock: Callable[[], float], random_bytes: Callable[[int], bytes],
                 camellia256_prf: str, flavour: RxgkFlavour = YFS) -> None:
        self._flavour = flavour
        self.security_index = flavour.security_index
        self.level_fail_code = int(flavour.bad_level)
        self._is_client = is_client
        self._prf_variant = camellia256_prf
        self._epoch = epoch
        self._cid = cid & ~3
        self._clock = clock
        self._random_bytes = random_bytes
        self.level = Level.CRYPT
        self._etype: Enctype | None = None
        self._k0 = b""
        self._start_time = 0
        self._bytelife = 0
        self._lifetime = 0
        self.key_number = 0
        """The connection's current key number (it only grows)."""
        self._keys: dict[int, _TransportKeys] = {}

    def _set_key(self, etype: Enctype, k0: bytes, level: Level, start_time: int, *,
                 bytelife: int, lifetime: int) -> None:
        self._etype = etype
        self._k0 = k0
        self.level = level
        self._start_time = start_time
        self._bytelife = bytelife
        self._lifetime = lifetime

    def _enctype(self) -> Enctype:
        etype = self._etype
        if etype is None:
            raise RxgkError(self._flavour.not_auth, "rxgk connection is not authenticated")
        return etype

    def _transport(self, number: int) -> _TransportKeys:
        keys = self._keys.get(number)
        if keys is not None:
            return keys
        etype = self._enctype()
        tk = derive_transport_key(etype, self._k0, epoch=self._epoch, cid=self._cid,
                                  start_time=self._start_time, key_number=number,
                                  camellia256_prf=self._prf_variant)
        if self.level == Level.CLEAR:
            tx = rx = None
        else:
            if self.level == Level.AUTH:
                ours, theirs = KEY_USAGE_CLIENT_MIC_PACKET, KEY_USAGE_SERVER_MIC_PACKET
            else:
                ours, theirs = KEY_USAGE_CLIENT_ENC_PACKET, KEY_USAGE_SERVER_ENC_PACKET
            if not self._is_client:
                ours, theirs = theirs, ours
            tx, rx = etype.derive(tk, ours), etype.derive(tk, theirs)
        until = self._clock() + self._lifetime if self._lifetime else float("inf")
        keys = _TransportKeys(number, tx, rx, _bytes_allowed(self._bytelife), until)
        self._keys[number] = keys
        for old in [n for n in self._keys if n < number - 1]:
            del self._keys[old]
        return keys

    def _advance(self) -> None:
        if self.key_number >= _KEY_NUMBER_MAX:
            raise RxgkError(self._flavour.key_number_wrap, "no key number left to rekey to")
        self.key_number += 1
        for old in [n for n in self._keys if n < self.key_number - 1]:
            del self._keys[old]

    def _tx_keys(self) -> _TransportKeys:
        keys = self._transport(self.key_number)
        if keys.bytes_left < 0 or (keys.until != float("inf") and self._clock() >= keys.until):
            self._advance()
            keys = self._transport(self.key_number)
        return keys

    def _rx_keys(self, field: int) -> _TransportKeys:
        flavour = self._flavour
        try:
            number = resolve_key_number(field, self.key_number)
        except RxgkMalformed as exc:
            current = self.key_number
            if flavour.clear_ignores_key_number and self.level == Level.CLEAR:
                number = current  # OpenAFS ignores key numbers at level 0
            elif field == (current + 1) & 0xFFFF or field == (current - 1) & 0xFFFF:
                raise RxgkError(flavour.key_number_wrap, str(exc)) from None
            else:
                raise RxgkError(flavour.bad_keyno, str(exc)) from None
        if number > self.key_number:
            self._advance()  # the peer rekeyed: so do we
        return self._transport(number)

    def max_data(self, wire_size: int) -> int:
        if self.level == Level.CLEAR:
            return wire_size
        checksum = self._etype.checksum_size if self._etype is not None else _WORST_CHECKSUM
        if self.level == Level.AUTH:
            return wire_size - checksum
        return wire_size - _CONFOUNDER - checksum - _HEADER

    def _pseudo_header(self, call_number: int, channel: int, seq: int, length: int) -> bytes:
        return PseudoHeader(self._epoch, self._cid | channel, call_number, seq,
                            self.security_index, length).encode()

    def secure_packet(
        self, call_number: int, channel: int, seq: int, data: bytes,
    ) -> tuple[int, bytes]:
        [secured] = self.secure_packets(call_number, channel, seq, [data])
        return secured

    def secure_packets(
        self, call_number: int, channel: int, first_seq: int, datas: list[bytes],
    ) -> list[tuple[int, bytes]]:
        etype = self._enctype()
        level = self.level
        confounders = (self._random_bytes(_CONFOUNDER * len(datas))
                       if level == Level.CRYPT else b"")
        out: list[tuple[int, bytes]] = []
        keys = self._tx_keys()
        for index, data in enumerate(datas):
            if keys.bytes_left < 0:
                keys = self._tx_keys()
            field = key_number_field(keys.number)
            if level == Level.CLEAR:
                payload = bytes(data)
            else:
                assert keys.tx is not None
                header = self._pseudo_header(call_number, channel, first_seq + index, len(data))
                if level == Level.AUTH:
                    payload = etype.mic(keys.tx, header + data) + data
                else:
                    at = index * _CONFOUNDER
                    payload = etype.encrypt(keys.tx, header + data,
                                            confounders[at:at + _CONFOUNDER])
            keys.bytes_left -= len(payload)
            out.append((field, payload))
        return out

    def verify_packet(
        self, call_number: int, channel: int, seq: int, cksum: int, payload: bytes | memoryview,
    ) -> bytes | memoryview:
        [data] = self.verify_packets(call_number, channel, [(seq, cksum, payload)])
        return data

    batch_verify = True

    def verify_packets(
        self, call_number: int, channel: int,
        packets: list[tuple[int, int, bytes | memoryview]],
    ) -> list[bytes | memoryview]:
        etype = self._enctype()
        level = self.level
        codes = self._flavour
        out: list[bytes | memoryview] = []
        for seq, cksum, payload in packets:
            keys = self._rx_keys(cksum)
            if level == Level.CLEAR:
                out.append(payload)
                continue
            assert keys.rx is not None
            if level == Level.AUTH:
                size = etype.checksum_size
                if len(payload) < size:
                    raise RxgkError(codes.packet_short, "rxgk packet shorter than its MIC")
                data = bytes(payload[size:])
                header = self._pseudo_header(call_number, channel, seq, len(data))
                try:
                    etype.verify_mic(keys.rx, header + data, bytes(payload[:size]))
                except IntegrityError:
                    raise RxgkError(codes.sealed_incon,
                                    "rxgk packet MIC does not match") from None
                out.append(data)
                continue
            if len(payload) < _CONFOUNDER + etype.checksum_size + _HEADER:
                raise RxgkError(codes.sealed_short, "rxgk sealed packet too short")
            try:
                plain = etype.decrypt(keys.rx, bytes(payload))
            except IntegrityError:
                raise RxgkError(codes.sealed_incon,
                                "rxgk sealed packet does not open") from None
            if len(plain) < _HEADER:
                raise RxgkError(codes.packet_short if codes.data_len is None else codes.data_len,
                                "rxgk sealed packet too short")
            got = PseudoHeader.decode_untrusted(plain)
            if codes.data_len is not None and got.data_len > len(plain) - _HEADER:
                raise RxgkError(codes.data_len, "rxgk sealed header's length overruns it")
            want = (self._epoch, self._cid | channel, call_number, seq, self.security_index)
            if ((got.epoch, got.cid, got.call_number, got.seq, got.security_index) != want
                    or got.data_len > len(plain) - _HEADER):
                raise RxgkError(codes.sealed_incon, "rxgk sealed header names another packet")
            out.append(plain[_HEADER:_HEADER + got.data_len])
        return out


# -- client ---------------------------------------------------------------------------------


class RxgkClientConnection(_RxgkConnection):
    """The client side of one rxgk connection (made by :class:`RxgkClientSecurity`)."""

    challenged = True

    def __init__(self, owner: RxgkClientSecurity, *, epoch: int, cid: int) -> None:
        super().__init__(is_client=True, epoch=epoch, cid=cid, clock=owner.clock,
                         random_bytes=owner.random_bytes, camellia256_prf=owner.camellia256_prf,
                         flavour=owner.flavour)
        self._owner = owner
        token = owner.token
        start_time = int(owner.clock() * TIME_UNITS)
        self._set_key(enctype_of(token.enctype, owner.flavour), token.key, owner.level,
                      start_time,
                      bytelife=token.bytelife, lifetime=token.lifetime)
        self.challenges_answered = 0
        """How many CHALLENGEs this connection answered."""

    def respond_to_challenge(
        self, body: bytes, *, now: float, call_numbers: tuple[int, int, int, int],
    ) -> bytes:
        owner = self._owner
        if owner.token.expired(owner.clock()):
            raise RxgkError(owner.flavour.expired, "the rxgk token has expired")
        response = make_response(
            owner.token, body, level=self.level, epoch=self._epoch, cid=self._cid,
            start_time=self._start_time, call_numbers=call_numbers,
            confounder=owner.random_bytes(_CONFOUNDER), camellia256_prf=owner.camellia256_prf,
            flavour=owner.flavour)
        self.challenges_answered += 1
        return response


class RxgkClientSecurity(ClientSecurity):
    """Make client calls with rxgk: a token and the level sealed into it.

    Args:
        token: the credentials (:class:`~.rxgk_handshake.RxgkToken`).
        level: the level; ``None`` (or the token's own) runs at the token's level, which is
            the only level a Linux server accepts.
        clock: the wall clock, Unix seconds (start time, token expiry, key lifetime).
        random_bytes: the source of confounders.
        camellia256_prf: ``"linux"`` to derive enctype-26 transport keys as Linux 7.3 does
            (its Camellia PRF differs from RFC 6803's, the default ``"rfc6803"``).
        flavour: ``"yfs"`` (index 6, the default) or ``"openafs"`` (index 4); the token
            must have been sealed in the same flavour's form.

    Raises:
        ValueError: a level rxgk does not have, one that differs from the token's, an
            unknown ``camellia256_prf`` or flavour, or (OpenAFS) level 1 with an enctype
            other than 17 or 18.
    """

    security_index = SECURITY_INDEX_YFS_RXGK

    def __init__(self, token: RxgkToken, level: int | None = None, *,
                 clock: Callable[[], float], random_bytes: Callable[[int], bytes],
                 camellia256_prf: str = "rfc6803",
                 flavour: str | RxgkFlavour = "yfs") -> None:
        self.camellia256_prf = check_prf_variant(camellia256_prf)
        self.flavour = flavour_named(flavour)
        self.security_index = self.flavour.security_index
        chosen = token.level if level is None else Level(level)
        if chosen != token.level:
            raise ValueError(f"this token is for level {token.level.name}, not {chosen.name}: "
                             "the server runs the connection at the token's level")
        try:
            check_level_enctype(self.flavour, chosen, token.enctype)
        except RxgkError as exc:
            raise ValueError(exc.message) from None
        self.token = token
        self.level = chosen
        self.clock = clock
        self.random_bytes = random_bytes
        digest = hashlib.sha256(token.key + token.token).hexdigest()[:32]
        self._identity = ("rxgk", self.security_index, int(chosen), token.enctype, digest,
                          camellia256_prf)

    @property
    def identity(self) -> Hashable:
        """Security index, level, enctype and a digest of the token."""
        return self._identity

    def new_connection(self, *, epoch: int, cid: int, now: float) -> RxgkClientConnection:
        return RxgkClientConnection(self, epoch=epoch, cid=cid)

    def __repr__(self) -> str:
        return (f"RxgkClientSecurity(level={self.level.name}, enctype={self.token.enctype}, "
                f"flavour={self.flavour.name!r})")


# -- server ---------------------------------------------------------------------------------


class RxgkServerConnection(_RxgkConnection):
    """The server side of one rxgk connection (made by :class:`RxgkServerSecurity`)."""

    def __init__(self, owner: RxgkServerSecurity, *, epoch: int, cid: int) -> None:
        super().__init__(is_client=False, epoch=epoch, cid=cid, clock=owner.clock,
                         random_bytes=owner.random_bytes, camellia256_prf=owner.camellia256_prf,
                         flavour=owner.flavour)
        self._owner = owner
        self._challenge = Challenge(owner.random_bytes(NONCE_LEN))
        self._authenticated = False
        self._expires = 0
        self._call_floor: tuple[int, ...] = (0, 0, 0, 0)
        self.identity: RxgkIdentity | None = None
        """Who the client is, once :attr:`authenticated`."""
        self.token: Token | None = None
        """The client's opened token, once :attr:`authenticated`."""

    @property
    def authenticated(self) -> bool:
        return self._authenticated

    def issue_challenge(self) -> bytes:
        return self._challenge.encode()

    def verify_response(
        self, body: bytes, *, now: float, call_numbers: tuple[int, int, int, int],
    ) -> None:
        if self._authenticated:
            return
        owner = self._owner
        verified = verify_response(
            body, keys=owner.keys, nonce=self._challenge.nonce, epoch=self._epoch,
            cid=self._cid, min_level=owner.min_level, call_floor=call_numbers,
            unix_now=owner.clock(), camellia256_prf=owner.camellia256_prf,
            flavour=owner.flavour)
        token = verified.token
        self._set_key(enctype_of(token.enctype, owner.flavour), token.key, verified.level,
                      verified.start_time, bytelife=token.bytelife, lifetime=token.lifetime)
        self._expires = token.expiration_time
        self._call_floor = verified.call_numbers + (0,) * (4 - len(verified.call_numbers))
        self.token = token
        self.identity = RxgkIdentity(
            identities=tuple((n.kind, n.data, n.display) for n in token.identities),
            level=verified.level, kvno=verified.kvno, enctype=verified.server_enctype,
            expiration_time=token.expiration_time, security_index=self.security_index)
        self._authenticated = True

    def verify_packets(
        self, call_number: int, channel: int,
        packets: list[tuple[int, int, bytes | memoryview]],
    ) -> list[bytes | memoryview]:
        if self._expires and self._owner.clock() * TIME_UNITS >= self._expires:
            raise RxgkError(self._flavour.expired, "the rxgk token has expired")
        if call_number < self._call_floor[channel & 3]:
            raise RxgkError(self._flavour.not_auth,
                            "DATA for a call older than the client's RESPONSE said")
        return super().verify_packets(call_number, channel, packets)


class RxgkServerSecurity(ServerSecurity):
    """Accept rxgk calls whose tokens were sealed with one of the server's rxgk keys.

    Args:
        keys: a :class:`~.keyfile.Keyring` (its rxgk keys are used) or a mapping from
            ``(kvno, enctype)`` to key bytes.
        min_level: the lowest level accepted; a token below it aborts the connection with
            ``RXGK_BADLEVEL``.
        clock: the wall clock, Unix seconds (token expiry, key lifetime).
        random_bytes: the source of challenge nonces and confounders.
        camellia256_prf: ``"linux"`` to derive enctype-26 transport keys as Linux 7.3 does.
        flavour: ``"yfs"`` (index 6, the default) or ``"openafs"`` (index 4): the index this
            object serves, the token form it opens and the abort codes it sends.

    Raises:
        ValueError: an unknown level, enctype, flavour or ``camellia256_prf``, or a key of
            the wrong size for its enctype.
    """

    security_index = SECURITY_INDEX_YFS_RXGK

    def __init__(self, keys: Keyring | Mapping[tuple[int, int], bytes], *,
                 min_level: int = Level.CLEAR, clock: Callable[[], float],
                 random_bytes: Callable[[int], bytes], camellia256_prf: str = "rfc6803",
                 flavour: str | RxgkFlavour = "yfs") -> None:
        self.camellia256_prf = check_prf_variant(camellia256_prf)
        self.flavour = flavour_named(flavour)
        self.security_index = self.flavour.security_index
        table = keys.rxgk if isinstance(keys, Keyring) else dict(keys)
        for (_kvno, number), key in table.items():
            enctype_of_checked(number).check_key(key)
        self.keys: dict[tuple[int, int], bytes] = {k: bytes(v) for k, v in table.items()}
        self.min_level = Level(min_level)
        self.clock = clock
        self.random_bytes = random_bytes

    def new_connection(
        self, *, epoch: int, cid: int, now: float, random_bytes: bytes,
    ) -> RxgkServerConnection:
        return RxgkServerConnection(self, epoch=epoch, cid=cid)

    def __repr__(self) -> str:
        return (f"RxgkServerSecurity(keys={sorted(self.keys)}, "
                f"min_level={self.min_level.name}, flavour={self.flavour.name!r})")


def enctype_of_checked(number: int) -> Enctype:
    """The enctype ``number`` for a key table (a :class:`ValueError` if unsupported)."""
    try:
        return enctype_of(number)
    except RxgkError:
        raise ValueError(f"unsupported Kerberos enctype {number}") from None
