"""Throughput of the Kerberos enctypes on 1412-byte packets, as rxgk's encrypt level uses them.

Run ``python benchmarks/bench_rfc3961.py [--seconds S] [--enctype N ...]``.  For each enctype
(17, 18, 19, 20, 25, 26 by default) the usage keys are derived once, as a connection would,
and each timed call seals one 1412-byte packet (with a fixed confounder: drawing it is the
caller's cost) and opens it again.  Prints MB/s (10^6 bytes of plaintext per second through
encrypt + decrypt), the time per packet for both, and the MIC (checksum + verify) rate that
the integrity level would see.  AES runs on ``cryptography`` when it is installed, else on
pycryptodome; Camellia needs ``cryptography``.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable

from trio_rxrpc._proto.security._enctypes import ENCTYPES

if TYPE_CHECKING:
    from collections.abc import Callable

    from trio_rxrpc._proto.security._rfc3961 import Enctype, UsageKeys

PACKET = 1412


def _rate(run: Callable[[], object], seconds: float) -> tuple[float, float]:
    """(calls per second, microseconds per call) of ``run`` over about ``seconds``."""
    run()  # warm up
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        run()
        count += 1
        now = time.perf_counter()
        if now >= deadline:
            break
    elapsed = now - start
    return count / elapsed, elapsed / count * 1e6


def _measure(kind: Enctype, keys: UsageKeys, plain: bytes, seconds: float) -> None:
    """Print one line: seal+open and MIC rates of ``kind`` with prepared ``keys``."""
    confounder = bytes(range(kind.confounder_size))
    calls, micros = _rate(
        lambda: kind.decrypt(keys, kind.encrypt(keys, plain, confounder)), seconds
    )
    mic_calls, _ = _rate(lambda: kind.verify_mic(keys, plain, kind.mic(keys, plain)), seconds)
    label = f"{kind.number} {kind.name}"
    size = len(plain)
    print(f"{label:<30} {calls * size / 1e6:14.2f} {micros:10.1f} {mic_calls * size / 1e6:9.2f}")


def main() -> None:
    """Run the benchmark and print one line per enctype."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    parser.add_argument("--enctype", type=int, action="append", help="only these enctypes")
    args = parser.parse_args()

    rng = random.Random(PACKET)
    plain = rng.randbytes(PACKET)
    print(f"Kerberos enctypes, {PACKET}-byte packets, keys derived once")
    print(f"{'enctype':<30} {'seal+open MB/s':>14} {'us/packet':>10} {'MIC MB/s':>9}")
    for number in args.enctype or sorted(ENCTYPES):
        kind = ENCTYPES[number]
        _measure(kind, kind.derive(rng.randbytes(kind.key_size), 1027), plain, args.seconds)


if __name__ == "__main__":
    main()
