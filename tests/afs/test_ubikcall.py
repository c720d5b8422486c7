"""UbikServers: OpenAFS's ubik client rules, timing and error choice, with attempts made up
in the test (no network) and a virtual clock."""

from __future__ import annotations

import errno
import math
from collections.abc import Awaitable, Callable

import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc.afs import UNOQUORUM, UNOTSYNC, NoServerAnswered, UbikServers
from trio_rxrpc.afs._ubikcall import ServerTable, Verdict, classify

A, B, C = ("10.0.0.1", 7002), ("10.0.0.2", 7002), ("10.0.0.3", 7002)
PRNOENT = 267268
RXKADBADTICKET = 19270407

Behaviour = Callable[[], Awaitable[str]]


def remote(code: int) -> rx.RemoteAbort:
    return rx.RemoteAbort(f"aborted {code}", abort_code=code)


class Servers:
    """Fake servers: each address does what its behaviour says; every attempt is logged."""

    def __init__(self, **behaviours: Behaviour) -> None:
        self.by_address = {ADDRESSES[name]: b for name, b in behaviours.items()}
        self.log: list[str] = []

    async def attempt(self, address: tuple[str, int]) -> str:
        self.log.append(NAMES[address])
        return await self.by_address[address]()


ADDRESSES = {"A": A, "B": B, "C": C}
NAMES = {v: k for k, v in ADDRESSES.items()}


def answer(value: str = "ok") -> Behaviour:
    async def run() -> str:
        await trio.lowlevel.checkpoint()
        return value
    return run


def fail(exc: BaseException) -> Behaviour:
    async def run() -> str:
        await trio.lowlevel.checkpoint()
        raise exc
    return run


def silent() -> Behaviour:
    async def run() -> str:
        await trio.sleep_forever()
    return run


# ---------------------------------------------------------------------------- classify


@pytest.mark.parametrize(("exc", "verdict"), [
    (remote(UNOTSYNC), Verdict(retry=True, not_run=True)),
    (remote(UNOQUORUM), Verdict(retry=True, not_run=True)),
    (remote(PRNOENT), Verdict(retry=False)),
    (remote(RXKADBADTICKET), Verdict(retry=False)),
    (remote(110), Verdict(retry=False)),  # VBUSY is the volume server's, an answer here
    (remote(-455), Verdict(retry=True, down=True, not_run=True)),  # RXGEN_OPCODE
    (remote(-2), Verdict(retry=True, down=True, not_run=True)),  # RX_INVALID_OPERATION
    (remote(-453), Verdict(retry=True, down=True, not_run=True)),  # RXGEN_SS_UNMARSHAL
    (remote(-452), Verdict(retry=True, down=True)),  # RXGEN_SS_MARSHAL: it did run
    (remote(-1), Verdict(retry=True, down=True)),
    (rx.NetworkError("dead", abort_code=-1), Verdict(retry=True, down=True)),
    (rx.ServerBusy("busy"), Verdict(retry=True, down=True, not_run=True)),
    (rx.CallTimeout("slow", abort_code=-3), Verdict(retry=True, down=True)),
    (rx.LocalAbort("bad reply", abort_code=-451), Verdict(retry=True, down=True)),
    (rx.LocalAbort("local rxkad", abort_code=RXKADBADTICKET), Verdict(retry=False)),
    (OSError(errno.ENETUNREACH, "unreachable"), Verdict(retry=True, down=True, not_run=True)),
    (rx.RemoteAbort("x", abort_code=UNOTSYNC), Verdict(retry=True, not_run=True)),
])
def test_classify_follows_ubik_rules(exc: BaseException, verdict: Verdict) -> None:
    assert classify(exc) == verdict


@pytest.mark.parametrize("exc", [TypeError("bug"), ValueError("bad"), KeyError("k"),
                                 rx.LocalAbort("not ubik", abort_code=UNOTSYNC)])
def test_classify_leaves_other_errors_alone(exc: BaseException) -> None:
    verdict = classify(exc)
    assert verdict is None or not verdict.retry


# ------------------------------------------------------------------------- server table


def test_table_order_rotates_from_the_preferred_and_puts_down_servers_last() -> None:
    table = ServerTable(4, dead_for=10.0)
    assert table.order(0.0) == [0, 1, 2, 3]
    table.answered(2)
    assert table.order(0.0) == [2, 3, 0, 1]
    table.failed(3, 5.0, Verdict(retry=True, down=True))
    assert table.order(6.0) == [2, 0, 1, 3]
    assert table.order(15.0) == [2, 3, 0, 1]  # the mark has lapsed
    table.failed(2, 20.0, Verdict(retry=True, down=True))
    assert table.order(21.0) == [3, 0, 1, 2]
    table.answered(2)  # answering clears the mark
    assert table.order(21.0) == [2, 3, 0, 1]


def test_table_unotsync_does_not_mark_down_and_the_sync_site_is_remembered() -> None:
    table = ServerTable(3)
    table.failed(0, 0.0, Verdict(retry=True, not_run=True))
    assert not table.is_down(0, 0.0)
    table.answered(1, after_unotsync=True)
    assert table.sync_site == 1
    table.failed(1, 1.0, Verdict(retry=True, not_run=True))
    assert table.sync_site is None


# -------------------------------------------------------------------------------- run


async def test_the_first_answer_is_returned_and_remembered() -> None:
    servers = Servers(A=fail(rx.NetworkError("dead")), B=answer("from B"), C=answer("from C"))
    target = UbikServers([A, B, C])
    assert await target.run(servers.attempt, idempotent=True) == "from B"
    assert servers.log == ["A", "B"]
    assert target.is_down(A)
    assert target.primary() == B
    servers.log.clear()
    assert await target.run(servers.attempt, idempotent=True) == "from B"
    assert servers.log == ["B"]


async def test_an_application_error_is_the_answer() -> None:
    servers = Servers(A=fail(remote(PRNOENT)), B=answer())
    target = UbikServers([A, B])
    with pytest.raises(rx.RemoteAbort) as info:
        await target.run(servers.attempt, idempotent=True)
    assert info.value.abort_code == PRNOENT
    assert servers.log == ["A"]
    assert target.primary() == A


async def test_unotsync_moves_on_and_finds_the_sync_site_next_time() -> None:
    servers = Servers(A=fail(remote(UNOTSYNC)), B=fail(remote(UNOTSYNC)), C=answer("synced"))
    target = UbikServers([A, B, C])
    assert await target.run(servers.attempt, idempotent=False) == "synced"
    assert servers.log == ["A", "B", "C"]
    assert not target.is_down(A)
    assert not target.is_down(B)
    # A read answered by A moves the preference away from the sync site ...
    servers.by_address[A] = answer("read")
    target._table.answered(0)
    servers.log.clear()
    servers.by_address[A] = fail(remote(UNOTSYNC))
    # ... and the next UNOTSYNC jumps straight to the remembered sync site.
    assert await target.run(servers.attempt, idempotent=False) == "synced"
    assert servers.log == ["A", "C"]


async def test_when_all_answer_with_ubik_errors_the_last_answer_is_raised_with_notes() -> None:
    servers = Servers(A=fail(remote(UNOQUORUM)), B=fail(rx.NetworkError("dead B")),
                      C=fail(remote(UNOTSYNC)))
    target = UbikServers([A, B, C])
    with pytest.raises(rx.RemoteAbort) as info:
        await target.run(servers.attempt, idempotent=True)
    assert info.value.abort_code == UNOTSYNC
    note = "\n".join(info.value.__notes__)
    assert "10.0.0.1:7002" in note
    assert "dead B" in note
    assert servers.log == ["A", "B", "C"]


async def test_when_no_server_answers_the_error_lists_every_server() -> None:
    servers = Servers(A=fail(rx.NetworkError("dead A")), B=fail(OSError("no route")))
    target = UbikServers([A, B])
    with pytest.raises(NoServerAnswered) as info:
        await target.run(servers.attempt, idempotent=True)
    exc = info.value
    assert isinstance(exc, rx.NetworkError)
    assert [f.address for f in exc.failures] == [A, B]
    assert "dead A" in str(exc)
    assert "no route" in str(exc)
    assert not exc.deadline_passed
    # Both are down now; the next call still tries them both, in the same order.
    servers.log.clear()
    with pytest.raises(NoServerAnswered):
        await target.run(servers.attempt, idempotent=True)
    assert servers.log == ["A", "B"]


async def test_servers_marked_down_are_tried_last(autojump_clock: trio.testing.MockClock,
                                                  ) -> None:
    servers = Servers(A=fail(rx.NetworkError("dead")), B=answer("B"), C=answer("C"))
    target = UbikServers([A, B, C], dead_for=60.0)
    await target.run(servers.attempt, idempotent=True)
    servers.by_address[B] = fail(rx.NetworkError("dead"))
    servers.log.clear()
    assert await target.run(servers.attempt, idempotent=True) == "C"
    assert servers.log == ["B", "C"]
    servers.by_address[C] = fail(remote(UNOQUORUM))
    servers.by_address[A] = answer("A is back")
    servers.log.clear()
    # C first (it answered last), then the down ones, A before B (rotation from C).
    assert await target.run(servers.attempt, idempotent=True) == "A is back"
    assert servers.log == ["C", "A"]
    await trio.sleep(61)
    assert not target.is_down(B)


async def test_a_silent_server_is_skipped_after_attempt_timeout(
        autojump_clock: trio.testing.MockClock) -> None:
    servers = Servers(A=silent(), B=answer("B"))
    target = UbikServers([A, B], deadline=30.0, attempt_timeout=4.0)
    start = trio.current_time()
    assert await target.run(servers.attempt, idempotent=True) == "B"
    assert trio.current_time() - start == pytest.approx(4.0)
    assert target.is_down(A)
    start = trio.current_time()
    assert await target.run(servers.attempt, idempotent=True) == "B"
    assert trio.current_time() - start < 0.01


async def test_the_last_candidate_may_use_the_rest_of_the_deadline(
        autojump_clock: trio.testing.MockClock) -> None:
    async def slow() -> str:
        await trio.sleep(15)
        return "slow but fine"

    servers = Servers(A=silent(), B=slow)
    target = UbikServers([A, B], deadline=30.0, attempt_timeout=4.0)
    assert await target.run(servers.attempt, idempotent=True) == "slow but fine"


async def test_the_deadline_ends_the_call(autojump_clock: trio.testing.MockClock) -> None:
    servers = Servers(A=silent(), B=silent(), C=silent())
    target = UbikServers([A, B, C], deadline=10.0, attempt_timeout=4.0)
    start = trio.current_time()
    with pytest.raises(NoServerAnswered) as info:
        await target.run(servers.attempt, idempotent=True)
    assert trio.current_time() - start == pytest.approx(10.0)
    exc = info.value
    assert exc.deadline_passed
    assert "within 10 s" in str(exc)
    assert [str(f) for f in exc.failures] == [
        "10.0.0.1:7002: no answer within 4 s",
        "10.0.0.2:7002: no answer within 4 s",
        "10.0.0.3:7002: cut short by the call's deadline",
    ]
    assert target.is_down(A)
    assert target.is_down(B)
    assert not target.is_down(C)


async def test_without_limits_a_silent_server_holds_the_call(
        autojump_clock: trio.testing.MockClock) -> None:
    servers = Servers(A=silent(), B=answer())
    target = UbikServers([A, B], deadline=None, attempt_timeout=None)
    with trio.move_on_after(1000) as scope:
        await target.run(servers.attempt, idempotent=True)
    assert scope.cancelled_caught
    assert servers.log == ["A"]


async def test_a_non_idempotent_call_stops_when_the_server_may_have_run_it(
        autojump_clock: trio.testing.MockClock) -> None:
    servers = Servers(A=fail(remote(UNOTSYNC)), B=fail(rx.NetworkError("lost reply")),
                      C=answer())
    target = UbikServers([A, B, C])
    with pytest.raises(rx.NetworkError, match="lost reply") as info:
        await target.run(servers.attempt, idempotent=False)
    assert servers.log == ["A", "B"]
    notes = "\n".join(info.value.__notes__)
    assert "10.0.0.1:7002" in notes
    assert "not idempotent" in notes
    assert target.is_down(B)

    servers = Servers(A=silent(), B=answer())
    target = UbikServers([A, B], attempt_timeout=2.0)
    with pytest.raises(NoServerAnswered, match="no answer within 2 s"):
        await target.run(servers.attempt, idempotent=False)
    assert servers.log == ["A"]

    servers = Servers(A=fail(rx.ServerBusy("busy")), B=fail(remote(-455)), C=answer("C"))
    target = UbikServers([A, B, C])
    assert await target.run(servers.attempt, idempotent=False) == "C"


async def test_other_exceptions_propagate_at_once() -> None:
    servers = Servers(A=fail(TypeError("bug")), B=answer())
    target = UbikServers([A, B])
    with pytest.raises(TypeError, match="bug"):
        await target.run(servers.attempt, idempotent=True)
    assert servers.log == ["A"]
    assert not target.is_down(A)


async def test_cancelling_the_caller_cancels_the_attempt_and_marks_nothing(
        autojump_clock: trio.testing.MockClock) -> None:
    cancelled = []

    async def watched() -> str:
        try:
            await trio.sleep_forever()
        except trio.Cancelled:
            cancelled.append(trio.current_time())
            raise

    servers = Servers(A=watched, B=answer())
    target = UbikServers([A, B], attempt_timeout=5.0)
    with trio.move_on_after(1.0):
        await target.run(servers.attempt, idempotent=True)
    assert cancelled == [pytest.approx(1.0)]
    assert servers.log == ["A"]
    assert not target.is_down(A)
    assert target.primary() == A


async def test_concurrent_calls_share_the_memory(autojump_clock: trio.testing.MockClock,
                                                 ) -> None:
    servers = Servers(A=silent(), B=answer("B"))
    target = UbikServers([A, B], attempt_timeout=3.0)
    results: list[str] = []

    async def one() -> None:
        results.append(await target.run(servers.attempt, idempotent=True))

    async with trio.open_nursery() as nursery:
        for _ in range(5):
            nursery.start_soon(one)
    assert results == ["B"] * 5
    assert servers.log.count("A") == 5  # all started before A was known to be down
    servers.log.clear()
    await one()
    assert servers.log == ["B"]


@pytest.mark.parametrize(("addresses", "kwargs", "error"), [
    ([], {}, ValueError),
    (A, {}, TypeError),  # one address instead of a list of them
    (["10.0.0.1:7002"], {}, TypeError),
    ([("10.0.0.1", 0)], {}, ValueError),
    ([A], {"deadline": 0}, ValueError),
    ([A], {"attempt_timeout": -1}, ValueError),
    ([A], {"dead_for": math.inf}, ValueError),
    ([A], {"deadline": "30"}, TypeError),
])
def test_bad_arguments(addresses: object, kwargs: dict[str, object],
                       error: type[Exception]) -> None:
    with pytest.raises(error):
        UbikServers(addresses, **kwargs)  # type: ignore[arg-type]


def test_repr_names_the_servers() -> None:
    assert repr(UbikServers([A, B])) == (
        "UbikServers([10.0.0.1:7002, 10.0.0.2:7002], deadline=30.0, attempt_timeout=10.0)")
