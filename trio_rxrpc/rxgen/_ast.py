"""The parsed form of an rxgen interface definition (``.xg`` file).

The parser turns a ``.xg`` file into one :class:`Interface`; the code generator reads only
these classes.  Every node carries the :class:`Location` it was declared at, so later checks
(an unknown type, a duplicate opcode) can point at the source as parse errors do.

Types are referred to by :class:`TypeRef`: a base name (``"afs_int32"``, ``"string"``,
``"opaque"``, or a name declared in the file) plus how it is repeated:

=================  ==========================  =====================================
``kind``            written as                  Python value
=================  ==========================  =====================================
``"scalar"``        ``T x``                     the value of ``T``
``"fixed"``         ``T x[N]``                  ``tuple`` of ``N`` (``str``/``bytes``
                                                for ``char``/``u_char``)
``"var"``           ``T x<N>`` / ``T x<>``      ``tuple`` of at most ``N``
``"optional"``      ``T *x``                    the value of ``T`` or ``None``
=================  ==========================  =====================================

``string x<N>`` and ``opaque x<N>``/``opaque x[N]`` are spelled with ``base`` ``"string"``
or ``"opaque"`` and kind ``"var"``/``"fixed"``.  ``size`` is ``None`` for an unbounded
``<>``.  Sizes written as constant names are resolved by the parser to integers; the name
is kept in ``size_name`` for messages and cross-checks.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = [
    "Const", "Declaration", "Enum", "Interface", "Location", "Parameter", "Procedure",
    "Struct", "TypeRef", "Typedef", "Union", "UnionArm",
]


@attrs.frozen
class Location:
    """Where something was written: file name, 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen
class TypeRef:
    """A use of a type: base type name and how it is repeated (see the module docstring)."""

    base: str
    kind: Literal["scalar", "fixed", "var", "optional"] = "scalar"
    size: int | None = None
    size_name: str | None = None


@attrs.frozen
class Declaration:
    """A named, typed slot: a struct field, a union arm's value, a procedure parameter."""

    name: str
    type: TypeRef
    location: Location


@attrs.frozen
class Const:
    """``const NAME = VALUE;`` (also ``#define NAME VALUE`` and enum members)."""

    name: str
    value: int
    location: Location


@attrs.frozen
class Typedef:
    """``typedef T NAME...;``: a new name for a type use."""

    name: str
    type: TypeRef
    location: Location


@attrs.frozen
class Enum:
    """``enum NAME { A = 1, B, ... };``: members in order, with their values."""

    name: str
    members: tuple[Const, ...]
    location: Location


@attrs.frozen
class Struct:
    """``struct NAME { fields };``: fields in wire order."""

    name: str
    fields: tuple[Declaration, ...]
    location: Location


@attrs.frozen
class UnionArm:
    """One ``case V: decl;`` of a union (``values`` may hold several case labels);
    ``declaration`` is ``None`` for ``void``; ``values`` is empty for ``default``."""

    values: tuple[int, ...]
    declaration: Declaration | None
    location: Location


@attrs.frozen
class Union:
    """``union NAME switch (T d) { arms };``."""

    name: str
    discriminant: Declaration
    arms: tuple[UnionArm, ...]
    default: UnionArm | None
    location: Location


@attrs.frozen
class Parameter:
    """A procedure parameter: direction, name and type."""

    direction: Literal["IN", "OUT", "INOUT"]
    name: str
    type: TypeRef
    location: Location


@attrs.frozen
class Procedure:
    """``[split] NAME(params) [= OPCODE];`` with its resolved opcode.

    ``name`` is as written (without the package prefix); ``split`` procedures stream data
    between sending the IN arguments and receiving the OUT ones.
    """

    name: str
    opcode: int
    parameters: tuple[Parameter, ...]
    split: bool
    location: Location

    @property
    def inputs(self) -> tuple[Parameter, ...]:
        """IN and INOUT parameters: the request, in order."""
        return tuple(p for p in self.parameters if p.direction != "OUT")

    @property
    def outputs(self) -> tuple[Parameter, ...]:
        """OUT and INOUT parameters: the reply, in order."""
        return tuple(p for p in self.parameters if p.direction != "IN")


@attrs.frozen
class Interface:
    """One whole ``.xg`` file, after includes.

    ``package`` is the ``package`` prefix (``"VL_"``); ``prefix`` the optional ``prefix``
    (``"S"``); ``statindex`` the ``statindex`` number or ``None``.  ``definitions`` keeps
    every declaration in source order; the dictionaries index them by name.
    """

    file: str
    package: str | None
    prefix: str | None
    statindex: int | None
    definitions: tuple[Const | Typedef | Enum | Struct | Union, ...]
    procedures: tuple[Procedure, ...]

    @property
    def constants(self) -> dict[str, int]:
        """Every constant's value by name, enum members included."""
        out: dict[str, int] = {}
        for d in self.definitions:
            if isinstance(d, Const):
                out[d.name] = d.value
            elif isinstance(d, Enum):
                out.update((m.name, m.value) for m in d.members)
        return out

    @property
    def structs(self) -> dict[str, Struct]:
        return {d.name: d for d in self.definitions if isinstance(d, Struct)}

    @property
    def types(self) -> dict[str, Typedef | Enum | Struct | Union]:
        return {d.name: d for d in self.definitions if not isinstance(d, Const)}
