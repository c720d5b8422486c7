"""The AFS directory parser against directories an OpenAFS fileserver wrote, and hostile data."""

from __future__ import annotations

import json
import struct
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from trio_rxrpc.afs.directory import (
    BLOB_SIZE,
    BLOBS_PER_PAGE,
    PAGE_SIZE,
    DirectoryError,
    DirEntry,
    name_hash,
    parse_directory,
)

DATA = Path(__file__).parent.parent / "data" / "afsdir"
STEMS = ["small", "many", "root"]


def load(stem: str) -> tuple[bytes, dict[str, object]]:
    listing = json.loads((DATA / f"{stem}.json").read_text())
    return (DATA / f"{stem}.dir").read_bytes(), listing


def expected(listing: dict[str, object]) -> dict[str, tuple[int, int]]:
    directory = listing["directory"]
    parent = listing["parent"]
    entries = listing["entries"]
    assert isinstance(directory, list)
    assert isinstance(parent, list)
    assert isinstance(entries, list)
    names = {".": (directory[0], directory[1]), "..": (parent[0], parent[1])}
    for name, vnode, unique in entries:
        names[name] = (vnode, unique)
    return names


# ------------------------------------------------------------------- a small writer


def build(names: list[bytes], *, pgcount: int | None = None) -> bytes:
    """A directory holding ``names`` (vnode i + 2, unique i + 100), packed in order as the
    fileserver would fill an empty directory."""
    pages = [bytearray(PAGE_SIZE)]
    used = [13]
    heads = [0] * 128
    for index, name in enumerate(names):
        blobs = 1 + (len(name) + 16) // BLOB_SIZE
        if used[-1] + blobs > BLOBS_PER_PAGE:
            pages.append(bytearray(PAGE_SIZE))
            used.append(1)
        page = len(pages) - 1
        number = page * BLOBS_PER_PAGE + used[-1]
        used[-1] += blobs
        slot = name_hash(name)
        offset = (number % BLOBS_PER_PAGE) * BLOB_SIZE
        struct.pack_into(">BBHII", pages[page], offset, 1, 0, heads[slot], index + 2, index + 100)
        pages[page][offset + 12:offset + 12 + len(name)] = name
        heads[slot] = number
    for page, (buffer, count) in enumerate(zip(pages, used, strict=True)):
        bitmap = (1 << count) - 1
        struct.pack_into(">HHB8s", buffer, 0, 0, 1234, BLOBS_PER_PAGE - count,
                         bitmap.to_bytes(8, "little"))
        if page < 128:
            pages[0][32 + page] = BLOBS_PER_PAGE - count
    for page in range(len(pages), 128):
        pages[0][32 + page] = BLOBS_PER_PAGE
    struct.pack_into(">H", pages[0], 0, len(pages) if pgcount is None else pgcount)
    struct.pack_into(">128H", pages[0], 160, *heads)
    return b"".join(pages)


# --------------------------------------------------------------------- real fixtures


@pytest.mark.parametrize("stem", STEMS)
def test_fixture_holds_exactly_the_names_made(stem: str) -> None:
    data, listing = load(stem)
    directory = parse_directory(data)
    want = expected(listing)
    got = {entry.name: (entry.vnode, entry.unique) for entry in directory}
    assert got == want
    assert len(directory) == len(want)
    assert directory.page_count == len(data) // PAGE_SIZE
    assert {entry.name for entry in directory.entries(skip_dots=True)} == set(want) - {".", ".."}
    assert sorted(entry.name for entry in directory if entry.is_dot) == [".", ".."]


@pytest.mark.parametrize("stem", STEMS)
def test_fixture_order_is_hash_chain_order(stem: str) -> None:
    directory = parse_directory(load(stem)[0])
    slots = [name_hash(entry.raw_name) for entry in directory]
    assert slots == sorted(slots)
    assert directory.entries() == tuple(directory)


@pytest.mark.parametrize("stem", STEMS)
def test_lookup_finds_every_name_and_misses_others(stem: str) -> None:
    data, listing = load(stem)
    directory = parse_directory(data)
    for name, (vnode, unique) in expected(listing).items():
        found = directory.lookup(name)
        assert found == DirEntry(name, vnode, unique, name.encode("utf-8", "surrogateescape"))
        assert directory.lookup(found.raw_name) == found
        assert name in directory
    for absent in ["", "nope", "file-0000", "to-remove-1", "A", "short ", "caf\u00e9\u00e9"]:
        assert directory.lookup(absent) is None
        assert absent not in directory


def test_small_fixture_names() -> None:
    directory = parse_directory(load("small")[0])
    latin = directory.lookup(b"latin1-caf\xe9")
    assert latin is not None
    assert latin.name == "latin1-caf\udce9"
    assert directory.lookup("y" * 256) is not None
    assert directory.lookup("\u65e5\u672c\u8a9e\u306e\u30d5\u30a1\u30a4\u30eb\u540d") is not None
    collided = [e.name for e in directory if e.name.startswith("collide-")]
    assert sorted(collided) == ["collide-119", "collide-142", "collide-353"]
    assert {name_hash(name) for name in collided} == {112}


def test_name_hash_values() -> None:
    # "." and ".." are on the chains the fixtures put them on.
    assert name_hash(".") == 46
    assert name_hash("..") == 68
    assert name_hash(b"") == 0
    assert name_hash("caf\u00e9") == name_hash("caf\u00e9".encode())
    assert all(0 <= name_hash(bytes([b] * n)) < 128 for b in range(1, 256, 7) for n in (1, 9, 40))


@pytest.mark.parametrize("stem", STEMS)
def test_truncation_at_every_page_boundary(stem: str) -> None:
    data = load(stem)[0]
    for pages in range(len(data) // PAGE_SIZE):
        with pytest.raises(DirectoryError):
            parse_directory(data[:pages * PAGE_SIZE])
    for cut in range(1, len(data), 997):
        if cut % PAGE_SIZE:
            with pytest.raises(DirectoryError, match=r"whole number|shorter"):
                parse_directory(data[:cut])


def test_extra_page_is_refused() -> None:
    data = load("small")[0]
    page = bytearray(PAGE_SIZE)
    struct.pack_into(">HH", page, 0, 0, 1234)
    with pytest.raises(DirectoryError, match="says 1 pages but the data holds 2"):
        parse_directory(data + page)


# -------------------------------------------------------------------- synthetic data


def test_writer_round_trip_and_old_style_page_count() -> None:
    names = [b"x" * n for n in range(1, 257, 5)] + [b".", b".."]
    for pgcount in (None, 0):
        directory = parse_directory(build(names, pgcount=pgcount))
        assert sorted(e.raw_name for e in directory) == sorted(names)
        for index, name in enumerate(names):
            assert directory.lookup(name) == DirEntry(
                name.decode(), index + 2, index + 100, name)


def test_ten_thousand_entries_parse_quickly() -> None:
    names = [f"entry-{i:05d}".encode() for i in range(10_000)]
    data = build(names)
    assert len(data) // PAGE_SIZE > 128  # beyond the allocation map
    start = time.perf_counter()
    directory = parse_directory(data)
    elapsed = time.perf_counter() - start
    assert len(directory) == 10_000
    assert directory.lookup("entry-09999") is not None
    assert elapsed < 5.0


def corrupt(data: bytes, offset: int, value: bytes) -> bytes:
    return data[:offset] + value + data[offset + len(value):]


def head_of(data: bytes, name: bytes) -> int:
    (number,) = struct.unpack_from(">H", data, 160 + 2 * name_hash(name))
    return int(number)


BASE = build([b".", b"..", b"alpha", b"beta", b"gamma" * 10])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "shorter than one page"),
        (BASE[:100], "shorter than one page"),
        (corrupt(BASE, 2, struct.pack(">H", 4321)), "tag 4321"),
        (corrupt(BASE, 0, struct.pack(">H", 3)), "says 3 pages"),
        (bytes(PAGE_SIZE) * 1024, "over the limit"),
        (corrupt(BASE, 160 + 2 * name_hash(b"alpha"), struct.pack(">H", 64)), "beyond"),
        (corrupt(BASE, 160 + 2 * name_hash(b"alpha"), struct.pack(">H", 5)), "inside a header"),
        (corrupt(BASE, 160 + 2 * name_hash(b"alpha"), struct.pack(">H", 20)),
         "flag 0|marked free"),
    ],
)
def test_hostile_headers(data: bytes, message: str) -> None:
    with pytest.raises(DirectoryError, match=message):
        parse_directory(data)


def test_chain_loop_is_caught() -> None:
    number = head_of(BASE, b"alpha")
    data = corrupt(BASE, number * BLOB_SIZE + 2, struct.pack(">H", number))
    with pytest.raises(DirectoryError, match="loop"):
        parse_directory(data)


def test_chain_into_another_entry_is_caught() -> None:
    number = head_of(BASE, b"alpha")
    beta = head_of(BASE, b"beta")
    data = corrupt(BASE, number * BLOB_SIZE + 2, struct.pack(">H", beta))
    with pytest.raises(DirectoryError, match=r"overlaps|hashes to"):
        parse_directory(data)


def test_name_on_the_wrong_chain() -> None:
    number = head_of(BASE, b"alpha")
    data = corrupt(BASE, number * BLOB_SIZE + 12, b"alphb")
    with pytest.raises(DirectoryError, match="hashes to"):
        parse_directory(data)


def test_name_without_nul_before_page_end() -> None:
    # The last entry of a full page: fill its name to the end of the page.
    names = [f"n{i:02d}".encode() for i in range(51)]
    data = bytearray(build(names))
    assert len(data) == PAGE_SIZE
    last = head_of(bytes(data), names[-1])
    assert last == 63
    data[last * BLOB_SIZE + 12:PAGE_SIZE] = b"q" * (PAGE_SIZE - last * BLOB_SIZE - 12)
    struct.pack_into(">H", data, 160 + 2 * name_hash(names[-1]), 0)
    struct.pack_into(">H", data, 160 + 2 * name_hash(bytes(data[last * 32 + 12:PAGE_SIZE])),
                     last)
    with pytest.raises(DirectoryError, match="without a NUL"):
        parse_directory(bytes(data))


def test_overlong_and_empty_names() -> None:
    number = head_of(BASE, b"gamma" * 10)
    long_name = b"L" * 300
    data = bytearray(BASE)
    data[number * BLOB_SIZE + 12:number * BLOB_SIZE + 12 + 301] = long_name + b"\0"
    with pytest.raises(DirectoryError, match="longer than 256"):
        parse_directory(bytes(data))
    data = bytearray(BASE)
    data[number * BLOB_SIZE + 12] = 0
    with pytest.raises(DirectoryError, match="empty name"):
        parse_directory(bytes(data))


def test_duplicate_name() -> None:
    data = bytearray(build([b"same", b"other"]))
    other = head_of(bytes(data), b"other")
    same = head_of(bytes(data), b"same")
    data[other * BLOB_SIZE + 12:other * BLOB_SIZE + 17] = b"same\0"
    struct.pack_into(">H", data, 160 + 2 * name_hash(b"other"), 0)
    struct.pack_into(">H", data, same * BLOB_SIZE + 2, other)
    with pytest.raises(DirectoryError, match="twice"):
        parse_directory(bytes(data))


# ----------------------------------------------------------------------- hypothesis


@given(st.binary(max_size=3 * PAGE_SIZE))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        parse_directory(data)
    except DirectoryError:
        pass


@given(st.binary(min_size=PAGE_SIZE, max_size=PAGE_SIZE))
def test_arbitrary_pages_with_a_good_tag(page: bytes) -> None:
    data = corrupt(page, 0, struct.pack(">HH", 1, 1234))
    try:
        parse_directory(data)
    except DirectoryError:
        pass


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
@given(st.sampled_from(STEMS), st.data())
def test_mutated_fixtures(stem: str, draw: st.DataObject) -> None:
    data = bytearray(load(stem)[0])
    for _ in range(draw.draw(st.integers(1, 8))):
        offset = draw.draw(st.integers(0, len(data) - 1))
        if draw.draw(st.booleans()):
            data[offset] = draw.draw(st.integers(0, 255))
        else:
            # Aim at the hash table and chain links, where the damage travels furthest.
            slot = draw.draw(st.integers(0, 127))
            link = draw.draw(st.integers(0, 0xFFFF))
            target = 160 + 2 * slot if draw.draw(st.booleans()) else (offset & ~31) + 2
            struct.pack_into(">H", data, min(target, len(data) - 2), link)
    try:
        directory = parse_directory(bytes(data))
    except DirectoryError:
        return
    for entry in directory:
        assert directory.lookup(entry.raw_name) == entry
