"""``trio-rxrpc rxgen``: compile an rxgen interface definition into a Python module.

::

    trio-rxrpc rxgen calc.xg -o calc.py --service-id 4242 --errors calc.et

The module holds the interface's value types, a ``Client``, a ``Service`` to subclass and
one exception class per code of each ``--errors`` table (see ``docs/interfaces.rst``).
A malformed input file is reported in one line, ``FILE:LINE:COLUMN: message``, with exit
status 1; nothing is written then.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ._cli import EXIT_FAILURE, EXIT_OK, USAGE_ROW, exit_status_text

if TYPE_CHECKING:
    import argparse

NAME: Final = "rxgen"
SUMMARY: Final = "compile an rxgen interface (.xg) into a typed Python module"

EXIT_STATUS: Final = exit_status_text(
    (EXIT_OK, "the module was written"),
    (EXIT_FAILURE, "an input file is malformed (FILE:LINE:COLUMN: message) or unreadable, "
                   "or the output cannot be written"),
    USAGE_ROW,
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Compile an interface written in the rxgen language (as OpenAFS's .xg files) into a "
        "Python module for trio-rxrpc: frozen value types with XDR encode/decode, an async "
        "Client, a Service base class, and an exception class per error code of the "
        "--errors tables (com_err .et files).")
    parser.epilog = EXIT_STATUS
    parser.add_argument("source", nargs="?", metavar="FILE.xg",
                        help="the interface definition (omit it to compile --errors alone)")
    parser.add_argument("-o", "--output", required=True, metavar="MODULE.py",
                        help="where to write the module ('-' for standard output)")
    parser.add_argument("--service-id", type=int, metavar="N",
                        help="the Rx service ID clients use unless told otherwise")
    parser.add_argument("--errors", action="append", default=[], metavar="FILE.et",
                        help="a com_err error table to give exception classes (repeatable)")
    parser.add_argument("--import-errors", action="append", default=[], metavar="MODULE",
                        help="a module whose error classes the interface uses (repeatable), "
                             "e.g. trio_rxrpc.afs.errors")


def run(args: argparse.Namespace) -> int:
    from .rxgen import RxgenError, compile_file

    if args.source is None and not args.errors:
        print(f"{NAME}: give an interface file, or --errors tables, or both", file=sys.stderr)
        return EXIT_FAILURE
    if args.service_id is not None and not 1 <= args.service_id <= 65535:
        print(f"{NAME}: --service-id {args.service_id} is outside 1-65535", file=sys.stderr)
        return EXIT_FAILURE
    try:
        text = compile_file(args.source, errors=args.errors, service_id=args.service_id,
                            error_modules=args.import_errors)
    except RxgenError as exc:
        print(f"{NAME}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:
        print(f"{NAME}: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILURE
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.output)
    try:
        # Write beside the target and rename, so a failure never leaves half a module.
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        print(f"{NAME}: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"{NAME}: wrote {args.output}", file=sys.stderr)
    return EXIT_OK
