"""Error lines as OpenAFS's tools print them (com_err's ``afs_com_err``).

An OpenAFS tool reports a failure on stderr as ``WHOAMI: MESSAGE TEXT``, where ``MESSAGE``
is the error table's text for the code (``afs_error_message``) and ``TEXT`` is what the tool
adds, e.g. ``pts: Permission denied ; unable to list entries``.  (com_err also writes a
carriage return after the newline, a terminal habit not reproduced here.)

The message rules of ``afs_error_message``:

* negative codes are Rx's: -1, -2, -3 and -7 have fixed texts, -450 to -499 are "RPC
  interface mismatch (CODE)", anything else "unknown RPC error (CODE)";
* codes below 256 are Unix ``errno`` values (``strerror``);
* others belong to the com_err table whose base is the code less its low 8 bits: its entry's
  message if the tool has that table, else ``Unknown code TABLE N (CODE)``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Final

from ...rpc import error_class

if TYPE_CHECKING:
    from collections.abc import Collection

__all__ = ["com_err", "error_code", "error_message", "table_name"]

_NEGATIVE: Final = {
    -1: "server or network not responding",
    -2: "invalid RPC (RX) operation",
    -3: "server not responding promptly",
    -7: "port address already in use",
}

_TABLE_CHARS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"

PTS_TABLES: Final = frozenset({"PT", "RXK", "KTC", "U", "ACFG"})
"""The com_err tables OpenAFS's ``pts`` knows (the protection library's and ubik's)."""

RX_CALL_DEAD: Final = -1
"""What a call to a server that never answers ends with, for these messages."""


def table_name(code: int) -> str:
    """The com_err table name a code's base spells (``267264`` -> ``"PT"``)."""
    number = (code >> 8) & 0o77777777
    chars = []
    for shift in (24, 18, 12, 6, 0):
        index = (number >> shift) & 0o77
        if index:
            chars.append(_TABLE_CHARS[index - 1])
    return "".join(chars)


def error_message(code: int, tables: Collection[str] | None = None) -> str:
    """The text OpenAFS's ``afs_error_message(code)`` gives.

    Args:
        code: the error code (an abort code, or a local one).
        tables: the names of the com_err tables the imitated tool has loaded (``None``: all
            the tables this package knows).
    """
    if code < 0:
        text = _NEGATIVE.get(code)
        if text is not None:
            return text
        if -500 < code <= -450:
            return f"RPC interface mismatch ({code})"
        return f"unknown RPC error ({code})"
    offset = code & 0xFF
    base = code - offset
    if base == 0:
        return os.strerror(offset)
    cls = error_class(code)
    if cls is not None and (tables is None or cls.table in tables):
        return cls.error_message
    return f"Unknown code {table_name(base)} {offset} ({code})"


def error_code(exc: BaseException) -> int:
    """The code an OpenAFS client would have got for a failed call that raised ``exc``."""
    code = getattr(exc, "abort_code", None)
    if isinstance(code, int) and code:
        return code
    return RX_CALL_DEAD


def com_err(whoami: str, code: int, text: str, tables: Collection[str] | None = None) -> str:
    """One error line (without its newline), as ``afs_com_err(whoami, code, text)`` prints it."""
    if code:
        return f"{whoami}: {error_message(code, tables)} {text}"
    return f"{whoami}: {text}"
