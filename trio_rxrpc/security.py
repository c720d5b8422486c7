"""Rx security for trio-rxrpc: rxnull, rxkad and rxgk, chosen per call.

A client call takes ``security=``: :data:`RXNULL` (no security, the default) or an
:class:`RxkadClientSecurity` made of a :class:`Token` and a :class:`Level`.  Calls whose
security differs (another token, kvno or level) never share a connection, so one socket can
run calls under several identities at once.  A listening socket takes ``security=[...]``, a
list of server objects such as :class:`RxkadServerSecurity` built on the server's keys (a
:class:`Keyring`, e.g. from an OpenAFS ``KeyFile`` with :func:`load_keyring`), and
``min_level=`` to refuse calls below a level with ``RXKADLEVELFAIL``.

Tokens come from three places: :func:`localauth_token` / :func:`forge_localauth_token` make
the superuser token an OpenAFS server tool makes with ``-localauth`` from the cell's key;
:func:`forge_token` makes one for any principal from the same key; and a :class:`Token` can be
built from a session key, kvno and ticket obtained elsewhere.

yfs-rxgk (security index 6, what Linux implements) works the same way:
:class:`RxgkClientSecurity` takes an :class:`RxgkToken` (from :func:`forge_rxgk_token` for a
server whose rxgk key we hold), and :class:`RxgkServerSecurity` takes the server's rxgk keys by
``(kvno, enctype)``; a listening socket may offer it beside rxkad.  The same three take
``flavour="openafs"`` for rxgk as OpenAFS implements it (security index 4: OpenAFS's token
form and abort codes), built from OpenAFS's sources and never run against a real OpenAFS
peer; a listener may offer both flavours at once.

See ``docs/security.rst`` for what each level protects and worked examples.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ._proto.security import _des, rxkad as _rxkad, rxkad_ticket as _ticket
from ._proto.security.base import ClientSecurity, ServerSecurity
from ._proto.security.keyfile import (
    KeyFileError,
    Keyring,
    ServerKey,
    parse_keyfile,
    parse_keyfile_ext,
)
from ._proto.security.null import RXNULL, NullClientSecurity, NullServerSecurity
from ._proto.security.rxgk_class import (
    RxgkClientSecurity as _RxgkClientSecurity,
    RxgkIdentity,
    RxgkServerConnection,
    RxgkServerSecurity as _RxgkServerSecurity,
)
from ._proto.security.rxgk_flavour import flavour_named
from ._proto.security.rxgk_handshake import RxgkToken, forge_token as _forge_rxgk_token
from ._proto.security.rxgk_wire import AuthName
from ._proto.security.rxkad import NEVER_DATE, Level
from ._proto.security.rxkad_class import (
    RxkadClientSecurity,
    RxkadIdentity,
    RxkadServerConnection,
    RxkadServerSecurity as _RxkadServerSecurity,
)
from ._proto.security.rxkad_ticket import Token

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Mapping, Sequence

    from ._call import Call

__all__ = [
    "NEVER_DATE",
    "RXNULL",
    "AuthName",
    "ClientSecurity",
    "KeyFileError",
    "Keyring",
    "Level",
    "NullClientSecurity",
    "NullServerSecurity",
    "RxkadClientSecurity",
    "RxkadIdentity",
    "RxgkClientSecurity",
    "RxgkIdentity",
    "RxgkServerSecurity",
    "RxgkToken",
    "RxkadServerSecurity",
    "ServerKey",
    "ServerSecurity",
    "Token",
    "caller_identity",
    "forge_localauth_token",
    "forge_rxgk_token",
    "forge_token",
    "load_keyring",
    "localauth_token",
]

_DEFAULT_LIFETIME = 10 * 3600


class RxkadServerSecurity(_RxkadServerSecurity):
    """Accept rxkad calls (security index 2) whose tickets were sealed with the server's keys.

    Args:
        keys: a :class:`Keyring` (from :func:`load_keyring`, or built from
            :class:`ServerKey` values), or a single 8-byte DES key.
        kvno: with a single key, the kvno it answers to (``None``, the default: any kvno).
        clock: the wall clock used for ticket lifetimes, a callable returning Unix seconds
            (default :func:`time.time`).
        min_level: the lowest :class:`Level` accepted; it is sent in the CHALLENGE, and a
            RESPONSE below it aborts the connection with ``RXKADLEVELFAIL``.
        security_index: 2 (default), or 3 for the "rxkad KAE" index, which requires crypt.
        challenge_version: 2 (default) for v2 challenges, 0 for the old 8-byte form.
        allow_dotted_principals: accept Kerberos 5 principals whose name contains a dot.

    Raises:
        ValueError: a bad level, security index, challenge version or key size.
    """

    def __init__(self, keys: Keyring | bytes, *, kvno: int | None = None,
                 clock: Callable[[], float] = time.time, min_level: int = Level.CLEAR,
                 security_index: int = _rxkad.SECURITY_INDEX,
                 challenge_version: int = _rxkad.CHALLENGE_VERSION,
                 allow_dotted_principals: bool = False) -> None:
        super().__init__(keys, kvno=kvno, clock=clock, min_level=min_level,
                         security_index=security_index, challenge_version=challenge_version,
                         allow_dotted_principals=allow_dotted_principals)


class RxgkClientSecurity(_RxgkClientSecurity):
    """Make client calls with rxgk (yfs-rxgk, index 6, by default): a token and its level.

    Args:
        token: an :class:`RxgkToken` (e.g. from :func:`forge_rxgk_token`).
        level: ``None`` (default) for the level sealed in the token; a Linux server runs the
            connection at exactly that level, so another level is refused.
        clock: the wall clock, Unix seconds (default :func:`time.time`).
        random_bytes: the source of confounders (default :func:`secrets.token_bytes`).
        camellia256_prf: ``"linux"`` for a Linux 7.3 server with enctype 26 tokens: its
            Camellia PRF differs from RFC 6803's (the default, ``"rfc6803"``).
        flavour: ``"yfs"`` (security index 6, the default) or ``"openafs"`` (index 4, for a
            token made with ``forge_rxgk_token(..., flavour="openafs")``).

    Raises:
        ValueError: a level rxgk does not have, or not the token's; an unknown flavour; with
            ``"openafs"``, level auth with an enctype other than 17 or 18 (OpenAFS has no MIC
            for the others).
    """

    def __init__(self, token: RxgkToken, level: int | None = None, *,
                 clock: Callable[[], float] = time.time,
                 random_bytes: Callable[[int], bytes] = secrets.token_bytes,
                 camellia256_prf: str = "rfc6803", flavour: str = "yfs") -> None:
        super().__init__(token, level, clock=clock, random_bytes=random_bytes,
                         camellia256_prf=camellia256_prf, flavour=flavour)


class RxgkServerSecurity(_RxgkServerSecurity):
    """Accept rxgk calls (yfs-rxgk, index 6, by default) whose tokens were sealed with a
    server key.

    Args:
        keys: a :class:`Keyring` (its rxgk keys, e.g. from a ``KeyFileExt``) or a mapping
            from ``(kvno, enctype)`` to key bytes.
        min_level: the lowest :class:`Level` accepted; a lower token aborts the connection
            with ``RXGK_BADLEVEL``.
        clock: the wall clock, Unix seconds (default :func:`time.time`).
        random_bytes: the source of nonces and confounders (default
            :func:`secrets.token_bytes`).
        camellia256_prf: ``"linux"`` to accept enctype 26 tokens from Linux 7.3 clients.
        flavour: ``"yfs"`` (index 6, the default) or ``"openafs"`` (index 4, OpenAFS's token
            form and abort codes).  Offer both by listening with one object of each.

    Raises:
        ValueError: a bad level or flavour, an unsupported enctype or a key of the wrong size.
    """

    def __init__(self, keys: Keyring | Mapping[tuple[int, int], bytes], *,
                 min_level: int = Level.CLEAR, clock: Callable[[], float] = time.time,
                 random_bytes: Callable[[int], bytes] = secrets.token_bytes,
                 camellia256_prf: str = "rfc6803", flavour: str = "yfs") -> None:
        super().__init__(keys, min_level=min_level, clock=clock, random_bytes=random_bytes,
                         camellia256_prf=camellia256_prf, flavour=flavour)


def forge_rxgk_token(
    server_key: bytes, enctype: int, *, kvno: int = 1, level: int = Level.CRYPT,
    lifetime: int | None = _DEFAULT_LIFETIME, start: float | None = None,
    rekey_after_seconds: int = 0, rekey_after_bytes_log2: int = 0,
    identities: Sequence[AuthName] = (),
    random_bytes: Callable[[int], bytes] = secrets.token_bytes,
    flavour: str = "yfs",
) -> RxgkToken:
    """An rxgk token for a server whose key (``server_key``, ``enctype``, ``kvno``) we hold.

    This is what a token-granting service would hand a client: K0 is fresh, and the token
    (in the form Linux's servers decode, or with ``flavour="openafs"`` OpenAFS's
    ``RXGK_Token``, which has no start time) is sealed with the server's key.  An OpenAFS
    ``-localauth`` printed token is one with no identities, the default.

    Args:
        server_key: the server's rxgk key.
        enctype: its Kerberos enctype (17, 18, 19, 20, 25 or 26); K0 has the same.
        kvno: its key version number.
        level: the level the connection will run at.
        lifetime: seconds from ``start`` until the token expires (``None``: never).
        start: Unix time the token starts (default: now).
        rekey_after_seconds: a transport key's lifetime (0: no limit).
        rekey_after_bytes_log2: log2 of the bytes a transport key may protect (0: no limit).
        identities: who the token speaks for (none: anonymous).
        random_bytes: the source of K0 and the confounder.
        flavour: ``"yfs"`` (the default) or ``"openafs"``: whose server will open it.

    Raises:
        ValueError: an unsupported enctype, level or flavour, or a key of the wrong size;
            with ``"openafs"``, a kvno <= 0 or level auth with an enctype other than 17/18.
    """
    begin = time.time() if start is None else start
    return _forge_rxgk_token(
        server_key, enctype, kvno=kvno, level=level, start=begin,
        expires=None if lifetime is None else begin + lifetime, lifetime=rekey_after_seconds,
        bytelife=rekey_after_bytes_log2, identities=identities, random_bytes=random_bytes,
        flavour=flavour_named(flavour))


def load_keyring(path: str | os.PathLike[str]) -> Keyring:
    """Read an OpenAFS server's keys.

    ``path`` is either a server configuration directory (``/etc/openafs/server``,
    ``/usr/afs/etc``), whose ``KeyFile`` (DES keys) and ``KeyFileExt`` (rxkad-krb5 and rxgk
    keys) are read when present, or one of those files.  This reads the disk synchronously:
    call it at start-up, or through :func:`trio.to_thread.run_sync`.

    Raises:
        FileNotFoundError: no key file there.
        KeyFileError: a file is malformed.
    """
    where = Path(path)
    if where.is_dir():
        keyfile, ext = where / "KeyFile", where / "KeyFileExt"
        if not keyfile.exists() and not ext.exists():
            raise FileNotFoundError(f"neither KeyFile nor KeyFileExt in {where}")
        keys: list[ServerKey] = []
        if keyfile.exists():
            keys += parse_keyfile(keyfile.read_bytes())
        if ext.exists():
            keys += parse_keyfile_ext(ext.read_bytes())
        return Keyring(keys)
    data = where.read_bytes()
    if where.name == "KeyFileExt":
        return Keyring(parse_keyfile_ext(data))
    return Keyring(parse_keyfile(data))


def forge_localauth_token(
    key: bytes, kvno: int, *, lifetime: int | None = None, now: int | None = None,
    random_bytes: Callable[[int], bytes] = secrets.token_bytes,
) -> Token:
    """The token an OpenAFS tool forges with ``-localauth``: the superuser ``afs``.

    The ticket is sealed with the cell's DES ``key`` (kvno ``kvno``) and holds a fresh session
    key.  By default it is exactly OpenAFS's (issued at time 0, never expires).  Linux
    AF_RXRPC servers reject that form; ``lifetime`` (seconds, at most 38100) gives an ordinary
    ticket valid from 5 minutes before ``now`` (default: the current time) instead.

    Raises:
        ValueError: ``key`` is a weak DES key or lacks odd parity (OpenAFS refuses such keys
            with ``RXKADBADKEY``), or a bad ``lifetime``.
    """
    try:
        return _ticket.forge_localauth_token(
            key, kvno, now=int(time.time()) if now is None else now,
            random_bytes=random_bytes, lifetime=lifetime,
        )
    except _rxkad.RxkadError as exc:
        raise ValueError(f"the server key is refused: {exc}") from None


def localauth_token(
    keyring: Keyring, *, random_bytes: Callable[[int], bytes] = secrets.token_bytes,
) -> Token:
    """The ``-localauth`` token OpenAFS would forge from these server keys.

    Like OpenAFS, it prefers a ``KeyFileExt`` rxkad-krb5 key (a Kerberos 5 ticket, kvno field
    213) and otherwise uses the newest ``KeyFile`` DES key.

    Raises:
        LookupError: the keyring has no usable key.
        ValueError: the chosen DES key is weak or lacks odd parity.
    """
    try:
        return _ticket.localauth_token(keyring, now=int(time.time()), random_bytes=random_bytes)
    except _rxkad.RxkadError as exc:
        raise ValueError(f"the server key is refused: {exc}") from None


def forge_token(
    key: bytes, kvno: int, name: str, *, instance: str = "", realm: str = "",
    lifetime: int = _DEFAULT_LIFETIME, start: int | None = None,
    random_bytes: Callable[[int], bytes] = secrets.token_bytes,
) -> Token:
    """A Kerberos-4 style rxkad token for any principal, sealed with the server's DES key.

    This is what a Kerberos KDC would hand a user, made without one: whoever holds the cell's
    key can speak as anyone.  The ticket is valid from ``start`` (default: now) for
    ``lifetime`` seconds (rounded up to what a ticket lifetime code can express).

    Args:
        key: the server's DES key.
        kvno: its key version number.
        name: the principal's name, e.g. ``"admin"``.
        instance: the principal's instance.
        realm: the principal's realm (cell); empty for the server's own.
        lifetime: seconds of validity, up to 30 days.
        start: Unix time the ticket starts (default: now).
        random_bytes: the source of the session key.

    Raises:
        ValueError: ``key`` is a weak DES key or lacks odd parity, a name does not fit, or no
            ticket can carry ``lifetime``.
    """
    begin = int(time.time()) if start is None else start
    end = _ticket.life_to_time(begin, _ticket.time_to_life(begin, begin + lifetime))
    if end == begin:
        raise ValueError(f"no ticket lifetime code for {lifetime} seconds")
    session_key = _des.random_key(random_bytes)
    try:
        ticket = _ticket.make_ticket(key, name=name, instance=instance, realm=realm,
                                     session_key=session_key, start=begin, end=end)
    except _rxkad.RxkadError as exc:
        raise ValueError(f"the server key is refused: {exc}") from None
    return Token(session_key=session_key, kvno=kvno, ticket=ticket, start=begin, end=end)


def caller_identity(call: Call) -> RxkadIdentity | RxgkIdentity | None:
    """Who made an incoming call, as its rxkad ticket or rxgk token says (``None`` for rxnull
    calls).

    The identity carries the principal and the level the connection runs at, so a server can
    decide what the caller may do.  Client calls always give ``None``.
    """
    core = call._core
    if core is None or core.is_client:
        return None
    security = core.conn.security
    mro = type(security).__mro__  # (not isinstance: the classes' ABC hook costs a frame)
    if RxkadServerConnection in mro or RxgkServerConnection in mro:
        server = cast("RxkadServerConnection | RxgkServerConnection", security)
        return server.identity if server.authenticated else None
    return None

