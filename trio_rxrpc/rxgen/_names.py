"""Python names for the names an interface declares.

A generated module uses the interface's own names for its constants, classes, fields and
methods.  Most C names are fine Python names; the rest are renamed where a rule can do it
without surprise (a field ``from`` becomes ``from_``) and refused, with the location, where
the module could not work (a struct called ``class`` or ``tuple``, a procedure called
``serve`` that would replace ``Service.serve``).
"""

from __future__ import annotations

import keyword
import re
from typing import TYPE_CHECKING

from ._ast import Enum
from ._lexer import RxgenError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._ast import Interface, Location

__all__ = ["argname", "check_module_names", "field_name", "pyname", "unique"]

_RESERVED = {"Client", "Service", "OPCODES", "ERRORS", "SERVICE_ID", "STATINDEX", "PACKAGE",
             "Any", "ClassVar", "Final", "NamedTuple", "Sequence", "TypeAlias", "attrs",
             "enum", "struct", "cast", "annotations", "trio_rxrpc",
             # imported from the runtime
             "Call", "Procedure", "SplitCall", "SplitStream", "FALSE", "TRUE", "U32",
             "XDRError", "as_bool", "as_enum", "bytes_decode", "bytes_encode", "count_decode",
             "counted", "cstr_decode", "cstr_encode", "decode_all", "encode_error",
             "encode_value", "fixed", "fixed_opaque", "need", "opaque_decode", "opaque_encode",
             "optional_tag", "string_decode", "string_encode", "words",
             # built-ins the generated code uses
             "bool", "bytearray", "bytes", "classmethod", "dict", "float", "int", "memoryview",
             "range", "str", "tuple", "type", "NotImplementedError"}
"""Module-level names of a generated module that an interface cannot declare."""
_PRIVATE = re.compile(r"_(rpc|S[0-9]+|[bfdeoriw]_.*)")
"""The generated module's own functions and formats (``_S0``, ``_d_node``...)."""
_MEMBERS = {"SERVICE_ID", "PROCEDURES", "socket", "target", "service_id", "security",
            "timeout", "max_reply", "max_request", "serve", "handle_call"}
"""Attributes of the Client and Service base classes that a procedure cannot replace."""
_LOCALS = {"b", "d", "o", "r", "self", "exc", "call", "stream", "cls"}
"""Local names of generated functions and methods, which parameters must avoid."""


def pyname(name: str) -> str:
    """A struct field's or parameter's Python name.

    Keywords and the names a struct class needs (``encode``, ``decode``, ``self``) get a
    trailing underscore; leading underscores move to the end, since Python would mangle
    ``__x`` and attrs would take ``_x`` as ``x``.
    """
    stripped = name.lstrip("_")
    if stripped != name:
        return (stripped or "x") + "_" * (len(name) - len(stripped))
    return name + "_" if keyword.iskeyword(name) or name in ("encode", "decode", "self") \
        else name


def argname(name: str) -> str:
    """A parameter's Python name: as :func:`pyname`, clear of the generated locals."""
    name = pyname(name)
    return name + "_" if name in _LOCALS else name


def field_name(name: str) -> str:
    """A result NamedTuple's field name (from :func:`argname`): clear of tuple's methods."""
    return name + "_" if name in ("count", "index") else name


def unique(names: Sequence[tuple[str, str, Location]], what: str) -> None:
    """Refuse two interface names (Python name, as written, where) that meet in Python.

    Raises:
        RxgenError: at the second of the two.
    """
    seen: dict[str, str] = {}
    for python, written, where in names:
        if python in seen:
            raise RxgenError(where, f"{what} {seen[python]!r} and {written!r} would both be "
                             f"{python!r} in Python")
        seen[python] = written


def _module_name(name: str, where: Location) -> None:
    if keyword.iskeyword(name):
        raise RxgenError(where, f"{name!r} is a Python keyword")
    if name in _RESERVED or _PRIVATE.fullmatch(name):
        raise RxgenError(where, f"{name!r} is a name the generated module uses itself")


def check_module_names(interface: Interface) -> None:
    """Check that the interface's declarations and procedures can have their own names in
    the generated module.

    Raises:
        RxgenError: at the first name that cannot.
    """
    for d in interface.definitions:
        _module_name(d.name, d.location)
        if isinstance(d, Enum):
            for m in d.members:
                _module_name(m.name, m.location)
    for p in interface.procedures:
        if keyword.iskeyword(p.name) or p.name in _MEMBERS or p.name.startswith("_"):
            raise RxgenError(p.location, f"{p.name!r} cannot name a procedure in Python")
    results = {f"{p.name}Result" for p in interface.procedures if len(p.outputs) > 1}
    for d in interface.definitions:
        if d.name in results:
            raise RxgenError(d.location, f"{d.name!r} is the name of a procedure's "
                             "result class")
