"""rxkad tickets and tokens: how the session key reaches the server.

Theory of operation
-------------------
A client speaks rxkad with a :class:`Token`: a session key, a ticket, and the ticket's kvno
field.  The ticket is opaque to the client.  Only the server can open it, with a key it shares
with the KDC (or, for ``-localauth``, only with itself); inside it finds the same session key,
the principal the ticket speaks for and the time it is valid for.  :func:`open_ticket` is the
server's single entry point and picks the format by the kvno field.

* **Kerberos 4 style.** A short record of NUL-terminated names, the requester's address,
  the session key, a one-byte lifetime code and a start time, DES-PCBC sealed under the server
  key (:func:`make_ticket`, :func:`decode_ticket`).  Lifetime codes count 5-minute steps below
  0x80, index :data:`LIFETIME_TABLE` from 0x80 to 0xBF and mean "never expires" at 0xFF
  (:func:`life_to_time`, :func:`time_to_life`).  :func:`check_ticket_times` applies OpenAFS's
  validity rules with 15 minutes of clock skew.
* **Kerberos 5 (rxkad-k5).** A kvno field of 213 or 256 marks a DER-encoded ticket
  (:func:`decode_k5_ticket`), decrypted with one of the keyring's rxkad-krb5 keys.  The client
  principal is mapped onto a Kerberos 4 name and instance, and a session key that is not
  single DES is reduced to one by the rxkad-kdf (:func:`derive_des_session_key`).
* **-localauth.** :func:`forge_localauth_token` and :func:`forge_localauth_token_k5`
  make the superuser token an OpenAFS tool makes from the server's own key;
  :func:`localauth_token` chooses that key as OpenAFS's ``src/auth/authcon.c`` does.

Failures raise :class:`~.rxkad.RxkadError` with the RXKAD* code for the ABORT.  Times are Unix
wall-clock seconds and randomness is a ``random_bytes(n)`` callable, both passed in.
"""

from __future__ import annotations

import hmac
import struct
from typing import TYPE_CHECKING, Final

import attrs

from trio_rxrpc._proto.security import _des, _krb5
from trio_rxrpc._proto.security.keyfile import KEY_TYPE_RXKAD_KRB5, Keyring
from trio_rxrpc._proto.security.rxkad import (
    CLOCK_SKEW,
    MAX_TICKET_LEN,
    MAX_TICKET_LIFETIME,
    MIN_TICKET_LEN,
    NEVER_DATE,
    RXKADBADKEY,
    RXKADBADTICKET,
    RXKADEXPIRED,
    RXKADNOAUTH,
    RXKADUNKNOWNKEY,
    TICKET_TYPE_KERBEROS_V5,
    TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY,
    _fail,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "LIFETIME_TABLE",
    "TicketContents",
    "Token",
    "check_ticket_times",
    "decode_k5_ticket",
    "decode_ticket",
    "derive_des_session_key",
    "forge_localauth_token",
    "forge_localauth_token_k5",
    "life_to_time",
    "localauth_token",
    "make_ticket",
    "open_ticket",
    "time_to_life",
]

_MAX_NAME: Final = 63  # names, instances, realms: at most 63 bytes plus the NUL
_DES_KEY_TYPES: Final = frozenset({1, 2, 3})  # des-cbc-crc, des-cbc-md4, des-cbc-md5
_DES3_KEY_TYPES: Final = frozenset({5, 7, 16})
_REJECTED_KEY_TYPES: Final = frozenset({0, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15})

# Seconds of lifetime for life codes 0x80..0xBF (OpenAFS lifetimes.h).
LIFETIME_TABLE: Final = (
    38400, 41055, 43894, 46929, 50174, 53643, 57352, 61318,
    65558, 70091, 74937, 80119, 85658, 91581, 97914, 104684,
    111922, 119661, 127935, 136781, 146239, 156350, 167161, 178720,
    191077, 204289, 218415, 233517, 249664, 266926, 285383, 305116,
    326213, 348769, 372885, 398668, 426234, 455705, 487215, 520904,
    556921, 595430, 636601, 680618, 727680, 777995, 831789, 889303,
    950794, 1016537, 1086825, 1161973, 1242318, 1328218, 1420057, 1518247,
    1623226, 1735464, 1855462, 1983758, 2120925, 2267576, 2424367, 2592000,
)  # fmt: skip
_LIFE_MIN_FIXED: Final = 0x80
_LIFE_MAX_FIXED: Final = 0xBF
_LIFE_NO_EXPIRE: Final = 0xFF


# -- tickets --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TicketContents:
    """Who a ticket speaks for, its session key and its validity (Unix seconds)."""

    name: str
    instance: str = ""
    realm: str = ""
    host: int = 0  # IPv4 address of the requester, as an integer; never checked
    session_key: bytes = attrs.field(repr=False)
    start: int
    end: int  # NEVER_DATE for "no expiry"
    service: str = "afs"
    service_instance: str = ""


def life_to_time(start: int, life: int) -> int:
    """The end time a Kerberos-4 lifetime code gives for a ticket issued at ``start``."""
    if life == _LIFE_NO_EXPIRE:
        return NEVER_DATE
    if life < _LIFE_MIN_FIXED:
        return (start + life * 300) & 0xFFFFFFFF
    if life > _LIFE_MAX_FIXED:
        return (start + MAX_TICKET_LIFETIME) & 0xFFFFFFFF
    return (start + LIFETIME_TABLE[life - _LIFE_MIN_FIXED]) & 0xFFFFFFFF


def time_to_life(start: int, end: int) -> int:
    """The lifetime code for ``start``..``end`` (rounding up); 0 if no code can express it."""
    if end == NEVER_DATE:
        return _LIFE_NO_EXPIRE
    lifetime = end - start
    if lifetime <= 0 or lifetime > MAX_TICKET_LIFETIME:
        return 0
    if lifetime < LIFETIME_TABLE[0]:
        return -(-lifetime // 300)
    for index, seconds in enumerate(LIFETIME_TABLE):
        if seconds >= lifetime:
            return _LIFE_MIN_FIXED + index
    return 0  # pragma: no cover - the table ends at the maximum lifetime


def _ticket_time_status(start: int, end: int, now: int) -> int:
    """OpenAFS's verdict on ticket times: -2 bad, -1 recently expired, 0 not yet valid,
    1 valid without expiry, 2 valid."""
    if start >= end:
        return -2
    if start > now + CLOCK_SKEW + MAX_TICKET_LIFETIME:
        return -2
    if start != 0 and end != NEVER_DATE and end - start > MAX_TICKET_LIFETIME:
        return -2
    if end != NEVER_DATE and end + CLOCK_SKEW < now:
        if start != 0 and now - start > MAX_TICKET_LIFETIME + 24 * 3600:
            return -2
        return -1
    # Unsigned as in OpenAFS: a start time below the skew wraps and is "not yet valid".
    active = start == 0 or (start - CLOCK_SKEW) & 0xFFFFFFFF <= now
    if start == 0 or end == NEVER_DATE:
        return int(active)
    return 2 * int(active)


def check_ticket_times(start: int, end: int, *, now: int) -> None:
    """Check a ticket's times against ``now`` (Unix seconds), allowing 15 minutes of skew.

    Raises:
        RxkadError: RXKADNOAUTH (not yet valid), RXKADEXPIRED (expired) or RXKADBADTICKET
            (inconsistent times, or long expired).
    """
    status = _ticket_time_status(start, end, now)
    if status == 0:
        raise _fail(RXKADNOAUTH, "ticket not yet valid")
    if status == -1:
        raise _fail(RXKADEXPIRED, "ticket expired")
    if status < -1:
        raise _fail(RXKADBADTICKET, "ticket times are inconsistent")


def _check_server_key(key: bytes) -> None:
    try:
        _des.check_key(key)
    except _des.DESKeyError as exc:
        raise _fail(RXKADBADKEY, f"server key refused: {exc}") from None


def _cstring(text: str, minimum: int, what: str) -> bytes:
    raw = text.encode("utf-8", "surrogateescape")
    if b"\0" in raw or not minimum <= len(raw) <= _MAX_NAME:
        raise ValueError(f"ticket {what} must be {minimum}..{_MAX_NAME} bytes without NUL")
    return raw + b"\0"


def make_ticket(
    server_key: bytes,
    *,
    name: str,
    instance: str = "",
    realm: str = "",
    host: int = 0,
    session_key: bytes,
    start: int,
    end: int,
    service: str = "afs",
    service_instance: str = "",
) -> bytes:
    """Build and seal a Kerberos-4 style ticket (DES-PCBC, key and IV = ``server_key``).

    ``end`` is stored as a lifetime code, so the decoded end time is ``end`` rounded up to
    what the code can express (exact for :data:`NEVER_DATE` and multiples of 5 minutes).

    Raises:
        RxkadError: RXKADBADKEY if the server key has bad parity or is weak.
        ValueError: a name that does not fit, a session key that is not 8 bytes, or a lifetime
            that no code can express.
    """
    _check_server_key(server_key)
    if len(session_key) != 8:
        raise ValueError("the session key is 8 bytes")
    life = time_to_life(start, end)
    if life == 0:
        raise ValueError(f"no ticket lifetime code for {start}..{end}")
    plain = b"".join(
        (
            b"\0",  # flags: big-endian integers
            _cstring(name, 1, "name"),
            _cstring(instance, 0, "instance"),
            _cstring(realm, 0, "realm"),
            struct.pack(">I", host & 0xFFFFFFFF),
            bytes(session_key),
            bytes((life,)),
            struct.pack(">I", start & 0xFFFFFFFF),
            _cstring(service, 1, "service name"),
            _cstring(service_instance, 0, "service instance"),
        )
    )
    plain += bytes(-len(plain) % 8)
    return _des.pcbc_encrypt(server_key, server_key, plain)


def decode_ticket(server_key: bytes, ticket: bytes) -> TicketContents:
    """Unseal and parse a Kerberos-4 style ticket; its times are not checked here.

    Raises:
        RxkadError: RXKADBADKEY if the server key has bad parity or is weak; RXKADBADTICKET if
            the ticket's size or contents are wrong (often a sign of the wrong key).
    """
    size = len(ticket)
    if not MIN_TICKET_LEN <= size <= MAX_TICKET_LEN or size % 8:
        raise _fail(RXKADBADTICKET, f"rxkad ticket of {size} bytes")
    _check_server_key(server_key)
    plain = _des.pcbc_decrypt(server_key, server_key, bytes(ticket))
    little_endian = plain[0] & 1
    pos = 1

    def string(minimum: int) -> str:
        nonlocal pos
        end = plain.find(b"\0", pos, pos + _MAX_NAME + 1)
        if end < 0 or end - pos < minimum:
            raise _fail(RXKADBADTICKET, "malformed name in rxkad ticket")
        text = plain[pos:end].decode("utf-8", "surrogateescape")
        pos = end + 1
        return text

    def integer() -> int:
        nonlocal pos
        if pos + 4 > size:
            raise _fail(RXKADBADTICKET, "rxkad ticket truncated")
        value = int.from_bytes(plain[pos : pos + 4], "little" if little_endian else "big")
        pos += 4
        return value

    name, instance, realm = string(1), string(0), string(0)
    host = integer()
    if pos + 9 > size:
        raise _fail(RXKADBADTICKET, "rxkad ticket truncated")
    session_key, life = plain[pos : pos + 8], plain[pos + 8]
    pos += 9
    start = integer()
    service, service_instance = string(1), string(0)
    if -(-pos // 8) * 8 != size and size != 56:
        raise _fail(RXKADBADTICKET, "rxkad ticket length does not match its contents")
    return TicketContents(
        name=name,
        instance=instance,
        realm=realm,
        host=host,
        session_key=session_key,
        start=start,
        end=life_to_time(start, life),
        service=service,
        service_instance=service_instance,
    )


# Kerberos 5 principals whose first component names a well-known service map to the Kerberos 4
# name on the left; with the flag set the instance becomes the host part before the first dot.
_K5_SERVICE_NAMES: Final = (
    ("kadmin", "kadmin", False), ("rcmd", "host", True), ("discuss", "discuss", True),
    ("rvdsrv", "rvdsrv", True), ("sample", "sample", True), ("olc", "olc", True),
    ("pop", "pop", True), ("sis", "sis", True), ("rfs", "rfs", True), ("imap", "imap", True),
    ("ftp", "ftp", True), ("ecat", "ecat", True), ("daemon", "daemon", True),
    ("gnats", "gnats", True), ("moira", "moira", True), ("prms", "prms", True),
    ("mandarin", "mandarin", True), ("register", "register", True),
    ("changepw", "changepw", True), ("sms", "sms", True), ("afpserver", "afpserver", True),
    ("gdss", "gdss", True), ("news", "news", True), ("abs", "abs", True), ("nfs", "nfs", True),
    ("tftp", "tftp", True), ("zephyr", "zephyr", False), ("http", "http", True),
    ("khttp", "khttp", True), ("pgpsigner", "pgpsigner", True), ("irc", "irc", True),
    ("mandarin-agent", "mandarin-agent", True), ("write", "write", True),
    ("palladium", "palladium", True), ("smtp", "smtp", True), ("lmtp", "lmtp", True),
    ("ldap", "ldap", True), ("acap", "acap", True), ("argus", "argus", True),
    ("mupdate", "mupdate", True),
)  # fmt: skip


def _k5_identity(cname: _krb5.PrincipalName, *, allow_dotted: bool) -> tuple[str, str]:
    components = cname.components
    if len(components) == 1:
        name, instance = components[0], ""
    elif len(components) == 2:
        name, instance = components
        for v4_name, v5_name, strip_domain in _K5_SERVICE_NAMES:
            if components[0] == v5_name:
                name = v4_name
                if strip_domain:
                    host, dot, _ = components[1].partition(".")
                    if not dot:
                        raise _fail(RXKADBADTICKET, "service principal without a domain")
                    instance = host
                break
    else:
        raise _fail(RXKADBADTICKET, f"principal with {len(components)} components")
    if not allow_dotted and "." in components[0]:
        raise _fail(RXKADBADTICKET, "principal name contains a dot")
    for part in (name, instance):
        if len(part.encode("utf-8", "surrogateescape")) > _MAX_NAME:
            raise _fail(RXKADBADTICKET, "principal component too long")
    return name, instance


def derive_des_session_key(key_type: int, key: bytes) -> bytes:
    """The 8-byte rxkad session key for a Kerberos 5 session key (rxkad-kdf).

    DES keys are used as they are.  Triple-DES keys first lose their parity bits (21 bytes).
    Other key types go straight into the KDF: ``HMAC-MD5(key, counter || "rxkad" || 0 ||
    00000040)``, truncated to 8 bytes with odd parity, trying counters 1..255 until the result
    is not a weak DES key.

    Raises:
        RxkadError: RXKADBADTICKET for a key type that is refused or a key of the wrong size.
    """
    key = bytes(key)
    if key_type in _DES_KEY_TYPES:
        if len(key) != 8:
            raise _fail(RXKADBADTICKET, "DES session key is not 8 bytes")
        return key
    if key_type in _REJECTED_KEY_TYPES or key_type < 0:
        raise _fail(RXKADBADTICKET, f"session key type {key_type} is not usable with rxkad")
    if key_type in _DES3_KEY_TYPES:
        if len(key) != 24:
            raise _fail(RXKADBADTICKET, "triple-DES session key is not 24 bytes")
        compressed = bytearray()
        for pos in range(0, 24, 8):
            group = key[pos : pos + 8]
            compressed += bytes(
                (group[i] & 0xFE) | ((group[7] >> (i + 1)) & 1) for i in range(7)
            )
        key = bytes(compressed)
    elif len(key) < 7:
        raise _fail(RXKADBADTICKET, "session key too short for rxkad-kdf")
    for counter in range(1, 256):
        label = bytes((counter,)) + b"rxkad\0" + struct.pack(">I", 64)
        candidate = _des.set_odd_parity(hmac.digest(key, label, "md5")[:8])
        if not _des.is_weak_key(candidate):
            return candidate
    raise _fail(RXKADBADTICKET, "rxkad-kdf found no usable key")  # pragma: no cover


def decode_k5_ticket(
    ticket: bytes,
    keyring: Keyring,
    *,
    kvno_field: int,
    now: int,
    allow_dotted_principals: bool = False,
) -> TicketContents:
    """Decrypt and interpret an rxkad-k5 ticket (response kvno field 213 or 256).

    The service key is found by the enc-part's (kvno, enctype) among the keyring's rxkad-krb5
    keys and the enc-part is decrypted with key usage 2.  Only AES enctypes (17, 18) are
    supported; DES-encrypted tickets report RXKADUNKNOWNKEY.

    Raises:
        RxkadError: RXKADUNKNOWNKEY (no key for the enc-part), RXKADBADTICKET (undecodable,
            bad principal or session key), RXKADNOAUTH (ticket marked invalid) or RXKADEXPIRED
            (``now`` past its end time).
    """
    try:
        if kvno_field == TICKET_TYPE_KERBEROS_V5:
            full = _krb5.decode_ticket(ticket)
            if full.tkt_vno != 5:
                raise _fail(RXKADBADTICKET, f"Kerberos ticket version {full.tkt_vno}")
            enc_part = full.enc_part
            service = full.sname.components
        elif kvno_field == TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY:
            enc_part = _krb5.decode_encrypted_data(ticket)
            service = ("afs",)
        else:
            raise ValueError(f"kvno field {kvno_field} is not a Kerberos 5 ticket type")
    except _krb5.DERError as exc:
        raise _fail(RXKADBADTICKET, f"undecodable Kerberos 5 ticket: {exc}") from None
    kvno = 0 if enc_part.kvno is None else enc_part.kvno
    key = keyring.get(KEY_TYPE_RXKAD_KRB5, kvno, enc_part.etype)
    if key is None:
        raise _fail(RXKADUNKNOWNKEY, f"no key for kvno {kvno} enctype {enc_part.etype}")
    try:
        _krb5.key_size(enc_part.etype)
    except ValueError:
        raise _fail(RXKADUNKNOWNKEY, f"unsupported ticket enctype {enc_part.etype}") from None
    try:
        plain = _krb5.decrypt(enc_part.etype, key, _krb5.KEY_USAGE_TICKET, enc_part.cipher)
        part = _krb5.decode_enc_ticket_part(plain)
    except (_krb5.IntegrityError, _krb5.DERError, ValueError) as exc:
        raise _fail(RXKADBADTICKET, f"undecryptable Kerberos 5 ticket: {exc}") from None
    if len(part.crealm.encode("utf-8", "surrogateescape")) > _MAX_NAME:
        raise _fail(RXKADBADTICKET, "realm too long")
    name, instance = _k5_identity(part.cname, allow_dotted=allow_dotted_principals)
    session_key = derive_des_session_key(part.key_type, part.key_value)
    start = part.authtime if part.starttime is None else part.starttime
    if part.flags & _krb5.TICKET_FLAG_INVALID:
        raise _fail(RXKADNOAUTH, "Kerberos ticket is marked invalid")
    if now > part.endtime:
        raise _fail(RXKADEXPIRED, "Kerberos ticket expired")
    return TicketContents(
        name=name,
        instance=instance,
        realm=part.crealm,
        session_key=session_key,
        start=start,
        end=part.endtime,
        service=service[0] if service else "",
        service_instance=service[1] if len(service) > 1 else "",
    )


def open_ticket(
    ticket: bytes,
    kvno: int,
    keyring: Keyring,
    *,
    now: int,
    allow_dotted_principals: bool = False,
) -> TicketContents:
    """Server side: decode any rxkad ticket by its kvno field and check its times.

    Raises:
        RxkadError: RXKADUNKNOWNKEY, RXKADBADKEY, RXKADBADTICKET, RXKADNOAUTH or RXKADEXPIRED.
    """
    if kvno in (TICKET_TYPE_KERBEROS_V5, TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY):
        contents = decode_k5_ticket(
            ticket, keyring, kvno_field=kvno, now=now,
            allow_dotted_principals=allow_dotted_principals,
        )  # fmt: skip
    else:
        key = keyring.rxkad.get(kvno)
        if key is None:
            raise _fail(RXKADUNKNOWNKEY, f"no server key with kvno {kvno}")
        contents = decode_ticket(key, ticket)
        check_ticket_times(contents.start, contents.end, now=now)
    status = _ticket_time_status(contents.start, contents.end, now)
    if status == -1:
        raise _fail(RXKADEXPIRED, "ticket expired")
    if status <= 0:
        raise _fail(RXKADNOAUTH, "ticket not valid now")
    return contents


# -- tokens and -localauth ------------------------------------------------------------------------


@attrs.frozen
class Token:
    """What a client needs to speak rxkad: a session key, a ticket and its kvno field."""

    session_key: bytes = attrs.field(repr=False)
    kvno: int
    ticket: bytes = attrs.field(repr=lambda b: f"<{len(b)} bytes>")
    start: int = 0
    end: int = NEVER_DATE


def forge_localauth_token(
    key: bytes,
    kvno: int,
    *,
    now: int,
    random_bytes: Callable[[int], bytes],
    lifetime: int | None = None,
) -> Token:
    """Make the token an OpenAFS tool makes with ``-localauth`` from the server's DES key.

    The ticket names ``afs`` (the superuser) in the local cell with a fresh random session key.
    By default it is exactly OpenAFS's: start 0 and no expiry.  Linux AF_RXRPC servers reject
    that form as expired; pass ``lifetime`` (seconds, at most 38100) to get a ticket starting
    5 minutes before ``now`` with an ordinary lifetime code instead.

    Args:
        key: the server's DES key (from its KeyFile).
        kvno: that key's version number.
        now: the current Unix time (used only with ``lifetime``).
        random_bytes: a source of random bytes, e.g. :func:`secrets.token_bytes`.
        lifetime: see above.

    Raises:
        RxkadError: RXKADBADKEY if the key has bad parity or is weak.
    """
    session_key = _des.random_key(random_bytes)
    if lifetime is None:
        start, end = 0, NEVER_DATE
    else:
        if not 0 < lifetime <= 127 * 300:
            raise ValueError("a Linux-compatible lifetime is 1..38100 seconds")
        start = now - 300
        end = life_to_time(start, time_to_life(start, start + lifetime))
    ticket = make_ticket(key, name="afs", session_key=session_key, start=start, end=end)
    return Token(session_key=session_key, kvno=kvno, ticket=ticket, start=start, end=end)


def forge_localauth_token_k5(
    key: bytes,
    kvno: int,
    enctype: int,
    *,
    random_bytes: Callable[[int], bytes],
) -> Token:
    """Make the Kerberos 5 ``-localauth`` token OpenAFS makes from an rxkad-krb5 key.

    The ticket is an ``EncryptedData`` (kvno field 213) holding an ``EncTicketPart`` for
    ``afs`` in the local cell with a random DES session key, auth time 0 and end time
    0x7fffffff, encrypted with key usage 2.
    """
    session_key = _des.random_key(random_bytes)
    end = 0x7FFFFFFF
    part = _krb5.EncTicketPart(
        flags=_krb5.TICKET_FLAG_TRANSITED_POLICY_CHECKED,
        key_type=1,  # des-cbc-crc
        key_value=session_key,
        crealm="",
        cname=_krb5.PrincipalName(1, ("afs",)),
        authtime=0,
        endtime=end,
    )
    cipher = _krb5.encrypt(
        enctype, key, _krb5.KEY_USAGE_TICKET, _krb5.encode_enc_ticket_part(part),
        confounder=random_bytes(16),
    )  # fmt: skip
    ticket = _krb5.encode_encrypted_data(_krb5.EncryptedData(enctype, kvno, cipher))
    return Token(
        session_key=session_key,
        kvno=TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY,
        ticket=ticket,
        start=0,
        end=end,
    )


def localauth_token(
    keyring: Keyring, *, now: int, random_bytes: Callable[[int], bytes]
) -> Token:
    """Forge a ``-localauth`` token from the key OpenAFS would choose (see
    :meth:`~.keyfile.Keyring.localauth_key`).

    Raises:
        LookupError: the keyring has no usable key.
        RxkadError: RXKADBADKEY if the chosen DES key has bad parity or is weak.
    """
    chosen = keyring.localauth_key()
    if chosen is None:
        raise LookupError("no key to forge a -localauth token with")
    if chosen.type == KEY_TYPE_RXKAD_KRB5:
        return forge_localauth_token_k5(
            chosen.key, chosen.kvno, chosen.subtype, random_bytes=random_bytes
        )
    return forge_localauth_token(chosen.key, chosen.kvno, now=now, random_bytes=random_bytes)
