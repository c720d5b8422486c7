"""An AFS cell: its name, its database servers, and the ports its services listen on.

The database servers of a cell each run the volume location server (``vl``, port 7003) and
the protection server (``pt``, port 7002), replicated with ubik.  Each database service also
answers ubik's own VOTE (service 50) and DISK (service 51) calls on *its own* port: ubik
status of the ptserver is asked at port 7002, of the vlserver at 7003.  The basic overseer
(``bos``, 7007), the volume server (``vol``, 7005) and the file server (``fs``, 7000) run on
every server machine, database server or not; a command names the machine it wants.

Build a :class:`Cell` from the client configuration with :meth:`Cell.from_config`, or from
an explicit list of servers.  :meth:`Cell.vl_servers` and :meth:`Cell.pt_servers` give the
:class:`~trio_rxrpc.afs.UbikServers` target that generated ``vl``/``pt`` clients call through.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from .._validate import check_address, check_int
from ._ubikcall import UbikServers
from .cellconfig import CLIENT_CONFIG_DIR, CellEntry, read_cellservdb, read_this_cell

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Mapping

__all__ = [
    "DEFAULT_PORTS",
    "DISK_SERVICE_ID",
    "SERVICE_IDS",
    "VOTE_SERVICE_ID",
    "Cell",
]

DEFAULT_PORTS: Mapping[str, int] = MappingProxyType(
    {"fs": 7000, "pt": 7002, "vl": 7003, "vol": 7005, "bos": 7007})
"""The UDP port of each AFS service: file, protection, volume location, volume, bos."""

SERVICE_IDS: Mapping[str, int] = MappingProxyType(
    {"fs": 1, "pt": 73, "vl": 52, "vol": 4, "bos": 1})
"""The Rx service ID each AFS service answers on (at its port)."""

VOTE_SERVICE_ID = 50
"""Ubik's VOTE service (``udebug`` talks to it), at each database service's own port."""
DISK_SERVICE_ID = 51
"""Ubik's DISK service (database transfers between servers), likewise."""

ServerSpec = str | tuple[str, int]
"""A database server given to :class:`Cell`: a host, or a ``(host, port)`` pinning the port."""


def _server(spec: object) -> tuple[str, int | None]:
    if isinstance(spec, str):
        if not spec or spec != spec.strip():
            raise ValueError(f"bad database server host {spec!r}")
        return spec, None
    if isinstance(spec, tuple):
        host, port = check_address(spec, what="database server")[:2]
        return host, port
    raise TypeError(f"a database server is a host string or a (host, port) tuple, not {spec!r}")


def _servers(value: Iterable[ServerSpec]) -> tuple[tuple[str, int | None], ...]:
    if isinstance(value, str | bytes):
        raise TypeError("servers must be a list of hosts, not a single string")
    servers = tuple(_server(spec) for spec in value)
    if not servers:
        raise ValueError("a cell needs at least one database server")
    return servers


def _ports(value: Mapping[str, int] | None) -> Mapping[str, int]:
    ports = dict(DEFAULT_PORTS)
    for name, port in (value or {}).items():
        if not isinstance(name, str):
            raise TypeError(f"a service name must be a string, not {name!r}")
        check_int(f"the port of {name!r}", port, 1, 0xFFFF)
        ports[name] = port
    return MappingProxyType(ports)


def _name(value: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"a cell name must be a string, not {value!r}")
    if not value or any(c.isspace() for c in value):
        raise ValueError(f"bad cell name {value!r}")
    return value


@attrs.frozen
class Cell:
    """An AFS cell.

    Args:
        name: the cell's name, e.g. ``"example.com"``.
        servers: its database servers, in the order to try them: each a host (the service's
            usual port is used) or a ``(host, port)`` tuple, which pins that server to one
            port for every service (for servers on unusual ports, such as test doubles).
        ports: ports that differ from :data:`DEFAULT_PORTS`, by service name.

    Raises:
        TypeError, ValueError: a bad name, server or port, or no servers at all.
    """

    name: str = attrs.field(converter=_name)
    servers: tuple[tuple[str, int | None], ...] = attrs.field(converter=_servers)
    """The database servers: ``(host, pinned port or None)``."""
    ports: Mapping[str, int] = attrs.field(default=None, converter=_ports, eq=False)

    @classmethod
    def from_entry(cls, entry: CellEntry, *, ports: Mapping[str, int] | None = None) -> Cell:
        """The cell a ``CellServDB`` entry describes (clones included: they serve reads)."""
        return cls(entry.name, [server.address for server in entry.servers], ports=ports)

    @classmethod
    def from_config(cls, name: str | None = None,
                    config_dir: str | os.PathLike[str] = CLIENT_CONFIG_DIR, *,
                    ports: Mapping[str, int] | None = None) -> Cell:
        """The cell ``name`` as the configuration in ``config_dir`` describes it.

        ``name`` may be abbreviated to a unique prefix, as with OpenAFS tools' ``-cell``;
        ``None`` means the local cell, named by ``config_dir/ThisCell``.  (OpenAFS tools also
        honour the ``AFSCELL`` environment variable; pass ``os.environ.get("AFSCELL")`` to do
        the same.)  The files are read synchronously.

        Raises:
            CellConfigError: a file is missing, unreadable or malformed.
            UnknownCellError: the ``CellServDB`` has no such cell, or lists no servers for it.
        """
        if name is None:
            name = read_this_cell(config_dir)
        return cls.from_entry(read_cellservdb(config_dir).find(name), ports=ports)

    def port(self, service: str) -> int:
        """The port of ``service`` (``"vl"``, ``"pt"``, ``"bos"``, ``"vol"``, ``"fs"``...).

        Raises:
            KeyError: an unknown service name.
        """
        try:
            return self.ports[service]
        except KeyError:
            raise KeyError(f"no port known for service {service!r}; known: "
                           f"{', '.join(sorted(self.ports))}") from None

    def addresses(self, service: str) -> tuple[tuple[str, int], ...]:
        """Each database server's ``(host, port)`` for ``service``, in order.

        Ubik's VOTE and DISK services answer at the same addresses as the database service
        they belong to (use :data:`VOTE_SERVICE_ID` with ``addresses("pt")``, say).

        Raises:
            KeyError: an unknown service name.
        """
        port = self.port(service)
        return tuple((host, port if pinned is None else pinned) for host, pinned in self.servers)

    def ubik_servers(self, service: str, *, deadline: float | None = 30.0,
                     attempt_timeout: float | None = 10.0,
                     dead_for: float = 60.0) -> UbikServers:
        """A :class:`~trio_rxrpc.afs.UbikServers` target over the servers of ``service``.

        Each call returns a new target, with its own memory of which server answered last
        and which failed: keep it (or the client built on it) for the calls of a session.
        The keyword arguments are :class:`~trio_rxrpc.afs.UbikServers`'s.
        """
        return UbikServers(self.addresses(service), deadline=deadline,
                           attempt_timeout=attempt_timeout, dead_for=dead_for)

    def vl_servers(self, *, deadline: float | None = 30.0, attempt_timeout: float | None = 10.0,
                   dead_for: float = 60.0) -> UbikServers:
        """The volume location servers, as a ubik target (see :meth:`ubik_servers`)."""
        return self.ubik_servers("vl", deadline=deadline, attempt_timeout=attempt_timeout,
                                 dead_for=dead_for)

    def pt_servers(self, *, deadline: float | None = 30.0, attempt_timeout: float | None = 10.0,
                   dead_for: float = 60.0) -> UbikServers:
        """The protection servers, as a ubik target (see :meth:`ubik_servers`)."""
        return self.ubik_servers("pt", deadline=deadline, attempt_timeout=attempt_timeout,
                                 dead_for=dead_for)
