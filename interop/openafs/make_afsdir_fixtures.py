#!/usr/bin/env python3
"""Make the directory fixtures of tests/data/afsdir from a running test cell.

Run it as root while the cell (``cell-up.sh DIR --noauth``) is up; it makes two new
directories in root.cell (writable by anyone), fills them with RXAFS_CreateFile and
RXAFS_RemoveFile calls, and saves each directory's raw pages (RXAFS_FetchData64) beside a
JSON file listing the names and FIDs the fileserver handed out::

    make_afsdir_fixtures.py OUTDIR [--tag TAG]

* ``small``: a few names of every shape (1 to 256 bytes, UTF-8, bytes that are not UTF-8,
  names that share a hash chain), with two of them removed again and one added after.
* ``many``: 1,200 files, every seventh with a longer name, then every fiftieth removed.

Standard library only, like cellcalls.py, whose functions it uses.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cellcalls

VOLUME = "root.cell"

SMALL_NAMES = [
    "a",
    "short",
    "fifteen-bytes-x",  # 15 bytes: the name and its NUL fill the first blob
    "sixteen-bytes-xx",  # 16 bytes: the NUL spills into a second blob
    "l" * 47,  # the longest name in two blobs
    "m" * 48,  # the shortest in three
    "long-" + "n" * 120,
    "z" * 255,
    "y" * 256,  # AFSNAMEMAX, the longest name the fileserver takes
    "café",
    "日本語のファイル名",
    "emoji-\U0001f389-party",
    "Ünïcødé-name-longer-than-sixteen-bytes",
    os.fsdecode(b"latin1-caf\xe9"),  # not UTF-8
    "collide-119",  # these three hash to chain 112
    "collide-142",
    "collide-353",
    "with space",
    "to-remove-1",
    "to-remove-" + "r" * 40,
]
SMALL_REMOVED = ["to-remove-1", "to-remove-" + "r" * 40]
SMALL_AFTER = ["added-after-removal"]


def many_names() -> list[str]:
    return [f"file-{i:04d}" + ("-" + "x" * (i % 50) if i % 7 == 0 else "") for i in range(1200)]


def fill(outdir: Path, stem: str, parent: str, names: list[str], removed: list[str],
         after: list[str]) -> None:
    where = cellcalls.make_directory(VOLUME, parent)
    fids: dict[str, tuple[int, int]] = {}
    for batch in (names, after):
        if batch is after:
            cellcalls.remove_files(VOLUME, removed, where)
            for name in removed:
                del fids[name]
        for name, fid in zip(batch, cellcalls.create_files(VOLUME, batch, b"", where),
                             strict=True):
            if fid is None:
                raise SystemExit(f"{name!r} already exists in {parent}")
            fids[name] = fid
    data = cellcalls.fetch_directory(VOLUME, where)
    (outdir / f"{stem}.dir").write_bytes(data)
    (outdir / f"{stem}.json").write_text(listing_json(where, fids))
    print(f"{stem}: {len(fids)} names, {len(data)} bytes, directory {where[0]}.{where[1]}")


def listing_json(where: tuple[int, int], fids: dict[str, tuple[int, int]]) -> str:
    """The JSON file of one fixture: an entry ``[name, vnode, unique]`` a line."""
    lines = [json.dumps([name, vnode, unique])
             for name, (vnode, unique) in fids.items()]
    return (f'{{"directory": {json.dumps(list(where))}, '
            f'"parent": {json.dumps(list(cellcalls.ROOT_VNODE))},\n'
            ' "entries": [\n  ' + ",\n  ".join(lines) + "\n]}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--tag", default=secrets.token_hex(3),
                        help="suffix of the new directories' names in root.cell")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    fill(args.outdir, "small", f"afsdir-small-{args.tag}", SMALL_NAMES, SMALL_REMOVED,
         SMALL_AFTER)
    many = many_names()
    fill(args.outdir, "many", f"afsdir-many-{args.tag}", many, many[::50], [])
    return 0


if __name__ == "__main__":
    sys.exit(main())
