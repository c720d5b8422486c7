"""The statistics of an endpoint group: every member's counters, asked over the group's port.

Each member of a group (see :mod:`._group`) is a process of its own with its own
:meth:`~trio_rxrpc.Endpoint.statistics`.  They are gathered the way ``trio-rxrpc list``
gathers listings: a DEBUG request carrying ``member << 2`` as its connection ID reaches the
member the group's steering picks for that ID, which answers with its
:class:`~trio_rxrpc.EndpointStatistics` as one JSON row.  :func:`group_statistics` asks
every member in turn; :class:`GroupStatistics` keeps the answers and adds them up.  A lone
endpoint is a group of one.
"""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs
import trio

from ._listquery import NotAnEndpoint, query
from ._statistics import EndpointStatistics

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["GroupStatistics", "format_statistics", "group_statistics", "statistics_from_row",
           "statistics_row"]

_MAPPINGS: Final = frozenset({"taken", "dropped", "aborts_sent", "aborts_received"})
_INT_KEYED: Final = frozenset({"aborts_sent", "aborts_received"})


def statistics_row(stats: EndpointStatistics) -> dict[str, object]:
    """``stats`` as a JSON-able dict (mappings as objects, abort codes as string keys)."""
    row: dict[str, object] = {}
    for field in attrs.fields(EndpointStatistics):
        value = getattr(stats, field.name)
        if field.name in _MAPPINGS:
            value = {str(k): v for k, v in value.items()}
        row[field.name] = value
    return row


def _count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise NotAnEndpoint(f"its statistics have a bad {name}: {value!r}")
    return value


def statistics_from_row(row: Mapping[str, object]) -> EndpointStatistics:
    """The :class:`~trio_rxrpc.EndpointStatistics` a member sent as ``row``.

    Fields this version does not know are ignored; missing ones with defaults take them.

    Raises:
        NotAnEndpoint: the row is not a member's statistics.
    """
    values: dict[str, object] = {}
    for field in attrs.fields(EndpointStatistics):
        if field.name not in row:
            if field.default is attrs.NOTHING:
                raise NotAnEndpoint(f"its statistics lack {field.name}")
            continue
        value = row[field.name]
        if field.name in _MAPPINGS:
            if not isinstance(value, dict):
                raise NotAnEndpoint(f"its statistics have a bad {field.name}")
            try:
                value = MappingProxyType({
                    int(k) if field.name in _INT_KEYED else str(k): _count(field.name, v)
                    for k, v in value.items()})
            except ValueError:
                raise NotAnEndpoint(f"its statistics have a bad {field.name}") from None
        elif field.name == "smoothed_rtt":
            if value is not None and (isinstance(value, bool) or not isinstance(
                    value, int | float) or not math.isfinite(value)):
                raise NotAnEndpoint(f"its statistics have a bad smoothed_rtt: {value!r}")
        elif field.name == "udp_gso":
            if not isinstance(value, bool):
                raise NotAnEndpoint(f"its statistics have a bad udp_gso: {value!r}")
        else:
            value = _count(field.name, value)
        values[field.name] = value
    try:
        return EndpointStatistics(**values)  # type: ignore[arg-type]
    except TypeError as exc:
        raise NotAnEndpoint(f"its statistics do not fit: {exc}") from None


@attrs.frozen
class GroupStatistics:
    """Every member's statistics, in member order (None: that member did not answer)."""

    members: tuple[EndpointStatistics | None, ...]

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def answered(self) -> int:
        """How many members answered."""
        return sum(member is not None for member in self.members)

    def total(self, name: str) -> int:
        """The sum over the members that answered of counter ``name`` (``"calls_accepted"``).

        Raises:
            AttributeError: no such counter.
            TypeError: ``name`` is not a plain counter (a mapping or the RTT).
        """
        total = 0
        for member in self.members:
            if member is None:
                continue
            value = getattr(member, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} is not a counter")
            total += value
        return total

    def totals(self) -> dict[str, int]:
        """Every plain counter summed over the members that answered."""
        names = [f.name for f in attrs.fields(EndpointStatistics)
                 if f.name not in _MAPPINGS and f.name not in ("smoothed_rtt", "udp_gso")]
        return {name: self.total(name) for name in names}

    def dropped(self) -> dict[str, int]:
        """Drops by reason, summed over the members that answered."""
        out: dict[str, int] = {}
        for member in self.members:
            if member is not None:
                for reason, count in member.dropped.items():
                    out[reason] = out.get(reason, 0) + count
        return out


def _member_row(address: tuple[str, int], member: int, timeout: float,
                ) -> dict[str, object] | None:
    try:
        rows = query(address, "statistics", timeout=timeout, member=member)
    except TimeoutError:
        return None
    if len(rows) != 1:
        raise NotAnEndpoint(f"member {member} answered {len(rows)} statistics rows")
    return rows[0]


async def group_statistics(address: tuple[str, int], *,
                           timeout: float = 2.0,  # noqa: ASYNC109 - per request
                           ) -> GroupStatistics:
    """Ask every member of the endpoint group at ``address`` for its statistics.

    The group's size comes from member 0 (a lone endpoint says 1).  A member that does not
    answer within ``timeout`` (one being restarted, say) is None.  Members answer only
    requests from loopback unless their ``EndpointConfig.remote_listing`` is set.  The
    requests run in a worker thread; cancellation abandons them.

    Raises:
        TimeoutError: member 0 did not answer.
        NotAnEndpoint: something answered, but not as a trio-rxrpc endpoint.
        OSError: the address cannot be resolved or reached.
    """
    def gather() -> GroupStatistics:
        rows = query(address, "member", timeout=timeout)
        size = rows[0].get("size") if len(rows) == 1 else None
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= 1024:
            size = 1
        members = []
        for member in range(size):
            row = _member_row(address, member, timeout)
            members.append(None if row is None else statistics_from_row(row))
        return GroupStatistics(tuple(members))

    return await trio.to_thread.run_sync(gather, abandon_on_cancel=True)


_COLUMNS: Final = (
    ("member", None), ("datagrams in", "datagrams_received"),
    ("datagrams out", "datagrams_sent"), ("calls started", "calls_started"),
    ("calls accepted", "calls_accepted"), ("calls live", "calls_live"),
    ("retransmits", "retransmits"), ("dropped", None), ("connections", None),
)


def format_statistics(rows: list[dict[str, object]]) -> str:
    """The members' statistics rows (``row["member"]`` each, when a group) as a table with
    a line per member and, for a group, their sum.

    Raises:
        NotAnEndpoint: a row is not a member's statistics.
    """
    members = [statistics_from_row(row) for row in rows]
    lines: list[list[str]] = [[title for title, _ in _COLUMNS]]

    def cells(label: str, stats: GroupStatistics) -> list[str]:
        out = [label]
        for _title, name in _COLUMNS[1:]:
            if name is not None:
                out.append(str(stats.total(name)))
        dropped = sum(stats.dropped().values())
        connections = stats.total("server_connections") + stats.total("client_connections")
        return [*out, str(dropped), str(connections)]

    for index, member in enumerate(members):
        label = str(rows[index].get("member", index))
        lines.append(cells(label, GroupStatistics((member,))))
    if len(members) > 1:
        lines.append(cells("all", GroupStatistics(tuple(members))))
    widths = [max(len(line[i]) for line in lines) for i in range(len(_COLUMNS))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(line, widths,
                                                                        strict=True))
                     for line in lines)
