"""How each type of an interface goes on the wire, as the code generator sees it.

:func:`resolve` turns a :class:`~trio_rxrpc.rxgen.TypeRef` into a :class:`Wire`: what kind
of value it is, its Python annotation, and, for *flat* types (every size fixed: integers,
enums, fixed arrays, C strings, structs made only of those), the :mod:`struct` format that
packs the whole value at once.  Flat values are what make generated code fast: a VLDB entry
of some 120 words is one ``unpack_from`` and one constructor call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._ast import Enum, Interface, Struct, Typedef, TypeRef, Union
from ._lexer import RxgenError
from ._parser import BUILTIN_TYPES

if TYPE_CHECKING:
    from ._ast import Location

__all__ = ["Wire", "resolve"]

_MAX_FLAT = 1 << 20
"""The most bytes a fixed-size type may take (its struct format grows with it)."""
_CHAR = {"char", "afs_int8"}
_UCHAR = {"u_char", "afs_uint8", "afs_byte"}


@attrs.frozen
class Wire:
    """One type's wire form.

    ``kind`` is one of ``prim`` (an int or float item), ``bool``, ``enum``, ``cstr``
    (``char x[N]``), ``bytes`` (``u_char x[N]``), ``fopaque``, ``farray``, ``varray``,
    ``string``, ``vopaque``, ``optional``, ``struct``, ``union``.  ``fmt`` is the struct
    format (no byte-order prefix) of a flat type, else ``None``; ``items`` how many items
    unpacking ``fmt`` gives, ``size`` its bytes.
    """

    kind: str
    py: str
    fmt: str | None = None
    items: int = 0
    size: int = 0
    elem: Wire | None = None
    n: int | None = None
    name: str | None = None

    @property
    def flat(self) -> bool:
        return self.fmt is not None


def _prim(builtin: str) -> Wire:
    code = BUILTIN_TYPES[builtin]
    if code == "?":
        return Wire("bool", "bool", "i", 1, 4, name=builtin)
    size = 8 if code in "qQd" else 4
    fmt = code
    return Wire("prim", "float" if code in "fd" else "int", fmt, 1, size, name=builtin)


class Resolver:
    """Resolves type uses within one interface (caching declared types)."""

    def __init__(self, interface: Interface) -> None:
        self.types = interface.types
        self.cache: dict[str, Wire] = {}
        self.busy: set[str] = set()

    def named(self, name: str, where: Location) -> Wire:
        if name in BUILTIN_TYPES:
            return _prim(name)
        hit = self.cache.get(name)
        if hit is not None:
            return hit
        decl = self.types.get(name)
        if decl is None:
            raise RxgenError(where, f"unknown type {name!r}")
        if isinstance(decl, Typedef):
            # Typedefs are not marked busy: a cycle through one always passes a struct or
            # union too (the parser refuses cycles of typedefs alone).
            wire = self.use(decl.type, decl.location)
            self.cache[name] = wire
            return wire
        if name in self.busy:
            # A type that contains itself (through a pointer or an array) is not flat.
            return Wire("struct" if isinstance(decl, Struct) else "union", name, name=name)
        self.busy.add(name)
        try:
            wire = self._declared(decl)
        finally:
            self.busy.discard(name)
        self.cache[name] = wire
        return wire

    def _declared(self, decl: Enum | Struct | Union) -> Wire:
        if isinstance(decl, Enum):
            return Wire("enum", decl.name, "i", 1, 4, name=decl.name)
        if isinstance(decl, Union):
            return Wire("union", decl.name, name=decl.name)
        fields = [self.use(f.type, f.location) for f in decl.fields]
        if all(f.flat for f in fields):
            _check_size(sum(f.size for f in fields), decl.location)
            return Wire("struct", decl.name, "".join(f.fmt or "" for f in fields),
                        sum(f.items for f in fields), sum(f.size for f in fields),
                        name=decl.name)
        return Wire("struct", decl.name, name=decl.name)

    def use(self, ref: TypeRef, where: Location) -> Wire:
        """The wire form of one use of a type (``T x``, ``T x[N]``, ``T x<N>``, ``T *x``)."""
        base = ref.base
        if base == "string":
            return Wire("string", "str", n=ref.size)
        if base == "opaque":
            if ref.kind == "fixed":
                n = ref.size or 0
                _check_size(n, where)
                pad = -n % 4
                return Wire("fopaque", "bytes", f"{n}s" + (f"{pad}x" if pad else ""), 1,
                            n + pad, n=n)
            return Wire("vopaque", "bytes", n=ref.size)
        elem = self.named(base, where)
        if ref.kind == "scalar":
            return elem
        if ref.kind == "optional":
            return Wire("optional", f"{elem.py} | None", elem=elem)
        if ref.kind == "var":
            return Wire("varray", f"Sequence[{elem.py}]", elem=elem, n=ref.size)
        n = ref.size or 0
        if elem.flat:
            _check_size(elem.size * n, where)
        root = self._builtin_of(base)
        if root in _CHAR:
            return Wire("cstr", "str", f"{4 * n}s", 1, 4 * n, n=n)
        if root in _UCHAR:
            return Wire("bytes", "bytes", f"{4 * n}s", 1, 4 * n, n=n)
        if elem.flat:
            return Wire("farray", f"Sequence[{elem.py}]", (elem.fmt or "") * n,
                        elem.items * n, elem.size * n, elem=elem, n=n)
        return Wire("farray", f"Sequence[{elem.py}]", elem=elem, n=n)

    def _builtin_of(self, name: str) -> str | None:
        """The built-in scalar a name stands for, through scalar typedefs."""
        seen = 0
        while name not in BUILTIN_TYPES:
            decl = self.types.get(name)
            if not isinstance(decl, Typedef) or decl.type.kind != "scalar" or seen > 32:
                return None
            name = decl.type.base
            seen += 1
        return name


def _check_size(size: int, where: Location) -> None:
    if size > _MAX_FLAT:
        raise RxgenError(where, f"{size} bytes of fixed-size data: more than the "
                         f"{_MAX_FLAT} this compiler allows in one type")


def resolve(interface: Interface) -> Resolver:
    """A resolver for the types of ``interface``."""
    return Resolver(interface)
