"""com_err error tables (``.et`` files): names and messages of an interface's error codes.

A table is written as::

    error_table PT
        ec PREXIST, "Entry for name already exists"
        ec PRIDEXIST, "Entry for id already exists"
    end

Entry ``i`` has the code ``base + i``, where the base comes from the table's name: each
character is a number from 1 to 63 (its place in ``A-Z a-z 0-9 _``, counting from 1), the
name is read as a base-64 number of those digits, and the result is shifted left by 8 bits
(so a table has room for 256 codes).  ``PT`` gives 267264, so ``PRPERM``, the sixth entry, is
267269.  ``#`` starts a comment.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from ._ast import Location
from ._lexer import RxgenError

__all__ = ["ErrorCode", "ErrorTable", "parse_error_table", "parse_error_table_source",
           "table_base"]

_CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EC = re.compile(r'ec\s+([A-Za-z_][A-Za-z0-9_]*)\s*,\s*"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$')


@attrs.frozen
class ErrorCode:
    """One entry: its name, its code and its message."""

    name: str
    code: int
    message: str


@attrs.frozen
class ErrorTable:
    """A whole table: its name (as written), base code and entries in order."""

    name: str
    base: int
    entries: tuple[ErrorCode, ...]


def table_base(name: str) -> int:
    """The first code of the table called ``name`` (one to four characters).

    Raises:
        ValueError: the name is empty, longer than four characters, or uses a character
            outside ``A-Z a-z 0-9 _``.
    """
    if not 1 <= len(name) <= 4 or any(c not in _CHARSET for c in name):
        raise ValueError(f"{name!r} is not a com_err table name (1-4 of A-Z a-z 0-9 _)")
    number = 0
    for c in name:
        number = (number << 6) + _CHARSET.index(c) + 1
    base = (number << 8) & 0xFFFFFFFF
    return base - (1 << 32) if base >= 1 << 31 else base


def parse_error_table_source(text: str, filename: str = "<string>") -> ErrorTable:
    """Parse the text of an ``.et`` file.

    Raises:
        RxgenError: the text is not a valid table (with the file, line and column).
    """
    name: str | None = None
    base = 0
    entries: list[ErrorCode] = []
    seen: dict[str, int] = {}
    ended = False
    lineno = 0
    for lineno, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        column = len(raw) - len(raw.lstrip()) + 1
        where = Location(filename, lineno, column)
        if not stripped or stripped.startswith("#"):
            continue
        if ended:
            raise RxgenError(where, "text after 'end'")
        words = stripped.split(None, 1)
        if words[0] == "error_table":
            if name is not None:
                raise RxgenError(where, "a second 'error_table' line")
            rest = words[1].split("#", 1)[0].strip() if len(words) > 1 else ""
            if not _NAME.fullmatch(rest):
                raise RxgenError(where, "expected 'error_table NAME'")
            try:
                base = table_base(rest)
            except ValueError as exc:
                raise RxgenError(where, str(exc)) from None
            name = rest
        elif words[0] == "ec":
            if name is None:
                raise RxgenError(where, "'ec' before 'error_table NAME'")
            m = _EC.match(stripped)
            if m is None:
                raise RxgenError(where, "expected 'ec NAME, \"message\"'")
            code_name, message = m.group(1), _unescape(m.group(2))
            if code_name in seen:
                raise RxgenError(where, f"{code_name} is already entry {seen[code_name]}")
            if len(entries) >= 256:
                raise RxgenError(where, "a table holds at most 256 codes")
            seen[code_name] = len(entries)
            entries.append(ErrorCode(code_name, base + len(entries), message))
        elif words[0] == "end":
            ended = True
        else:
            raise RxgenError(where, f"expected 'error_table', 'ec' or 'end', not {words[0]!r}")
    if name is None:
        raise RxgenError(Location(filename, max(lineno, 1), 1), "no 'error_table NAME' line")
    if not ended:
        raise RxgenError(Location(filename, max(lineno, 1), 1), "the table has no 'end'")
    return ErrorTable(name, base, tuple(entries))


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def parse_error_table(path: str | Path) -> ErrorTable:
    """Parse an ``.et`` file.

    Raises:
        RxgenError: the file is not a valid table.
        OSError: it cannot be read.
    """
    return parse_error_table_source(Path(path).read_text(encoding="utf-8"), str(path))
