"""Server machines and partitions as the OpenAFS tools name them.

Addresses travel in AFS calls as 32-bit integers in host order (``0x7f000001`` is
127.0.0.1).  The tools print a server by the name a reverse lookup gives (``localhost``),
or as a dotted quad with ``-noresolve`` or when the lookup fails; partitions are numbered
from 0 and printed ``/vicepa`` .. ``/vicepz``, ``/vicepaa`` .. ``/vicepiu``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from typing import TYPE_CHECKING, Final

import trio

if TYPE_CHECKING:
    from collections.abc import Iterable

MAX_PARTITIONS: Final = 255
"""Partition numbers run from 0 to 254 (OpenAFS's ``VOLMAXPARTS``)."""

_DOTTED: Final = re.compile(r"(\d+)\.(\d+)\.(\d+)\.(\d+)")


def address_text(address: int) -> str:
    """``0x7f000001`` -> ``"127.0.0.1"``."""
    return str(ipaddress.IPv4Address(address & 0xFFFFFFFF))


def address_int(text: str) -> int:
    """``"127.0.0.1"`` -> ``0x7f000001``."""
    return int(ipaddress.IPv4Address(text))


def partition_name(partition: int) -> str:
    """``0`` -> ``"/vicepa"``, ``26`` -> ``"/vicepaa"``.

    Numbers outside 0..254 have no name; they come out as ``/vicep?NUMBER``.
    """
    if 0 <= partition < 26:
        return "/vicep" + chr(ord("a") + partition)
    if 26 <= partition < MAX_PARTITIONS:
        high, low = divmod(partition - 26, 26)
        return "/vicep" + chr(ord("a") + high) + chr(ord("a") + low)
    return f"/vicep?{partition}"


def parse_partition(text: str) -> int | None:
    """A partition as the tools accept it: ``a``, ``vicepa``, ``/vicepa``, ``aa`` or a number.

    Returns None when ``text`` names no partition.
    """
    if not text:
        return None
    if text[0].isdigit():
        digits = re.match(r"\d+", text)
        number = int(digits.group()) if digits else -1
        return number if 0 <= number < MAX_PARTITIONS else None
    if len(text) <= 2:
        letters = text
    elif text.startswith("/vicep"):
        letters = text[6:]
    elif text.startswith("vicep"):
        letters = text[5:]
    else:
        return None
    if not 1 <= len(letters) <= 2 or any(not "a" <= c <= "z" for c in letters):
        return None
    if len(letters) == 1:
        return ord(letters) - ord("a")
    number = (ord(letters[0]) - ord("a")) * 26 + ord(letters[1]) - ord("a") + 26
    return number if number < MAX_PARTITIONS else None


async def resolve_server(name: str) -> str | None:
    """The IPv4 address (dotted) of a server given by name or address; None if unknown.

    A dotted quad is taken as it is (loopback addresses included: unlike OpenAFS 1.8's
    ``vos``, these commands accept them).  Cancellation abandons the lookup.
    """
    match = _DOTTED.fullmatch(name.strip())
    if match:
        parts = [int(p) for p in match.groups()]
        if all(p < 256 for p in parts):
            return ".".join(str(p) for p in parts)
        return None
    try:
        found = await trio.socket.getaddrinfo(name, None, socket.AF_INET, socket.SOCK_DGRAM)
    except (OSError, UnicodeError):
        return None
    for _family, _type, _proto, _canon, sockaddr in found:
        return str(sockaddr[0])
    return None


async def host_names(addresses: Iterable[int], *, resolve: bool = True) -> dict[int, str]:
    """The printed name of each address (host order): the reverse lookup's host name, or
    the dotted quad when ``resolve`` is false or the lookup finds nothing.

    The lookups run in threads, one at a time.  Cancellation abandons them.
    """
    names: dict[int, str] = {}
    for address in addresses:
        if address in names:
            continue
        text = address_text(address)
        names[address] = await reverse_lookup(text) if resolve else text
    return names


async def reverse_lookup(text: str) -> str:
    """The host name of dotted address ``text``, or ``text`` itself if it has none.
    Cancellation abandons the lookup (its thread finishes on its own)."""

    def lookup() -> str:
        try:
            return socket.gethostbyaddr(text)[0]
        except (OSError, UnicodeError):
            return text

    return await trio.to_thread.run_sync(lookup, abandon_on_cancel=True)
