"""A reader for the C headers OpenAFS's rxgen writes (``vldbint.h``, ``ptint.h``, ...).

It knows only the shapes rxgen emits, which is all the AFS interface tests need to compare the
project's ``.xg`` files with what OpenAFS compiled:

* ``#define NAME VALUE`` lines (constants; values may be simple expressions of other names),
* ``#define opcode_PKGName ((afs_uint64)((S##LL << 32) + PKGOpCodeIndex(OPCODE)))``
  (one per procedure) and ``#define PKGSTATINDEX N``,
* ``struct NAME {`` one member a line ``};``,
* typedefs: ``typedef struct N { u_int N_len; T *N_val; } N;`` (variable array),
  ``typedef T N[SIZE];``, ``typedef struct T *N;`` (optional) and ``typedef T N;``,
* the server stubs ``extern afs_int32 SPKGName(`` whose parameters carry their direction in
  comments (``/*IN 3*/``, ``/*OUT*/``, ``/*I/O*/``); split procedures are the ones without a
  plain client stub taking a ``struct rx_connection *``.

Types come out canonical (:func:`canonical`): every spelling of a 32-bit signed integer is
``int32`` and so on; other names are kept (``struct`` dropped).
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from pathlib import Path

Kind = Literal["scalar", "fixed", "var", "optional"]

CANONICAL = {
    **dict.fromkeys(["int", "afs_int32", "long", "int32", "int32_t"], "int32"),
    **dict.fromkeys(
        ["unsigned", "unsigned int", "u_int", "afs_uint32", "unsigned long", "u_long",
         "uint32", "uint32_t"], "uint32"),
    **dict.fromkeys(["short", "afs_int16", "int16"], "int16"),
    **dict.fromkeys(["u_short", "unsigned short", "afs_uint16", "uint16"], "uint16"),
    **dict.fromkeys(["char", "afs_int8", "int8"], "char"),
    **dict.fromkeys(["u_char", "unsigned char", "afs_uint8", "uint8"], "uchar"),
    **dict.fromkeys(["afs_int64", "hyper", "int64"], "int64"),
    **dict.fromkeys(["afs_uint64", "unsigned hyper", "u_hyper", "uint64"], "uint64"),
    **dict.fromkeys(["bool", "bool_t"], "bool"),
}


def canonical(type_name: str) -> str:
    """One name per wire type: ``afs_int32``/``int``/``long`` -> ``int32`` etc."""
    name = " ".join(type_name.replace("const ", "").split())
    name = name.removeprefix("struct ")
    return CANONICAL.get(name, name)


@attrs.frozen
class CType:
    """A C member or typedef: canonical base, kind and (for fixed arrays) size."""

    base: str
    kind: Kind = "scalar"
    size: int | None = None


@attrs.frozen
class CParameter:
    """A procedure parameter: direction, name, canonical type (``"string"`` for strings)."""

    direction: Literal["IN", "OUT", "INOUT"]
    name: str
    type: str


@attrs.frozen
class CProcedure:
    name: str
    """Without the package prefix (``GetEntryByNameN``)."""
    opcode: int
    parameters: tuple[CParameter, ...]
    split: bool


@attrs.frozen
class CHeader:
    """Everything the tests compare, from one header."""

    defines: dict[str, int]
    statindex: dict[str, int]
    """Package (``VL_``) -> its ``statindex``."""
    procedures: dict[str, dict[str, CProcedure]]
    """Package -> procedure name -> procedure."""
    structs: dict[str, tuple[tuple[str, CType], ...]]
    typedefs: dict[str, CType]


_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_DEFINE = re.compile(r"^#define[ \t]+(\w+)[ \t]+([^\n]+)$", re.M)
_OPCODE = re.compile(
    r"^#define opcode_(\w+)\s+\(\(afs_uint64\)\(\(\d+LL << 32\) \+ (\w+)OpCodeIndex\((\d+)\)\)\)",
    re.M)
_STRUCT = re.compile(r"^struct (\w+) \{\n(.*?)\n\};", re.M | re.S)
_MEMBER = re.compile(r"(?P<type>[\w ]+?)\s*(?P<star>\*?)\s*(?P<name>\w+)(?:\[(?P<size>\w+)\])?")
_VAR_TYPEDEF = re.compile(
    r"^typedef struct (\w+) \{\s*u_int \1_len;\s*([\w ]+?)\s*\*\1_val;\s*\} \1;", re.M)
_OTHER_TYPEDEF = re.compile(r"^typedef ([\w ]+?)\s*(\*?)\s*(\w+)(?:\[(\w+)\])?;", re.M)
_SERVER_STUB = re.compile(r"^extern afs_int32 S(\w+)\(\n(.*?)\);", re.M | re.S)
_PARAMETER = re.compile(
    r"/\*(?P<dir>[^*]*)\*/\s*(?P<type>[\w ]+?)\s*(?P<stars>[* ]*?)(?P<name>\w+)(?=,|\s*\Z)")


def _evaluate(text: str, known: dict[str, int]) -> int | None:
    """The value of a ``#define`` body such as ``0x10``, ``(1u<<31)`` or ``( A | B )``."""
    text = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]+\b", r"\1", text.strip())
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return None

    def value(node: ast.expr) -> int | None:
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.Name):
            return known.get(node.id)
        if isinstance(node, ast.BinOp):
            left, right = value(node.left), value(node.right)
            if left is None or right is None:
                return None
            if isinstance(node.op, ast.BitOr):
                return left | right
            if isinstance(node.op, ast.LShift):
                return left << right
            if isinstance(node.op, ast.Add):
                return left + right
        return None

    return value(tree.body)


def _size(text: str | None, defines: dict[str, int]) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else defines[text]


def _member(declaration: str, defines: dict[str, int]) -> tuple[str, CType]:
    match = _MEMBER.fullmatch(declaration.strip().rstrip(";").strip())
    if match is None:
        raise ValueError(f"cannot read the member {declaration!r}")
    base = canonical(match["type"])
    if match["star"]:
        ctype = CType("string", "var") if base == "char" else CType(base, "optional")
    elif match["size"] is not None:
        ctype = CType(base, "fixed", _size(match["size"], defines))
    else:
        ctype = CType(base)
    return match["name"], ctype


def _parameter(direction: str, c_type: str, stars: int, name: str) -> CParameter:
    direction = direction.strip()
    kind: Literal["IN", "OUT", "INOUT"]
    if direction.startswith("IN"):
        kind = "IN"
    elif direction == "OUT":
        kind = "OUT"
    elif direction == "I/O":
        kind = "INOUT"
    else:
        raise ValueError(f"unknown parameter direction {direction!r} of {name}")
    base = canonical(c_type)
    if kind != "IN" or (stars == 1 and base != "char"):
        stars -= 1  # passed by reference
    if base == "char" and stars == 1:
        return CParameter(kind, name, "string")
    if stars != 0:
        raise ValueError(f"cannot read the parameter {c_type} {'*' * stars}{name}")
    return CParameter(kind, name, base)


def read_header(path: Path) -> CHeader:
    """Read one rxgen-generated header (see the module docstring for what is understood)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    text = _COMMENT.sub("", raw)

    defines: dict[str, int] = {}
    for name, body in _DEFINE.findall(text):
        value = _evaluate(body, defines)
        if value is not None:
            defines[name] = value
    statindex = {name.removesuffix("STATINDEX"): value
                 for name, value in defines.items() if name.endswith("STATINDEX")}

    structs = {
        name: tuple(_member(line, defines) for line in body.splitlines() if line.strip())
        for name, body in _STRUCT.findall(text)
    }

    typedefs: dict[str, CType] = {}
    for name, element in _VAR_TYPEDEF.findall(text):
        typedefs[name] = CType(canonical(element), "var")
    for c_type, star, name, size in _OTHER_TYPEDEF.findall(text):
        if c_type.startswith("struct ") and not star and canonical(c_type) == name:
            continue  # "typedef struct X X;": the struct itself
        if star:
            typedefs[name] = CType(canonical(c_type), "optional")
        elif size:
            typedefs[name] = CType(canonical(c_type), "fixed", _size(size, defines))
        else:
            typedefs[name] = CType(canonical(c_type))

    stubs: dict[str, tuple[CParameter, ...]] = {}
    for full_name, body in _SERVER_STUB.findall(raw):
        parameters = []
        for match in _PARAMETER.finditer(body):
            if match["name"] == "z_call":
                continue
            stars = match["stars"].count("*")
            parameters.append(_parameter(match["dir"], match["type"], stars, match["name"]))
        stubs[full_name] = tuple(parameters)

    procedures: dict[str, dict[str, CProcedure]] = {}
    for full_name, package, opcode in _OPCODE.findall(raw):
        name = full_name.removeprefix(package)
        plain = re.search(
            rf"^extern int {full_name}\(\n\s*/\*IN \*/ struct rx_connection \*z_conn", raw, re.M)
        procedures.setdefault(package, {})[name] = CProcedure(
            name, int(opcode), stubs[full_name], split=plain is None)

    return CHeader(defines, statindex, procedures, structs, typedefs)


def read_struct(path: Path, name: str) -> tuple[tuple[str, CType], ...]:
    """One hand-written struct (such as ``afsUUID`` in ``afs/stds.h``), read like rxgen's."""
    text = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    for found, body in _STRUCT.findall(text):
        if found == name:
            return tuple(_member(line, {}) for line in body.splitlines() if line.strip())
    raise LookupError(f"no struct {name} in {path}")
