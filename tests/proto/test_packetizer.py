"""Cutting application writes into DATA packets: every byte once, in order, full packets."""

from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from trio_rxrpc._proto.config import EndpointConfig
from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.wire import JUMBO_DATALEN, LAST_PACKET

SIZES = st.sampled_from([0, 1, 7, 1411, 1412, 1413, 2824, 3000, 100_000])


@settings(max_examples=300, deadline=None)
@given(total=st.integers(0, 20_000), writes=st.lists(SIZES, min_size=1, max_size=40),
       window=st.sampled_from([4, 16, 255]), eof_alone=st.booleans(),
       seed=st.integers(0, 2**32 - 1))
def test_writes_become_full_packets_and_one_last(total: int, writes: list[int], window: int,
                                                  eof_alone: bool, seed: int) -> None:
    core = EndpointCore(config=EndpointConfig(tx_window=window), rng=random.Random(seed))
    call = core.start_call(("10.0.0.1", 7000), 1234, now=0.0)
    data = random.Random(seed).randbytes(total)
    sent = 0
    packets: list[tuple[bytes, int]] = []

    def collect() -> None:
        # Take what was queued, as if the peer had acknowledged it at once.
        packets.extend((bytes(b), f) for b, f in zip(call.tx_bufs, call.tx_flags, strict=True))
        del call.tx_bufs[:], call.tx_flags[:], call.tx_cksum[:], call.tx_sent_at[:]
        del call.tx_sacked[:], call.tx_lost[:]
        call.tx_base = call.tx_top
        call.tx_next = call.tx_top + 1

    i = 0
    while not call.tx_last:
        size = min(max(writes[i % len(writes)], 1), total - sent)  # always progress
        i += 1
        end = sent + size == total and not eof_alone
        sent += call.write(data[sent:sent + size], eor=end, now=0.0)
        collect()
        if sent == total and eof_alone and not call.tx_last:
            call.write(b"", eor=True, now=0.0)
            collect()
    assert b"".join(p for p, _ in packets) == data
    assert [f for _, f in packets].count(LAST_PACKET) == 1
    assert packets[-1][1] == LAST_PACKET
    assert all(len(p) == JUMBO_DATALEN for p, _ in packets[:-1])
    assert len(packets[-1][0]) <= JUMBO_DATALEN
