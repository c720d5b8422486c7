"""The endpoint's receive loop on a real UDP socket: how it splits what is waiting into batches.

The loop drains the socket until it would block, but pumps and yields after each
``BATCH_BYTES`` bytes: a window of bulk data arrives as a handful of 64 KiB jumbograms, and
the reading task must get to consume (and so hard-acknowledge) the first of them while the
rest are still being read, or the sender waits out every batch with its window full.
"""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import trio

import trio_rxrpc as rx
from trio_rxrpc._pump import BATCH_BYTES

if TYPE_CHECKING:
    from trio.lowlevel import Task


class LoopSteps(trio.abc.Instrument):
    """Counts the steps of the receive loop of the endpoint whose repr is ``owner``."""

    def __init__(self, owner: str) -> None:
        self.name = f"{owner}: receive loop"
        self.steps = 0

    def before_task_step(self, task: Task) -> None:
        if task.name == self.name:
            self.steps += 1


async def queue_and_read(sizes: list[int]) -> tuple[int, int]:
    """Queue datagrams of ``sizes`` bytes (all zeros) at a fresh endpoint before its receive
    loop can run, and wait until it has read them all.  Returns the loop's steps meanwhile and
    how many datagrams the core dropped as of an unknown type (type 0: all of them)."""
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        watch = LoopSteps(repr(ep))
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
            trio.lowlevel.add_instrument(watch)
            try:
                # All are queued before the loop can run (this task does not yield).
                for size in sizes:
                    sender.sendto(bytes(size), ep.address)
                with trio.fail_after(10):
                    while ep.statistics().datagrams_received < len(sizes):  # noqa: ASYNC110
                        await trio.sleep(0.001)  # (no event to wait for instead)
            finally:
                trio.lowlevel.remove_instrument(watch)
        return watch.steps, ep.statistics().dropped["unknown_type"]


async def test_large_datagrams_are_read_a_budget_at_a_time() -> None:
    size = 40_000  # two of them pass the budget
    assert size < BATCH_BYTES <= 2 * size
    waiting = 4  # (160 kB: within a socket buffer the kernel's default limit allows)
    steps, dropped = await queue_and_read([size] * waiting)
    assert dropped == waiting
    # Two batches of two, each followed by a yield, then the pass that finds the socket
    # drained.  Read in one batch, they would have taken a single step.
    assert steps >= waiting // 2 + 1


async def test_small_datagrams_are_read_in_one_batch() -> None:
    waiting = 50
    steps, dropped = await queue_and_read([100] * waiting)
    assert dropped == waiting
    assert steps == 1
