"""Linux 7.3's own AF_RXRPC client calls our server with yfs-rxgk (security index 6).

The guest runs ``kecho call -G ENCTYPE:K0HEX:TOKENHEX``: it gives the kernel an ``rxrpc`` key
in the XDR token-list format holding K0 and a token we forged, sealed with a server key only
our server holds (nothing in the guest knows it).  The kernel answers our CHALLENGE with a
RESPONSE carrying that token, and runs the connection at the token's level.  Needs the guest's
rxrpc.ko built with ``CONFIG_RXGK`` (Debian's lacks it): ``linux_rxperf`` skips these tests
until ``interop/linux/rxperf_module.py`` has built the modules (CI builds them).
"""

from __future__ import annotations

import os
import re
import time

import kernel_guest
import pytest
import rxperf_module
import trio

import trio_rxrpc as rx
from trio_rxrpc._proto.codes import RxgkAbortCode
from trio_rxrpc._proto.security._enctypes import enctype
from trio_rxrpc.security import (
    AuthName,
    Level,
    RxgkIdentity,
    RxgkServerSecurity,
    RxgkToken,
    caller_identity,
    forge_rxgk_token,
)

pytestmark = pytest.mark.interop

SERVICE = kernel_guest.ECHO_SERVICE
KVNO = 5
ENCTYPES = rxperf_module.RXPERF_RXGK_ENCTYPES
SERVER_KEYS = {(KVNO, number): os.urandom(enctype(number).key_size) for number in ENCTYPES}
"""Our server's rxgk keys, one per enctype, fresh for each test session."""
TESTER = AuthName(kind=1, data=b"tester", display=b"tester@KECHO.TEST")
SIZE = 30_000
"""Bytes of each request (and reply): a few dozen DATA packets each way."""


@pytest.fixture
def guest(linux_kernel: kernel_guest.Guest, linux_rxperf: tuple[str, int]) -> kernel_guest.Guest:
    """The session's guest, provided it loaded the rxgk-capable rxrpc.ko (else a skip)."""
    return linux_kernel


def token_for(number: int, level: Level, key: bytes | None = None,
              kvno: int = KVNO) -> RxgkToken:
    server_key = SERVER_KEYS[(KVNO, number)] if key is None else key
    return forge_rxgk_token(server_key, number, kvno=kvno, level=level, identities=[TESTER])


def kecho_command(port: int, token: RxgkToken, calls: int) -> str:
    expiry = int(time.time()) + 3600
    return (f"kecho call -a {kernel_guest.HOST_ALIAS} -p {port} -s {SERVICE} -z {SIZE} "
            f"-n {calls} -c {calls} -t 60 -l {int(token.level)} -E {expiry} "
            f"-G {token.enctype}:{token.key.hex()}:{token.token.hex()}")


def call_results(output: str) -> list[str]:
    return re.findall(r"^KECHO call n=\d+ .*result=(\S+)", output, re.MULTILINE)


class Outcome:
    """What a kecho run against our server did: its output, and what our server saw."""

    def __init__(self, result: kernel_guest.Result, callers: list[object],
                 statistics: rx.EndpointStatistics, security: list[tuple[int, int]]) -> None:
        self.output = result.output
        self.status = result.status
        self.callers = callers
        self.statistics = statistics
        self.security = security
        """(security index, level) of each server connection our endpoint still knew."""


async def run_kecho(guest: kernel_guest.Guest, security: RxgkServerSecurity,
                    token: RxgkToken, calls: int, *, min_level: int = 0) -> Outcome:
    """Serve echo calls with ``security`` while the guest's kecho makes ``calls`` calls."""
    callers: list[object] = []

    async def answer(call: rx.Call) -> None:
        data = await call.receive_all()
        callers.append(caller_identity(call))
        await call.send_all(data)
        await call.send_eof()

    with trio.fail_after(100):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
            sock = ep.socket()
            sock.listen([SERVICE], security=[security], min_level=min_level)
            await nursery.start(sock.serve, answer)
            line = kecho_command(ep.address[1], token, calls)
            result = await trio.to_thread.run_sync(lambda: guest.run(line, timeout=80))
            statistics = ep.statistics()
            conns = [(c.security_index, c.level) for c in ep.list_connections()
                     if c.side == "server"]
            nursery.cancel_scope.cancel()
    return Outcome(result, callers, statistics, conns)


def server(*, min_level: int = Level.CLEAR, prf: str = "linux") -> RxgkServerSecurity:
    return RxgkServerSecurity(SERVER_KEYS, min_level=min_level, camellia256_prf=prf)


CASES = [(17, Level.CLEAR), (17, Level.AUTH), *((n, Level.CRYPT) for n in ENCTYPES)]


@pytest.mark.parametrize(("number", "level"), CASES,
                         ids=[f"{n}-{lv.name.lower()}" for n, lv in CASES])
async def test_kernel_rxgk_client_calls_our_server(guest: kernel_guest.Guest, number: int,
                                                   level: Level) -> None:
    """Two concurrent echo calls of 30 000 bytes, checked by kecho; our handler sees the
    token's identity and level."""
    outcome = await run_kecho(guest, server(), token_for(number, level), 2)
    assert outcome.status == 0, outcome.output
    assert "KECHO done ok=2 failed=0" in outcome.output, outcome.output
    assert len(outcome.callers) == 2
    for identity in outcome.callers:
        assert isinstance(identity, RxgkIdentity)
        assert (int(identity.level), identity.kvno, identity.enctype) == (level, KVNO, number)
        assert identity.principal == "tester@KECHO.TEST"
    assert outcome.statistics.security_failures == 0
    assert outcome.security == [(6, level)]


def assert_refused(outcome: Outcome, code: int) -> None:
    """The kernel client was told ``code`` and our handler never ran.  (When the abort comes
    while the kernel is still taking the request, kecho's sendmsg fails with ECONNABORTED,
    and kecho then reports the abort code the call's terminal message brings.)"""
    assert "KECHO done ok=0 failed=1" in outcome.output, outcome.output
    assert call_results(outcome.output) == [f"abort={int(code)}"], outcome.output
    assert outcome.callers == []
    assert set(outcome.statistics.aborts_sent) == {code}
    assert outcome.statistics.security_failures >= 1


async def test_a_token_sealed_under_another_key_is_refused(guest: kernel_guest.Guest) -> None:
    token = token_for(18, Level.CRYPT, key=os.urandom(32))
    outcome = await run_kecho(guest, server(), token, 1)
    assert_refused(outcome, RxgkAbortCode.RXGK_SEALEDINCON)


async def test_a_token_for_a_key_we_lack_is_refused(guest: kernel_guest.Guest) -> None:
    token = token_for(17, Level.CRYPT, key=SERVER_KEYS[(KVNO, 17)], kvno=KVNO + 1)
    outcome = await run_kecho(guest, server(), token, 1)
    assert_refused(outcome, RxgkAbortCode.RXGK_NOTAUTH)


@pytest.mark.parametrize("level", [Level.CLEAR, Level.AUTH], ids=["clear", "auth"])
async def test_a_level_below_the_minimum_is_refused(guest: kernel_guest.Guest,
                                                    level: Level) -> None:
    """``RxgkServerSecurity(min_level=CRYPT)`` aborts the connection with RXGK_BADLEVEL."""
    outcome = await run_kecho(guest, server(min_level=Level.CRYPT), token_for(17, level), 1)
    assert_refused(outcome, RxgkAbortCode.RXGK_BADLEVEL)


async def test_listen_min_level_refuses_a_lower_level(guest: kernel_guest.Guest) -> None:
    """``listen(min_level=CRYPT)`` refuses an authenticated call at auth, also with
    RXGK_BADLEVEL."""
    outcome = await run_kecho(guest, server(), token_for(17, Level.AUTH), 1,
                              min_level=Level.CRYPT)
    assert "KECHO done ok=0 failed=1" in outcome.output, outcome.output
    assert call_results(outcome.output) == [f"abort={int(RxgkAbortCode.RXGK_BADLEVEL)}"]
    assert outcome.callers == []
    assert set(outcome.statistics.aborts_sent) == {RxgkAbortCode.RXGK_BADLEVEL}


async def test_camellia256_needs_the_linux_prf(guest: kernel_guest.Guest) -> None:
    """With RFC 6803's PRF for enctype 26 our transport key differs from the kernel's: the
    authenticator of its RESPONSE does not open."""
    outcome = await run_kecho(guest, server(prf="rfc6803"), token_for(26, Level.CRYPT), 1)
    assert_refused(outcome, RxgkAbortCode.RXGK_SEALEDINCON)
