"""Python expressions for flat values: building them from unpacked items and back.

A *flat* type (see :mod:`trio_rxrpc.rxgen._types`) packs and unpacks with one
:class:`struct.Struct`.  Decoding one gives a tuple of items (ints, floats, and ``bytes``
for character arrays and fixed opaque data); each struct gets a ``_b_`` function that builds
it from exactly its own items, typed with the precise tuple :meth:`FlatCode.row` spells, so
every index and slice in generated code is a literal a type checker can follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._ast import Enum, Struct
from ._types import Resolver

if TYPE_CHECKING:
    from ._ast import Declaration, Interface, Parameter
    from ._types import Wire

__all__ = ["FlatCode"]


class FlatCode:
    """The code generator's state and its expressions for flat values."""

    def __init__(self, interface: Interface) -> None:
        self.iface = interface
        self.res = Resolver(interface)
        self.structs: dict[str, str] = {}  # format -> constant name
        self.tmp = 0
        self.defaultable: set[str] = set()
        self.enum_first = {d.name: d.members[0].name for d in interface.definitions
                           if isinstance(d, Enum)}

    def wire(self, decl: Declaration | Parameter) -> Wire:
        return self.res.use(decl.type, decl.location)

    def st(self, fmt: str) -> str:
        """The name of the module-level Struct for ``fmt``."""
        name = self.structs.get(fmt)
        if name is None:
            name = self.structs[fmt] = f"_S{len(self.structs)}"
        return name

    def var(self, stem: str) -> str:
        self.tmp += 1
        return f"_{stem}{self.tmp}"

    def item(self, w: Wire, x: str, what: str) -> str:
        """Expression making the value of a one-item flat type from its unpacked item ``x``."""
        if w.kind == "bool":
            return f"as_bool({x}, {what!r})"
        if w.kind == "enum":
            return f"as_enum({w.name}, {x}, {what!r})"
        if w.kind == "cstr":
            return f"cstr_decode({x})"
        if w.kind == "bytes":
            return f"bytes_decode({x})"
        assert w.kind in ("prim", "fopaque")
        return x

    def build(self, w: Wire, t: str, k: int, whole: int, what: str) -> str:
        """Expression building a flat value from tuple ``t`` (of ``whole`` items) at ``k``.

        Indices and slices are literal, so the type checker follows them through the
        precise tuple types of the ``_b_`` functions (see :meth:`row`).
        """
        if w.items == 1 and w.kind != "farray" and w.kind != "struct":
            return self.item(w, f"{t}[{k}]", what)
        if w.kind == "struct":
            part = t if k == 0 and whole == w.items else f"{t}[{k}:{k + w.items}]"
            return f"_b_{w.name}({part})"
        assert w.kind == "farray"
        assert w.elem is not None
        assert w.n is not None
        e = w.elem
        part = f"{t}[{k}:{k + w.n * e.items}]"
        if e.kind in ("prim", "fopaque"):
            return part
        if e.items == 1 and e.kind != "farray" and e.kind != "struct":
            x = self.var("x")
            return f"tuple([{self.item(e, x, what)} for {x} in {part}])"
        inner = ", ".join(self.build(e, t, k + i * e.items, whole, what) for i in range(w.n))
        return f"({inner},)"

    def row(self, w: Wire) -> list[str]:
        """The types of the items that unpacking flat type ``w`` gives, in order."""
        if w.kind == "struct":
            decl = self.iface.types.get(w.name or "")
            assert isinstance(decl, Struct)
            return [x for f in decl.fields for x in self.row(self.wire(f))]
        if w.kind == "farray":
            assert w.elem is not None
            assert w.n is not None
            return self.row(w.elem) * w.n
        if w.kind == "prim":
            return [w.py]
        return ["bytes" if w.kind in ("cstr", "bytes", "fopaque") else "int"]

    def flat(self, w: Wire, v: str, what: str) -> str:
        """Pack items (comma-separated, possibly starred) of flat value ``v``."""
        if w.kind in ("prim", "bool", "enum"):
            return v
        if w.kind == "cstr":
            return f"cstr_encode({v}, {w.n}, {what!r})"
        if w.kind == "bytes":
            return f"bytes_encode({v}, {w.n}, {what!r})"
        if w.kind == "fopaque":
            return f"fixed_opaque({v}, {w.n}, {what!r})"
        if w.kind == "struct":
            return f"*_f_{w.name}({v})"
        assert w.kind == "farray"
        assert w.elem is not None
        if w.elem.kind in ("prim", "bool", "enum"):
            return f"*fixed({v}, {w.n}, {what!r})"
        x = self.var("x")
        return (f"*[_y for {x} in fixed({v}, {w.n}, {what!r}) "
                f"for _y in ({self.flat(w.elem, x, what)},)]")

    def default(self, w: Wire) -> str | None:
        """A field's default (its zero value) as written after ``=`` in the class body, or
        ``None`` when it has none.

        Values that name something (an enum member, a struct) are made by a factory, whose
        lambda looks names up in the module, not among the fields defined before it.
        """
        value = self.zero(w)
        if value is None or value[1]:
            return None if value is None else value[0]
        return f"attrs.field(factory=lambda: {value[0]})"

    def zero(self, w: Wire) -> tuple[str, bool] | None:
        """(expression, whether it is a literal) of a type's zero value, if it has one."""
        if w.kind == "prim":
            return ("0.0" if w.py == "float" else "0"), True
        if w.kind == "bool":
            return "False", True
        if w.kind == "enum":
            first = self.enum_first.get(w.name or "")
            return None if first is None else (f"{w.name}.{first}", False)
        if w.kind in ("cstr", "string"):
            return '""', True
        if w.kind in ("bytes", "fopaque"):
            return f'b"\\x00" * {w.n}', True
        if w.kind == "vopaque":
            return 'b""', True
        if w.kind == "varray":
            return "()", True
        if w.kind == "optional":
            return "None", True
        if w.kind == "struct":
            return (f"{w.name}()", False) if w.name in self.defaultable else None
        if w.kind == "farray":
            assert w.elem is not None
            inner = self.zero(w.elem)
            if inner is None:
                return None
            return f"({inner[0]},) * {w.n}", inner[1]
        return None
