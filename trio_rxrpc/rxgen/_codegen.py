"""The code generator: an :class:`~trio_rxrpc.rxgen.Interface` to a typed Python module.

The module it writes holds, in this order: constants, enums, type aliases, one frozen
``attrs`` class per struct and union, their XDR codec functions, the error classes of the
given com_err tables, a ``Client`` and a ``Service`` class, and ``OPCODES``.  See
``docs/interfaces.rst`` for what each looks like to a user.

Codec functions are straight-line code.  Runs of fixed-size items are packed and unpacked
with one precompiled :class:`struct.Struct` each (see :mod:`trio_rxrpc.rxgen._types` and
:mod:`trio_rxrpc.rxgen._flatcode`); only counted arrays, strings, optional values and unions
cost a helper call each.
"""

from __future__ import annotations

import itertools
import struct
from typing import TYPE_CHECKING

from ._ast import Const, Enum, Interface, Procedure, Struct, Typedef, Union
from ._flatcode import FlatCode
from ._lexer import RxgenError
from ._names import argname, check_module_names, field_name, pyname, unique

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._ast import Declaration
    from ._errtable import ErrorTable
    from ._types import Wire

__all__ = ["generate"]

class _Gen(FlatCode):
    def __init__(self, interface: Interface, service_id: int | None,
                 error_tables: Sequence[ErrorTable], error_modules: Sequence[str],
                 source_name: str) -> None:
        super().__init__(interface)
        self.service_id = service_id
        self.error_tables = error_tables
        self.error_modules = error_modules
        self.source_name = source_name
        self.package = interface.package or ""

    # ------------------------------------------------------------ sequences of values

    def dec_seq(self, items: Sequence[tuple[Wire, str, str]], ind: str) -> list[str]:
        """Lines decoding values into variables, grouping runs of flat values.

        ``items`` are (wire, target variable, what) in wire order; ``d`` is the input and
        ``o`` the offset.
        """
        out: list[str] = []
        for flat, run in itertools.groupby(items, key=lambda item: item[0].flat):
            group = list(run)
            if not flat:
                for w, target, what in group:
                    out += self.dec_one(w, target, what, ind)
                continue
            t = self.var("t")
            fmt = "".join(w.fmt or "" for w, _, _ in group)
            out.append(f"{ind}{t} = {self.st(fmt)}.unpack_from(d, o)")
            k = 0
            whole = sum(w.items for w, _, _ in group)
            for w, target, what in group:
                out.append(f"{ind}{target} = {self.build(w, t, k, whole, what)}")
                k += w.items
            out.append(f"{ind}o += {sum(w.size for w, _, _ in group)}")
        return out

    def dec_one(self, w: Wire, target: str, what: str, ind: str) -> list[str]:
        if w.flat:
            return self.dec_seq([(w, target, what)], ind)
        n = repr(w.n)
        if w.kind == "string":
            return [f"{ind}{target}, o = string_decode(d, o, {n}, {what!r})"]
        if w.kind == "vopaque":
            return [f"{ind}{target}, o = opaque_decode(d, o, {n}, {what!r})"]
        if w.kind in ("struct", "union"):
            return [f"{ind}{target}, o = _d_{w.name}(d, o)"]
        if w.kind == "optional":
            assert w.elem is not None
            p = self.var("p")
            return [f"{ind}{p}, o = optional_tag(d, o, {what!r})",
                    f"{ind}if {p}:",
                    *self.dec_one(w.elem, target, what, ind + "    "),
                    f"{ind}else:",
                    f"{ind}    {target} = None"]
        e = w.elem
        assert e is not None
        cnt = self.var("n")
        if w.kind == "varray":
            lines = [f"{ind}{cnt}, o = count_decode(d, o, {n}, {what!r})"]
        else:
            lines = [f"{ind}{cnt} = {w.n}"]
        if e.flat and e.kind == "prim":
            lines += [f"{ind}need(d, o, {cnt} * {e.size}, {what!r})",
                      f"{ind}{target} = words({e.fmt!r}, {cnt}).unpack_from(d, o)",
                      f"{ind}o += {cnt} * {e.size}"]
        elif e.flat:
            t = self.var("t")
            lines += [f"{ind}need(d, o, {cnt} * {e.size}, {what!r})",
                      f"{ind}{target} = tuple([{self.build(e, t, 0, e.items, what)} for {t} in "
                      f"{self.st(e.fmt or '')}.iter_unpack(d[o:o + {cnt} * {e.size}])])",
                      f"{ind}o += {cnt} * {e.size}"]
        else:
            acc, v = self.var("l"), self.var("v")
            lines += [f"{ind}need(d, o, {cnt} * 4, {what!r})",
                      f"{ind}{acc}: list[{e.py}] = []",
                      f"{ind}for _ in range({cnt}):",
                      *self.dec_one(e, v, what, ind + "    "),
                      f"{ind}    {acc}.append({v})",
                      f"{ind}{target} = tuple({acc})"]
        return lines

    def enc_seq(self, items: Sequence[tuple[Wire, str, str]], ind: str) -> list[str]:
        """Lines appending values to ``b``, grouping runs of flat values."""
        out: list[str] = []
        for flat, run in itertools.groupby(items, key=lambda item: item[0].flat):
            group = list(run)
            if not flat:
                for w, v, what in group:
                    out += self.enc_one(w, v, what, ind)
                continue
            fmt = "".join(w.fmt or "" for w, _, _ in group)
            parts = ", ".join(self.flat(w, v, what) for w, v, what in group)
            out.append(f"{ind}b += {self.st(fmt)}.pack({parts})")
        return out

    def enc_one(self, w: Wire, v: str, what: str, ind: str) -> list[str]:
        if w.flat:
            return self.enc_seq([(w, v, what)], ind)
        n = repr(w.n)
        if w.kind == "string":
            return [f"{ind}string_encode(b, {v}, {n}, {what!r})"]
        if w.kind == "vopaque":
            return [f"{ind}opaque_encode(b, {v}, {n}, {what!r})"]
        if w.kind in ("struct", "union"):
            return [f"{ind}_e_{w.name}(b, {v})"]
        if w.kind == "optional":
            assert w.elem is not None
            return [f"{ind}if {v} is None:", f"{ind}    b += FALSE", f"{ind}else:",
                    f"{ind}    b += TRUE", *self.enc_one(w.elem, v, what, ind + "    ")]
        e = w.elem
        assert e is not None
        if w.kind == "varray":
            cnt = self.var("n")
            lines = [f"{ind}{cnt} = counted({v}, {n}, {what!r})", f"{ind}b += U32.pack({cnt})"]
            seq = v
        else:
            cnt = str(w.n)
            seq = f"fixed({v}, {w.n}, {what!r})"
            lines = []
        if e.flat and e.kind == "prim":
            lines.append(f"{ind}b += words({e.fmt!r}, {cnt}).pack(*{seq})")
        else:
            x = self.var("x")
            lines += [f"{ind}for {x} in {seq}:", *self.enc_one(e, x, what, ind + "    ")]
        return lines

    # ------------------------------------------------------------ declarations

    def gen_struct(self, s: Struct) -> tuple[list[str], list[str]]:
        """(class lines, codec function lines) of a struct."""
        fields = [(self.wire(f), pyname(f.name), f"{s.name}.{f.name}") for f in s.fields]
        unique([(pyname(f.name), f.name, f.location) for f in s.fields], "fields")
        names = ", ".join(repr(pyname(f.name)) for f in s.fields)
        defaults = [self.default(w) for w, _, _ in fields]
        if any(d is None for d in defaults):
            lines = [f"    {name}: {w.py}" for w, name, _ in fields]
        else:
            self.defaultable.add(s.name)
            lines = [f"    {name}: {w.py} = {d}" for (w, name, _), d in zip(fields, defaults,
                                                                             strict=True)]
        cls = [
            "@attrs.frozen",
            f"class {s.name}:",
            f'    """``struct {s.name}`` ({_where(s)})."""',
            "",
            f"    __xdr_fields__: ClassVar[tuple[str, ...]] = ({names},)",
            "",
            *lines,
            "",
            "    def encode(self) -> bytes:",
            '        """This value as XDR; raises TypeError or XDRError (a ValueError)."""',
            f"        return encode_value(_e_{s.name}, self, {s.name!r})",
            "",
            "    @classmethod",
            f"    def decode(cls, data: bytes | bytearray | memoryview) -> {s.name}:",
            '        """Decode one whole value; raises XDRError (a ValueError) if malformed."""',
            f"        return decode_all(_d_{s.name}, data, {s.name!r})",
            "", "",
        ]
        flat = self.res.named(s.name, s.location)
        fn: list[str] = []
        if flat.flat:
            args = ", ".join(self.build(w, "t", sum(x.items for x, _, _ in fields[:i]),
                                        flat.items, what) for i, (w, _, what) in enumerate(fields))
            items = ", ".join(self.flat(w, f"v.{name}", what) for w, name, what in fields)
            fn += [
                f"def _b_{s.name}(t: tuple[{', '.join(self.row(flat))}]) -> {s.name}:",
                f"    return {s.name}({args})",
                "", "",
                f"def _f_{s.name}(v: {s.name}) -> tuple[object, ...]:",
                f"    return ({items},)",
                "", "",
                f"def _d_{s.name}(d: bytes | memoryview, o: int) -> tuple[{s.name}, int]:",
                f"    return _b_{s.name}({self.st(flat.fmt or '')}.unpack_from(d, o)), "
                f"o + {flat.size}",
                "", "",
                f"def _e_{s.name}(b: bytearray, v: {s.name}) -> None:",
                f"    b += {self.st(flat.fmt or '')}.pack(*_f_{s.name}(v))",
                "", "",
            ]
            return cls, fn
        targets = [(w, f"f_{name}", what) for w, name, what in fields]
        fn += [f"def _d_{s.name}(d: bytes | memoryview, o: int) -> tuple[{s.name}, int]:",
               *self.dec_seq(targets, "    "),
               f"    return {s.name}({', '.join(t for _, t, _ in targets)}), o",
               "", "",
               f"def _e_{s.name}(b: bytearray, v: {s.name}) -> None:",
               *self.enc_seq([(w, f"v.{name}", what) for w, name, what in fields], "    "),
               "", ""]
        return cls, fn

    def gen_union(self, u: Union) -> tuple[list[str], list[str]]:
        disc = self.wire(u.discriminant)
        if not (disc.kind in ("enum", "bool") or (disc.kind == "prim" and disc.py == "int")):
            raise RxgenError(u.discriminant.location,
                             f"union {u.name} must switch on an integer or enum, not {disc.py}")
        arms = [*u.arms, *([u.default] if u.default else [])]
        types = sorted({self.wire(a.declaration).py for a in arms if a.declaration} | {"None"},
                       key=lambda t: (t == "None", t))
        cls = [
            "@attrs.frozen",
            f"class {u.name}:",
            f'    """``union {u.name}`` ({_where(u)}): ``tag`` selects what ``value`` holds."""',
            "",
            f"    tag: {disc.py}",
            f"    value: {' | '.join(types)} = None",
            "",
            "    def encode(self) -> bytes:",
            '        """This value as XDR; raises TypeError or XDRError (a ValueError)."""',
            f"        return encode_value(_e_{u.name}, self, {u.name!r})",
            "",
            "    @classmethod",
            f"    def decode(cls, data: bytes | bytearray | memoryview) -> {u.name}:",
            '        """Decode one whole value; raises XDRError (a ValueError) if malformed."""',
            f"        return decode_all(_d_{u.name}, data, {u.name!r})",
            "", "",
        ]
        what = f"{u.name}.{u.discriminant.name}"
        dec = [f"def _d_{u.name}(d: bytes | memoryview, o: int) -> tuple[{u.name}, int]:",
               *self.dec_seq([(disc, "tag", what)], "    "),
               f"    value: {' | '.join(types)}"]
        enc = [f"def _e_{u.name}(b: bytearray, v: {u.name}) -> None:",
               *self.enc_seq([(disc, "v.tag", what)], "    ")]
        first = True
        for arm in u.arms:
            cond = f"tag in {arm.values!r}" if len(arm.values) > 1 else f"tag == {arm.values[0]}"
            kw = "if" if first else "elif"
            first = False
            dec.append(f"    {kw} {cond}:")
            enc.append(f"    {kw} {cond.replace('tag', 'v.tag', 1)}:")
            dec += self._arm(arm.declaration, u.name, dec=True)
            enc += self._arm(arm.declaration, u.name, dec=False)
        dec.append("    else:")
        enc.append("    else:")
        if u.default is not None:
            dec += self._arm(u.default.declaration, u.name, dec=True)
            enc += self._arm(u.default.declaration, u.name, dec=False)
        else:
            dec.append(f"        raise XDRError(f'{u.name}: no case for tag {{tag}}')")
            enc.append(f"        raise XDRError(f'{u.name}: no case for tag {{v.tag}}')")
        dec += [f"    return {u.name}(tag, value), o", "", ""]
        enc += ["", ""]
        return cls, dec + enc

    def _arm(self, decl: Declaration | None, union: str, *, dec: bool) -> list[str]:
        if decl is None:
            return ["        value = None"] if dec else ["        pass"]
        w = self.wire(decl)
        what = f"{union}.{decl.name}"
        if dec:
            return self.dec_one(w, "value", what, "        ")
        a = self.var("a")
        return [f"        {a} = cast({w.py!r}, v.value)", *self.enc_one(w, a, what, "        ")]

    # ------------------------------------------------------------ procedures

    def full_name(self, p: Procedure) -> str:
        return f"{self.package}{p.name}"

    def result_type(self, p: Procedure) -> str:
        outs = p.outputs
        if not outs:
            return "None"
        if len(outs) == 1:
            return self.wire(outs[0]).py
        return f"{p.name}Result"

    def gen_procedure_codecs(self, p: Procedure) -> list[str]:
        full = self.full_name(p)
        ins = [(self.wire(a), argname(a.name), f"{full}.{a.name}") for a in p.inputs]
        outs = [(self.wire(a), argname(a.name), f"{full}.{a.name}") for a in p.outputs]
        rtype = self.result_type(p)
        unique([(argname(a.name), a.name, a.location) for a in p.parameters], "parameters")
        unique([(field_name(argname(a.name)), a.name, a.location) for a in p.outputs],
                "OUT parameters")
        lines: list[str] = []
        if len(outs) > 1:
            lines += [f"class {p.name}Result(NamedTuple):",
                      f'    """The OUT values of {full}."""', "",
                      *[f"    {field_name(name)}: {w.py}" for w, name, _ in outs], "", ""]
        # client: reply decoder
        lines += [f"def _o_{p.name}(d: bytes | memoryview, o: int) -> tuple[{rtype}, int]:"]
        lines += self.dec_seq([(w, f"r_{name}", what) for w, name, what in outs], "    ")
        if not outs:
            value = "None"
        elif len(outs) == 1:
            value = f"r_{outs[0][1]}"
        else:
            value = f"{p.name}Result({', '.join(f'r_{n}' for _, n, _ in outs)})"
        lines += [f"    return {value}, o", "", "",
                  f"def _r_{p.name}(data: bytes) -> {rtype}:",
                  f"    return decode_all(_o_{p.name}, data, {full + ' reply'!r})", "", ""]
        # service: request decoder, reply encoder
        args = ", ".join(w.py for w, _, _ in ins) or "()"
        lines += [f"def _i_{p.name}(d: bytes | memoryview, o: int) "
                  f"-> tuple[tuple[{args}], int]:"]
        lines += self.dec_seq([(w, f"a_{name}", what) for w, name, what in ins], "    ")
        tup = "".join(f"a_{name}, " for _, name, _ in ins)
        lines += [f"    return ({tup}), o", "", "",
                  f"def _w_{p.name}(r: {rtype}) -> bytes:",
                  "    b = bytearray()"]
        if len(outs) == 1:
            lines += self.enc_seq([(outs[0][0], "r", outs[0][2])], "    ")
        elif outs:
            lines += self.enc_seq([(w, f"r[{i}]", what) for i, (w, _, what) in enumerate(outs)],
                                  "    ")
        lines += ["    return bytes(b)", "", ""]
        return lines

    def client_method(self, p: Procedure) -> list[str]:
        full = self.full_name(p)
        ins = [(self.wire(a), argname(a.name), f"{full}.{a.name}") for a in p.inputs]
        params = "".join(f", {name}: {w.py}" for w, name, _ in ins)
        rtype = self.result_type(p)
        head = struct.pack(">i", p.opcode)
        body = [f"        b = bytearray({head!r})"]
        if ins:
            body += ["        try:", *self.enc_seq(ins, "            "),
                     "        except struct.error as exc:",
                     f"            raise encode_error(exc, {full!r}) from None"]
        doc = f'        """{full} (opcode {p.opcode}, {_where(p)}).'
        if p.split:
            return [f"    def {p.name}(self{params}) -> SplitCall[{rtype}]:",
                    doc,
                    "",
                    "        Use with ``async with``: entering sends the arguments; stream the",
                    "        data, then ``await stream.finish()`` returns the OUT values.",
                    '        """',
                    *body,
                    f"        return self._split({full!r}, bytes(b), _r_{p.name})", ""]
        return [f"    async def {p.name}(self{params}) -> {rtype}:",
                doc + " Cancellation aborts the call." + '"""',
                *body,
                f"        return await self._invoke({full!r}, bytes(b), _r_{p.name})", ""]

    def service_method(self, p: Procedure) -> list[str]:
        full = self.full_name(p)
        ins = [(self.wire(a), argname(a.name)) for a in p.inputs]
        first = "stream: SplitStream" if p.split else "call: Call"
        params = "".join(f", {name}: {w.py}" for w, name in ins)
        return [f"    async def {p.name}(self, {first}{params}) -> {self.result_type(p)}:",
                f'        """{full} (opcode {p.opcode}): override to implement."""',
                "        raise NotImplementedError", ""]

    # ------------------------------------------------------------ the module

    def module(self) -> str:
        iface = self.iface
        check_module_names(iface)
        head: list[str] = []
        classes: list[str] = []
        codecs: list[str] = []
        for d in iface.definitions:
            if isinstance(d, Const):
                head.append(f"{d.name}: Final = {d.value}")
            elif isinstance(d, Enum):
                classes += [f"class {d.name}(enum.IntEnum):",
                            f'    """``enum {d.name}`` ({_where(d)})."""', "",
                            *[f"    {m.name} = {m.value}" for m in d.members], "", ""]
                classes += [f"{m.name}: Final = {d.name}.{m.name}" for m in d.members]
                classes += ["", ""]
            elif isinstance(d, Typedef):
                w = self.res.use(d.type, d.location)
                classes += [f"{d.name}: TypeAlias = {w.py!r}", ""]
            elif isinstance(d, Struct):
                c, f = self.gen_struct(d)
                classes += c
                codecs += f
            else:
                c, f = self.gen_union(d)
                classes += c
                codecs += f
        for p in iface.procedures:
            codecs += self.gen_procedure_codecs(p)
        errors = self.gen_errors()
        client = ["class Client(_rpc.Client):",
                  f'    """Calls the {self.package or "interface"} procedures on a server."""',
                  "",
                  f"    SERVICE_ID = {self.service_id!r}", ""]
        for p in iface.procedures:
            client += self.client_method(p)
        procs = ", ".join(f"{p.opcode}: Procedure({p.name!r}, {p.opcode}, {p.split}, "
                          f"_i_{p.name}, _w_{p.name})" for p in iface.procedures)
        service = ["class Service(_rpc.Service):",
                   f'    """Serves the {self.package or "interface"} procedures: subclass and '
                   'override."""', "",
                   f"    SERVICE_ID = {self.service_id!r}",
                   f"    PROCEDURES: ClassVar[dict[int, Procedure]] = {{{procs}}}", ""]
        for p in iface.procedures:
            service += self.service_method(p)
        opcodes = ", ".join(f"{p.name!r}: {p.opcode}" for p in iface.procedures)
        structs = [f"{name} = struct.Struct({'>' + fmt!r})" for fmt, name in self.structs.items()]
        imports = [f"import {m}  # noqa: F401 -- registers its error classes"
                   for m in self.error_modules]
        if not iface.procedures and not iface.definitions:
            title = f"The com_err error tables of {self.source_name}"
        else:
            title = (f"The {self.package.rstrip('_') or 'rxgen'} interface, generated from "
                     f"{self.source_name}")
        text = [
            f'"""{title}: written by trio-rxrpc rxgen.',
            "",
            "Do not edit: regenerate with ``trio-rxrpc rxgen``.",
            '"""',
            "# ruff: noqa",
            "",
            "from __future__ import annotations",
            "",
        ]
        if not iface.procedures and not iface.definitions:
            text += ["from typing import Final", "", "from trio_rxrpc import rpc as _rpc",
                     *imports, "", "", *errors]
        else:
            text += [
                "import enum",
                "import struct",
                "from collections.abc import Sequence",
                "from typing import ClassVar, Final, NamedTuple, TypeAlias, cast",
                "",
                "import attrs",
                "",
                "from trio_rxrpc import Call, rpc as _rpc",
                "from trio_rxrpc.rpc import Procedure, SplitCall, SplitStream",
                "from trio_rxrpc.rpc.codec import (",
                "    FALSE, TRUE, U32, XDRError, as_bool, as_enum, bytes_decode, bytes_encode,",
                "    count_decode, counted, cstr_decode, cstr_encode, decode_all, encode_error,",
                "    encode_value, fixed, fixed_opaque, need, opaque_decode, opaque_encode,",
                "    optional_tag, string_decode, string_encode, words,",
                ")",
                *imports,
                "",
                f"PACKAGE: Final = {self.package!r}",
                f"STATINDEX: Final = {iface.statindex!r}",
                f"SERVICE_ID: Final = {self.service_id!r}",
                "",
                *head, "", "",
                *classes,
                *structs, "", "",
                *codecs,
                *errors,
                *client, "",
                *service, "",
                f"OPCODES: Final[dict[str, int]] = {{{opcodes}}}",
                '"""Every procedure\'s opcode, by name."""',
            ]
        # Tidy blank lines: at most two in a row, one at the end.
        out: list[str] = []
        blanks = 0
        for line in text:
            blanks = blanks + 1 if not line else 0
            if blanks <= 2:
                out.append(line.rstrip())
        return "\n".join(out).rstrip() + "\n"

    def gen_errors(self) -> list[str]:
        if not self.error_tables:
            return []
        lines: list[str] = []
        names: list[str] = []
        for table in self.error_tables:
            for e in table.entries:
                names.append(e.name)
                lines += [f"class {e.name}(_rpc.RPCError):",
                          f'    """{e.code} ({table.name}): {_doc(e.message)}"""', "",
                          f"    code = {e.code}",
                          f"    error_name = {e.name!r}",
                          f"    error_message = {e.message!r}",
                          f"    table = {table.name!r}", "", ""]
        lines += [f"ERRORS: Final[tuple[type[_rpc.RPCError], ...]] = ({', '.join(names)},)",
                  '"""The error classes of this module, one per code."""',
                  "_rpc.register(ERRORS)", "", ""]
        return lines


def _where(node: Struct | Union | Enum | Procedure) -> str:
    return f"{node.location.file.rsplit('/', 1)[-1]}:{node.location.line}"


def _doc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', "'''")


def generate(interface: Interface, *, service_id: int | None = None,
             error_tables: Sequence[ErrorTable] = (), error_modules: Sequence[str] = (),
             source_name: str | None = None) -> str:
    """The Python source of the module for ``interface``.

    Args:
        interface: the parsed ``.xg`` file.
        service_id: the Rx service ID clients use by default (``None``: callers must say).
        error_tables: com_err tables whose codes get error classes in this module.
        error_modules: modules to import for their error classes (e.g. a shared table).
        source_name: the file name quoted in the module's docstring.

    Raises:
        RxgenError: the interface uses a name the generated module needs for itself, or a
            type that cannot be resolved.
    """
    name = source_name or interface.file.rsplit("/", 1)[-1]
    return _Gen(interface, service_id, error_tables, error_modules, name).module()
