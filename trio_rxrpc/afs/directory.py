"""AFS directories: the page format a fileserver hands out whole with FetchData.

An AFS directory is a file of 2048-byte pages, each cut into 64 blobs of 32 bytes, all numbers
big-endian:

* Every page opens with a one-blob page header: ``pgcount`` (16 bits; only meaningful in page
  0, where it counts the pages, 0 meaning an old-style directory whose page count follows
  from the allocation map), ``tag`` (always 1234), ``freecount`` (8 bits) and ``freebitmap``
  (64 bits, one per blob of the page, least significant bit first), then padding.
* Page 0 goes on with the directory header: an allocation map of 128 bytes (free blobs of
  each of the first 128 pages; 64 for a page that does not exist) and a hash table of 128
  16-bit entry numbers, 12 more blobs in all, so that page 0's entries start at blob 13.
* An entry is numbered by its first blob, ``page * 64 + blob``.  It holds ``flag`` (1 for
  the first blob of an entry), ``length`` (unused), ``next`` (the entry number of the next
  entry on the same hash chain, 0 to end it), the FID's vnode and uniquifier (32 bits each)
  and then the name, NUL-terminated, which runs on through the following blobs of the same
  page: a name of n bytes takes ``1 + (n + 16) // 32`` blobs.
* The hash table's slot :func:`name_hash` (``name``) starts the chain that holds ``name``.

:func:`parse_directory` reads the whole file once, walking every hash chain, and checks it
as it goes; a :class:`Directory` then answers from memory.  Its entries include ``.`` and
``..``, which the fileserver stores in every directory like any other name.  Nothing here
does I/O.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "BLOBS_PER_PAGE",
    "BLOB_SIZE",
    "HASH_SIZE",
    "MAX_NAME_LENGTH",
    "PAGE_SIZE",
    "PAGE_TAG",
    "DirEntry",
    "Directory",
    "DirectoryError",
    "name_hash",
    "parse_directory",
]

PAGE_SIZE: Final = 2048
"""Bytes per directory page (AFS_PAGESIZE)."""
BLOB_SIZE: Final = 32
BLOBS_PER_PAGE: Final = PAGE_SIZE // BLOB_SIZE
"""EPP: 64."""
HASH_SIZE: Final = 128
"""Slots in the hash table (NHASHENT)."""
MAP_PAGES: Final = 128
"""Pages the allocation map covers (MAXPAGES)."""
MAX_PAGES: Final = 1023
"""The most pages a directory may have (BIGMAXPAGES)."""
PAGE_TAG: Final = 1234
"""The tag every page header carries."""
HEADER_BLOBS: Final = 13
"""Blobs at the start of page 0 taken by the page header and the directory header."""
FIRST_BLOB: Final = 1
"""The ``flag`` value of an entry's first blob (FFIRST)."""
MAX_NAME_LENGTH: Final = 256
"""The longest name in bytes (AFSNAMEMAX)."""

_PAGE_HEADER: Final = struct.Struct(">HHB8s")
_HASH_TABLE: Final = struct.Struct(f">{HASH_SIZE}H")
_MAP_OFFSET: Final = BLOB_SIZE
_HASH_OFFSET: Final = BLOB_SIZE + MAP_PAGES
_ENTRY: Final = struct.Struct(">BBHII")
"""flag, length, next, vnode, uniquifier; the name follows."""

_DOTS: Final = frozenset({b".", b".."})


class DirectoryError(ValueError):
    """The bytes are not a well-formed AFS directory."""


@attrs.frozen
class DirEntry:
    """One name of a directory and the file it names (the FID within the directory's volume).

    ``name`` is ``raw_name`` decoded as UTF-8 with ``surrogateescape``, so that any bytes
    survive a round trip through ``os.fsencode``-style encoding.
    """

    name: str
    vnode: int
    unique: int
    raw_name: bytes = attrs.field(repr=False)

    @property
    def is_dot(self) -> bool:
        """True for ``.`` and ``..``."""
        return self.raw_name in _DOTS


def name_hash(name: str | bytes) -> int:
    """The hash table slot (0 to 127) whose chain holds ``name`` (DirHash).

    The bytes are folded as ``h = h * 173 + byte`` in 32 bits; the slot is ``h % 128``,
    mirrored to ``128 - slot`` when the 32-bit value is negative as a signed number (and
    left at 0 when it is 0).
    """
    data = _encode(name)
    value = 0
    for byte in data:
        value = (value * 173 + byte) & 0xFFFFFFFF
    slot = value & (HASH_SIZE - 1)
    if slot and value & 0x80000000:
        slot = HASH_SIZE - slot
    return slot


class Directory:
    """A parsed directory: its entries in hash-chain order, looked up through the chains.

    The order is the fileserver's enumeration order: chain 0 first, each chain from its head.
    It includes ``.`` and ``..``, as the fileserver stores them (every directory it makes
    starts with both); ``entries(skip_dots=True)`` or :attr:`DirEntry.is_dot` leaves them out.
    """

    __slots__ = ("_chains", "_entries", "page_count")

    def __init__(self, chains: tuple[tuple[DirEntry, ...], ...], page_count: int) -> None:
        self._chains = chains
        self._entries = tuple(entry for chain in chains for entry in chain)
        self.page_count = page_count
        """Pages in the directory file."""

    def entries(self, *, skip_dots: bool = False) -> tuple[DirEntry, ...]:
        """Every entry in hash-chain order; without ``.`` and ``..`` if ``skip_dots``."""
        if skip_dots:
            return tuple(entry for entry in self._entries if not entry.is_dot)
        return self._entries

    def lookup(self, name: str | bytes) -> DirEntry | None:
        """The entry called ``name`` (str names are encoded as UTF-8 with surrogateescape),
        found by walking its hash chain, or None."""
        data = _encode(name)
        for entry in self._chains[name_hash(data)]:
            if entry.raw_name == data:
                return entry
        return None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str | bytes) and self.lookup(name) is not None

    def __iter__(self) -> Iterator[DirEntry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<Directory of {len(self._entries)} entries in {self.page_count} pages>"


def parse_directory(data: bytes) -> Directory:
    """Parse the whole contents of an AFS directory file.

    Checks made (any failure raises :class:`DirectoryError`): the data is a whole number of
    pages, at least one and at most 1023; page 0's page count, or for an old-style directory
    its allocation map, agrees with the number of pages; every page carries the tag 1234;
    every chain link names an entry blob inside the data (not a page or directory header);
    every entry is marked as a first blob and allocated in its page's free bitmap; its name is
    non-empty, at most 256 bytes, NUL-terminated inside its page and hashes to the chain it is
    on; no two entries share a blob (which also catches chain loops) or a name.

    The work is linear in the size of the data.
    """
    view = memoryview(data)
    size = len(view)
    if size < PAGE_SIZE:
        raise DirectoryError(f"directory of {size} bytes is shorter than one page ({PAGE_SIZE})")
    if size % PAGE_SIZE:
        raise DirectoryError(f"directory of {size} bytes is not a whole number of "
                             f"{PAGE_SIZE}-byte pages")
    pages = size // PAGE_SIZE
    if pages > MAX_PAGES:
        raise DirectoryError(f"directory of {pages} pages is over the limit of {MAX_PAGES}")
    bitmaps = []
    for page in range(pages):
        _, tag, _, bitmap = _PAGE_HEADER.unpack_from(view, page * PAGE_SIZE)
        if tag != PAGE_TAG:
            raise DirectoryError(f"page {page} has tag {tag}, not {PAGE_TAG}")
        bitmaps.append(int.from_bytes(bitmap, "little"))
    declared = _declared_pages(view)
    if declared != pages:
        raise DirectoryError(f"directory header says {declared} pages but the data holds "
                             f"{pages}")

    blob_count = pages * BLOBS_PER_PAGE
    used = bytearray(blob_count)
    seen_names: set[bytes] = set()
    chains = []
    for slot, head in enumerate(_HASH_TABLE.unpack_from(view, _HASH_OFFSET)):
        chain = []
        number = head
        while number:
            entry, blobs = _read_entry(view, number, blob_count)
            if any(used[number:number + blobs]):
                raise DirectoryError(f"entry {number} ({entry.raw_name!r}) overlaps another "
                                     f"entry or closes a loop on hash chain {slot}")
            used[number:number + blobs] = b"\x01" * blobs
            page, blob = divmod(number, BLOBS_PER_PAGE)
            if not bitmaps[page] >> blob & 1:
                raise DirectoryError(f"entry {number} ({entry.raw_name!r}) is marked free in "
                                     f"page {page}'s bitmap")
            if name_hash(entry.raw_name) != slot:
                raise DirectoryError(f"entry {number} ({entry.raw_name!r}) is on hash chain "
                                     f"{slot} but its name hashes to "
                                     f"{name_hash(entry.raw_name)}")
            if entry.raw_name in seen_names:
                raise DirectoryError(f"name {entry.raw_name!r} appears twice")
            seen_names.add(entry.raw_name)
            chain.append(entry)
            (number,) = struct.unpack_from(">H", view, number * BLOB_SIZE + 2)
        chains.append(tuple(chain))
    return Directory(tuple(chains), pages)


def _declared_pages(view: memoryview) -> int:
    """The page count from page 0: its ``pgcount``, or if that is 0 (an old-style
    directory), the number of pages the allocation map does not show as wholly free."""
    (count,) = struct.unpack_from(">H", view, 0)
    if count:
        return int(count)
    allocation = view[_MAP_OFFSET:_MAP_OFFSET + MAP_PAGES]
    return sum(1 for free in allocation if free != BLOBS_PER_PAGE)


def _read_entry(view: memoryview, number: int, blob_count: int) -> tuple[DirEntry, int]:
    """The entry that starts at blob ``number`` and how many blobs it takes."""
    page, blob = divmod(number, BLOBS_PER_PAGE)
    if number >= blob_count:
        raise DirectoryError(f"hash chain points at entry {number}, beyond the "
                             f"{blob_count // BLOBS_PER_PAGE} pages of the directory")
    if blob == 0 or (page == 0 and blob < HEADER_BLOBS):
        raise DirectoryError(f"hash chain points at entry {number}, inside a header")
    start = number * BLOB_SIZE
    flag, _, _, vnode, unique = _ENTRY.unpack_from(view, start)
    if flag != FIRST_BLOB:
        raise DirectoryError(f"entry {number} has flag {flag}, not {FIRST_BLOB}")
    name_start = start + _ENTRY.size
    page_end = (page + 1) * PAGE_SIZE
    end = bytes(view[name_start:min(page_end, name_start + MAX_NAME_LENGTH + 1)]).find(b"\0")
    if end < 0:
        if name_start + MAX_NAME_LENGTH + 1 <= page_end:
            raise DirectoryError(f"entry {number} has a name longer than {MAX_NAME_LENGTH} "
                                 f"bytes")
        raise DirectoryError(f"entry {number} has a name without a NUL before the end of "
                             f"page {page}")
    if end == 0:
        raise DirectoryError(f"entry {number} has an empty name")
    raw = bytes(view[name_start:name_start + end])
    entry = DirEntry(raw.decode("utf-8", "surrogateescape"), vnode, unique, raw)
    return entry, 1 + (end + 16) // BLOB_SIZE


def _encode(name: str | bytes) -> bytes:
    if isinstance(name, str):
        return name.encode("utf-8", "surrogateescape")
    return bytes(name)
