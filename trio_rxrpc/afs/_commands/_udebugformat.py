"""A ubik server's status, as OpenAFS's ``udebug`` prints it (pure formatting).

The server reports its clock (``now``) and the times of its election events as absolute
seconds; udebug shows each as "N secs ago" (relative to the server's clock) and "(at TIME)"
(that difference applied to the *local* clock), in the local time zone, as ``ctime`` spells
it.  Addresses travel as 32-bit integers in host byte order and print as dotted quads.

With one server, ubik never votes, so udebug fills in the vote fields as if the server had
voted for itself just now (the address asked, the server's ``now``, the local database
version); this module does the same.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Final

import attrs

from ..ubik import ubik_debug, ubik_sdebug, ubik_version

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

MAXSKEW: Final = 10
"""Seconds of clock difference from which udebug warns that the clock may be bad."""
FOREVER: Final = 0x7FFFFFFF
"""``syncSiteUntil`` of a sync site that needs no votes (a single server)."""


@attrs.frozen
class PeerStatus:
    """What the sync site knows of one of the other servers (``VOTE_XSDebug``)."""

    sdebug: ubik_sdebug
    is_clone: bool = False


@attrs.frozen
class UbikStatus:
    """Everything udebug prints, as the server reported it.

    Attributes:
        host: the address asked (dotted quad).
        port: its port.
        debug: the server's ``VOTE_XDebug`` (or ``VOTE_Debug``) answer.
        is_clone: the server is a non-voting clone (``VOTE_XDebug`` says so).
        old_server: the server only knew ``VOTE_DebugOld`` (no interface addresses).
        local_time: the local clock (seconds since the epoch) just after the answer came.
        peers: the answers of ``VOTE_XSDebug`` 0, 1, ... (asked of sync sites, or with -long).
        peer_error: the code that ended those calls early, if any (0: none).
    """

    host: str
    port: int
    debug: ubik_debug
    is_clone: bool
    old_server: bool
    local_time: int
    peers: tuple[PeerStatus, ...] = ()
    peer_error: int = 0


def int32(value: int) -> int:
    """``value`` wrapped to a signed 32-bit integer, as the C arithmetic leaves it."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def dotted(address: int) -> str:
    """A host-byte-order IPv4 address as a dotted quad."""
    address &= 0xFFFFFFFF
    return ".".join(str((address >> shift) & 0xFF) for shift in (24, 16, 8, 0))


def address_value(host: str) -> int:
    """A dotted quad as a host-byte-order integer."""
    a, b, c, d = (int(part) for part in host.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d


def ctime(seconds: int) -> str:
    """``ctime()`` without its newline: ``Wed Dec  2 19:28:08 2026`` (local time)."""
    try:
        return time.ctime(seconds)
    except (OverflowError, OSError, ValueError):
        return f"<time {seconds} out of range>"


def _plural(count: int) -> str:
    return f"{count} server{'s' if count > 1 else ''}"


def _addresses(values: Sequence[int], limit: int) -> list[str]:
    found = []
    for value in values[:limit]:
        if not value:
            break
        found.append(dotted(value))
    return found


def shown_debug(status: UbikStatus) -> ubik_debug:
    """The debug record as udebug shows it: a single sync site "votes for itself"."""
    db = status.debug
    if db.amSyncSite and db.nServers == 1:
        local = db.localVersion
        db = attrs.evolve(db, lastYesHost=int32(address_value(status.host)),
                          lastYesTime=db.now, lastYesState=1, lastYesClaim=db.now,
                          syncVersion=ubik_version(local.epoch, local.counter))
    return db


def format_status(status: UbikStatus) -> list[str]:
    """The lines udebug prints for ``status`` (without newlines)."""
    db = shown_debug(status)
    now = status.local_time
    lines: list[str] = []

    def ago(then: int) -> tuple[int, str]:
        diff = int32(db.now - then)
        return diff, ctime(now - diff)

    if not status.old_server:
        shown = "".join(f"{a} " for a in _addresses(db.interfaceAddr, 256))
        lines.append(f"Host's addresses are: {shown}")
    lines.append(f"Host's {status.host} time is {ctime(db.now)}")
    skew = int32(now - db.now)
    lines.append(f"Local time is {ctime(now)} (time differential {skew} secs)")
    if abs(skew) >= MAXSKEW:
        lines.append("****clock may be bad")

    if db.lastYesHost & 0xFFFFFFFF == 0xFFFFFFFF:
        lines.append("Last yes vote not cast yet ")
    else:
        lines.append(f"Last yes vote for {dotted(db.lastYesHost)} was "
                     f"{int32(db.now - db.lastYesTime)} secs ago "
                     f"({'' if db.lastYesState else 'not '}sync site); ")
        diff, at = ago(db.lastYesClaim)
        lines.append(f"Last vote started {diff} secs ago (at {at})")
    lines.append(f"Local db version is {db.localVersion.epoch}.{db.localVersion.counter}")

    if db.amSyncSite:
        if db.syncSiteUntil == FOREVER:
            lines.append(f"I am sync site forever ({_plural(db.nServers)})")
        else:
            diff = int32(db.syncSiteUntil - db.now)
            lines.append(f"I am sync site until {diff} secs from now (at {ctime(now + diff)}) "
                         f"({_plural(db.nServers)})")
        lines.append(f"Recovery state {db.recoveryState & 0xFFFFFFFF:x}")
    else:
        lines.append("I am a clone and never can become sync site" if status.is_clone
                     else "I am not sync site")
        lines.append(f"Lowest host {dotted(db.lowestHost)} was set "
                     f"{int32(db.now - db.lowestTime)} secs ago")
        lines.append(f"Sync host {dotted(db.syncHost)} was set "
                     f"{int32(db.now - db.syncTime)} secs ago")

    trans = f"{db.epochTime}.{db.tidCounter}"
    lines.append(f"I am currently managing write trans {trans}" if db.activeWrite
                 else f"The last trans I handled was {trans}")
    lines.append(f"Sync site's db version is {db.syncVersion.epoch}.{db.syncVersion.counter}")
    lines.append(f"{db.lockedPages} locked pages, {db.writeLockedPages} of them for write")
    if db.anyReadLocks:
        lines.append("There are read locks held")
    if db.anyWriteLocks:
        lines.append("There are write locks held")
    if db.currentTrans:
        lines.append("There is an active write transaction" if db.writeTrans
                     else "There is at least one active read transaction")
        lines.append(f"Transaction tid is {db.syncTid.epoch}.{db.syncTid.counter}")
    if db.epochTime:
        diff, at = ago(db.epochTime)
        lines.append("Last time a new db version was labelled was:")
        lines.append(f"\t {diff} secs ago (at {at})")

    for peer in status.peers:
        lines.extend(_peer_lines(peer, ago))
    if status.peer_error:
        lines.append(f"error code {status.peer_error} from VOTE_SDebug")
    return lines


def _peer_lines(peer: PeerStatus, ago: Callable[[int], tuple[int, str]]) -> list[str]:
    sd = peer.sdebug
    names = " ".join([dotted(sd.addr), *_addresses(sd.altAddr, 255)])
    head = f"Server ({names}): (db {sd.remoteVersion.epoch}.{sd.remoteVersion.counter})"
    lines = ["", head + ("    is only a clone!" if peer.is_clone else "")]
    if sd.lastVoteTime == 0:
        lines.append("    last vote never rcvd ")
    else:
        diff, at = ago(sd.lastVoteTime)
        lines.append(f"    last vote rcvd {diff} secs ago (at {at}),")
    if sd.lastBeaconSent == 0:
        lines.append("    last beacon never sent ")
    else:
        diff, at = ago(sd.lastBeaconSent)
        lines.append(f"    last beacon sent {diff} secs ago (at {at}), last vote was "
                     f"{'yes' if sd.lastVote else 'no'}")
    lines.append(f"    dbcurrent={sd.currentDB}, up={sd.up} beaconSince={sd.beaconSinceDown}")
    return lines


_ADDRESS_FIELDS: Final = ("lastYesHost", "lowestHost", "syncHost")


def status_json(status: UbikStatus) -> dict[str, object]:
    """``status`` for ``--json``: the server's values as sent (no single-server filling
    in), addresses as dotted quads, times as seconds since the epoch on the server's
    clock."""
    debug = attrs.asdict(status.debug)
    for field in _ADDRESS_FIELDS:
        value = debug[field]
        debug[field] = None if value & 0xFFFFFFFF == 0xFFFFFFFF else dotted(value)
    debug["interfaceAddr"] = _addresses(status.debug.interfaceAddr, 256)
    peers = []
    for peer in status.peers:
        record = attrs.asdict(peer.sdebug)
        record["addr"] = dotted(peer.sdebug.addr)
        record["altAddr"] = _addresses(peer.sdebug.altAddr, 255)
        record["isClone"] = peer.is_clone
        peers.append(record)
    return {"host": status.host, "port": status.port, "local_time": status.local_time,
            "is_clone": status.is_clone, "old_server": status.old_server, "debug": debug,
            "servers": peers, "servers_error": status.peer_error or None}
