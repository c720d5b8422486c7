"""Linux 7.3's yfs-rxgk (security index 6), rebuilt with the in-kernel rxperf server, seen raw.

No credentials: a plain UDP socket sends the server a DATA packet with security index 6, and
the kernel answers with a CHALLENGE, whose shape is checked here and decoded with
:mod:`trio_rxrpc._proto.security.rxgk_wire`.  RESPONSEs that cannot be opened then show which
abort-code table Linux uses.  ``linux_rxperf`` skips these tests until
``interop/linux/rxperf_module.py`` has built the modules (CI builds them).

With ``TRIO_RXRPC_RECORD_RXGK=1`` the packets are written to ``tests/data/linux/`` for the
offline tests (``tests/proto/test_rxgk_wire.py``).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import struct
import time
from pathlib import Path

import pytest
import rxperf_module
import trio

from trio_rxrpc._proto.codes import RxgkAbortCode
from trio_rxrpc._proto.security import rxgk_wire

pytestmark = pytest.mark.interop

RECORDING = Path(__file__).parent.parent / "data" / "linux" / "rxgk-challenge.json"
HEADER = struct.Struct(">IIIIIBBBBHH")
DATA, ABORT, CHALLENGE, RESPONSE = 1, 4, 6, 7
CLIENT_INITIATED, REQUEST_ACK, LAST_PACKET = 1, 2, 4


class RawPeer:
    """One client connection made by hand: header fields and a blocking UDP socket."""

    def __init__(self, server: tuple[str, int]) -> None:
        self.server = server
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.epoch = 0x80000000 | secrets.randbits(31)
        self.cid = secrets.randbits(28) << 2 or 4
        self.serial = 0
        self.first = b""

    def send(self, kind: int, call: int, seq: int, flags: int, body: bytes,
             cksum: int = 0) -> bytes:
        self.serial += 1
        packet = HEADER.pack(self.epoch, self.cid, call, seq, self.serial, kind, flags, 0,
                             rxgk_wire.SECURITY_INDEX_YFS_RXGK, cksum,
                             rxperf_module.RXPERF_SERVICE) + body
        self.sock.sendto(packet, self.server)
        return packet

    def wait_for(self, kind: int, timeout: float = 20.0, poke: bytes = b"") -> bytes:
        """The next packet of ``kind`` from the server (others, such as ACKs, are skipped);
        ``poke`` is sent again every second meanwhile."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            self.sock.settimeout(min(left, 1.0) if poke else left)
            try:
                packet, _ = self.sock.recvfrom(65536)
            except TimeoutError:
                if poke:
                    self.sock.sendto(poke, self.server)
                continue
            if len(packet) >= HEADER.size and packet[20] == kind:
                return packet
        pytest.fail(f"no packet of type {kind} from the kernel within {timeout} s")

    def challenge(self) -> bytes:
        """Start call 1 with one DATA packet; the kernel's CHALLENGE."""
        self.first = self.send(DATA, 1, 1, CLIENT_INITIATED | REQUEST_ACK | LAST_PACKET,
                               bytes(8))
        return self.wait_for(CHALLENGE)

    def close(self) -> None:
        self.sock.close()


def header(packet: bytes) -> dict[str, int]:
    names = ("epoch", "cid", "call", "seq", "serial", "type", "flags", "user_status",
             "security_index", "cksum", "service")
    return dict(zip(names, HEADER.unpack_from(packet), strict=True))


def response(challenge: rxgk_wire.Challenge, container: rxgk_wire.TokenContainer) -> bytes:
    """A RESPONSE body whose token the kernel must reject before it looks at the
    authenticator (random bytes of a plausible sealed size)."""
    del challenge  # the authenticator would carry its nonce; it is never opened here
    return rxgk_wire.Response(start_time=time.time_ns() // 100, token=container.encode(),
                              sealed_authenticator=secrets.token_bytes(96)).encode()


async def exchange(server: tuple[str, int],
                   container: rxgk_wire.TokenContainer | None) -> tuple[bytes, bytes, bytes]:
    """Challenge the kernel on a new connection, then answer with ``container`` (if any):
    (CHALLENGE, RESPONSE sent, ABORT received)."""

    def run() -> tuple[bytes, bytes, bytes]:
        peer = RawPeer(server)
        try:
            got = peer.challenge()
            if container is None:
                peer.send(ABORT, 1, 0, CLIENT_INITIATED, struct.pack(">i", -6))
                return got, b"", b""
            body = response(rxgk_wire.Challenge.decode_untrusted(got[HEADER.size:]), container)
            sent = peer.send(RESPONSE, 0, 0, CLIENT_INITIATED, body)
            # Linux aborts the connection at once but says so only in answer to the next
            # packet: send the call's DATA packet again until it does.
            return got, sent, peer.wait_for(ABORT, poke=peer.first)
        finally:
            peer.close()

    return await trio.to_thread.run_sync(run)


async def test_the_kernel_challenges_an_rxgk_call(linux_rxperf: tuple[str, int]) -> None:
    with trio.fail_after(60):
        packet, _, _ = await exchange(linux_rxperf, None)
    fields = header(packet)
    assert len(packet) == HEADER.size + rxgk_wire.NONCE_LEN
    assert fields["type"] == CHALLENGE
    assert fields["security_index"] == rxgk_wire.SECURITY_INDEX_YFS_RXGK
    assert fields["service"] == rxperf_module.RXPERF_SERVICE
    assert (fields["call"], fields["seq"], fields["cksum"]) == (0, 0, 0)  # key number 0
    assert fields["flags"] & CLIENT_INITIATED == 0
    challenge = rxgk_wire.Challenge.decode_untrusted(packet[HEADER.size:])
    assert challenge.encode() == packet[HEADER.size:]
    assert challenge.nonce != bytes(rxgk_wire.NONCE_LEN)


@pytest.mark.parametrize(("kvno", "code"), [
    # No server key 147:6:99:17.  Linux maps a missing key (ENOKEY) to RXGK_BADKEYNO, but
    # its keyring search says EAGAIN, which it maps to RXGK_NOTAUTH.
    (99, RxgkAbortCode.RXGK_NOTAUTH),
    (1, RxgkAbortCode.RXGK_SEALEDINCON),   # key 147:6:1:17, but the token does not open
])
async def test_the_kernel_aborts_with_yfs_numbered_codes(linux_rxperf: tuple[str, int],
                                                         kvno: int, code: int) -> None:
    container = rxgk_wire.TokenContainer(kvno=kvno, enctype=17,
                                         encrypted_token=secrets.token_bytes(64))
    with trio.fail_after(60):
        challenge, sent, abort = await exchange(linux_rxperf, container)
    fields = header(abort)
    # The connection is dead; the abort comes in answer to call 1's next DATA packet.
    assert (fields["call"], fields["security_index"]) == (1, rxgk_wire.SECURITY_INDEX_YFS_RXGK)
    assert struct.unpack(">i", abort[HEADER.size:HEADER.size + 4])[0] == code
    if kvno == 1 and os.environ.get("TRIO_RXRPC_RECORD_RXGK"):
        record(linux_rxperf, challenge, sent, abort)


def record(server: tuple[str, int], challenge: bytes, sent: bytes, abort: bytes) -> None:
    RECORDING.parent.mkdir(exist_ok=True)
    RECORDING.write_text(json.dumps({
        "about": "Linux 7.3.4 (Debian 7.3.4+deb13-amd64, net/rxrpc rebuilt with CONFIG_RXGK by "
                 "interop/linux/rxperf_module.py) in the test guest; in-kernel rxperf server, "
                 "service 147.  A raw DATA packet with security index 6 started call 1; the "
                 "kernel sent 'challenge'.  'response' was our answer (token container kvno 1, "
                 "enctype 17, 64 random bytes for the token, 96 for the authenticator), and "
                 "'abort' the kernel's reply to call 1's DATA packet, sent again after the "
                 "response (RXGK_SEALEDINCON in Linux's numbering).  Packets "
                 "are whole Rx packets (28-byte header first), in hex.  Written by "
                 "tests/interop/test_linux_kernel_rxgk.py with TRIO_RXRPC_RECORD_RXGK=1.",
        "recorded": time.strftime("%Y-%m-%d"),
        "challenge": challenge.hex(),
        "response": sent.hex(),
        "abort": abort.hex(),
    }, indent=1) + "\n")
    del server
