"""The project's AFS interfaces (``trio_rxrpc/afs/xg/*.xg``) against OpenAFS's generated C headers.

OpenAFS installs the headers its rxgen wrote from its own interface files (package
libopenafs-dev): ``afs/vldbint.h``, ``afs/ptint.h``, ``afs/bosint.h``, ``afs/volint.h`` and
``ubik_int.h``.  They are the independent ground truth for each procedure's opcode, parameters
(names, directions, types) and whether it is split, for each struct's members (names, order,
types, fixed or variable arrays and their sizes), for the typedefs and for the constants.

Each ``.xg`` file is read with the project's own parser (``trio_rxrpc.rxgen.parse_file``); the
headers with the small reader in ``c_headers.py``.  Types are compared in canonical form (every
spelling of a 32-bit integer is ``int32``, ...), so ``afs_int32`` and ``long`` agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from c_headers import CANONICAL, CHeader, CType, canonical, read_header, read_struct
from conftest import peer_missing

from trio_rxrpc import rxgen
from trio_rxrpc.rxgen._ast import Const, Interface, Struct, Typedef, TypeRef

if TYPE_CHECKING:
    from collections.abc import Callable

XG = Path(__file__).resolve().parents[2] / "trio_rxrpc" / "afs" / "xg"
INCLUDE = Path("/usr/include")
HEADER_HINT = "run scripts/setup.sh --test as root; it installs libopenafs-dev"

INTERFACES = {
    # .xg file: (header, package)
    "vl.xg": ("afs/vldbint.h", "VL_"),
    "pt.xg": ("afs/ptint.h", "PR_"),
    "bos.xg": ("afs/bosint.h", "BOZO_"),
    "vol.xg": ("afs/volint.h", "AFSVol"),
    "ubik.xg": ("ubik_int.h", "VOTE_"),
    "ubik_disk.xg": ("ubik_int.h", "DISK_"),
    "afsint.xg": ("afs/afsint.h", "RXAFS_"),
    "afscbint.xg": ("afs/afscbint.h", "RXAFSCB_"),
}

HAND_WRITTEN = {"afsUUID": "afs/stds.h"}
"""Structs OpenAFS encodes by hand: compared with their C declaration instead."""

DELIBERATE = {
    ("afsUUID", "node"): CType("uchar", "fixed", 6),
    ("bozo_key", "data"): CType("uchar", "fixed", 8),
}
"""Members declared ``u_char`` here where OpenAFS has ``char``: binary data, not C strings, so
they become ``bytes`` rather than ``str``.  Each byte still travels as one 32-bit word."""

LEFT_OUT = {"afsint.xg": frozenset({"CBS", "BBS", "AFSAccessList"})}
"""Structs of a header the ``.xg`` file does not declare.  OpenAFS encodes these three by hand
(a count, then that many bytes behind a ``char *``), which an interface file cannot spell as
such, and no procedure takes them: access lists travel as ``AFSOpaque``."""

RXGEN_DEFINES = ("STATINDEX", "LOWEST_OPCODE", "HIGHEST_OPCODE", "NUMBER_OPCODES",
                 "NO_OF_STAT_FUNCS")
"""Suffixes of the ``#define``s rxgen adds itself (not constants of the interface)."""


def header_path(relative: str) -> Path:
    for candidate in (INCLUDE / relative, INCLUDE / "afs" / Path(relative).name):
        if candidate.is_file():
            return candidate
    peer_missing(f"OpenAFS header {relative} not found under {INCLUDE}", HEADER_HINT)


def header(xg_name: str) -> CHeader:
    return read_header(header_path(INTERFACES[xg_name][0]))


def interface(xg_name: str) -> Interface:
    parse_file = getattr(rxgen, "parse_file", None)
    if parse_file is None:
        pytest.skip("trio_rxrpc.rxgen has no parse_file yet (the .xg parser is not written)")
    return cast("Callable[[Path], Interface]", parse_file)(XG / xg_name)


def canonical_ref(ref: TypeRef) -> CType:
    """A parsed .xg type in the header reader's terms."""
    if ref.base == "string":
        return CType("string", "var")
    base = canonical(ref.base)
    if base == "opaque":
        base = "char"  # rxgen writes opaque data as char in C
    return CType(base, ref.kind, ref.size if ref.kind == "fixed" else None)


def expected_member(struct: str, member: str, found: CType) -> CType:
    return DELIBERATE.get((struct, member), found)


xg_names = pytest.mark.parametrize("xg_name", sorted(INTERFACES))


# --------------------------------------------------------------- the header reader itself


def test_header_reader_knows_some_facts() -> None:
    """Spot checks, so a reader that silently finds nothing cannot pass the comparisons."""
    vl = header("vl.xg")
    assert vl.statindex == {"VL_": 15}
    assert len(vl.procedures["VL_"]) == 28
    by_name = vl.procedures["VL_"]["GetEntryByNameN"]
    assert by_name.opcode == 519
    assert [(p.direction, p.name, p.type) for p in by_name.parameters] == [
        ("IN", "volumename", "string"), ("OUT", "entry", "nvldbentry")]
    assert vl.structs["nvldbentry"][0] == ("name", CType("char", "fixed", 65))
    assert len(vl.structs["nvldbentry"]) == 17
    assert vl.typedefs["bulkaddrs"] == CType("uint32", "var")
    assert vl.typedefs["vldblist"] == CType("single_vldbentry", "optional")
    assert vl.defines["VLOP_ALLOPERS"] == 0x1F0
    assert not vl.procedures["VL_"]["ProbeServer"].split

    vol = header("vol.xg")
    assert vol.procedures["AFSVol"]["DumpV2"].split
    assert vol.procedures["AFSVol"]["CreateVolume"].parameters[4].direction == "INOUT"
    bos = header("bos.xg")
    assert bos.procedures["BOZO_"]["Install"].split
    assert bos.procedures["BOZO_"]["GetStatus"].parameters[2].type == "string"
    ubik = header("ubik.xg")
    assert ubik.statindex == {"VOTE_": 11, "DISK_": 12}
    assert ubik.procedures["VOTE_"]["XDebug"].opcode == 10006
    assert header("pt.xg").defines["PR_SF_NGROUPS"] == 1 << 31


def test_hand_written_uuid_as_installed() -> None:
    members = read_struct(header_path(HAND_WRITTEN["afsUUID"]), "afsUUID")
    assert [name for name, _ in members] == [
        "time_low", "time_mid", "time_hi_and_version", "clock_seq_hi_and_reserved",
        "clock_seq_low", "node"]


# ------------------------------------------------------------------ .xg against headers


@xg_names
def test_package_and_statindex(xg_name: str) -> None:
    package = INTERFACES[xg_name][1]
    parsed = interface(xg_name)
    assert parsed.package == package
    assert parsed.prefix == "S"
    assert parsed.statindex == header(xg_name).statindex[package]


@xg_names
def test_procedures_and_opcodes(xg_name: str) -> None:
    package = INTERFACES[xg_name][1]
    expected = {name: proc.opcode for name, proc in header(xg_name).procedures[package].items()}
    parsed = interface(xg_name)
    assert {proc.name: proc.opcode for proc in parsed.procedures} == expected


@xg_names
def test_procedure_parameters_and_split(xg_name: str) -> None:
    package = INTERFACES[xg_name][1]
    expected = header(xg_name).procedures[package]
    for proc in interface(xg_name).procedures:
        want = expected[proc.name]
        got = [(p.direction, p.name, canonical_ref(p.type)) for p in proc.parameters]
        assert got == [(p.direction, p.name, CType(p.type, "var" if p.type == "string"
                                                    else "scalar"))
                       for p in want.parameters], proc.name
        assert proc.split == want.split, proc.name


@xg_names
def test_structs(xg_name: str) -> None:
    c_header = header(xg_name)
    parsed = interface(xg_name).structs
    for name, struct in parsed.items():
        if name in HAND_WRITTEN:
            members = read_struct(header_path(HAND_WRITTEN[name]), name)
        else:
            assert name in c_header.structs, f"struct {name} is not in the header"
            members = c_header.structs[name]
        assert_same_members(struct, members)
    missing = set(c_header.structs) - set(parsed) - LEFT_OUT.get(xg_name, frozenset())
    assert not missing, f"structs of the header missing from {xg_name}: {sorted(missing)}"


def test_left_out_structs_are_unused() -> None:
    for xg_name, names in LEFT_OUT.items():
        c_header = header(xg_name)
        assert names <= set(c_header.structs)
        package = INTERFACES[xg_name][1]
        used = {p.type for proc in c_header.procedures[package].values() for p in proc.parameters}
        used |= {c_type.base for members in c_header.structs.values() for _, c_type in members}
        assert not names & used, xg_name


def assert_same_members(struct: Struct, members: tuple[tuple[str, CType], ...]) -> None:
    assert [field.name for field in struct.fields] == [name for name, _ in members], struct.name
    for field, (name, c_type) in zip(struct.fields, members, strict=True):
        want = expected_member(struct.name, name, c_type)
        assert canonical_ref(field.type) == want, f"{struct.name}.{name}"


@xg_names
def test_typedefs(xg_name: str) -> None:
    c_header = header(xg_name)
    parsed = {d.name: d for d in interface(xg_name).definitions if isinstance(d, Typedef)}
    assert sorted(parsed) == sorted(c_header.typedefs)
    for name, typedef in parsed.items():
        assert canonical_ref(typedef.type) == c_header.typedefs[name], name


@xg_names
def test_constants(xg_name: str) -> None:
    c_header = header(xg_name)
    constants = {d.name: d.value for d in interface(xg_name).definitions if isinstance(d, Const)}
    from_interface = {
        name: value for name, value in c_header.defines.items()
        if not name.endswith(RXGEN_DEFINES) and not name.startswith(("_", "opcode_"))
    }
    missing = set(from_interface) - set(constants)
    assert not missing, f"constants of the header missing from {xg_name}: {sorted(missing)}"
    for name, value in constants.items():
        if name in c_header.defines:
            assert value == c_header.defines[name], name


@xg_names
def test_sizes_keep_their_constant_names(xg_name: str) -> None:
    """A size written as a name is resolved to that constant's value."""
    parsed = interface(xg_name)
    constants = parsed.constants
    refs: list[TypeRef] = [field.type for struct in parsed.structs.values()
                           for field in struct.fields]
    refs += [d.type for d in parsed.definitions if isinstance(d, Typedef)]
    refs += [p.type for proc in parsed.procedures for p in proc.parameters]
    for ref in refs:
        if ref.size_name is not None:
            assert ref.size == constants[ref.size_name], ref


@xg_names
def test_every_type_is_declared(xg_name: str) -> None:
    """Each type a struct, typedef or procedure names is built in or declared (or included)."""
    parsed = interface(xg_name)
    builtin = {*CANONICAL, *CANONICAL.values(), "string", "opaque"}
    declared = set(parsed.types)
    refs: list[tuple[str, TypeRef]] = [
        (f"{struct.name}.{field.name}", field.type)
        for struct in parsed.structs.values() for field in struct.fields]
    refs += [(d.name, d.type) for d in parsed.definitions if isinstance(d, Typedef)]
    refs += [(f"{proc.name}({p.name})", p.type) for proc in parsed.procedures
             for p in proc.parameters]
    for where, ref in refs:
        assert ref.base in builtin or ref.base in declared, f"{where}: {ref.base} is not declared"
