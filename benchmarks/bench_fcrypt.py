"""Throughput of fcrypt-PCBC as rxkad level 2 uses it, on 1412-byte packet buffers.

Run ``python benchmarks/bench_fcrypt.py [--seconds S]``.  Prints MB/s (10^6 bytes) for:

* ``encrypt``: one buffer per call (what sealing one DATA packet costs);
* ``decrypt``: one buffer per call (unsealing one received packet);
* ``encrypt x32``: 32 buffers per call through ``pcbc_encrypt_many`` (sealing a window).

Encryption pads each buffer to 1416 bytes (a whole number of blocks) and decryption is timed on
that ciphertext; the figures count 1412 bytes per buffer.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import TYPE_CHECKING

from trio_rxrpc._proto.security._fcrypt import FcryptSchedule

if TYPE_CHECKING:
    from collections.abc import Callable

PACKET = 1412


def _measure(label: str, run: Callable[[], object], nbytes: int, seconds: float) -> float:
    run()  # warm up (and build the lazy tables)
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        run()
        count += 1
        now = time.perf_counter()
        if now >= deadline:
            break
    rate = count * nbytes / (now - start) / 1e6
    print(f"{label:<14} {rate:8.2f} MB/s  ({(now - start) / count * 1e6:8.1f} us per call)")
    return rate


def main() -> None:
    """Run the benchmark and print one line per mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per mode")
    args = parser.parse_args()

    rng = random.Random(1412)
    schedule = FcryptSchedule(rng.randbytes(8))
    iv = schedule.key
    plain = rng.randbytes(PACKET)
    sealed = schedule.pcbc_encrypt(iv, plain)
    window = [rng.randbytes(PACKET) for _ in range(32)]

    print(f"fcrypt-PCBC, {PACKET}-byte buffers")
    _measure("encrypt", lambda: schedule.pcbc_encrypt(iv, plain), PACKET, args.seconds)
    _measure("decrypt", lambda: schedule.pcbc_decrypt(iv, sealed), PACKET, args.seconds)
    _measure(
        "encrypt x32",
        lambda: schedule.pcbc_encrypt_many(iv, window),
        PACKET * len(window),
        args.seconds,
    )


if __name__ == "__main__":
    main()
