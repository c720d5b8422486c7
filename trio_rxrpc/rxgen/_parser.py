"""The rxgen language's parser: tokens to an :class:`~trio_rxrpc.rxgen.Interface`.

Every mistake is an :class:`RxgenError` naming the file, line and column, and the parser
checks what the code generator relies on: names are declared before use and only once,
sizes are non-negative constants, opcodes are explicit and unique, union cases are distinct.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from ._ast import (
    Const,
    Declaration,
    Enum,
    Interface,
    Location,
    Parameter,
    Procedure,
    Struct,
    Typedef,
    TypeRef,
    Union,
    UnionArm,
)
from ._lexer import RxgenError, Token, tokenize

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["BUILTIN_TYPES", "parse_file", "parse_source"]

BUILTIN_TYPES: dict[str, str] = {
    # name -> struct format of one wire item ('?' is bool)
    "int": "i", "afs_int32": "i", "long": "i", "int32_t": "i",
    "unsigned": "I", "afs_uint32": "I", "u_int": "I", "u_long": "I", "uint32_t": "I",
    "short": "i", "afs_int16": "i", "u_short": "I", "afs_uint16": "I",
    "char": "i", "u_char": "I", "afs_int8": "i", "afs_uint8": "I", "afs_byte": "I",
    "afs_int64": "q", "afs_uint64": "Q", "hyper": "q", "int64_t": "q", "uint64_t": "Q",
    "bool": "?", "bool_t": "?", "float": "f", "double": "d",
}
"""Scalar types this compiler knows, and how each goes on the wire."""

_UNSIGNED = {"int": "unsigned", "long": "unsigned", "short": "u_short", "char": "u_char",
             "hyper": "afs_uint64"}
_KEYWORDS = {"const", "typedef", "enum", "struct", "union", "switch", "case", "default",
             "void", "IN", "OUT", "INOUT", "string", "opaque", "unsigned"}
"""Words that cannot name anything.  ``package``, ``prefix``, ``statindex``, ``proc``,
``split`` and ``multi`` mean something only where they are expected, so they may still
name a field or parameter."""
_MAX_INCLUDE_DEPTH = 16
_UINT32_MAX = 2**32 - 1
_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_RANGES = {"i": _INT32, "I": (0, _UINT32_MAX), "?": (0, 1), "q": _INT64, "Q": (0, 2**64 - 1)}
"""The values each wire format holds (union case labels must be among them)."""


class _Parser:
    def __init__(self, path: Path | None, filename: str, text: str,
                 loader: Callable[[Path], str] | None, depth: int = 0) -> None:
        self.path = path
        self.depth = depth
        self.loader = loader
        self.tokens = tokenize(text, filename)
        self.pos = 0
        self.filename = filename
        self.package: str | None = None
        self.prefix: str | None = None
        self.statindex: int | None = None
        self.definitions: list[Const | Typedef | Enum | Struct | Union] = []
        self.procedures: list[Procedure] = []
        self.names: dict[str, Location] = {}
        self.constants: dict[str, int] = {}
        self.types: set[str] = set()
        self.opcodes: dict[int, Procedure] = {}
        self.uses: list[Token] = []  # type names used, checked once the whole file is read

    # ------------------------------------------------------------ token helpers

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def next(self) -> Token:
        tok = self.tokens[self.pos]
        if tok.kind != "eof":
            self.pos += 1
        return tok

    def error(self, message: str, tok: Token | None = None) -> RxgenError:
        tok = self.tok if tok is None else tok
        found = "end of file" if tok.kind == "eof" else repr(tok.text)
        return RxgenError(tok.location, message.replace("{found}", found))

    def accept(self, text: str) -> Token | None:
        if self.tok.text == text and self.tok.kind in ("ident", "punct"):
            return self.next()
        return None

    def expect(self, text: str) -> Token:
        tok = self.accept(text)
        if tok is None:
            raise self.error(f"expected {text!r}, found {{found}}")
        return tok

    def ident(self, what: str) -> Token:
        tok = self.tok
        if tok.kind != "ident" or tok.text in _KEYWORDS:
            raise self.error(f"expected {what}, found {{found}}")
        return self.next()

    def declare(self, tok: Token) -> None:
        if tok.text in self.names:
            raise RxgenError(tok.location, f"{tok.text!r} is already declared at "
                             f"{self.names[tok.text]}")
        if tok.text in BUILTIN_TYPES:
            raise RxgenError(tok.location, f"{tok.text!r} is a built-in type")
        self.names[tok.text] = tok.location

    def value(self, what: str) -> tuple[int, str | None]:
        tok = self.next()
        if tok.kind == "number":
            return tok.value, None
        if tok.kind == "ident" and tok.text in self.constants:
            return self.constants[tok.text], tok.text
        if tok.kind == "ident":
            raise RxgenError(tok.location, f"{tok.text!r} is not a known constant")
        raise self.error(f"expected {what}, found {{found}}", tok)

    def bounded(self, what: str, low: int, high: int) -> int:
        """A value that must lie within ``low..high``."""
        value, _ = self.value(what)
        if not low <= value <= high:
            raise RxgenError(self.tokens[self.pos - 1].location,
                             f"{what} {value} is outside {low}..{high}")
        return value

    # ------------------------------------------------------------ file level

    def parse(self) -> None:
        while self.tok.kind != "eof":
            self.item()

    def check_uses(self) -> None:
        for use in self.uses:
            if use.text not in self.types:
                raise RxgenError(use.location, f"unknown type {use.text!r}")

    def check_cycles(self) -> None:
        """Refuse types without end: a typedef that stands for itself, or a struct holding
        itself with no pointer, variable array or union on the way back."""
        typedefs = {d.name: d for d in self.definitions if isinstance(d, Typedef)}
        structs = {d.name: d for d in self.definitions if isinstance(d, Struct)}

        def aliases(name: str) -> list[str]:
            t = typedefs[name].type if name in typedefs else None
            return [t.base] if t is not None and t.base in typedefs else []

        def holds(name: str) -> list[str]:
            if name in typedefs:
                uses = [typedefs[name].type]
            else:
                uses = [f.type for f in structs[name].fields] if name in structs else []
            return [u.base for u in uses if u.kind in ("scalar", "fixed")]

        looped = _find_cycle(typedefs, aliases)
        if looped is not None:
            raise RxgenError(typedefs[looped].location, f"typedef {looped!r} stands for itself")
        looped = _find_cycle([*typedefs, *structs], holds)
        if looped is not None:
            where = (typedefs.get(looped) or structs[looped]).location
            raise RxgenError(where, f"{looped!r} contains itself: only a pointer (*) or a "
                             "variable-length array (<>) can lead back to it")

    def item(self) -> None:
        tok = self.tok
        if tok.kind == "define":
            self.next()
            self.define(tok)
        elif tok.kind == "include":
            self.next()
            self.include(tok)
        elif tok.kind == "punct" and tok.text == ";":
            self.next()
        elif tok.text == "package":
            self.next()
            self.package = self.ident("a package prefix").text
        elif tok.text == "prefix":
            self.next()
            self.prefix = self.ident("a prefix").text
        elif tok.text == "statindex":
            self.next()
            self.statindex = self.value("a number")[0]
        elif tok.text == "const":
            self.next()
            self.const()
        elif tok.text == "typedef":
            self.next()
            self.typedef()
        elif tok.text == "enum":
            self.next()
            self.enum()
        elif tok.text == "struct":
            self.next()
            self.struct()
        elif tok.text == "union":
            self.next()
            self.union()
        elif tok.kind == "ident":
            self.procedure()
        else:
            raise self.error("expected a declaration or a procedure, found {found}")

    def define(self, tok: Token) -> None:
        name, _, text = tok.text.partition(" ")
        sub = tokenize(text, self.filename)
        if len(sub) != 2:
            raise RxgenError(tok.location, f"#define {name}: expected one number or constant")
        item = sub[0]
        if item.kind == "number":
            value = item.value
        elif item.kind == "ident" and item.text in self.constants:
            value = self.constants[item.text]
        else:
            raise RxgenError(tok.location, f"#define {name}: {item.text!r} is not a number "
                             "or a known constant")
        self.add_const(Token("ident", name, tok.location), value)

    def add_const(self, name: Token, value: int) -> None:
        self.declare(name)
        self.constants[name.text] = value
        self.definitions.append(Const(name.text, value, name.location))

    def include(self, tok: Token) -> None:
        if self.path is None or self.loader is None:
            raise RxgenError(tok.location, "#include needs a file to be relative to")
        target = (self.path.parent / tok.text).resolve()
        if self.depth >= _MAX_INCLUDE_DEPTH:
            raise RxgenError(tok.location, "#include nests too deeply")
        try:
            text = self.loader(target)
        except OSError as exc:
            raise RxgenError(tok.location, f"cannot read {tok.text!r}: "
                             f"{exc.strerror or exc}") from None
        child = _Parser(target, str(Path(self.filename).parent / tok.text), text, self.loader,
                        self.depth + 1)
        child.names, child.constants, child.types = self.names, self.constants, self.types
        child.definitions, child.procedures = self.definitions, self.procedures
        child.opcodes, child.uses = self.opcodes, self.uses
        child.package, child.prefix, child.statindex = self.package, self.prefix, self.statindex
        child.parse()
        self.package, self.prefix, self.statindex = child.package, child.prefix, child.statindex

    def const(self) -> None:
        name = self.ident("a constant name")
        self.expect("=")
        value, _ = self.value("a number")
        self.expect(";")
        self.add_const(name, value)

    # ------------------------------------------------------------ types

    def type_name(self) -> Token:
        """A type specifier: a built-in, ``unsigned X``, ``struct X`` or a declared name."""
        tok = self.tok
        if tok.text == "unsigned":
            self.next()
            following = self.tok.text
            if following in _UNSIGNED:
                self.next()
                return Token("ident", _UNSIGNED[following], tok.location)
            return Token("ident", "unsigned", tok.location)
        if tok.text in ("struct", "enum", "union"):
            self.next()
        name = self.tok
        if name.kind != "ident" or name.text in _KEYWORDS - {"string", "opaque"}:
            raise self.error("expected a type, found {found}")
        self.next()
        if name.text not in BUILTIN_TYPES and name.text not in ("string", "opaque") \
                and name.text not in self.types:
            # Perhaps declared further on, as C allows for pointers: checked at the end.
            self.uses.append(name)
        return name

    def declaration(self, *, parameter: bool = False) -> Declaration | None:
        """``T name``, ``T name[N]``, ``T name<N>``, ``T *name``; ``None`` for ``void``."""
        if self.accept("void"):
            return None
        base = self.type_name()
        pointer = self.accept("*") is not None
        name = self.ident("a name")
        kind: Literal["scalar", "fixed", "var", "optional"] = "scalar"
        size: int | None = None
        size_name: str | None = None
        if self.accept("["):
            kind = "fixed"
            size, size_name = self.value("an array size")
            self.expect("]")
        elif self.accept("<"):
            kind = "var"
            if not self.accept(">"):
                size, size_name = self.value("an array bound")
                self.expect(">")
        if size is not None and size < 0:
            raise RxgenError(name.location, f"{name.text}: size {size} is negative")
        if size is not None and size > _UINT32_MAX:
            raise RxgenError(name.location, f"{name.text}: size {size} does not fit in 32 bits")
        if size == 0 and kind == "fixed":
            raise RxgenError(name.location, f"{name.text}: a fixed array of size 0")
        if pointer and kind != "scalar":
            raise RxgenError(name.location, f"{name.text}: a pointer to an array")
        if pointer and not parameter:
            kind = "optional"
        if base.text in ("string", "opaque") and (
                kind not in ("fixed", "var") or (base.text == "string" and kind == "fixed")):
            raise RxgenError(base.location, f"{name.text}: {base.text} needs "
                                 + ("<N>" if base.text == "string" else "[N] or <N>"))
        return Declaration(name.text, TypeRef(base.text, kind, size, size_name), name.location)

    def typedef(self) -> None:
        start = self.tok
        decl = self.declaration()
        if decl is None:
            raise self.error("typedef of void", start)
        self.expect(";")
        self.declare(Token("ident", decl.name, decl.location))
        self.types.add(decl.name)
        self.definitions.append(Typedef(decl.name, decl.type, decl.location))

    def enum(self) -> None:
        name = self.ident("an enum name")
        self.declare(name)
        self.expect("{")
        members: list[Const] = []
        nxt = 0
        while not self.accept("}"):
            member = self.ident("an enum member")
            if self.accept("="):
                nxt = self.bounded("enum value", *_INT32)
            self.add_const(member, nxt)
            self.definitions.pop()
            members.append(Const(member.text, nxt, member.location))
            nxt += 1
            if not self.accept(","):
                self.expect("}")
                break
        if not members:
            raise RxgenError(name.location, f"enum {name.text} has no members")
        self.expect(";")
        self.types.add(name.text)
        self.definitions.append(Enum(name.text, tuple(members), name.location))

    def struct(self) -> None:
        name = self.ident("a struct name")
        self.declare(name)
        self.types.add(name.text)  # a struct may point to itself
        self.expect("{")
        fields: list[Declaration] = []
        seen: set[str] = set()
        while not self.accept("}"):
            decl = self.declaration()
            if decl is None:
                raise self.error("a struct field cannot be void")
            if decl.name in seen:
                raise RxgenError(decl.location, f"field {decl.name!r} appears twice")
            seen.add(decl.name)
            fields.append(decl)
            self.expect(";")
        self.expect(";")
        if not fields:
            raise RxgenError(name.location, f"struct {name.text} has no fields")
        self.definitions.append(Struct(name.text, tuple(fields), name.location))

    def union(self) -> None:
        name = self.ident("a union name")
        self.declare(name)
        self.types.add(name.text)
        self.expect("switch")
        self.expect("(")
        disc = self.declaration()
        if disc is None or disc.type.kind != "scalar" \
                or disc.type.base in ("string", "opaque", "float", "double"):
            raise self.error("a union switches on an integer or enum declaration")
        self.expect(")")
        low, high = self.integer_range(disc.type.base)
        self.expect("{")
        arms: list[UnionArm] = []
        default: UnionArm | None = None
        seen: dict[int, Location] = {}
        while not self.accept("}"):
            start = self.tok
            values: list[int] = []
            if self.accept("default"):
                self.expect(":")
                if default is not None:
                    raise RxgenError(start.location, "a second default case")
            else:
                while self.accept("case"):
                    value = self.bounded("case value", low, high)
                    where = self.tokens[self.pos - 1].location
                    if value in seen:
                        raise RxgenError(where, f"case {value} appears twice (first at "
                                         f"{seen[value]})")
                    seen[value] = where
                    values.append(value)
                    self.expect(":")
                if not values:
                    raise self.error("expected 'case' or 'default', found {found}")
            decl = self.declaration()
            self.expect(";")
            arm = UnionArm(tuple(values), decl, start.location)
            if values:
                arms.append(arm)
            else:
                default = arm
        self.expect(";")
        if not arms:
            raise RxgenError(name.location, f"union {name.text} has no cases")
        self.definitions.append(Union(name.text, disc, tuple(arms), default, name.location))

    def integer_range(self, name: str) -> tuple[int, int]:
        """The values a discriminant of type ``name`` can take (as far as known here)."""
        typedefs = {d.name: d for d in self.definitions if isinstance(d, Typedef)}
        seen = {name}
        while name in typedefs and typedefs[name].type.kind == "scalar":
            name = typedefs[name].type.base
            if name in seen:  # a cycle: refused once the whole file is read
                break
            seen.add(name)
        return _RANGES.get(BUILTIN_TYPES.get(name, "i"), _INT64)

    # ------------------------------------------------------------ procedures

    def procedure(self) -> None:
        self.accept("proc")
        split = False
        while (word := self.tok.text) in ("split", "multi") and self.tok.kind == "ident":
            self.next()
            split = split or word == "split"
        name = self.ident("a procedure name")
        if name.text in self.names:
            raise RxgenError(name.location, f"{name.text!r} is already declared at "
                             f"{self.names[name.text]}")
        self.names[name.text] = name.location
        self.expect("(")
        params: list[Parameter] = []
        direction: Literal["IN", "OUT", "INOUT"] = "IN"
        seen: set[str] = set()
        if not self.accept(")"):
            while True:
                if self.tok.text in ("IN", "OUT", "INOUT"):
                    direction = cast('Literal["IN", "OUT", "INOUT"]', self.next().text)
                decl = self.declaration(parameter=True)
                if decl is None:
                    raise self.error("a parameter cannot be void")
                if decl.name in seen:
                    raise RxgenError(decl.location, f"parameter {decl.name!r} appears twice")
                seen.add(decl.name)
                params.append(Parameter(direction, decl.name, decl.type, decl.location))
                if self.accept(")"):
                    break
                self.expect(",")
        while (word := self.tok.text) in ("split", "multi") and self.tok.kind == "ident":
            self.next()
            split = split or word == "split"
        if not self.accept("="):
            raise self.error(f"procedure {name.text}: expected '= OPCODE', found {{found}}")
        opcode = self.bounded("opcode", *_INT32)
        self.expect(";")
        if opcode in self.opcodes:
            raise RxgenError(name.location, f"opcode {opcode} of {name.text} is already "
                             f"used by {self.opcodes[opcode].name}")
        proc = Procedure(name.text, opcode, tuple(params), split, name.location)
        self.opcodes[opcode] = proc
        self.procedures.append(proc)


def _find_cycle(nodes: Iterable[str], edges: Callable[[str], list[str]]) -> str | None:
    """A node on a cycle of the graph, if there is one (depth first, without recursion)."""
    colour: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in nodes:
        if root in colour:
            continue
        colour[root] = 1
        stack = [(root, iter(edges(root)))]
        while stack:
            node, pending = stack[-1]
            nxt = next(pending, None)
            if nxt is None:
                colour[node] = 2
                stack.pop()
            elif colour.get(nxt) == 1:
                return nxt
            elif nxt not in colour:
                colour[nxt] = 1
                stack.append((nxt, iter(edges(nxt))))
    return None


def parse_source(text: str, filename: str = "<string>", *,
                 path: Path | None = None) -> Interface:
    """Parse an interface definition held in a string.

    ``#include`` works only when ``path`` (the file the text came from) is given.

    Raises:
        RxgenError: the text is not a valid interface definition.
    """
    parser = _Parser(path, filename, text, _read if path is not None else None)
    parser.parse()
    parser.check_uses()
    parser.check_cycles()
    return Interface(filename, parser.package, parser.prefix, parser.statindex,
                     tuple(parser.definitions), tuple(parser.procedures))


def parse_file(path: str | Path) -> Interface:
    """Parse a ``.xg`` file (and the files it includes).

    Raises:
        RxgenError: the file is not a valid interface definition.
        OSError: the file cannot be read.
    """
    p = Path(path)
    return parse_source(_read(p), str(path), path=p)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="surrogateescape")
