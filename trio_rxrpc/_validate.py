"""Checks of arguments the application gives, so misuse fails where it is made.

Each check raises :class:`TypeError` for a value of the wrong kind and :class:`ValueError`
for one out of range, with a message naming the argument, as trio's own functions do.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Hashable
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from ._proto.connection import Address


def check_int(name: str, value: object, low: int, high: int) -> int:
    """``value`` as an integer in ``low..high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, not {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be in {low}..{high}, not {value}")
    return value


def check_max_bytes(max_bytes: int | None) -> int | None:
    """A read's ``max_bytes``: ``None`` (no limit) or an integer of at least 1.

    Raises:
        TypeError: not an integer.
        ValueError: less than 1.
    """
    if max_bytes is None:
        return None
    max_bytes = operator.index(max_bytes)
    if max_bytes < 1:
        raise ValueError("max_bytes must be at least 1")
    return max_bytes


def check_max_size(max_size: int | None) -> int | None:
    """A whole read's ``max_size``: ``None`` (no limit) or a non-negative integer.

    Raises:
        TypeError: not an integer.
        ValueError: negative.
    """
    if max_size is None:
        return None
    max_size = operator.index(max_size)
    if max_size < 0:
        raise ValueError("max_size must not be negative")
    return max_size


def check_service_id(value: object) -> int:
    """An Rx service ID (1..65535)."""
    if type(value) is int and 0 < value <= 0xFFFF:
        return value
    return check_int("service_id", value, 1, 0xFFFF)


def check_abort_code(code: object) -> int:
    """An abort code that may be sent: a signed 32-bit integer other than 0."""
    check_int("abort code", code, -(1 << 31), (1 << 31) - 1)
    if code == 0:
        raise ValueError("abort code 0 means no error and cannot be sent")
    return code  # type: ignore[return-value]  # checked to be an int above


@overload
def check_seconds(name: str, value: object) -> float: ...
@overload
def check_seconds(name: str, value: object, *, allow_none: bool) -> float | None: ...


def check_seconds(name: str, value: object, *, allow_none: bool = False) -> float | None:
    """A positive, finite number of seconds (or ``None`` where that means "no limit")."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {value!r}")
    if not 0 < value < math.inf:
        raise ValueError(f"{name} must be a positive, finite number of seconds, not {value}")
    return float(value)


def check_user_id(user_id: object) -> Hashable:
    """A user call ID: any hashable value."""
    if not isinstance(user_id, Hashable):
        raise TypeError(f"a user call ID must be hashable, not {type(user_id).__name__}")
    try:
        hash(user_id)
    except TypeError as exc:
        raise TypeError(f"a user call ID must be hashable: {exc}") from None
    return user_id


def check_address(address: object, *, what: str = "address", port_zero: bool = False) -> Address:
    """A ``(host, port)`` tuple (or an IPv6 ``(host, port, flowinfo, scope_id)`` one).

    ``port_zero`` allows port 0 (for binding: the system picks one).
    """
    if (type(address) is tuple and len(address) == 2 and type(address[0]) is str
            and address[0] and type(address[1]) is int and 0 < address[1] <= 0xFFFF):
        return address  # the common case, checked without a call per field
    if isinstance(address, str):
        hint = ""
        host, sep, port = address.rpartition(":")
        if sep and port.isdigit():
            hint = f"; did you mean ({host.strip('[]')!r}, {port})?"
        raise TypeError(f"{what} must be a (host, port) tuple, not the string {address!r}{hint}")
    if not isinstance(address, tuple) or len(address) not in (2, 4):
        raise TypeError(f"{what} must be a (host, port) tuple, not {address!r}")
    host, port = address[0], address[1]
    if not isinstance(host, str):
        raise TypeError(f"the host in {what} must be a string, not {host!r}")
    if not host:
        raise ValueError(f"the host in {what} is empty")
    check_int(f"the port in {what}", port, 0 if port_zero else 1, 0xFFFF)
    if len(address) == 4:
        check_int(f"the flow info in {what}", address[2], 0, 0xFFFFFFFF)
        check_int(f"the scope ID in {what}", address[3], 0, 0xFFFFFFFF)
    return address


def check_upgrade_rule(value: object) -> tuple[int, int] | None:
    """A service upgrade rule: ``None``, or a pair (from, to) of service IDs."""
    if value is None:
        return None
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise TypeError(f"upgrade must be a pair of service IDs (from, to), not {value!r}")
    return check_service_id(value[0]), check_service_id(value[1])


def check_declared_length(declared: int, sent: int, adding: int, eor: bool) -> None:
    """A send of ``adding`` more bytes (ending the phase if ``eor``) on a call that declared
    ``declared`` bytes in advance (``tx_length``) and has taken ``sent`` so far.

    Raises:
        ValueError: the send would go past the declared length, or end the phase short of it.
    """
    if sent + adding > declared:
        raise ValueError(f"the call declared {declared} bytes (tx_length) and has taken "
                         f"{sent}: {adding} more would exceed it")
    if eor and sent + adding < declared:
        raise ValueError(f"the call declared {declared} bytes (tx_length) but would end "
                         f"after {sent + adding}")
