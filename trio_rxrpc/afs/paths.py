"""AFS path names and mount points, as a cache manager reads them (no I/O here).

A path in AFS starts at ``/afs/CELL``: the root directory of the cell's ``root.cell``
volume, its read-only copy where one exists.  ``/afs/.CELL`` is the same volume's
read/write original.  Below that, directories are walked one name at a time; ``.`` and
``..`` are taken away before the walk (:func:`parse_path`), as ``realpath`` does for local
files without looking at symbolic links.

A *mount point* is how one volume appears inside another: a symbolic link whose mode is
``0644`` and whose target reads ``#VOLUME.`` (a regular mount point, which prefers a
read-only copy), ``%VOLUME.`` (always the read/write volume), or either with a cell,
``#CELL:VOLUME.``.  :func:`parse_mount_point` reads one; anything else that is a link is an
ordinary symbolic link, reported as such.
"""

from __future__ import annotations

import attrs

__all__ = [
    "AFS_ROOT",
    "AfsPath",
    "AfsPathError",
    "MountPoint",
    "is_mount_point_mode",
    "parse_mount_point",
    "parse_path",
    "split_volume_name",
]

AFS_ROOT = "/afs"
"""Where AFS is mounted on a client, by convention; paths handed to the client start here."""

MOUNT_POINT_MODE = 0o644
"""The permission bits that mark a symbolic link as a mount point."""

MAX_NAME = 255
"""The longest name a directory entry can hold (``AFSNAMEMAX`` less the NUL)."""

_VOLUME_SUFFIXES = (".readonly", ".backup")


class AfsPathError(ValueError):
    """A path or mount point that cannot name anything in AFS."""


@attrs.frozen
class AfsPath:
    """A parsed AFS path: ``/afs/[.]CELL/NAME/...``."""

    cell: str
    """The cell named after ``/afs/`` (without the dot of the read/write form)."""
    names: tuple[str, ...]
    """The names below the cell's root, after ``.`` and ``..`` are taken out."""
    read_write: bool = False
    """Whether the path starts ``/afs/.CELL``: the read/write ``root.cell``."""

    def __str__(self) -> str:
        dot = "." if self.read_write else ""
        return "/".join((AFS_ROOT, dot + self.cell, *self.names))

    @property
    def name(self) -> str:
        """The last name, or ``""`` for the cell's root."""
        return self.names[-1] if self.names else ""

    @property
    def parent(self) -> AfsPath:
        """The directory holding this path (the cell's root is its own parent)."""
        return attrs.evolve(self, names=self.names[:-1])

    def child(self, name: str) -> AfsPath:
        """This directory's entry ``name``.

        Raises:
            AfsPathError: ``name`` cannot be a directory entry.
        """
        check_name(name)
        return attrs.evolve(self, names=(*self.names, name))


def check_name(name: str) -> str:
    """``name`` if a directory entry may carry it.

    Raises:
        TypeError: not a string.
        AfsPathError: empty, ``.``/``..``, holding ``/`` or NUL, or too long.
    """
    if not isinstance(name, str):
        raise TypeError(f"a name must be a string, not {name!r}")
    if name in ("", ".", ".."):
        raise AfsPathError(f"{name!r} cannot be the name of a file")
    if "/" in name or "\0" in name:
        raise AfsPathError(f"a name cannot hold '/' or NUL: {name!r}")
    if len(name.encode("utf-8", "surrogateescape")) > MAX_NAME:
        raise AfsPathError(f"a name is at most {MAX_NAME} bytes: {name[:40]!r}...")
    return name


def parse_path(text: str, *, cwd: AfsPath | None = None) -> AfsPath:
    """Parse ``/afs/CELL/...`` (or a path relative to ``cwd``).

    ``..`` above a cell's root stays at the root, as it does at ``/``.

    Raises:
        TypeError: ``text`` is not a string.
        AfsPathError: not below ``/afs/CELL`` (and no ``cwd`` to start from), or a name
            that cannot be one.
    """
    if not isinstance(text, str):
        raise TypeError(f"an AFS path must be a string, not {text!r}")
    if not text:
        raise AfsPathError("an empty path names nothing")
    if "\0" in text:
        raise AfsPathError("a path cannot hold NUL")
    words = [w for w in text.split("/") if w]
    if text.startswith("/"):
        if not words or words[0] != AFS_ROOT.strip("/"):
            raise AfsPathError(f"{text!r} is not in AFS: paths start {AFS_ROOT}/CELL")
        if len(words) < 2 or words[1] in (".", ".."):
            raise AfsPathError(f"{text!r} names no cell: paths start {AFS_ROOT}/CELL")
        cell_word, rest = words[1], words[2:]
        read_write = cell_word.startswith(".")
        cell = cell_word[1:] if read_write else cell_word
        if not cell:
            raise AfsPathError(f"{text!r} names no cell")
        names: list[str] = []
    elif cwd is not None:
        cell, read_write, names, rest = cwd.cell, cwd.read_write, list(cwd.names), words
    else:
        raise AfsPathError(f"{text!r} is not an absolute AFS path ({AFS_ROOT}/CELL/...)")
    for word in rest:
        if word == ".":
            continue
        if word == "..":
            if names:
                names.pop()
            continue
        names.append(check_name(word))
    return AfsPath(cell, tuple(names), read_write)


@attrs.frozen
class MountPoint:
    """Where a mount point leads."""

    volume: str
    """The volume's name as written (may end ``.readonly`` or ``.backup``)."""
    cell: str | None = None
    """The cell, when the mount point names one; else the cell it lives in."""
    read_write: bool = False
    """``%`` (always the read/write volume) rather than ``#``."""

    def __str__(self) -> str:
        cell = f"{self.cell}:" if self.cell else ""
        return f"{'%' if self.read_write else '#'}{cell}{self.volume}."

    @property
    def base_name(self) -> str:
        """The volume's name without a ``.readonly``/``.backup`` suffix."""
        return split_volume_name(self.volume)[0]

    @property
    def explicit_type(self) -> str | None:
        """``"readonly"`` or ``"backup"`` when the name asks for that copy, else None."""
        return split_volume_name(self.volume)[1]


def split_volume_name(name: str) -> tuple[str, str | None]:
    """``"user.x.readonly"`` -> ``("user.x", "readonly")``; ``"user.x"`` -> ``("user.x",
    None)``: the base name, and the copy a ``.readonly``/``.backup`` suffix asks for."""
    for suffix in _VOLUME_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)], suffix[1:]
    return name, None


def is_mount_point_mode(mode: int) -> bool:
    """Whether a symbolic link with these mode bits can be a mount point (``0644``)."""
    return (mode & 0o777) == MOUNT_POINT_MODE


def parse_mount_point(target: bytes | str) -> MountPoint | None:
    """Read a link's target as a mount point; None when it is not one.

    The target is ``#`` or ``%``, an optional ``CELL:``, the volume's name and a final
    ``.`` (which the cache manager requires; links without it are ordinary links).
    """
    if isinstance(target, bytes):
        target = target.rstrip(b"\0").decode("utf-8", "surrogateescape")
    if len(target) < 3 or target[0] not in "#%" or not target.endswith("."):
        return None
    body = target[1:-1]
    cell: str | None = None
    if ":" in body:
        cell, _, body = body.partition(":")
        if not cell:
            return None
    if not body or "/" in body or any(c.isspace() for c in body):
        return None
    return MountPoint(body, cell, target[0] == "%")
