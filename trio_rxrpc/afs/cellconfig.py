"""OpenAFS client configuration: the ``CellServDB`` and ``ThisCell`` files.

A configuration directory (``/etc/openafs`` for clients, ``/etc/openafs/server`` for
servers; OpenAFS tools take another one with ``-config``) holds

* ``ThisCell``: the local cell's name, the first word of the file;
* ``CellServDB``: for each cell a line ``>NAME [LINKED-CELL] [#comment]`` followed by one
  line per database server, ``ADDRESS [#hostname]``.  An address in square brackets,
  ``[ADDRESS]``, is a non-voting ("clone") ubik server.  Blank lines are ignored.

The client's and the server's ``CellServDB`` are separate files and may differ.

Compared with OpenAFS's own parser this one is slightly more lenient (a whole-line ``#``
comment is skipped, and the ``#hostname`` after an address may be left out) and stricter
where OpenAFS silently ignores things (text after a cell line's linked cell, a bad address):
every malformed line raises :class:`CellConfigError` naming the file and line.  Looking a
cell up follows OpenAFS: names match without regard to case, a unique prefix of a name is
enough (``grand`` finds ``grand.central.org``), and of two entries with the same name the
later one counts.

Nothing here looks up the DNS (no AFSDB/SRV records, no resolution of the hostnames): the
addresses in the file are the addresses used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

__all__ = [
    "CLIENT_CONFIG_DIR",
    "SERVER_CONFIG_DIR",
    "CellConfigError",
    "CellEntry",
    "CellServDB",
    "DatabaseServer",
    "UnknownCellError",
    "parse_cellservdb",
    "parse_this_cell",
    "read_cellservdb",
    "read_this_cell",
]

CLIENT_CONFIG_DIR = Path("/etc/openafs")
"""Where OpenAFS client tools read ``ThisCell`` and ``CellServDB`` by default."""
SERVER_CONFIG_DIR = Path("/etc/openafs/server")
"""Where OpenAFS servers, and tools run with ``-localauth``, read theirs (and the keys)."""


class CellConfigError(ValueError):
    """A configuration file is missing, unreadable or malformed.

    ``str(exc)`` is ``"FILE:LINE: reason"`` (or ``"FILE: reason"`` when no line applies).

    Attributes:
        path: the file, as given to the parser.
        line: the 1-based line number, or ``None``.
        reason: what is wrong.
    """

    def __init__(self, reason: str, *, path: str, line: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {reason}")


class UnknownCellError(LookupError):
    """A cell that the ``CellServDB`` does not list (or lists without database servers).

    Attributes:
        cell: the name asked for.
        path: the ``CellServDB`` searched.
    """

    def __init__(self, reason: str, *, cell: str, path: str) -> None:
        self.cell = cell
        self.path = path
        super().__init__(reason)

    def __str__(self) -> str:
        return str(self.args[0])


@attrs.frozen
class DatabaseServer:
    """One database server line of a ``CellServDB``."""

    address: str
    """The IPv4 address, in dotted decimal."""
    hostname: str | None = None
    """The name after ``#`` (OpenAFS requires one; it is informative only)."""
    clone: bool = False
    """A non-voting ubik server (written ``[ADDRESS]``): it serves reads, never syncs."""

    def format(self) -> str:
        """The server's line, without the newline."""
        address = f"[{self.address}]" if self.clone else self.address
        return address if self.hostname is None else f"{address:<31} #{self.hostname}"


@attrs.frozen
class CellEntry:
    """One cell of a ``CellServDB``: its name and database servers."""

    name: str
    servers: tuple[DatabaseServer, ...] = ()
    linked_cell: str | None = None
    """The cell named after this one on its ``>`` line (a DCE/AFS "linked cell")."""
    comment: str | None = None
    """The text after ``#`` on the ``>`` line, stripped."""

    def format(self) -> str:
        """The cell's lines, each ending in a newline."""
        head = f">{self.name}" if self.linked_cell is None else f">{self.name} {self.linked_cell}"
        if self.comment is not None:
            head = f"{head:<23} #{self.comment}"
        return "".join(line + "\n" for line in [head, *(s.format() for s in self.servers)])


@attrs.frozen
class CellServDB:
    """A parsed ``CellServDB``: its cells in file order."""

    cells: tuple[CellEntry, ...] = ()
    path: str = "CellServDB"
    """The file it came from (used in error messages)."""

    def __iter__(self) -> Iterator[CellEntry]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def format(self) -> str:
        """The file's text (comments other than those on cell and server lines are lost)."""
        return "".join(cell.format() for cell in self.cells)

    def find(self, name: str) -> CellEntry:
        """The entry of the cell called ``name``, by OpenAFS's rules.

        The name matches without regard to case; failing an exact match, a prefix of exactly
        one cell's name selects that cell.  A later entry replaces an earlier one with the
        same name.

        Raises:
            UnknownCellError: no cell matches, several match the prefix, or the cell has no
                database servers.
        """
        if not isinstance(name, str):
            raise TypeError(f"a cell name must be a string, not {name!r}")
        wanted = name.strip().lower()
        latest: dict[str, CellEntry] = {}
        for entry in self.cells:
            latest[entry.name.lower()] = entry
        found = latest.get(wanted)
        if found is None and wanted:
            candidates = [e for key, e in latest.items() if key.startswith(wanted)]
            if len(candidates) > 1:
                names = ", ".join(sorted(e.name for e in candidates))
                raise UnknownCellError(
                    f"cell name {name!r} is ambiguous in {self.path}: it begins {names}",
                    cell=name, path=self.path)
            if candidates:
                found = candidates[0]
        if found is None:
            raise UnknownCellError(f"cell {name!r} is not in {self.path}", cell=name,
                                   path=self.path)
        if not found.servers:
            raise UnknownCellError(
                f"cell {found.name!r} has no database servers in {self.path}",
                cell=name, path=self.path)
        return found


def _decode(data: str | bytes) -> str:
    if isinstance(data, bytes):
        # Comments in the wild hold Latin-1 and UTF-8 alike; keep every byte.
        return data.decode("utf-8", errors="surrogateescape")
    if isinstance(data, str):
        return data
    raise TypeError(f"expected the file's text as str or bytes, not {type(data).__name__}")


def _parse_ipv4(text: str) -> str | None:
    parts = text.split(".")
    if len(parts) != 4 or not all(p.isascii() and p.isdigit() and len(p) <= 3 for p in parts):
        return None
    octets = [int(p) for p in parts]
    if any(o > 255 for o in octets):
        return None
    return ".".join(map(str, octets))


def _cell_line(body: str, *, path: str, line: int) -> CellEntry:
    words_part, sep, comment = body.partition("#")
    words = words_part.split()
    if not words:
        raise CellConfigError("a '>' line needs a cell name", path=path, line=line)
    if len(words) > 2:
        raise CellConfigError(
            f"unexpected {' '.join(words[2:])!r} after the cell name (put comments after '#')",
            path=path, line=line)
    return CellEntry(name=words[0], linked_cell=words[1] if len(words) == 2 else None,
                     comment=comment.strip() if sep else None)


def _server_line(text: str, *, path: str, line: int) -> DatabaseServer:
    address_part, sep, comment = text.partition("#")
    address = address_part.strip()
    clone = address.startswith("[") and address.endswith("]")
    if clone:
        address = address[1:-1].strip()
    parsed = _parse_ipv4(address)
    if parsed is None:
        raise CellConfigError(
            f"{text.strip()!r} is not a database server line: expected an IPv4 address "
            "such as 192.0.2.10 (or [192.0.2.10] for a non-voting server), then #hostname",
            path=path, line=line)
    words = comment.split()
    return DatabaseServer(address=parsed, hostname=words[0] if sep and words else None,
                          clone=clone)


def parse_cellservdb(data: str | bytes, *, path: str | os.PathLike[str] = "CellServDB",
                     ) -> CellServDB:
    """Parse the text of a ``CellServDB``.

    Args:
        data: the file's contents (bytes are decoded as UTF-8, keeping undecodable bytes).
        path: the file's name, for error messages.

    Raises:
        CellConfigError: a malformed line (a server line before any cell, a bad address, a
            cell line without a name).
    """
    where = str(path)
    cells: list[CellEntry] = []
    current: CellEntry | None = None
    servers: list[DatabaseServer] = []
    for number, raw in enumerate(_decode(data).splitlines(), start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith(">"):
            if current is not None:
                cells.append(attrs.evolve(current, servers=tuple(servers)))
            current, servers = _cell_line(text[1:], path=where, line=number), []
        elif current is None:
            raise CellConfigError(
                f"server line {text!r} comes before any '>cell' line", path=where, line=number)
        else:
            servers.append(_server_line(text, path=where, line=number))
    if current is not None:
        cells.append(attrs.evolve(current, servers=tuple(servers)))
    return CellServDB(cells=tuple(cells), path=where)


def parse_this_cell(data: str | bytes, *, path: str | os.PathLike[str] = "ThisCell") -> str:
    """The cell name in the text of a ``ThisCell`` file: its first word.

    Raises:
        CellConfigError: the file holds no name.
    """
    words = _decode(data).split()
    if not words:
        raise CellConfigError("the file is empty: it should hold the local cell's name",
                              path=str(path), line=1)
    return words[0]


def _read(config_dir: str | os.PathLike[str], name: str) -> tuple[Path, bytes]:
    file = Path(config_dir) / name
    try:
        return file, file.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CellConfigError(f"cannot read the file: {reason}", path=str(file)) from exc


def read_cellservdb(config_dir: str | os.PathLike[str] = CLIENT_CONFIG_DIR) -> CellServDB:
    """Read and parse ``config_dir/CellServDB``.

    This reads the disk synchronously (a small file): call it at start-up, or through
    :func:`trio.to_thread.run_sync`.

    Raises:
        CellConfigError: the file is missing, unreadable or malformed.
    """
    file, data = _read(config_dir, "CellServDB")
    return parse_cellservdb(data, path=file)


def read_this_cell(config_dir: str | os.PathLike[str] = CLIENT_CONFIG_DIR) -> str:
    """The local cell's name, from ``config_dir/ThisCell`` (read synchronously).

    Raises:
        CellConfigError: the file is missing, unreadable or empty.
    """
    file, data = _read(config_dir, "ThisCell")
    return parse_this_cell(data, path=file)
