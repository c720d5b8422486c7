"""The ``security=`` of AFS calls, as OpenAFS tools choose it.

OpenAFS administration tools take ``-noauth`` (no credentials: rxnull), ``-localauth`` (the
superuser's ticket, forged from the server's own keys, so only on a server machine) or, by
default, the user's token; ``-encrypt`` raises the rxkad level from ``clear`` to ``crypt``.
The levels they use when not told otherwise (OpenAFS 1.8):

========================  ======================================================
``vos``                   ``clear``; ``crypt`` with ``-encrypt``
``pts``                   ``clear`` with a token; ``crypt`` with ``-localauth``
                          or ``-encrypt``
``bos``                   ``crypt``, except ``clear`` for ``getdate``,
                          ``getrestart``, ``getrestricted``, ``listhosts``,
                          ``listusers`` and ``status``
========================  ======================================================

:func:`noauth`, :func:`localauth` and :func:`from_token` give the matching security objects;
:func:`parse_level` reads a level as such tools spell it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..security import (
    RXNULL,
    KeyFileError,
    Level,
    NullClientSecurity,
    RxkadClientSecurity,
    Token,
    forge_token,
    load_keyring,
    localauth_token,
)
from .cellconfig import SERVER_CONFIG_DIR

if TYPE_CHECKING:
    import os

__all__ = ["CredentialsError", "from_token", "localauth", "localauth_as", "noauth",
           "parse_level"]

LevelSpec = Level | int | str
"""An rxkad level: a :class:`~trio_rxrpc.security.Level`, 0..2, or its name."""

_NAMES = {
    "clear": Level.CLEAR,
    "auth": Level.AUTH,
    "crypt": Level.CRYPT,
    "encrypt": Level.CRYPT,  # OpenAFS's -encrypt
}


class CredentialsError(Exception):
    """The credentials asked for cannot be had (e.g. the server keys cannot be read)."""


def parse_level(level: LevelSpec) -> Level:
    """An rxkad level from a :class:`~trio_rxrpc.security.Level`, an int or a name.

    Names are ``"clear"``, ``"auth"`` and ``"crypt"`` (``"encrypt"``, as in OpenAFS's
    ``-encrypt``, means ``"crypt"``), in any case.

    Raises:
        TypeError, ValueError: anything else.
    """
    if isinstance(level, str):
        try:
            return _NAMES[level.strip().lower()]
        except KeyError:
            raise ValueError(f"unknown rxkad level {level!r}: use clear, auth or crypt") \
                from None
    if isinstance(level, bool) or not isinstance(level, int):
        raise TypeError(f"an rxkad level is a Level, an int or a name, not {level!r}")
    try:
        return Level(level)
    except ValueError:
        raise ValueError(f"unknown rxkad level {level}: use 0 (clear), 1 (auth) or 2 (crypt)") \
            from None


def noauth() -> NullClientSecurity:
    """No credentials (``-noauth``): rxnull, whatever the socket's default security is.

    Servers treat such calls as anonymous, unless they run with ``-noauth`` themselves.
    """
    return RXNULL


def from_token(token: Token, level: LevelSpec = Level.CLEAR) -> RxkadClientSecurity:
    """rxkad with ``token`` (a user's, or one made by :func:`~trio_rxrpc.security.forge_token`)
    at ``level`` (default ``clear``, the level of a tool run without ``-encrypt``).

    Raises:
        TypeError, ValueError: a bad token or level.
    """
    if not isinstance(token, Token):
        raise TypeError(f"token must be a trio_rxrpc.security.Token, not {token!r}")
    return RxkadClientSecurity(token, parse_level(level))


def localauth(config_dir: str | os.PathLike[str] = SERVER_CONFIG_DIR,
              level: LevelSpec = Level.CLEAR) -> RxkadClientSecurity:
    """The superuser's credentials of ``-localauth``, forged from the keys in ``config_dir``.

    Reads ``KeyFile`` and ``KeyFileExt`` there (synchronously; they are small), and makes
    the ticket OpenAFS would (see :func:`~trio_rxrpc.security.localauth_token`).  Each call
    makes a fresh ticket and session key.  The default level is ``clear``, as with ``vos``;
    ``pts -localauth`` and most ``bos`` commands use ``crypt``.

    Raises:
        CredentialsError: the keys are missing, unreadable (the files are usually readable
            by root only), malformed or unusable.
        TypeError, ValueError: a bad level.
    """
    wanted = parse_level(level)
    where = Path(config_dir)
    try:
        keyring = load_keyring(where)
        token = localauth_token(keyring)
    except FileNotFoundError as exc:
        raise CredentialsError(
            f"-localauth needs the server keys, but there is no KeyFile or KeyFileExt in "
            f"{where}") from exc
    except PermissionError as exc:
        raise CredentialsError(
            f"-localauth cannot read the server keys in {where}: permission denied "
            "(they are usually readable by root only)") from exc
    except (OSError, KeyFileError, LookupError, ValueError) as exc:
        raise CredentialsError(f"-localauth cannot use the server keys in {where}: {exc}") \
            from exc
    return RxkadClientSecurity(token, wanted)


def localauth_as(name: str, config_dir: str | os.PathLike[str] = SERVER_CONFIG_DIR,
                 level: LevelSpec = Level.CLEAR) -> RxkadClientSecurity:
    """A ticket for user ``name``, forged from the server keys in ``config_dir``.

    This is what newer OpenAFS tools call ``-localauth -as-user NAME``.  The fileserver
    gives plain ``-localauth`` (the ``afs`` principal) no rights of its own, since it goes
    by the ACLs of the protection database's users and groups: reading and writing files
    as an administrator takes the name of one (``admin`` in a new cell).  Only DES keys
    (``KeyFile``) can forge such a ticket here.

    Raises:
        CredentialsError: the keys are missing, unreadable or not DES keys.
        TypeError, ValueError: a bad name or level.
    """
    if not isinstance(name, str):
        raise TypeError(f"a user name must be a string, not {name!r}")
    if not name or any(c.isspace() for c in name):
        raise ValueError(f"bad user name {name!r}")
    wanted = parse_level(level)
    where = Path(config_dir)
    try:
        keyring = load_keyring(where)
    except FileNotFoundError as exc:
        raise CredentialsError(f"-as-user needs the server keys, but there is no KeyFile in "
                               f"{where}") from exc
    except PermissionError as exc:
        raise CredentialsError(f"cannot read the server keys in {where}: permission denied "
                               "(they are usually readable by root only)") from exc
    except (OSError, KeyFileError, ValueError) as exc:
        raise CredentialsError(f"cannot use the server keys in {where}: {exc}") from exc
    key = keyring.latest(0)  # a DES key of KeyFile
    if key is None:
        raise CredentialsError(f"-as-user needs a DES key (KeyFile) in {where}")
    try:
        token = forge_token(key.key, key.kvno, name.partition("@")[0])
    except ValueError as exc:
        raise CredentialsError(f"cannot forge a ticket for {name!r}: {exc}") from exc
    return RxkadClientSecurity(token, wanted)
