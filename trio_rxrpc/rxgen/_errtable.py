"""com_err error tables (``.et`` files): the AFS error codes and their messages.

An ``.et`` file names a table and lists its codes in order::

    # comment
    error_table PT
        ec PREXIST, "Entry for name already exists"
        ec PRIDEXIST, "Entry for id already exists"
    end

The ``i``-th entry (from 0) has code ``base + i``, where the base comes from the table's name
(:func:`table_base`), so a table's codes never collide with another table's.  As in OpenAFS's
``compile_et``, ``et`` may stand for ``error_table`` and ``error_code`` for ``ec``, and an entry
may fix its own index with ``ec NAME = INDEX, "message"`` (indexes only grow; skipped indexes
have no entry).  Messages are taken verbatim between double quotes (no escapes; they may span
lines).
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from ._ast import Location
from ._lexer import RxgenError

__all__ = [
    "ErrorCode", "ErrorTable", "ErrorTableError", "error_table_name", "parse_error_table",
    "parse_error_table_source", "table_base",
]

TABLE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
"""com_err's alphabet for table names: a character's position (from 1) is its 6-bit value."""

MAX_NAME_LENGTH = 4
"""Only four characters of a name fit in a code (4 x 6 bits above the 8-bit index)."""

MAX_ENTRIES = 256
"""The index takes the low 8 bits of a code."""


class ErrorTableError(RxgenError):
    """A malformed ``.et`` file; ``str()`` is ``file:line:column: message``."""


@attrs.frozen
class ErrorCode:
    """One entry: its C name (``PRPERM``), full code (``267269``) and message."""

    name: str
    code: int
    message: str


@attrs.frozen
class ErrorTable:
    """A whole table: its name as written (``PT``), base code and entries in code order."""

    name: str
    base: int
    entries: tuple[ErrorCode, ...]


def table_base(name: str) -> int:
    """The code of entry 0 of the table ``name`` (com_err's rule; a signed 32-bit value).

    Each character adds 6 bits (its position in :data:`TABLE_CHARACTERS`, from 1); the result
    is shifted left by 8 to leave room for the index.  Raises ``ValueError`` for names com_err
    would refuse or truncate.
    """
    if not 1 <= len(name) <= MAX_NAME_LENGTH:
        raise ValueError(f"a table name has 1 to {MAX_NAME_LENGTH} characters, not {name!r}")
    if not name[0].isascii() or not name[0].isalpha():
        raise ValueError(f"a table name starts with a letter, not {name!r}")
    number = 0
    for character in name:
        position = TABLE_CHARACTERS.find(character)
        if position < 0:
            raise ValueError(f"{character!r} cannot appear in a table name ({name!r})")
        number = (number << 6) + position + 1
    base = (number << 8) & 0xFFFFFFFF
    return base - (1 << 32) if base >= 1 << 31 else base


def error_table_name(code: int) -> str:
    """The (lower-case) name of the table ``code`` belongs to, as ``translate_et`` prints it.

    Codes below 256 belong to no table: the result is ``""``.
    """
    number = (code >> 8) & 0xFFFFFF
    characters = []
    while number:
        position = number & 0x3F
        if position:
            characters.append(TABLE_CHARACTERS[position - 1])
        number >>= 6
    return "".join(reversed(characters)).lower()


_TOKEN = re.compile(
    r"""
      (?P<space>[ \t\r\n]+)
    | (?P<comment>\#[^\n]*)
    | (?P<string>"[^"]*")
    | (?P<word>[A-Za-z0-9_]+)
    | (?P<punct>[,=])
    """,
    re.VERBOSE,
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@attrs.frozen
class _Token:
    kind: str
    text: str
    location: Location


def _tokenize(text: str, filename: str) -> list[_Token]:
    tokens: list[_Token] = []
    position, line, line_start = 0, 1, 0
    while position < len(text):
        location = Location(filename, line, position - line_start + 1)
        match = _TOKEN.match(text, position)
        if match is None:
            raise ErrorTableError(location, f"unexpected character {text[position]!r}")
        kind, value = match.lastgroup or "", match.group()
        if kind not in ("space", "comment"):
            tokens.append(_Token(kind, value, location))
        newlines = value.count("\n")
        if newlines:
            line += newlines
            line_start = position + value.rindex("\n") + 1
        position = match.end()
    tokens.append(_Token("eof", "", Location(filename, line, position - line_start + 1)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self._tokens = tokens
        self._next = 0

    def peek(self) -> _Token:
        return self._tokens[self._next]

    def take(self, what: str, *texts: str, kind: str | None = None) -> _Token:
        token = self.peek()
        if (texts and token.text not in texts) or (kind is not None and token.kind != kind):
            found = "the end of the file" if token.kind == "eof" else repr(token.text)
            raise ErrorTableError(token.location, f"expected {what}, found {found}")
        self._next += 1
        return token

    def table(self) -> ErrorTable:
        self.take("'error_table'", "error_table", "et")
        name_token = self.take("the table name", kind="word")
        try:
            base = table_base(name_token.text)
        except ValueError as exc:
            raise ErrorTableError(name_token.location, str(exc)) from None
        entries: list[ErrorCode] = []
        seen: set[str] = set()
        index = 0
        while self.peek().text != "end":
            keyword = self.take("'ec' or 'end'", "ec", "error_code")
            name = self.take("an error code name", kind="word")
            if not _IDENTIFIER.match(name.text):
                raise ErrorTableError(name.location, f"{name.text!r} is not a C identifier")
            if name.text in seen:
                raise ErrorTableError(name.location, f"{name.text} appears twice")
            seen.add(name.text)
            if self.peek().text == "=":
                self.take("'='", "=")
                index = self._index(index)
            self.take("','", ",")
            message = self.take("a quoted message", kind="string")
            if index >= MAX_ENTRIES:
                raise ErrorTableError(
                    keyword.location, f"a table holds at most {MAX_ENTRIES} codes")
            entries.append(ErrorCode(name.text, base + index, message.text[1:-1]))
            index += 1
        self.take("'end'", "end")
        self.take("nothing after 'end'", kind="eof")
        return ErrorTable(name_token.text, base, tuple(entries))

    def _index(self, next_index: int) -> int:
        token = self.take("an index", kind="word")
        if not token.text.isdigit():
            message = f"an index is a decimal number, not {token.text!r}"
            raise ErrorTableError(token.location, message)
        value = int(token.text)
        if value < next_index:
            message = f"index {value} is below the next free {next_index}"
            raise ErrorTableError(token.location, message)
        return value


def parse_error_table_source(text: str, filename: str = "<string>") -> ErrorTable:
    """Parse the text of an ``.et`` file; ``filename`` is used in error locations.

    Raises :class:`ErrorTableError` (a ``ValueError``) at the first mistake.
    """
    return _Parser(_tokenize(text, filename)).table()


def parse_error_table(path: str | Path) -> ErrorTable:
    """Read and parse one ``.et`` file (UTF-8).  Raises :class:`ErrorTableError`."""
    path = Path(path)
    return parse_error_table_source(path.read_text(encoding="utf-8"), str(path))
