"""Tokens of the rxgen language, each with the line and column it starts at.

Comments (``/* */`` and ``//``) and ``%`` lines (C text that OpenAFS's rxgen copies into its
output) are skipped.  ``#define NAME VALUE`` and ``#include "file"`` become tokens of their
own; other preprocessor lines are refused, since this compiler does not evaluate them.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs

from ._ast import Location

__all__ = ["RxgenError", "Token", "tokenize"]

Kind = Literal["ident", "number", "punct", "define", "include", "eof"]


class RxgenError(ValueError):
    """An interface definition is malformed; ``str()`` begins ``file:line:column:``."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


@attrs.frozen
class Token:
    kind: Kind
    text: str
    location: Location
    value: int = 0


_TOKEN = re.compile(r"""
    (?P<space>[ \t\r\f\v]+)
  | (?P<newline>\n)
  | (?P<comment>/\*.*?\*/)
  | (?P<unclosed>/\*)
  | (?P<linecomment>//[^\n]*)
  | (?P<number>-?(?:0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[{}()\[\]<>;,=*:])
""", re.VERBOSE | re.DOTALL)

_DEFINE = re.compile(r"#\s*define\s+([A-Za-z_]\w*)\s+(.*?)\s*$")
_INCLUDE = re.compile(r'#\s*include\s+"([^"]+)"\s*$')


def _number(text: str) -> int:
    return int(text.rstrip("uUlL"), 0) if not re.fullmatch(r"-?0[0-7]+[uUlL]*", text) \
        else int(text.rstrip("uUlL").replace("0", "0o", 1), 0)


def tokenize(text: str, filename: str) -> list[Token]:
    """Split ``text`` into tokens; the last is an ``eof`` token.

    Raises:
        RxgenError: a character no token can start with, an unclosed comment, or a
            preprocessor line this compiler does not support.
    """
    tokens: list[Token] = []
    line, line_start, pos = 1, 0, 0
    at_line_start = True
    n = len(text)
    while pos < n:
        column = pos - line_start + 1
        ch = text[pos]
        if at_line_start and ch in "%#":
            end = text.find("\n", pos)
            end = n if end < 0 else end
            directive = text[pos:end]
            # A directive may continue on the next line after a backslash.
            while directive.endswith("\\") and end < n:
                nxt = text.find("\n", end + 1)
                nxt = n if nxt < 0 else nxt
                directive = directive[:-1] + " " + text[end + 1:nxt]
                line += 1
                line_start = end + 1
                end = nxt
            where = Location(filename, line, column)
            if ch == "#":
                tokens.append(_directive(directive, where))
            pos = end
            continue
        m = _TOKEN.match(text, pos)
        if m is None:
            raise RxgenError(Location(filename, line, column), f"unexpected character {ch!r}")
        kind = m.lastgroup
        word = m.group()
        if kind == "unclosed":
            raise RxgenError(Location(filename, line, column), "comment is never closed")
        if kind == "newline":
            line += 1
            line_start = m.end()
            at_line_start = True
            pos = m.end()
            continue
        if kind == "comment":
            newlines = word.count("\n")
            if newlines:
                line += newlines
                line_start = pos + word.rfind("\n") + 1
        elif kind == "number":
            where = Location(filename, line, column)
            try:
                value = _number(word)
            except ValueError:
                raise RxgenError(where, f"malformed number {word!r}") from None
            tokens.append(Token("number", word, where, value))
            at_line_start = False
        elif kind in ("ident", "punct"):
            tokens.append(Token("ident" if kind == "ident" else "punct", word,
                                Location(filename, line, column)))
            at_line_start = False
        pos = m.end()
    tokens.append(Token("eof", "", Location(filename, line, pos - line_start + 1)))
    return tokens


def _directive(text: str, where: Location) -> Token:
    m = _DEFINE.match(text)
    if m is not None:
        return Token("define", f"{m.group(1)} {m.group(2)}", where)
    m = _INCLUDE.match(text)
    if m is not None:
        return Token("include", m.group(1), where)
    word = text[1:].strip().split(None, 1)[0] if text[1:].strip() else ""
    raise RxgenError(where, f"preprocessor directive #{word} is not supported "
                     "(only #define NAME VALUE and #include \"FILE\")")
