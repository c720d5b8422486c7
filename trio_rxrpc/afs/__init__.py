"""The AFS side of trio-rxrpc: cells, their configuration, ubik calls and credentials.

* :class:`Cell`: a cell's name, database servers and service ports, from the OpenAFS client
  configuration (:meth:`Cell.from_config`) or given explicitly.
* :mod:`~trio_rxrpc.afs.cellconfig`: the ``CellServDB`` and ``ThisCell`` files.
* :class:`UbikServers`: the target that makes a call on one of a cell's database servers,
  moving to another by OpenAFS's ubik client rules.
* :mod:`~trio_rxrpc.afs.credentials`: ``-noauth``, ``-localauth`` and token security.

Importing this package loads none of the generated interface modules (``vl``, ``pt``...);
import those where they are used.
"""

from __future__ import annotations

from ._ubikcall import (
    UNOQUORUM as UNOQUORUM,
    UNOSERVERS as UNOSERVERS,
    UNOTSYNC as UNOTSYNC,
    NoServerAnswered as NoServerAnswered,
    ServerFailure as ServerFailure,
    UbikServers as UbikServers,
)
from .cell import (
    DEFAULT_PORTS as DEFAULT_PORTS,
    DISK_SERVICE_ID as DISK_SERVICE_ID,
    SERVICE_IDS as SERVICE_IDS,
    VOTE_SERVICE_ID as VOTE_SERVICE_ID,
    Cell as Cell,
)
from .cellconfig import (
    CLIENT_CONFIG_DIR as CLIENT_CONFIG_DIR,
    SERVER_CONFIG_DIR as SERVER_CONFIG_DIR,
    CellConfigError as CellConfigError,
    CellEntry as CellEntry,
    CellServDB as CellServDB,
    DatabaseServer as DatabaseServer,
    UnknownCellError as UnknownCellError,
    parse_cellservdb as parse_cellservdb,
    parse_this_cell as parse_this_cell,
    read_cellservdb as read_cellservdb,
    read_this_cell as read_this_cell,
)
from .credentials import (
    CredentialsError as CredentialsError,
    from_token as from_token,
    localauth as localauth,
    noauth as noauth,
    parse_level as parse_level,
)
