"""rxkad's work on each DATA packet of a keyed connection, compiled with the core.

Theory of operation
-------------------
Once a connection's session key and level are known, everything rxkad does per packet
depends only on a few values: the level, the key schedule, the connection's checksum IV and
whether a checksummed packet has been seen.  The arithmetic is :mod:`.rxkad`'s; the codec
only strings it together.  A :class:`PacketCodec` holds them and does that
work: the header checksum of each packet sent, and for each packet received the checksum
check (OpenAFS's rule: once any DATA packet of the connection carried a non-zero checksum,
every later one must carry the right one), the sealed header and the decryption.  A server's
codec also holds the ticket's end and the call-number floor of the client's RESPONSE, and
refuses DATA past the one or below the other.

In a compiled build a single packet (a small call's request or reply) takes a shorter way:
its checksum block, and at level 2 its whole seal or unseal, is one call into
:mod:`._fcrypt_native` with the IV words worked out when the codec was made, so a packet
makes one new object per direction and no intermediate ones.  Interpreted, and for several
packets at once, the functions of :mod:`.rxkad` do the work.

:mod:`.rxkad_class` builds a codec when its connection is keyed and hands the codec's
methods to the core in place of its own, so that a small call's packets go from the compiled
core to compiled code and back with no interpreted frame between (see
:meth:`.rxkad_class._RxkadConnection._install`).
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Final

from ._fcrypt_native import COMPILED, Rounds, encrypt_right, seal, unseal
from .rxkad import (
    NEVER_DATE,
    RXKADEXPIRED,
    RXKADSEALEDINCON,
    Level,
    RxkadError,
    header_checksum,
    header_checksums,
    max_data_size,
    seal_header,
    seal_packet,
    sealed_header_word,
    sealed_length,
    unseal_crypt_packets,
    unseal_packet,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._fcrypt import FcryptSchedule

__all__ = ["PacketCodec"]

_CLEAR: Final = 0
_AUTH: Final = 1
_CRYPT: Final = 2
_WORDS: Final = struct.Struct(">II")


class PacketCodec:
    """The per-packet state and work of one keyed rxkad connection, on one side.

    Args:
        level: the connection's level (0 clear, 1 auth, 2 crypt).
        schedule: the session key's schedule.
        csum_iv: the connection's checksum IV (:func:`.rxkad.compute_csum_iv`).
        clock: a server's wall clock (Unix seconds), read only when ``expires`` is not
            :data:`~.rxkad.NEVER_DATE`; ``None`` on a client.
        expires: when the server's ticket ends (Unix seconds).
        call_floor: the lowest call number the server accepts on each channel.
    """

    def __init__(self, level: int, schedule: FcryptSchedule, csum_iv: bytes, *,
                 clock: Callable[[], float] | None = None, expires: int = NEVER_DATE,
                 call_floor: tuple[int, int, int, int] = (0, 0, 0, 0)) -> None:
        self.level = level
        self.schedule = schedule
        self.csum_iv = csum_iv
        self.cksum_seen = False
        self.clock = clock
        self.expires = expires
        self.call_floor = call_floor
        # The compiled build's single-packet paths: the round keys as its loops read them,
        # and the checksum IV and the session key (rxkad's PCBC IV) as words.
        self._rounds: Rounds | None = schedule.rounds if COMPILED else None
        self._civ_left, self._civ_right = _WORDS.unpack(csum_iv)
        self._kiv_left, self._kiv_right = _WORDS.unpack(schedule.key)

    def checksum(self, call_number: int, channel: int, seq: int) -> int:
        """The 16-bit header checksum of one packet (:func:`.rxkad.header_checksum`)."""
        rounds = self._rounds
        if rounds is not None:
            right = encrypt_right(
                rounds, (call_number & 0xFFFFFFFF) ^ self._civ_left,
                (((channel & 3) << 30) | (seq & 0x3FFFFFFF)) ^ self._civ_right)
            return (right >> 16) or 1
        return header_checksum(self.schedule, self.csum_iv, call_number=call_number,
                               channel=channel, seq=seq)

    def max_data(self, wire_size: int) -> int:
        """How many application bytes fit a DATA payload of ``wire_size`` bytes."""
        return max_data_size(self.level, wire_size)

    # -- sending ----------------------------------------------------------------------------

    def secure_packet(
        self, call_number: int, channel: int, seq: int, data: bytes,
    ) -> tuple[int, bytes]:
        """``(cksum, wire_payload)`` for one outgoing DATA packet."""
        cksum = self.checksum(call_number, channel, seq)
        level = self.level
        if level == _CLEAR:
            return cksum, data
        rounds = self._rounds
        if rounds is not None and level == _CRYPT:
            return cksum, self._seal_crypt(rounds, call_number, seq, data)
        return cksum, seal_packet(level, self.schedule, call_number=call_number, seq=seq,
                                  data=data)

    def secure_packets(
        self, call_number: int, channel: int, first_seq: int, datas: list[bytes],
    ) -> list[tuple[int, bytes]]:
        """:meth:`secure_packet` for consecutive packets from ``first_seq``, side by side."""
        if len(datas) < 2:
            return [self.secure_packet(call_number, channel, first_seq, data)
                    for data in datas]
        schedule = self.schedule
        seqs = list(range(first_seq, first_seq + len(datas)))
        cksums = header_checksums(schedule, self.csum_iv, call_number=call_number,
                                  channel=channel, seqs=seqs)
        level = self.level
        if level == _CLEAR:
            return list(zip(cksums, datas, strict=True))
        if level == _AUTH:
            return [(cksum, seal_packet(Level.AUTH, schedule, call_number=call_number,
                                        seq=seq, data=data))
                    for cksum, seq, data in zip(cksums, seqs, datas, strict=True)]
        rounds = self._rounds
        if rounds is not None:
            # Compiled, packet by packet is the fast way: no padded copy of each packet.
            return [(cksum, self._seal_crypt(rounds, call_number, seq, data))
                    for cksum, seq, data in zip(cksums, seqs, datas, strict=True)]
        # Encrypt the packets side by side: fcrypt's rounds then run once per block
        # position for all of them, several times faster than packet by packet.
        plain = [seal_header(call_number, seq, data) + data
                 for seq, data in zip(seqs, datas, strict=True)]
        return list(zip(cksums, schedule.pcbc_encrypt_many(schedule.key, plain), strict=True))

    def _seal_crypt(self, rounds: Rounds, call_number: int, seq: int, data: bytes) -> bytes:
        """One level-2 payload through the compiled loop (:func:`.rxkad.seal_packet`'s)."""
        return seal(rounds, self._kiv_left, self._kiv_right,
                    sealed_header_word(call_number, seq, len(data)), 0, data)

    # -- receiving --------------------------------------------------------------------------

    def _admit(self, call_number: int, channel: int) -> None:
        """A server's checks before any packet of a call: the ticket and the call floor."""
        if self.clock is not None and self.expires != NEVER_DATE and \
                self.clock() >= self.expires:
            raise RxkadError(RXKADEXPIRED, "the rxkad ticket of this connection has expired")
        if call_number < self.call_floor[channel & 3]:
            raise RxkadError(RXKADSEALEDINCON,
                             "DATA for a call older than the client's RESPONSE said")

    def verify_packet(
        self, call_number: int, channel: int, seq: int, cksum: int, payload: bytes | memoryview,
    ) -> bytes | memoryview:
        """Check (and decrypt) one incoming DATA payload; return the application bytes.

        Raises:
            RxkadError: the packet fails a check (its ``code`` is the abort code).
        """
        self._admit(call_number, channel)
        return self._verify_one(call_number, channel, seq, cksum, payload)

    def _verify_one(
        self, call_number: int, channel: int, seq: int, cksum: int, payload: bytes | memoryview,
    ) -> bytes | memoryview:
        if cksum:
            self.cksum_seen = True
        if self.cksum_seen and cksum != self.checksum(call_number, channel, seq):
            raise RxkadError(RXKADSEALEDINCON, "rxkad header checksum mismatch")
        level = self.level
        if level == _CLEAR:
            return payload
        rounds = self._rounds
        if rounds is not None and level == _CRYPT:
            return self._unseal_crypt(rounds, call_number, seq, payload)
        return unseal_packet(level, self.schedule, call_number=call_number, seq=seq,
                             payload=payload)

    def _unseal_crypt(self, rounds: Rounds, call_number: int, seq: int,
                      payload: bytes | memoryview) -> bytes:
        """One level-2 payload through the compiled loop, with :func:`.rxkad.unseal_packet`'s
        checks (its whole blocks only: a Linux jumbogram sub-packet has 4 bytes of padding)."""
        room = (len(payload) & ~7) - 8
        if room < 0:
            raise RxkadError(RXKADSEALEDINCON, "rxkad payload shorter than 8 bytes")
        head, data = unseal(rounds, self._kiv_left, self._kiv_right,
                            payload if isinstance(payload, bytes) else bytes(payload))
        sealed_length(head, call_number=call_number, seq=seq, room=room)
        return data

    def verify_packets(
        self, call_number: int, channel: int,
        packets: list[tuple[int, int, bytes | memoryview]],
    ) -> list[bytes | memoryview]:
        """:meth:`verify_packet` for several ``(seq, cksum, payload)`` of one call at once.

        Raises:
            RxkadError: any of the packets fails a check.
        """
        self._admit(call_number, channel)
        if len(packets) < 2:
            return [self._verify_one(call_number, channel, seq, cksum, payload)
                    for seq, cksum, payload in packets]
        schedule = self.schedule
        # Header checksums first, in packet order, under OpenAFS's rule.
        seen = self.cksum_seen
        checked: list[int] = []
        for index, packet in enumerate(packets):
            if packet[1]:
                seen = True
            if seen:
                checked.append(index)
        self.cksum_seen = seen
        if checked:
            expected = header_checksums(schedule, self.csum_iv, call_number=call_number,
                                        channel=channel, seqs=[packets[i][0] for i in checked])
            for index, want in zip(checked, expected, strict=True):
                if packets[index][1] != want:
                    raise RxkadError(RXKADSEALEDINCON, "rxkad header checksum mismatch")
        level = self.level
        if level == _CLEAR:
            return [payload for _seq, _cksum, payload in packets]
        if level == _AUTH:
            return [unseal_packet(Level.AUTH, schedule, call_number=call_number, seq=seq,
                                  payload=payload)
                    for seq, _cksum, payload in packets]
        rounds = self._rounds
        if rounds is not None:
            return [self._unseal_crypt(rounds, call_number, seq, payload)
                    for seq, _cksum, payload in packets]
        return list(unseal_crypt_packets(
            schedule, call_number=call_number,
            packets=[(seq, payload) for seq, _cksum, payload in packets]))
