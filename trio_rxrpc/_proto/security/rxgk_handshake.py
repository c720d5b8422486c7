"""rxgk's handshake (both flavours): tokens, the RESPONSE a client builds and the checks a
server runs.

Theory of operation
-------------------
An rxgk client holds a token: a master key K0 of some Kerberos enctype, the level the
connection will run at, and an opaque blob (a :class:`~.rxgk_wire.TokenContainer`) that only
the server can open, because it is K0 and the token's other fields sealed with one of the
server's long-term keys (key usage 1036).  :func:`forge_token` makes such a token for a server
whose key we hold, as a token-granting service would.

Each connection has its own transport keys: ``TK = random-to-key(PRF+(K0, seed))`` with the
seed made of the connection's epoch, cid, the client's start time and a key number
(:func:`derive_transport_key`).  The server's CHALLENGE is a 20-byte nonce; the client answers
(:func:`make_response`) with its start time, the token blob, and an authenticator sealed with
the transport key of key number 0 under key usage 1030.  The authenticator repeats the nonce
and names the level, the connection and the call number on each channel.

A server (:func:`verify_response`) reverses this: it picks its key by the container's kvno and
enctype, opens the token, checks its expiry and level, derives the transport key, opens the
authenticator and compares it with the connection.  Each failure raises :class:`RxgkError` with
the abort code its flavour (:mod:`.rxgk_flavour`) sends for it: by default YFS's, the codes
Linux sends (:class:`~trio_rxrpc._proto.codes.RxgkAbortCode`); with
:data:`~.rxgk_flavour.OPENAFS` the ones OpenAFS's sources return.  Two choices are ours where
Linux has none: a token whose expiration time has passed is refused with ``RXGK_EXPIRED``, and
a level below the server's minimum with ``RXGK_BADLEVEL``.  A token that names a kvno/enctype
the server has no key for gets ``RXGK_NOTAUTH``, which is what Linux 7.3's rxperf server was
seen to send (OpenAFS: its key lookup's ``AFSCONF_NOTFOUND``).

The flavour also picks the token plaintext (:attr:`~.rxgk_flavour.RxgkFlavour.token_form`) and
adds OpenAFS's own rules: exactly four call numbers in the authenticator, no kvno or enctype
of zero or below in a token container, at most one identity (of kind 1 or 2) in a token, and
level 1 only with enctypes 17 and 18.

Everything here is pure: times and random bytes are parameters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from trio_rxrpc._proto.security._enctypes import enctype as _enctype
from trio_rxrpc._proto.security._rfc3961 import IntegrityError
from trio_rxrpc._proto.security.base import SecurityFailure
from trio_rxrpc._proto.security.rxgk_flavour import YFS, RxgkFlavour
from trio_rxrpc._proto.security.rxgk_wire import (
    KEY_USAGE_CLIENT_ENC_RESPONSE,
    KEY_USAGE_SERVER_ENC_TOKEN,
    MAX_CALL_NUMBERS,
    NONCE_LEN,
    Authenticator,
    AuthName,
    Challenge,
    Level,
    Response,
    RxgkMalformed,
    Token,
    TokenContainer,
    transport_key_seed,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from trio_rxrpc._proto.security._rfc3961 import Enctype

__all__ = [
    "CAMELLIA256_PRF_VARIANTS",
    "TIME_UNITS",
    "RxgkError",
    "RxgkToken",
    "VerifiedResponse",
    "check_level_enctype",
    "check_prf_variant",
    "derive_transport_key",
    "enctype_of",
    "forge_token",
    "make_response",
    "open_token",
    "verify_response",
]

TIME_UNITS: Final = 10_000_000
"""rxgk times count 100 ns units: this many per second."""
_INT_MAX: Final = 0x7FFFFFFF
_OPENAFS_NAME_KINDS: Final = (1, 2)  # PRAUTHTYPE_KRB4, PRAUTHTYPE_GSS


class RxgkError(SecurityFailure):
    """An rxgk check failed; ``code`` is the abort code (in the flavour's numbering) to send."""


def _fail(code: int, message: str) -> RxgkError:
    return RxgkError(int(code), message)


def _from_malformed(exc: RxgkMalformed, code: int | None = None) -> RxgkError:
    """A decoder's fault as the flavour reports it: ``code`` if given, else the decoder's
    own (Linux's) code."""
    return RxgkError(exc.code if code is None else code, str(exc))


def _level(value: int) -> Level:
    try:
        return Level(value)
    except ValueError:
        raise ValueError(f"no rxgk level {value!r} (0 clear, 1 auth, 2 crypt)") from None


def enctype_of(number: int, flavour: RxgkFlavour = YFS) -> Enctype:
    """The enctype ``number``, or :class:`RxgkError` with the flavour's code
    (``KRB5_PROG_KEYTYPE_NOSUPP`` as Linux, ``RXGK_BADETYPE`` as OpenAFS)."""
    try:
        return _enctype(number)
    except ValueError:
        raise _fail(flavour.unsupported_enctype,
                    f"enctype {number} is not supported") from None


def check_level_enctype(flavour: RxgkFlavour, level: int, enctype: int) -> None:
    """Refuse a level the flavour cannot run with ``enctype`` (OpenAFS: level 1 needs 17/18).

    Raises:
        RxgkError: the flavour's ``RXGK_BADETYPE``.
    """
    allowed = flavour.mic_enctypes
    if level == Level.AUTH and allowed is not None and enctype not in allowed:
        raise _fail(flavour.unsupported_enctype,
                    f"{flavour.name} rxgk has no MIC for enctype {enctype} at level auth "
                    f"(only {sorted(allowed)})")


@attrs.frozen
class RxgkToken:
    """What an rxgk client holds: K0, its enctype and level, and the blob for the server.

    ``token`` is the encoded :class:`~.rxgk_wire.TokenContainer`, sent as it is in every
    RESPONSE.  ``level`` is the level sealed into it: Linux servers run the connection at
    exactly that level.  ``expiration_time`` is in 100 ns units since 1970 (0: never).
    ``lifetime`` (seconds) and ``bytelife`` (log2 of bytes; 0 for no limit) bound how long
    and how much one transport key protects before the connection rekeys.
    """

    enctype: int
    key: bytes = attrs.field(repr=False)
    token: bytes = attrs.field(repr=lambda b: f"<{len(b)} bytes>")
    level: Level = attrs.field(converter=_level)
    expiration_time: int = 0
    lifetime: int = 0
    bytelife: int = 0

    def __attrs_post_init__(self) -> None:
        enctype_of(self.enctype).check_key(self.key)

    def expired(self, unix_now: float) -> bool:
        """Whether the token's expiration time has passed at ``unix_now`` (seconds)."""
        return bool(self.expiration_time) and unix_now * TIME_UNITS >= self.expiration_time


def forge_token(
    server_key: bytes,
    server_enctype: int,
    *,
    kvno: int = 1,
    level: int = Level.CRYPT,
    enctype: int | None = None,
    start: float,
    expires: float | None = None,
    lifetime: int = 0,
    bytelife: int = 0,
    identities: Sequence[AuthName] = (),
    random_bytes: Callable[[int], bytes],
    flavour: RxgkFlavour = YFS,
) -> RxgkToken:
    """A token for a server whose key (``server_key`` of ``server_enctype``, ``kvno``) we hold.

    Args:
        server_key: the server's long-term key, as its key file or keyring holds it.
        server_enctype: that key's enctype; the token is sealed with it.
        kvno: the key's version number, which the server looks it up by.
        level: the level the connection will run at (a Linux server insists on it).
        enctype: the enctype of K0 (default: ``server_enctype``).
        start: the token's start time, Unix seconds.
        expires: its expiration time, Unix seconds (``None``: never).
        lifetime: seconds a transport key may be used (0: no limit).
        bytelife: log2 of the bytes a transport key may protect (0: no limit).
        identities: who the token speaks for (none: anonymous).
        random_bytes: the source of K0 and the confounder.
        flavour: whose token plaintext to seal (YFS's has a start time, OpenAFS's not).

    Raises:
        ValueError: an unknown enctype or level, a server key of the wrong size, or (OpenAFS)
            a kvno of zero or below, or level 1 with an enctype other than 17 or 18.
    """
    sealer = _enctype(server_enctype)
    server_key = sealer.check_key(server_key)
    inner = _enctype(server_enctype if enctype is None else enctype)
    if flavour.bad_token is not None and kvno <= 0:
        raise ValueError(f"{flavour.name} rxgk refuses tokens with kvno {kvno} (<= 0)")
    try:
        check_level_enctype(flavour, int(_level(level)), inner.number)
    except RxgkError as exc:
        raise ValueError(exc.message) from None
    k0 = inner.random_to_key(random_bytes(inner.key_size))
    expiration = 0 if expires is None else int(expires * TIME_UNITS)
    plain = Token(inner.number, k0, int(_level(level)), lifetime, bytelife, expiration,
                  tuple(identities), int(start * TIME_UNITS))
    sealed = sealer.encrypt(sealer.derive(server_key, KEY_USAGE_SERVER_ENC_TOKEN),
                            plain.encode(flavour.token_form),
                            random_bytes(sealer.confounder_size))
    container = TokenContainer(kvno, server_enctype, sealed)
    return RxgkToken(inner.number, k0, container.encode(), Level(level), expiration,
                     lifetime, bytelife)


CAMELLIA256_PRF_VARIANTS: Final = ("rfc6803", "linux")
"""How PRF+ runs for enctype 26: as RFC 6803 says, or as Linux 7.3 does it (see
:func:`derive_transport_key`)."""


def check_prf_variant(variant: str) -> str:
    """``variant`` if it names one of :data:`CAMELLIA256_PRF_VARIANTS`.

    Raises:
        ValueError: it does not.
    """
    if variant not in CAMELLIA256_PRF_VARIANTS:
        raise ValueError(f"camellia256_prf is 'rfc6803' or 'linux', not {variant!r}")
    return variant


def _linux_camellia256_prf(key: bytes, data: bytes) -> bytes:
    # Linux's crypto/krb5 derives the PRF key Kp with the PRF's output length (16 bytes,
    # and 128 as the KDF's length field) where RFC 6803 uses the protocol key's (32), and
    # so runs a Camellia-128 CMAC under it.
    kp = _enctype(26).derive_key(key, b"prf", 16)
    return _enctype(25).usage_keys(0, kc=kp, ke=kp, ki=kp).checksum(bytes(data))


def derive_transport_key(etype: Enctype, k0: bytes, *, epoch: int, cid: int,
                         start_time: int, key_number: int,
                         camellia256_prf: str = "rfc6803") -> bytes:
    """The transport key of one connection and key number (cid: channel bits ignored).

    ``TK = random-to-key(PRF+(K0, seed))`` with PRF+ counting from 1.  For enctype 26,
    ``camellia256_prf="linux"`` runs PRF+ over Linux 7.3's Camellia PRF, which differs from
    RFC 6803's: Linux peers derive other keys otherwise, and every handshake fails with
    ``RXGK_SEALEDINCON``.
    """
    seed = transport_key_seed(epoch, cid, start_time, key_number)
    if etype.number != 26 or check_prf_variant(camellia256_prf) == "rfc6803":
        return etype.random_to_key(etype.prf_plus(k0, etype.key_size, seed))
    out = b""
    counter = 1
    while len(out) < etype.key_size:
        out += _linux_camellia256_prf(k0, counter.to_bytes(4, "big") + seed)
        counter += 1
    return etype.random_to_key(out[:etype.key_size])


def make_response(
    token: RxgkToken,
    challenge_body: bytes,
    *,
    level: int,
    epoch: int,
    cid: int,
    start_time: int,
    call_numbers: Sequence[int],
    confounder: bytes,
    camellia256_prf: str = "rfc6803",
    flavour: RxgkFlavour = YFS,
) -> bytes:
    """Client side: the RESPONSE body answering a CHALLENGE body (key number 0).

    Raises:
        RxgkError: ``RXGK_PACKETSHORT`` for a challenge shorter than its nonce.
    """
    try:
        challenge = Challenge.decode_untrusted(challenge_body)
    except RxgkMalformed as exc:
        raise _from_malformed(exc, flavour.packet_short) from None
    etype = enctype_of(token.enctype, flavour)
    tk = derive_transport_key(etype, token.key, epoch=epoch, cid=cid, start_time=start_time,
                              key_number=0, camellia256_prf=camellia256_prf)
    authenticator = Authenticator(challenge.nonce, b"", int(level), epoch, cid & ~3,
                                  tuple(call_numbers))
    sealed = etype.encrypt(etype.derive(tk, KEY_USAGE_CLIENT_ENC_RESPONSE),
                           authenticator.encode(), confounder)
    return Response(start_time, token.token, sealed).encode()


# -- the server's side ----------------------------------------------------------------------


@attrs.frozen
class VerifiedResponse:
    """What a server learns from a valid RESPONSE."""

    token: Token = attrs.field(repr=False)
    kvno: int
    server_enctype: int
    start_time: int
    level: Level
    transport_key: bytes = attrs.field(repr=False)
    call_numbers: tuple[int, ...]


def open_token(container_bytes: bytes, keys: Mapping[tuple[int, int], bytes],
               flavour: RxgkFlavour = YFS) -> tuple[TokenContainer, Token]:
    """Open a token container with the server's keys (by ``(kvno, enctype)``).

    Raises:
        RxgkError: in YFS's codes, ``RXGK_PACKETSHORT`` (container too short),
            ``RXGK_NOTAUTH`` (no such key), ``RXGK_SEALEDINCON`` (it does not open),
            ``RXGK_PACKETSHORT`` (sealed part too short) or ``RXGK_INCONSISTENCY`` (the
            plaintext does not decode); the flavour's codes for the same faults otherwise
            (OpenAFS also refuses a kvno or enctype <= 0 with ``RXGK_BAD_TOKEN``).
    """
    try:
        container = TokenContainer.decode_untrusted(container_bytes)
    except RxgkMalformed as exc:
        raise _from_malformed(exc, flavour.unmarshal) from None
    if flavour.bad_token is not None and (container.kvno <= 0 or container.enctype <= 0):
        raise _fail(flavour.bad_token, f"token container names kvno {container.kvno} "
                    f"enctype {container.enctype}")
    server_key = keys.get((container.kvno, container.enctype))
    if server_key is None:
        raise _fail(flavour.no_server_key,
                    f"no server key kvno {container.kvno} enctype {container.enctype}")
    sealer = enctype_of(container.enctype, flavour)
    if len(container.encrypted_token) < sealer.confounder_size + sealer.checksum_size:
        raise _fail(flavour.sealed_short, "sealed token too short")
    try:
        plain = sealer.decrypt(sealer.derive(server_key, KEY_USAGE_SERVER_ENC_TOKEN),
                               container.encrypted_token)
    except IntegrityError:
        raise _fail(flavour.sealed_incon, "the token does not open") from None
    try:
        return container, Token.decode_untrusted(plain, flavour.token_form)
    except RxgkMalformed as exc:
        raise _from_malformed(exc, flavour.unmarshal) from None


def verify_response(
    body: bytes,
    *,
    keys: Mapping[tuple[int, int], bytes],
    nonce: bytes,
    epoch: int,
    cid: int,
    min_level: int,
    call_floor: Sequence[int],
    unix_now: float,
    key_number: int = 0,
    camellia256_prf: str = "rfc6803",
    flavour: RxgkFlavour = YFS,
) -> VerifiedResponse:
    """Server side: every check on a RESPONSE, in Linux's order, with the flavour's codes.

    Args:
        body: the RESPONSE body.
        keys: the server's rxgk keys by ``(kvno, enctype)``.
        nonce: the 20-byte nonce of our CHALLENGE.
        epoch: the connection's epoch.
        cid: the connection's cid (channel bits ignored).
        min_level: the lowest level accepted.
        call_floor: the highest call number seen so far on each channel.
        unix_now: the wall-clock time, Unix seconds (token expiry).
        key_number: the RESPONSE header's key number.
        camellia256_prf: ``"linux"`` for Linux's PRF with enctype 26 (see
            :func:`derive_transport_key`).
        flavour: YFS's (index 6) or OpenAFS's (index 4) token form, codes and rules.

    Raises:
        RxgkError: the abort code for the first check that fails.
    """
    try:
        response = Response.decode_untrusted(body)
    except RxgkMalformed as exc:
        raise _from_malformed(exc, flavour.unmarshal) from None
    container, token = open_token(response.token, keys, flavour)
    if token.expiration_time and unix_now * TIME_UNITS >= token.expiration_time:
        raise _fail(flavour.expired, "the rxgk token has expired")
    etype = enctype_of(token.enctype, flavour)
    if len(token.key) != etype.key_size:
        raise _fail(flavour.bad_k0, "K0 has the wrong size for its enctype")
    if token.level not in (Level.CLEAR, Level.AUTH, Level.CRYPT):
        raise _fail(flavour.bad_token_level, f"token level {token.level}")
    if flavour.single_identity and (len(token.identities) > 1 or any(
            name.kind not in _OPENAFS_NAME_KINDS for name in token.identities)):
        raise _fail(flavour.inconsistency, "the token names more than one identity, or one "
                    "of an unknown kind")
    check_level_enctype(flavour, token.level, etype.number)
    if token.level < min_level:
        raise _fail(flavour.bad_level,
                    f"level {token.level} is below the minimum {min_level}")
    tk = derive_transport_key(etype, token.key, epoch=epoch, cid=cid,
                              start_time=response.start_time, key_number=key_number,
                              camellia256_prf=camellia256_prf)
    try:
        plain = etype.decrypt(etype.derive(tk, KEY_USAGE_CLIENT_ENC_RESPONSE),
                              response.sealed_authenticator)
    except IntegrityError:
        raise _fail(flavour.sealed_incon, "the authenticator does not open") from None
    try:
        auth = Authenticator.decode_untrusted(plain)
    except RxgkMalformed as exc:
        raise _from_malformed(exc, flavour.unmarshal) from None
    if auth.nonce != nonce or len(nonce) != NONCE_LEN:
        raise _fail(flavour.bad_challenge, "the authenticator answers another challenge")
    if (auth.level, auth.epoch, auth.cid) != (token.level, epoch, cid & ~3 & 0xFFFFFFFF):
        raise _fail(flavour.bad_challenge, "the authenticator is for another connection "
                    "or level")
    if flavour.exact_call_count and len(auth.call_numbers) != MAX_CALL_NUMBERS:
        raise _fail(flavour.bad_challenge, f"{len(auth.call_numbers)} call numbers, not "
                    f"{MAX_CALL_NUMBERS}")
    for channel, number in enumerate(auth.call_numbers):
        if number > _INT_MAX or number < call_floor[channel]:
            raise _fail(flavour.bad_challenge, f"call number {number} on channel "
                        f"{channel} is out of step")
    return VerifiedResponse(token, container.kvno, container.enctype, response.start_time,
                            Level(token.level), tk, auth.call_numbers)
