"""``trio-rxrpc afs udebug`` against OpenAFS's own ``udebug``.

Two kinds of servers:

* VOTE services of our own making (the generated ``ubik.Service``), one per kind of server
  udebug knows: a sync site of three servers, a clone, a server without the X calls, a
  pre-3.5 server with only the old ones, a single server, one that never voted and whose
  clock is off, one whose peer calls fail, one that refuses the first call.  Their clock is
  frozen while both tools ask, so every "N secs ago" must match exactly; only the local
  times (and the differential to the local clock) may drift between the two runs.
* The test cell's ptserver (7002) and vlserver (7003), whose times move on: there, times
  and "secs" numbers may differ by a few seconds, everything else must be the same.

Facts checked against OpenAFS 1.8.9 while writing these tests: udebug exits 0 even when the
server does not answer (it prints ``return code N from VOTE_Debug``; ours exits 1); its
port names are service names or prefixes of vlserver/ptserver/kaserver/buserver; a single
sync site shows "I am sync site forever (1 server)" and a yes vote for the address asked.
"""

from __future__ import annotations

import json
import random
import socket
import time
from typing import TYPE_CHECKING, Final

import attrs
import pytest
import trio
from clitools import Done, assert_same_but_clock, openafs, ours

import trio_rxrpc as rx
from trio_rxrpc.afs import ubik
from trio_rxrpc.afs.ubik import (
    XDebugResult,
    XSDebugResult,
    ubik_debug,
    ubik_debug_old,
    ubik_sdebug,
    ubik_sdebug_old,
    ubik_tid,
    ubik_version,
)
from trio_rxrpc.rpc import abort

if TYPE_CHECKING:
    from conftest import CellEnv

EPOCH: Final = 1_700_000_000
NO_MORE_SERVERS: Final = 2
"""What a ubik server aborts VOTE_XSDebug with past its last peer."""


def ip(dotted: str) -> int:
    """A dotted quad as the signed 32-bit host-order integer ubik sends."""
    value = int.from_bytes(socket.inet_aton(dotted), "big")
    return value - (1 << 32) if value >= 1 << 31 else value


def addresses(*dotted: str, size: int) -> tuple[int, ...]:
    return tuple(ip(d) for d in dotted) + (0,) * (size - len(dotted))


@attrs.define
class Scenario:
    """What a fake ubik server says; times are offsets from its (frozen) clock."""

    name: str
    sync_site: bool = True
    servers: int = 3
    clone: bool = False
    calls: str = "x"
    """"x": XDebug and XSDebug; "plain": only Debug and SDebug; "old": only the pre-3.5 calls."""
    until: int | None = 45
    """syncSiteUntil as an offset (None: forever)."""
    voted: bool = True
    skew: int = -5
    """How far the server's clock is behind ours.  Ahead by 5 s by default: the clock stands
    still while both tools ask, so the second one sees a larger difference to its own clock,
    and udebug warns from 10 s."""
    labelled: bool = True
    transaction: str = "read"
    peers: int = 2
    peer_failure: int | None = None
    refuse: int | None = None
    """Abort the first calls with this code."""

    def debug(self, now: int) -> ubik_debug:
        none = ip("255.255.255.255")
        return ubik_debug(
            now=now, lastYesTime=now - 3, lastYesHost=ip("10.0.0.2") if self.voted else none,
            lastYesState=1, lastYesClaim=now - 5, lowestHost=ip("10.0.0.2"),
            lowestTime=now - 100, syncHost=ip("10.0.0.2"), syncTime=now - 7,
            syncVersion=ubik_version(EPOCH, 42), syncTid=ubik_tid(EPOCH, 77),
            amSyncSite=int(self.sync_site),
            syncSiteUntil=0x7FFFFFFF if self.until is None else now + self.until,
            nServers=self.servers, lockedPages=2, writeLockedPages=1,
            localVersion=ubik_version(EPOCH, 41), activeWrite=int(self.transaction == "write"),
            tidCounter=99, anyReadLocks=1, anyWriteLocks=int(self.transaction == "write"),
            recoveryState=0x1F if self.sync_site else 0x17,
            currentTrans=int(self.transaction != "none"),
            writeTrans=int(self.transaction == "write"),
            epochTime=EPOCH if self.labelled else 0,
            interfaceAddr=addresses("10.0.0.1", "192.168.1.7", size=256))

    def sdebug(self, now: int, which: int) -> ubik_sdebug:
        return ubik_sdebug(
            addr=ip(f"10.0.0.{which + 2}"), lastVoteTime=0 if which % 2 else now - 4,
            lastBeaconSent=now - 2 if which % 2 else 0, lastVote=which % 2,
            remoteVersion=ubik_version(EPOCH, 40 + which), currentDB=1 - which % 2,
            beaconSinceDown=1, up=1,
            altAddr=addresses(*(["172.16.0.9", "172.16.1.9"] if which else []), size=255))


class FakeUbik(ubik.Service):
    """A ubik server's VOTE service, as a :class:`Scenario` describes it.

    Its clock stands still from the first call after :meth:`restart_clock`, so both tools
    see the same times whenever they start."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.clock: int | None = None
        """The server's clock, frozen at the first call after :meth:`restart_clock`."""

    def restart_clock(self) -> None:
        """Let the clock read the time again at the next call."""
        self.clock = None

    @property
    def now(self) -> int:
        if self.clock is None:
            self.clock = int(time.time())
        return self.clock - self.scenario.skew

    def _check(self, kind: str) -> None:
        if self.scenario.refuse is not None:
            raise abort(self.scenario.refuse)
        if kind != self.scenario.calls:
            raise abort(-455)

    def _which(self, which: int, kind: str) -> None:
        if kind != self.scenario.calls:
            raise abort(-455)
        if self.scenario.peer_failure is not None:
            raise abort(self.scenario.peer_failure)
        if which >= self.scenario.peers:
            raise abort(NO_MORE_SERVERS)

    async def XDebug(self, call: rx.Call) -> XDebugResult:
        self._check("x")
        return XDebugResult(self.scenario.debug(self.now), int(self.scenario.clone))

    async def Debug(self, call: rx.Call) -> ubik_debug:
        self._check("plain")
        return self.scenario.debug(self.now)

    async def DebugOld(self, call: rx.Call) -> ubik_debug_old:
        self._check("old")
        full = self.scenario.debug(self.now)
        return ubik_debug_old(**{f: getattr(full, f) for f in ubik_debug_old.__xdr_fields__})

    async def XSDebug(self, call: rx.Call, which: int) -> XSDebugResult:
        self._which(which, "x")
        return XSDebugResult(self.scenario.sdebug(self.now, which), which % 2)

    async def SDebug(self, call: rx.Call, which: int) -> ubik_sdebug:
        self._which(which, "plain")
        return self.scenario.sdebug(self.now, which)

    async def SDebugOld(self, call: rx.Call, which: int) -> ubik_sdebug_old:
        self._which(which, "old")
        full = self.scenario.sdebug(self.now, which)
        return ubik_sdebug_old(**{f: getattr(full, f) for f in ubik_sdebug_old.__xdr_fields__})


SCENARIOS = [
    Scenario("sync site of three"),
    Scenario("clone", sync_site=False, clone=True, transaction="write"),
    Scenario("no X calls", calls="plain", sync_site=False, transaction="none"),
    Scenario("pre-3.5 server", calls="old"),
    Scenario("single server", servers=1, until=None, peers=0),
    Scenario("never voted, clock off", sync_site=False, voted=False, skew=30,
             labelled=False),
    Scenario("peer calls fail", peer_failure=-5),
    Scenario("refuses", refuse=5376),
]


def free_port_below_32768() -> int:
    """A free UDP port on 127.0.0.1 that udebug takes (it reads ports as C shorts)."""
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20000, 32768)  # below Linux's ephemeral range
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free UDP port between 20000 and 32767 on 127.0.0.1")


async def both(service: FakeUbik, *argv: str) -> tuple[Done, Done]:
    """udebug and ours with ``argv``, the fake server's clock frozen for both."""
    service.restart_clock()
    theirs = await trio.to_thread.run_sync(lambda: openafs("udebug", *argv))
    mine = await trio.to_thread.run_sync(lambda: ours("udebug", *argv))
    return theirs, mine


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
async def test_udebug_against_fake_servers(scenario: Scenario) -> None:
    service = FakeUbik(scenario)
    async with trio.open_nursery() as nursery:
        port = await nursery.start(_serve, service)
        for extra in ([], ["-long"]):
            theirs, mine = await both(service, "127.0.0.1", str(port), *extra)
            assert_same_but_clock(theirs.stdout, mine.stdout, loose=False, tolerance=15)
            assert mine.stderr == theirs.stderr == ""
            refused = scenario.refuse is not None
            assert theirs.status == 0
            assert mine.status == (1 if refused else 0)
            if refused:
                assert mine.stdout == f"return code {scenario.refuse} from VOTE_Debug\n"
            elif scenario.sync_site or extra:
                assert mine.stdout.count("\nServer (") == (0 if scenario.peer_failure
                                                          else scenario.peers)
        nursery.cancel_scope.cancel()


async def _serve(service: FakeUbik, *,
                 task_status: trio.TaskStatus[int] = trio.TASK_STATUS_IGNORED) -> None:
    port = free_port_below_32768()
    async with rx.open_endpoint(("127.0.0.1", port)) as endpoint:
        sock = endpoint.socket()
        sock.listen([ubik.SERVICE_ID])
        task_status.started(port)
        await service.serve(sock)


async def test_json_is_the_servers_record() -> None:
    scenario = Scenario("clone", sync_site=False, clone=True)
    service = FakeUbik(scenario)
    async with trio.open_nursery() as nursery:
        port = await nursery.start(_serve, service)
        mine = await trio.to_thread.run_sync(
            lambda: ours("udebug", "127.0.0.1", str(port), "-long", "--json"))
        nursery.cancel_scope.cancel()
    report = json.loads(mine.stdout)
    sent = scenario.debug(service.now)
    assert report["host"] == "127.0.0.1"
    assert report["port"] == port
    assert report["is_clone"] is True
    assert report["old_server"] is False
    debug = report["debug"]
    assert debug["interfaceAddr"] == ["10.0.0.1", "192.168.1.7"]
    assert debug["lastYesHost"] == "10.0.0.2"
    assert debug["localVersion"] == {"epoch": EPOCH, "counter": 41}
    assert debug["now"] == sent.now
    assert debug["recoveryState"] == 0x17
    assert [s["addr"] for s in report["servers"]] == ["10.0.0.2", "10.0.0.3"]
    assert report["servers"][1]["altAddr"] == ["172.16.0.9", "172.16.1.9"]
    assert [s["isClone"] for s in report["servers"]] == [False, True]
    assert report["servers_error"] is None


@pytest.mark.parametrize("argv", [["nosuch.invalid", "7002"], ["127.0.0.1", "nosuchport"],
                                  ["127.0.0.1", "40000"]])
def test_what_cannot_be_resolved(argv: list[str]) -> None:
    theirs = openafs("udebug", *argv)
    mine = ours("udebug", *argv)
    assert mine.stdout == theirs.stdout
    assert mine.status == theirs.status == 1


def test_usage() -> None:
    done = ours("udebug")
    assert done.status == 2
    assert "SERVER" in done.stderr


# --------------------------------------------------------------------------- the cell


@pytest.mark.parametrize("argv", [
    ["127.0.0.1", "7002"], ["127.0.0.1", "7003", "-long"], ["-server", "127.0.0.1", "-port",
                                                             "ptserver"],
    ["localhost", "vlserver", "-long"], ["127.0.0.1", "afs3-prserver"]])
def test_udebug_against_the_cell(openafs_cell_noauth: CellEnv, argv: list[str]) -> None:
    theirs = openafs("udebug", *argv)
    mine = ours("udebug", *argv)
    assert_same_but_clock(theirs.stdout, mine.stdout)
    assert mine.stderr == theirs.stderr == ""
    assert mine.status == theirs.status == 0
    assert "I am sync site forever (1 server)" in mine.stdout
    assert "Recovery state 1f" in mine.stdout


@pytest.mark.parametrize("server", ["pt", "vl"])
def test_json_against_the_cell(openafs_cell_noauth: CellEnv, server: str) -> None:
    host, port = openafs_cell_noauth.address(server)
    text = openafs("udebug", host, str(port)).stdout
    report = json.loads(ours("udebug", host, str(port), "--json").stdout)
    debug = report["debug"]
    version = debug["localVersion"]
    assert f"Local db version is {version['epoch']}.{version['counter']}\n" in text
    assert f"Host's addresses are: {' '.join(debug['interfaceAddr'])} \n" in text
    assert f"The last trans I handled was {debug['epochTime']}." in text
    assert debug["amSyncSite"] == 1
    assert debug["nServers"] == 1
    assert debug["syncSiteUntil"] == 0x7FFFFFFF
    assert debug["recoveryState"] == 0x1F
    assert report["servers"] == []
    assert abs(report["local_time"] - debug["now"]) < 5
