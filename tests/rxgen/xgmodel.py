"""What the rxgen tests share: compiling ``.xg`` text to an imported module, random
interface definitions, and hypothesis strategies for the values of a parsed interface.

The value strategies are built from the parsed :class:`~trio_rxrpc.rxgen.Interface` with
this file's own idea of each type (ranges, C strings, byte arrays), not from the code
generator's wire tables, so a round trip checks the compiler against the language.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

import attrs
from hypothesis import strategies as st

from trio_rxrpc.rxgen import (
    Enum,
    ErrorTable,
    Interface,
    Procedure,
    Struct,
    Typedef,
    TypeRef,
    Union,
    generate,
    parse_source,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Sequence
    from pathlib import Path
    from types import ModuleType

T = TypeVar("T")


class XDRValue(Protocol):
    """A value of a generated struct or union class."""

    def encode(self) -> bytes: ...

# ------------------------------------------------------------------ compiling and importing

_serial = itertools.count()


def load(source: str, directory: Path, *, service_id: int | None = 4321,
         filename: str = "sample.xg",
         error_tables: Sequence[ErrorTable] = ()) -> tuple[Interface, ModuleType]:
    """Parse and generate ``source``, then import the module from ``directory``."""
    interface = parse_source(source, filename)
    text = generate(interface, service_id=service_id, error_tables=error_tables)
    name = f"rxgen_sample_{next(_serial)}"
    path = directory / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return interface, module


def normalise(value: object) -> object:
    """``value`` as a decoder gives it back: every list a tuple, all the way down."""
    if isinstance(value, list | tuple):
        return tuple(normalise(v) for v in value)
    cls = type(value)
    if attrs.has(cls):
        # A class the test compiled: its fields, in order, are its constructor's arguments.
        make = cast("Callable[[*tuple[object, ...]], object]", cls)
        return make(*(normalise(getattr(value, f.name)) for f in attrs.fields(cls)))
    return value


def run_now(awaitable: Coroutine[object, None, T]) -> T:
    """The result of a coroutine that never suspends (no event loop needed)."""
    try:
        awaitable.send(None)
    except StopIteration as done:
        result: T = done.value
        return result
    raise AssertionError("the coroutine suspended")


def capture_requests(module: ModuleType) -> object:
    """A ``Client`` of ``module`` whose calls return their request bytes instead of
    sending them (split procedures too)."""

    class Capture(module.Client):  # type: ignore[name-defined,misc]
        async def _invoke(self, what: str, request: bytes, decode: object, *,
                          idempotent: bool = True) -> bytes:
            return request

        def _split(self, what: str, request: bytes, decode: object) -> bytes:
            return request

    return Capture.__new__(Capture)


def call_request(client: object, proc: Procedure, args: Sequence[object]) -> bytes:
    """The request bytes ``client`` (from :func:`capture_requests`) makes for a call."""
    out = getattr(client, proc.name)(*args)
    request = out if proc.split else run_now(out)
    assert isinstance(request, bytes)
    return request


# ------------------------------------------------------------------ the language's types

INT32 = (-(2**31), 2**31 - 1)
UINT32 = (0, 2**32 - 1)
INT64 = (-(2**63), 2**63 - 1)
UINT64 = (0, 2**64 - 1)

SCALAR_RANGES: dict[str, tuple[int, int] | None] = {
    # canonical name (as the parser stores it) -> value range; None for bool
    **dict.fromkeys(["int", "afs_int32", "long", "int32_t", "short", "afs_int16", "char",
                     "afs_int8"], INT32),
    **dict.fromkeys(["unsigned", "afs_uint32", "u_int", "u_long", "uint32_t", "u_short",
                     "afs_uint16", "u_char", "afs_uint8", "afs_byte"], UINT32),
    **dict.fromkeys(["afs_int64", "hyper", "int64_t"], INT64),
    **dict.fromkeys(["afs_uint64", "uint64_t"], UINT64),
    "bool": None, "bool_t": None,
}
CHARS = {"char", "afs_int8"}
UCHARS = {"u_char", "afs_uint8", "afs_byte"}

SPELLINGS: dict[str, str] = {
    # how the random interfaces write each scalar -> the parser's canonical name
    "int": "int", "afs_int32": "afs_int32", "long": "long", "unsigned": "unsigned",
    "unsigned int": "unsigned", "unsigned long": "unsigned", "afs_uint32": "afs_uint32",
    "u_int": "u_int", "u_long": "u_long", "short": "short", "afs_int16": "afs_int16",
    "u_short": "u_short", "unsigned short": "u_short", "afs_uint16": "afs_uint16",
    "char": "char", "u_char": "u_char", "unsigned char": "u_char", "afs_int64": "afs_int64",
    "afs_uint64": "afs_uint64", "hyper": "hyper", "unsigned hyper": "afs_uint64",
    "bool": "bool",
}

TEXT = st.characters(codec="utf-8")
"""Characters that survive UTF-8 both ways (lone surrogates would not)."""
MAX_DEPTH = 3
"""How deep self-referential values go (a list of at most this many nodes)."""


def utf8_text(max_bytes: int, *, nul: bool = True) -> st.SearchStrategy[str]:
    """Text whose UTF-8 form has at most ``max_bytes`` bytes."""
    chars = TEXT if nul else st.characters(codec="utf-8", exclude_characters="\0")

    def cut(s: str) -> str:
        return s.encode()[:max_bytes].decode("utf-8", "ignore")

    return st.text(chars, max_size=max_bytes).map(cut)


class Values:
    """Hypothesis strategies for the Python values of a parsed interface's types."""

    def __init__(self, interface: Interface, module: ModuleType) -> None:
        self.interface = interface
        self.module = module
        self.types = interface.types

    def root(self, name: str) -> str | None:
        """The built-in scalar a name stands for through scalar typedefs, if any."""
        while name not in SCALAR_RANGES:
            decl = self.types.get(name)
            if not isinstance(decl, Typedef) or decl.type.kind != "scalar":
                return None
            name = decl.type.base
        return name

    def of(self, ref: TypeRef, depth: int = 0) -> st.SearchStrategy[object]:
        """Values of one type use (``T x``, ``T x[N]``, ``T x<N>``, ``T *x``)."""
        if ref.base == "string":
            return utf8_text(min(ref.size if ref.size is not None else 12, 12))
        if ref.base == "opaque":
            if ref.kind == "fixed":
                return st.binary(min_size=ref.size or 0, max_size=ref.size or 0)
            return st.binary(max_size=min(ref.size if ref.size is not None else 12, 12))
        if ref.kind == "scalar":
            return self.named(ref.base, depth)
        if ref.kind == "optional":
            if depth >= MAX_DEPTH:
                return st.none()
            return st.none() | self.named(ref.base, depth + 1)
        if ref.kind == "var":
            if depth >= MAX_DEPTH:
                return st.just([])
            limit = min(ref.size if ref.size is not None else 3, 3)
            return st.lists(self.named(ref.base, depth + 1), max_size=limit)
        n = ref.size or 0
        root = self.root(ref.base)
        if root in CHARS:
            return utf8_text(n - 1, nul=False)
        if root in UCHARS:
            return st.binary(min_size=n, max_size=n)
        return st.lists(self.named(ref.base, depth + 1), min_size=n, max_size=n)

    def named(self, name: str, depth: int) -> st.SearchStrategy[object]:
        if name in SCALAR_RANGES:
            bounds = SCALAR_RANGES[name]
            if bounds is None:
                return st.booleans()
            return st.integers(*bounds)
        decl = self.types[name]
        if isinstance(decl, Typedef):
            return self.of(decl.type, depth)
        if isinstance(decl, Enum):
            return st.sampled_from(list(getattr(self.module, name)))
        if isinstance(decl, Struct):
            cls = getattr(self.module, name)
            return st.builds(cls, *[self.of(f.type, depth) for f in decl.fields])
        return self.union(decl, depth)

    def aggregate(self, name: str) -> st.SearchStrategy[XDRValue]:
        """Values of a struct or union type (which all have ``encode``)."""
        assert isinstance(self.types[name], Struct | Union)
        return cast("st.SearchStrategy[XDRValue]", self.named(name, 0))

    def union(self, u: Union, depth: int) -> st.SearchStrategy[object]:
        cls = getattr(self.module, u.name)
        tag_type = self.types.get(u.discriminant.type.base)
        enum_cls = getattr(self.module, tag_type.name) if isinstance(tag_type, Enum) else None

        def tag_of(value: int) -> int:
            return enum_cls(value) if enum_cls is not None else value

        def arm(tags: st.SearchStrategy[int],
                decl_type: TypeRef | None) -> st.SearchStrategy[object]:
            values = st.none() if decl_type is None else self.of(decl_type, depth + 1)
            return st.builds(cls, tags.map(tag_of), values)

        options = [arm(st.sampled_from(a.values),
                       a.declaration.type if a.declaration else None) for a in u.arms]
        if u.default is not None:
            used = {v for a in u.arms for v in a.values}
            if enum_cls is not None:
                free = [m.value for m in enum_cls if m.value not in used]
                tags = st.sampled_from(free) if free else None
            else:
                bounds = SCALAR_RANGES[self.root(u.discriminant.type.base) or "int"] or (0, 1)
                tags = st.integers(*bounds).filter(lambda v: v not in used)
            if tags is not None:
                declared = u.default.declaration
                options.append(arm(tags, declared.type if declared else None))
        return st.one_of(options)

    def arguments(self, proc: Procedure) -> st.SearchStrategy[tuple[object, ...]]:
        """The IN and INOUT values of a call, in order."""
        return st.tuples(*[self.of(p.type) for p in proc.inputs])

    def results(self, proc: Procedure) -> st.SearchStrategy[tuple[object, ...]]:
        """The OUT and INOUT values of a reply, in order."""
        return st.tuples(*[self.of(p.type) for p in proc.outputs])


# ------------------------------------------------------------------ random interfaces

FIELD_NAMES = ["a", "b", "d", "o", "r", "v", "t", "k", "x", "_x", "tag", "value", "next",
               "type", "in", "from", "class", "None", "count", "index", "encode", "decode",
               "cls", "self", "call", "stream", "exc", "spare", "name", "size"]
"""Field and parameter names, including ones that clash with Python or generated code."""

_SCALAR_WORDS = sorted(SPELLINGS)


@attrs.define
class _Iface:
    """A random interface as it is being drawn: text so far and what it has declared."""

    draw: st.DrawFn
    lines: list[str] = attrs.Factory(list)
    consts: dict[str, int] = attrs.Factory(dict)
    enums: dict[str, list[int]] = attrs.Factory(dict)
    aggregates: list[str] = attrs.Factory(list)  # struct and union names
    typedefs: list[str] = attrs.Factory(list)
    serial: itertools.count[int] = attrs.Factory(itertools.count)

    def coin(self) -> bool:
        return self.draw(st.booleans())

    def name(self, stem: str) -> str:
        return f"{stem}{next(self.serial)}"

    def size(self, low: int, high: int) -> str:
        """A size written as a number (decimal or hex) or as a constant's name."""
        value = self.draw(st.integers(low, high))
        named = [c for c, v in self.consts.items() if v == value]
        style = self.draw(st.sampled_from(["dec", "hex", "const"]))
        if style == "const" and named:
            return str(self.draw(st.sampled_from(named)))
        return hex(value) if style == "hex" else str(value)

    def element(self) -> str:
        """A type to use: a scalar, an enum, a struct or union, a typedef."""
        choices = [*_SCALAR_WORDS, *self.enums, *self.aggregates, *self.typedefs]
        return str(self.draw(st.sampled_from(choices)))

    def declaration(self, name: str, *, self_name: str | None = None,
                    parameter: bool = False) -> str:
        """``T name`` in one of the language's forms."""
        forms = ["scalar", "fixed", "var", "unbounded", "string", "fopaque", "vopaque",
                 "cstr", "bytes", "optional"]
        if self_name is not None:
            forms += ["self_pointer", "self_list"]
        form = self.draw(st.sampled_from(forms))
        if form == "scalar":
            return f"{self.element()} {name}"
        if form == "fixed":
            return f"{self.element()} {name}[{self.size(1, 3)}]"
        if form == "var":
            return f"{self.element()} {name}<{self.size(0, 4)}>"
        if form == "unbounded":
            return f"{self.element()} {name}<>"
        if form == "string":
            return f"string {name}<{self.size(0, 20)}>" if self.draw(st.booleans()) \
                else f"string {name}<>"
        if form == "fopaque":
            return f"opaque {name}[{self.size(1, 9)}]"
        if form == "vopaque":
            return f"opaque {name}<{self.size(0, 9)}>" if self.draw(st.booleans()) \
                else f"opaque {name}<>"
        if form == "cstr":
            return f"char {name}[{self.size(1, 12)}]"
        if form == "bytes":
            spelled = self.draw(st.sampled_from(["u_char", "unsigned char"]))
            return f"{spelled} {name}[{self.size(1, 6)}]"
        if form == "self_pointer":
            return f"{self_name} *{name}"
        if form == "self_list":
            return f"{self_name} {name}<>"
        if parameter:  # a parameter's * is not an optional marker
            return f"{self.element()} {name}"
        return f"{self.element()} *{name}"

    def const(self) -> None:
        name = self.name("C")
        value = self.draw(st.integers(-(2**31), 2**31 - 1) | st.integers(0, 20))
        style = self.draw(st.sampled_from(["const", "const_hex", "define"]))
        text = hex(value) if style == "const_hex" and value >= 0 else str(value)
        if style == "define":
            self.lines.append(f"#define {name} {text}")
        else:
            self.lines.append(f"const {name} = {text};")
        self.consts[name] = value

    def typedef(self) -> None:
        name = self.name("T")
        self.lines.append(f"typedef {self.declaration(name)};")
        self.typedefs.append(name)

    def enum(self) -> None:
        name = self.name("E")
        count = self.draw(st.integers(1, 4))
        members: list[str] = []
        values: list[int] = []
        nxt = 0
        for i in range(count):
            member = f"{name}_M{i}"
            if self.draw(st.booleans()):
                nxt = self.draw(st.integers(-1000, 1000).filter(lambda v: v not in values))
                members.append(f"{member} = {nxt}")
            else:
                if nxt in values:
                    nxt = max(values) + 1
                    members.append(f"{member} = {nxt}")
                else:
                    members.append(member)
            values.append(nxt)
            self.consts[member] = nxt
            nxt += 1
        self.lines.append(f"enum {name} {{ {', '.join(members)} }};")
        self.enums[name] = values

    def struct(self) -> None:
        name = self.name("S")
        names = self.draw(st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=6,
                                   unique=True))
        fields = [f"    {self.declaration(f, self_name=name)};" for f in names]
        self.lines += [f"struct {name} {{", *fields, "};"]
        self.aggregates.append(name)

    def union(self) -> None:
        name = self.name("U")
        choice = self.draw(st.sampled_from(["int", "afs_int32", "unsigned", "enum"]))
        enum_names = list(self.enums)
        if choice == "enum" and enum_names:
            disc = self.draw(st.sampled_from(enum_names))
            pool = self.enums[disc]
        else:
            disc = "int" if choice == "enum" else choice
            low = 0 if disc == "unsigned" else -50
            pool = list(range(low, 50))
        labels = self.draw(st.lists(st.sampled_from(pool), min_size=1,
                                    max_size=min(len(pool), 5), unique=True))
        groups: list[list[int]] = []
        for label in labels:
            if groups and self.coin():
                groups[-1].append(label)
            else:
                groups.append([label])
        body: list[str] = []
        for i, group in enumerate(groups):
            cases = " ".join(f"case {self._label(v, disc)}:" for v in group)
            arm = "void" if self.draw(st.booleans()) else self.declaration(f"arm{i}")
            body.append(f"    {cases} {arm};")
        default = self.draw(st.sampled_from(["none", "void", "value"]))
        if default == "void":
            body.append("    default: void;")
        elif default == "value":
            body.append(f"    default: {self.declaration('other')};")
        self.lines += [f"union {name} switch ({disc} d) {{", *body, "};"]
        self.aggregates.append(name)

    def _label(self, value: int, disc: str) -> str:
        members = [m for m, v in self.consts.items()
                   if v == value and m.startswith(f"{disc}_M")]
        if members and self.coin():
            return members[0]
        return str(value)

    def procedure(self, opcode: int) -> None:
        name = self.name("Proc")
        names = self.draw(st.lists(st.sampled_from(FIELD_NAMES), max_size=5, unique=True))
        params: list[str] = []
        for p in names:
            direction = self.draw(st.sampled_from(["IN", "OUT", "INOUT"]))
            decl = self.declaration(p, parameter=True)
            if direction != "IN" and decl[-1] not in "]>" and self.draw(st.booleans()):
                base, _, rest = decl.rpartition(" ")
                decl = f"{base} *{rest}"
            params.append(f"{direction} {decl}")
        split = self.draw(st.sampled_from(["", "split ", "after"]))
        proc = self.draw(st.sampled_from(["", "proc "]))
        opcode_text = hex(opcode) if self.draw(st.booleans()) else str(opcode)
        joiner = ",\n    " if self.draw(st.booleans()) else ", "
        head = f"{proc}{split if split != 'after' else ''}{name}"
        tail = " split" if split == "after" else ""
        self.lines.append(f"{head}({joiner.join(params)}){tail} = {opcode_text};")


@st.composite
def interface_sources(draw: st.DrawFn) -> str:
    """The text of a random interface definition using every construct of the language."""
    g = _Iface(draw)
    if draw(st.booleans()):
        g.lines.append(f"package {draw(st.sampled_from(['X_', 'RAND_', 'p']))}")
    if draw(st.booleans()):
        g.lines.append("prefix S")
    if draw(st.booleans()):
        g.lines.append(f"statindex {draw(st.integers(0, 99))}")
    g.lines.append("%#include <rx/rx.h>")
    g.lines.append("/* a comment\n   over two lines */")
    for _ in range(draw(st.integers(0, 3))):
        g.const()
    kinds = ["typedef", "enum", "struct", "struct", "union", "union", "const"]
    steps = draw(st.lists(st.sampled_from(kinds), min_size=3, max_size=10))
    for step in steps:
        getattr(g, step)()
        if draw(st.booleans()):
            g.lines.append("// a line comment")
    opcodes = draw(st.lists(st.integers(0, 2**31 - 1) | st.integers(0, 40), max_size=4,
                            unique=True))
    for opcode in opcodes:
        g.procedure(opcode)
    return "\n".join(g.lines) + "\n"
