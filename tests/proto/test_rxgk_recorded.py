"""The packets recorded from Linux 7.3's yfs-rxgk (``tests/data/linux/rxgk-challenge.json``,
written by ``tests/interop/test_linux_kernel_rxgk.py``), decoded offline."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from trio_rxrpc._proto.codes import RxgkAbortCode
from trio_rxrpc._proto.security import rxgk_wire as w

RECORDED = Path(__file__).parent.parent / "data" / "linux" / "rxgk-challenge.json"


def test_the_recorded_kernel_challenge() -> None:
    recorded = json.loads(RECORDED.read_text())
    packet = bytes.fromhex(recorded["challenge"])
    epoch, cid, call, seq, _, kind, flags, _, index, cksum, service = struct.unpack_from(
        ">IIIIIBBBBHH", packet)
    assert (kind, index, service, call, seq, cksum) == (6, w.SECURITY_INDEX_YFS_RXGK, 147, 0, 0, 0)
    assert flags == 0
    assert cid & 3 == 0
    challenge = w.Challenge.decode_untrusted(packet[28:])
    assert challenge.encode() == packet[28:]
    assert len(packet) == 48
    sent = bytes.fromhex(recorded["response"])
    assert struct.unpack_from(">IIII", sent) == (epoch, cid, 0, 0)
    response = w.Response.decode_untrusted(sent[28:])
    container = w.TokenContainer.decode_untrusted(response.token)
    assert (container.kvno, container.enctype) == (1, 17)
    abort = bytes.fromhex(recorded["abort"])
    kind_and_call = (abort[20], struct.unpack_from(">I", abort, 8)[0], abort[23])
    assert kind_and_call == (4, 1, w.SECURITY_INDEX_YFS_RXGK)
    assert struct.unpack_from(">i", abort, 28)[0] == RxgkAbortCode.RXGK_SEALEDINCON
