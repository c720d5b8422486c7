"""A UDP relay that lets OpenAFS's ``vos`` reach servers bound to 127.0.0.1 only.

OpenAFS 1.8's ``vos`` refuses a server argument on a loopback address, and the test cell's
servers listen on 127.0.0.1 alone.  The relay listens on one of the machine's other
addresses, on the servers' own ports, and forwards each client's datagrams from a socket of
its own on 127.0.0.1 (one per client, so the replies find their way back).  Rx needs nothing
more: a connection is named by its epoch and ID, not by addresses.
"""

from __future__ import annotations

import socket
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import trio

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable

LOOPBACK = "127.0.0.1"
MAX_DATAGRAM = 65536


def outside_address() -> str | None:
    """An IPv4 address of this machine that is not a loopback address, or None.

    Connecting a UDP socket sends nothing; it only makes the kernel choose the source
    address of its route to a documentation address.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("198.51.100.1", 9))
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


async def _return_path(back: trio.socket.SocketType, front: trio.socket.SocketType,
                       client: tuple[str, int]) -> None:
    while True:
        data = await back.recv(MAX_DATAGRAM)
        await front.sendto(data, client)


async def _relay_port(front: trio.socket.SocketType, port: int,
                      nursery: trio.Nursery) -> None:
    backs: dict[tuple[str, int], trio.socket.SocketType] = {}
    try:
        while True:
            data, client = await front.recvfrom(MAX_DATAGRAM)
            back = backs.get(client)
            if back is None:
                back = trio.socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                await back.bind((LOOPBACK, 0))
                await back.connect((LOOPBACK, port))
                backs[client] = back
                nursery.start_soon(_return_path, back, front, client)
            await back.send(data)
    finally:
        for back in backs.values():
            back.close()
        front.close()


@asynccontextmanager
async def relay(host: str, ports: Iterable[int]) -> AsyncIterator[None]:
    """Forward ``host:port`` to ``127.0.0.1:port`` for each port, inside the block.

    Leaving the block (or cancelling it) stops the relay and closes its sockets.
    """
    async with trio.open_nursery() as nursery:
        for port in ports:
            front = trio.socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            await front.bind((host, port))
            nursery.start_soon(_relay_port, front, port, nursery)
        try:
            yield
        finally:
            nursery.cancel_scope.cancel()
