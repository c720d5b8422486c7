"""The recorded data the tests read: OpenAFS captures with their manifest, and vectors.

Both live in the repository, under ``tests/data``:

* ``captures/``: pcapng files of the OpenAFS test cell and ``manifest.json``, which describes
  each one (command, packets, the rxkad session key and what was derived from it) and the cell
  (keys, volumes, users), plus rxkad sessions of our own client against the ptserver.
  ``interop/openafs/make_captures.py`` writes all of it; the values change with every run,
  so tests take them from the manifest, never from a copy.
* ``vectors/``: published known-answer values (see the README.md there).
"""

from __future__ import annotations

import functools
import json
import struct
from pathlib import Path
from typing import Any, Final, TypeAlias

DATA: Final = Path(__file__).resolve().parent / "data"
CAPTURES: Final = DATA / "captures"
VECTORS: Final = DATA / "vectors"

JSON: TypeAlias = Any  # type: ignore[explicit-any]  # parsed JSON; tests index it as they read
"""A value read from the manifest or a vectors file, used as the test expects it to be."""

RX_HEADER: Final = struct.Struct(">5I4B2H")
"""epoch, cid, call number, seq, serial, type, flags, user status, security index, checksum,
service id."""


@functools.cache
def manifest() -> dict[str, JSON]:
    """``captures/manifest.json``."""
    loaded: dict[str, JSON] = json.loads((CAPTURES / "manifest.json").read_text())
    return loaded


def vectors(name: str) -> JSON:
    """One file of ``vectors/``, e.g. ``vectors("fcrypt.json")``."""
    return json.loads((VECTORS / name).read_text())


def capture_entries(*, rxkad: bool | None = None,
                    bulk: bool | None = None) -> list[dict[str, JSON]]:
    """The manifest's captures, optionally only those with (or without) an rxkad handshake
    recovered, or a bulk transfer."""
    entries: list[dict[str, JSON]] = manifest()["captures"]
    if rxkad is not None:
        entries = [e for e in entries if ("rxkad" in e) == rxkad]
    if bulk is not None:
        entries = [e for e in entries if ("bulk" in e) == bulk]
    return entries


def capture(name: str) -> dict[str, JSON]:
    """The manifest entry of one capture, by file name with or without ``.pcapng``."""
    file = name if name.endswith(".pcapng") else f"{name}.pcapng"
    for entry in manifest()["captures"]:
        if entry["file"] == file:
            return dict(entry)
    raise KeyError(f"{file} is not in the captures manifest")


def capture_path(name: str) -> Path:
    return CAPTURES / str(capture(name)["file"])


def capture_paths() -> list[Path]:
    """Every capture the manifest lists, in its order."""
    return [CAPTURES / entry["file"] for entry in manifest()["captures"]]


def sessions(ticket_type: str | None = None) -> list[dict[str, JSON]]:
    """The recorded rxkad sessions of our client, optionally only ``"v4"`` or ``"k5"`` ones."""
    found: list[dict[str, JSON]] = manifest()["sessions"]
    return [s for s in found if ticket_type is None or s["ticket_type"] == ticket_type]


def ids(entries: list[dict[str, JSON]]) -> list[str]:
    """pytest ids for manifest entries: the capture's stem or the session's label."""
    return [e["file"].removesuffix(".pcapng") if "file" in e else e["label"] for e in entries]
