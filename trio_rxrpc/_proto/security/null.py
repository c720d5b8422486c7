"""rxnull (security index 0): no authentication, no checksum, payloads untouched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import ClientSecurity, ConnectionSecurity, ServerSecurity

if TYPE_CHECKING:
    from collections.abc import Hashable


class NullConnectionSecurity(ConnectionSecurity):
    """The state of an rxnull connection: there is none."""

    security_index = 0
    level = 0

    def secure_packet(
        self, call_number: int, channel: int, seq: int, data: bytes,
    ) -> tuple[int, bytes]:
        return 0, data

    def secure_packets(
        self, call_number: int, channel: int, first_seq: int, datas: list[bytes],
    ) -> list[tuple[int, bytes]]:
        return [(0, data) for data in datas]

    def verify_packet(
        self, call_number: int, channel: int, seq: int, cksum: int, payload: bytes | memoryview,
    ) -> bytes | memoryview:
        return payload


NULL_CONNECTION = NullConnectionSecurity()


class NullClientSecurity(ClientSecurity):
    """Choose rxnull for a call (the default)."""

    security_index = 0

    @property
    def identity(self) -> Hashable:
        return ("rxnull",)

    def new_connection(self, *, epoch: int, cid: int, now: float) -> ConnectionSecurity:
        return NULL_CONNECTION

    def __repr__(self) -> str:
        return "NullClientSecurity()"


class NullServerSecurity(ServerSecurity):
    """Accept rxnull calls."""

    security_index = 0

    def new_connection(
        self, *, epoch: int, cid: int, now: float, random_bytes: bytes,
    ) -> ConnectionSecurity:
        return NULL_CONNECTION


RXNULL = NullClientSecurity()
