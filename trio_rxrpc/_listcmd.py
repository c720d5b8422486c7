"""``trio-rxrpc list``: show a running endpoint's sockets, calls, connections, peers.

The listings come over the network from the endpoint itself (:mod:`._listquery` has the
request and the answer): page after page of rows, printed here as tables, or as JSON with
``--json``.  Against an endpoint group, every member is asked.  A peer that answers but is
not a trio-rxrpc endpoint (an OpenAFS server, say) is recognised, and ``rxdebug``, the tool
that speaks to it, suggested.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
from typing import Final

import attrs

from ._cli import EXIT_FAILURE, EXIT_OK, INTERRUPTED_ROW, USAGE_ROW, exit_status_text, seconds
from ._listing import format_table
from ._listquery import KINDS, STATISTICS, NotAnEndpoint, query

NAME: Final = "list"
SUMMARY: Final = "show the sockets, calls, connections and peers of a running endpoint"

EXIT_NOT_TRIO_RXRPC: Final = 3
"""The peer answered, but it is not a trio-rxrpc endpoint (OpenAFS, for one)."""

EXIT_STATUS: Final = exit_status_text(
    (EXIT_OK, "the listings were printed"),
    (EXIT_FAILURE, "no listing: nothing answered in time, the port is closed, or the address "
                   "is unknown"),
    USAGE_ROW,
    (EXIT_NOT_TRIO_RXRPC, "something answered, but it is not a trio-rxrpc endpoint (an "
                          "OpenAFS server, say): try rxdebug HOST PORT"),
    INTERRUPTED_ROW,
)

def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` or ``[IPV6]:PORT`` as ``(host, port)``; an empty host is loopback.

    Raises:
        argparse.ArgumentTypeError: not an address with a port in 1..65535.
    """
    host, sep, port = text.rpartition(":")
    if not sep:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no port: give HOST:PORT, e.g. 127.0.0.1:7009")
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(
            f"the port in {text!r} is not a whole number from 1 to 65535")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host or "127.0.0.1", int(port)


def parse_kind(text: str) -> str:
    """One of :data:`KINDS`.

    Raises:
        argparse.ArgumentTypeError: it is not.
    """
    if text not in KINDS and text != STATISTICS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a listing: choose from {', '.join(KINDS)} or {STATISTICS}")
    return text


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("address", type=parse_address, metavar="HOST:PORT",
                        help="the endpoint's address, e.g. 127.0.0.1:7009 or [::1]:7009")
    parser.add_argument("what", nargs="*", type=parse_kind, default=[], metavar="KIND",
                        help=f"which listings: {', '.join(KINDS)} (default: all four), or "
                             f"{STATISTICS} (each group member's counters, and their sum)")
    parser.add_argument("--timeout", type=seconds(), default=2.0, metavar="SECONDS",
                        help="seconds to wait for each answer (default: 2)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.epilog = EXIT_STATUS


def _fail(text: str, status: int = EXIT_FAILURE) -> int:
    print(f"list: {text}", file=sys.stderr)
    return status


def run(args: argparse.Namespace) -> int:
    """Fetch and print the listings; the exit status is as :data:`EXIT_STATUS` says."""
    host, port = address = args.address
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    kinds = args.what or list(KINDS)
    out: dict[str, list[dict[str, object]]] = {}
    size = 1
    try:
        size = _group_size(address, args.timeout)
        for kind in kinds:
            out[kind] = []
            for member in range(size):
                found = query(address, kind, timeout=args.timeout, member=member)
                if size > 1:
                    for row in found:
                        row["member"] = member
                out[kind].extend(found)
    except NotAnEndpoint as exc:
        return _fail(f"{where} is not a trio-rxrpc endpoint: {exc}; for an Rx server such as "
                     f"OpenAFS, try: rxdebug {host} {port}", EXIT_NOT_TRIO_RXRPC)
    except TimeoutError as exc:
        return _fail(f"{exc} (is a trio-rxrpc endpoint running there? it answers listings "
                     f"from other hosts only with remote_listing set)")
    except ConnectionRefusedError:
        return _fail(f"nothing listens on UDP {where} (the port is closed)")
    except socket.gaierror as exc:
        return _fail(f"cannot resolve {host!r}: {exc.strerror}")
    except OSError as exc:
        return _fail(f"cannot reach {where}: {exc.strerror or exc}")
    if args.json:
        print(json.dumps(out, indent=2))
        return EXIT_OK
    for kind in kinds:
        if kind == STATISTICS:
            from ._groupstats import format_statistics

            print(f"{kind}:" if size == 1 else f"{kind} of the {size} group members:")
            print(format_statistics(out[kind]))
            print()
            continue
        row_type = KINDS[kind][1]
        names = {f.name for f in attrs.fields(row_type)}
        for member in range(size):
            try:
                rows = [row_type(**{k: tuple(v) if isinstance(v, list) else v
                                    for k, v in r.items() if k in names})
                        for r in out[kind] if r.get("member", 0) == member]
            except TypeError:
                return _fail(f"the {kind} of {where} lack columns this version shows; "
                             f"try --json")
            print(f"{kind}:" if size == 1 else f"{kind} of group member {member} of {size}:")
            print(format_table(rows))
            print()
    return EXIT_OK


def _group_size(address: tuple[str, int], timeout: float) -> int:
    """How many members the endpoint group at ``address`` has (1 for a lone endpoint).

    This is the first request ``list`` makes, so a peer that is not a trio-rxrpc endpoint
    is recognised here (:exc:`NotAnEndpoint` propagates).
    """
    rows = query(address, "member", timeout=timeout)
    size = rows[0].get("size") if len(rows) == 1 else None
    if isinstance(size, int) and not isinstance(size, bool):
        return max(1, min(size, 1024))
    return 1
