"""The rxperf benchmark: its protocol, the server's calls and the client's calls.

The command line (``trio-rxrpc rxperf server|client``, its options and output lines) is in
:mod:`._rxperf_cli`.

rxperf is the benchmark that OpenAFS and the Linux kernel both speak: Rx service 147, default
UDP port 7009, one operation per call.  A request starts with four big-endian 32-bit words
(version 3, the operation, and the client's read and write chunk sizes, which are only hints),
then the operation's own words:

=========  ===================================  ====================================
operation  request after the 16-byte block      reply
=========  ===================================  ====================================
SEND (0)   ``N``, then N payload bytes          the end cookie ``00 00 47 11``
RECV (1)   ``N``                                N payload bytes, then the cookie
RPC (3)    ``Q``, ``P``, then Q payload bytes   P payload bytes, then the cookie
FILE (4)   ``K``, then K words                  (a scripted transfer, no cookie)
=========  ===================================  ====================================

There are two dialects of the request.  OpenAFS's rxperf and crxperf end a request with its
last payload byte; Linux's in-kernel server wants the end cookie ``00 00 47 11`` after it too
(and aborts a request without it with ``RXGEN_SS_UNMARSHAL``).  Our server takes both, for
every operation (a FILE request's cookie comes where the client stops sending); our client
speaks ``openafs`` by default and ``linux`` when asked (``Plan.create(dialect=...)``,
``--dialect``).  Linux's server has no FILE operation.

The server is strict the way the Linux server and crxperf are: a version other than 3 is
aborted with ``RX_USER_ABORT`` (-6), an unknown operation with ``RXGEN_OPCODE`` (-455), and a
request shorter or longer than it declared with ``RXGEN_SS_UNMARSHAL`` (-453) (the end cookie
alone may follow it).  The client checks the reply's end cookie and that nothing follows it.

Payloads are streamed: one zero (or, with ``--verify``, pattern) buffer is made once and sent
over and over, and received data is counted (and checked) as it arrives, so a 64 MiB
transfer never builds a 64 MiB object.  The ``--verify`` pattern is crxperf's ``-V``: the
byte at payload offset ``i`` is ``i % 251``, per call and per direction.

The package is in three parts: :mod:`.protocol` (the constants, payloads, reading a request,
security), :mod:`.server` and :mod:`.client`.
"""

from __future__ import annotations

from .client import (
    CallFailed as CallFailed,
    Plan as Plan,
    client_call as client_call,
    rx_stats as rx_stats,
)
from .protocol import (
    CHUNK_MAX as CHUNK_MAX,
    COOKIE as COOKIE,
    COOKIE_BYTES as COOKIE_BYTES,
    DIALECTS as DIALECTS,
    FILE_LIST_MAX as FILE_LIST_MAX,
    LEVELS as LEVELS,
    MAX_LENGTH as MAX_LENGTH,
    OP_CODES as OP_CODES,
    OP_FILE as OP_FILE,
    OP_NAMES as OP_NAMES,
    OP_RECV as OP_RECV,
    OP_RPC as OP_RPC,
    OP_SEND as OP_SEND,
    PORT as PORT,
    SERVICE as SERVICE,
    VERSION as VERSION,
    Payload as Payload,
    PayloadMismatch as PayloadMismatch,
    Progress as Progress,
    Reader as Reader,
    client_security as client_security,
    odd_parity as odd_parity,
    parse_size as parse_size,
    server_securities as server_securities,
    zero_payload as zero_payload,
)
from .server import (
    Reject as Reject,
    Server as Server,
    ServerStats as ServerStats,
    drain as drain,
    serve_request as serve_request,
)
