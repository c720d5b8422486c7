"""trio-rxrpc: RxRPC, the Rx protocol of AFS, over UDP for trio programs.

Open an :class:`Endpoint` with :func:`open_endpoint`, get :class:`BoundSocket` objects from
it, and make or accept :class:`Call` objects.  The protocol itself lives in the sans-I/O
package :mod:`trio_rxrpc._proto`; this package is the trio layer over it.
"""

from __future__ import annotations

from ._build import warn_if_stale as _warn_if_stale
from ._call import Call as Call
from ._endpoint import Endpoint as Endpoint, open_endpoint as open_endpoint
from ._errors import (
    CallError as CallError,
    CallTimeout as CallTimeout,
    DataTooLarge as DataTooLarge,
    LocalAbort as LocalAbort,
    LocalProtocolError as LocalProtocolError,
    NetworkError as NetworkError,
    ProtocolError as ProtocolError,
    RemoteAbort as RemoteAbort,
    RemoteProtocolError as RemoteProtocolError,
    RxRPCError as RxRPCError,
    SecurityError as SecurityError,
    ServerBusy as ServerBusy,
)
from ._group import (
    GroupMember as GroupMember,
    GroupUnavailable as GroupUnavailable,
    make_group_sockets as make_group_sockets,
)
from ._groupstats import GroupStatistics as GroupStatistics, group_statistics as group_statistics
from ._listing import (
    CallRow as CallRow,
    ConnectionRow as ConnectionRow,
    PeerRow as PeerRow,
    SocketRow as SocketRow,
    format_table as format_table,
)
from ._message import Message as Message
from ._proto.call import CallState as CallState, Completion as Completion
from ._proto.codes import AbortCode as AbortCode
from ._proto.config import EndpointConfig as EndpointConfig
from ._socket import BoundSocket as BoundSocket
from ._statistics import (
    CallStatistics as CallStatistics,
    EndpointStatistics as EndpointStatistics,
    SocketStatistics as SocketStatistics,
)
from ._supervisor import (
    GroupSupervisor as GroupSupervisor,
    SupervisorStatistics as SupervisorStatistics,
)
from .rpc._errors import (
    abort_code_name as abort_code_name,
    describe_abort_code as describe_abort_code,
)

__version__ = "0.1.0"

_warn_if_stale()
