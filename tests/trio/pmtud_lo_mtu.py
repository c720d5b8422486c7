"""Run inside a private network namespace whose loopback has a small MTU (see
``test_pmtud_simnet.py``): two endpoints echo bulk data over 127.0.0.1, and the client
prints what path-MTU discovery found, as JSON, on its last line."""

from __future__ import annotations

import json
import random
import sys

import trio

import trio_rxrpc as rx

SERVICE = 1234


async def echo(call: rx.Call) -> None:
    await call.send_all(await call.receive_all())
    await call.send_eof()


async def main(rounds: int) -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as sep, sep.socket() as sock, \
            rx.open_endpoint(("127.0.0.1", 0)) as cep:
        sock.listen([SERVICE])
        async with trio.open_nursery() as nursery:
            await nursery.start(sock.serve, echo)
            for i in range(rounds):
                payload = random.Random(i).randbytes(1_000_000)
                async with cep.socket().call(sep.address, SERVICE) as call:
                    await call.send_all(payload)
                    await call.send_eof()
                    if await call.receive_all() != payload:
                        raise SystemExit("the echo came back different")
                await trio.sleep(0.3)
            (row,) = cep.list_peers()
            stats = cep.statistics()
            print(json.dumps({
                "pmtu": row.pmtu, "pmtu_bad": row.pmtu_bad, "tx_jumbo": row.tx_jumbo,
                "probes_sent": stats.pmtu_probes_sent, "too_big": stats.pmtu_too_big,
                "send_errors": stats.send_errors, "receive_errors": stats.receive_errors}))
            nursery.cancel_scope.cancel()


if __name__ == "__main__":
    trio.run(main, int(sys.argv[1]))
