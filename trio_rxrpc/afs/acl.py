"""AFS access control lists: the text the fileserver keeps and the rights letters of ``fs``.

A directory's ACL grants rights to users and groups of the protection database; *negative*
entries take rights away.  The fileserver hands the list out (``RXAFS_FetchACL``) and takes
it back (``RXAFS_StoreACL``) as text: the number of positive entries, the number of
negative ones, then one ``NAME RIGHTS`` line per entry, the rights a decimal bit mask.
``fs listacl`` prints the rights as letters, ``rlidwka`` and ``ABCDEFGH`` for the eight
rights left to sites to define; :func:`rights_text` and :func:`parse_rights` convert.
"""

from __future__ import annotations

from typing import Final

import attrs

__all__ = [
    "ACL",
    "ACLError",
    "RIGHTS",
    "parse_acl",
    "parse_rights",
    "rights_text",
]

RIGHTS: Final = {
    "r": 0x01,  # read files
    "l": 0x08,  # look up names, list the directory
    "i": 0x04,  # insert new entries
    "d": 0x10,  # delete entries
    "w": 0x02,  # write files, change their status
    "k": 0x20,  # lock files
    "a": 0x40,  # administer: change this ACL
    "A": 0x01000000, "B": 0x02000000, "C": 0x04000000, "D": 0x08000000,
    "E": 0x10000000, "F": 0x20000000, "G": 0x40000000, "H": 0x80000000,
}
"""Each rights letter and its bit, in the order ``fs listacl`` prints them."""

SHORTHANDS: Final = {
    "read": "rl",
    "write": "rlidwk",
    "all": "rlidwka",
    "none": "",
}
"""The words ``fs setacl`` accepts in place of letters."""

MAX_ACL_TEXT: Final = 1024
"""The largest ACL text the fileserver takes (``AFSOPAQUEMAX``)."""

_ALL_BITS = sum(RIGHTS.values())


class ACLError(ValueError):
    """ACL text or rights that cannot be read."""


def rights_text(mask: int) -> str:
    """``0x7f`` -> ``"rlidwka"``; bits no letter names are left out."""
    return "".join(letter for letter, bit in RIGHTS.items() if mask & bit)


def parse_rights(text: str) -> int:
    """``"rlidwka"``, ``"write"`` or ``"none"`` -> the bit mask.

    Raises:
        ACLError: a letter or word that names no right.
    """
    text = SHORTHANDS.get(text, text)
    mask = 0
    for letter in text:
        bit = RIGHTS.get(letter)
        if bit is None:
            raise ACLError(f"{letter!r} is not a right: use the letters rlidwka and ABCDEFGH, "
                           f"or {', '.join(SHORTHANDS)}")
        mask |= bit
    return mask


def _entries(value: object) -> tuple[tuple[str, int], ...]:
    if isinstance(value, dict):
        value = tuple(value.items())
    if not isinstance(value, tuple | list):
        raise TypeError(f"ACL entries are (name, rights) pairs, not {value!r}")
    out = []
    for item in value:
        name, rights = item
        if not isinstance(name, str) or not name or any(c.isspace() for c in name):
            raise ACLError(f"bad name in an ACL: {name!r}")
        if isinstance(rights, str):
            rights = parse_rights(rights)
        if isinstance(rights, bool) or not isinstance(rights, int) or \
                not 0 <= rights <= 0xFFFFFFFF:
            raise ACLError(f"bad rights for {name!r}: {rights!r}")
        out.append((name, rights & _ALL_BITS))
    return tuple(out)


@attrs.frozen
class ACL:
    """An access control list: names and their rights (bit masks), in order.

    ``positive`` and ``negative`` take ``(name, rights)`` pairs or a ``{name: rights}``
    mapping; rights may be given as letters.
    """

    positive: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_entries)
    negative: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_entries)

    def rights_of(self, name: str) -> int:
        """The rights ``name`` is granted by its own entries (not by its groups)."""
        granted = sum(bits for who, bits in self.positive if who == name)
        denied = sum(bits for who, bits in self.negative if who == name)
        return granted & ~denied

    def with_entry(self, name: str, rights: int | str, *, negative: bool = False) -> ACL:
        """This ACL with ``name``'s entry replaced (removed when the rights are empty)."""
        bits = parse_rights(rights) if isinstance(rights, str) else rights
        side = self.negative if negative else self.positive
        kept = [(who, r) for who, r in side if who != name]
        if bits:
            kept.append((name, bits))
        if negative:
            return ACL(self.positive, tuple(kept))
        return ACL(tuple(kept), self.negative)

    def to_text(self) -> str:
        """The fileserver's text form (what ``RXAFS_StoreACL`` takes).

        Raises:
            ACLError: the text would be longer than the fileserver accepts.
        """
        lines = [str(len(self.positive)), str(len(self.negative))]
        lines += [f"{who}\t{bits}" for who, bits in self.positive + self.negative]
        text = "\n".join(lines) + "\n"
        if len(text.encode()) + 1 > MAX_ACL_TEXT:
            raise ACLError(f"the ACL is too long: {len(text)} bytes, at most "
                           f"{MAX_ACL_TEXT - 1}")
        return text

    def to_json(self) -> dict[str, dict[str, str]]:
        """``{"positive": {name: letters}, "negative": {...}}``."""
        return {"positive": {who: rights_text(bits) for who, bits in self.positive},
                "negative": {who: rights_text(bits) for who, bits in self.negative}}


def parse_acl(text: bytes | str) -> ACL:
    """Read the fileserver's ACL text (as ``RXAFS_FetchACL`` returns it).

    Raises:
        ACLError: the text is not an ACL.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = text.rstrip("\0").split("\n")
    try:
        npos, nneg = int(lines[0]), int(lines[1])
    except (IndexError, ValueError):
        raise ACLError(f"not an ACL: {text[:60]!r}") from None
    body = [line.split() for line in lines[2:] if line.strip()]
    if npos < 0 or nneg < 0 or len(body) != npos + nneg:
        raise ACLError(f"the ACL says {npos}+{nneg} entries but holds {len(body)}")
    entries = []
    for words in body:
        if len(words) != 2 or not words[1].lstrip("-").isdigit():
            raise ACLError(f"bad ACL entry {' '.join(words)!r}")
        entries.append((words[0], int(words[1]) & 0xFFFFFFFF))
    return ACL(tuple(entries[:npos]), tuple(entries[npos:]))
