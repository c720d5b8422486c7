"""An interface compiler for the rxgen language: ``.xg`` files to typed trio-rxrpc modules.

OpenAFS describes its Rx interfaces in the rxgen language (``.xg`` files: XDR types plus
procedures with opcodes); this package reads that language and writes a Python module
with frozen value types, an async ``Client``, a ``Service`` base class to implement, and
one exception class per code of the interface's com_err error tables (``.et`` files).

* :func:`parse_file` / :func:`parse_source`: ``.xg`` text to an :class:`Interface`.
* :func:`parse_error_table`: a ``.et`` file to an :class:`ErrorTable`.
* :func:`generate`: an :class:`Interface` (and tables) to Python source.
* :func:`compile_file`: all three in one call, as ``trio-rxrpc rxgen`` does.

Every malformed input raises :class:`RxgenError`, whose message starts with
``file:line:column:``.  See ``docs/interfaces.rst``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ._ast import (
    Const as Const,
    Declaration as Declaration,
    Enum as Enum,
    Interface as Interface,
    Location as Location,
    Parameter as Parameter,
    Procedure as Procedure,
    Struct as Struct,
    Typedef as Typedef,
    TypeRef as TypeRef,
    Union as Union,
    UnionArm as UnionArm,
)
from ._codegen import generate as generate
from ._errtable import (
    ErrorCode as ErrorCode,
    ErrorTable as ErrorTable,
    ErrorTableError as ErrorTableError,
    parse_error_table as parse_error_table,
    parse_error_table_source as parse_error_table_source,
    table_base as table_base,
)
from ._lexer import RxgenError as RxgenError
from ._parser import parse_file as parse_file, parse_source as parse_source

if TYPE_CHECKING:
    from collections.abc import Sequence


def compile_file(path: str | Path | None, *, errors: Sequence[str | Path] = (),
                 service_id: int | None = None, error_modules: Sequence[str] = ()) -> str:
    """The Python module for an ``.xg`` file (or, with ``path`` ``None``, for error tables
    alone).

    Raises:
        RxgenError: a file is malformed.
        OSError: a file cannot be read.
    """
    tables = [parse_error_table(p) for p in errors]
    if path is None:
        name = ", ".join(Path(p).name for p in errors) or "nothing"
        interface = Interface("<errors>", None, None, None, (), ())
        return generate(interface, error_tables=tables, error_modules=error_modules,
                        source_name=name)
    return generate(parse_file(path), service_id=service_id, error_tables=tables,
                    error_modules=error_modules, source_name=Path(path).name)
