"""Generated modules round-trip every construct of the rxgen language.

Hypothesis writes random interface definitions (every scalar type, arrays of each form,
strings, opaque data, C strings, optional and self-referential values, nested structs,
typedefs, enums, unions, procedures in every direction, split or not), the compiler turns
each into a module, and random values of each type must come back from their own bytes.
A fixed interface is checked byte for byte against the hand-written :mod:`trio_rxrpc.xdr`
codec, and one generated module goes through ``mypy --strict``.
"""

from __future__ import annotations

import struct
import subprocess
import sys
from typing import TYPE_CHECKING, Protocol, cast

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from xgmodel import (
    Values,
    call_request,
    capture_requests,
    interface_sources,
    load,
    normalise,
    utf8_text,
)

from trio_rxrpc.rxgen import Struct, Union, generate, parse_source
from trio_rxrpc.xdr import XDREncoder

if TYPE_CHECKING:
    import builtins
    from collections.abc import Sequence
    from pathlib import Path
    from types import ModuleType

    from trio_rxrpc.rxgen import Interface, Procedure


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rxgen")


# ------------------------------------------------------------------ random interfaces


def check_types(interface: Interface, module: ModuleType, data: st.DataObject) -> None:
    values = Values(interface, module)
    for d in interface.definitions:
        if not isinstance(d, Struct | Union):
            continue
        cls = getattr(module, d.name)
        for _ in range(3):
            value = data.draw(values.aggregate(d.name), label=d.name)
            wire = value.encode()
            assert len(wire) % 4 == 0
            back = cls.decode(wire)
            assert back == normalise(value)
            assert type(back) is cls
            assert back.encode() == wire


def check_procedure(interface: Interface, module: ModuleType, proc: Procedure,
                    data: st.DataObject) -> None:
    values = Values(interface, module)
    assert module.OPCODES[proc.name] == proc.opcode
    served = module.Service.PROCEDURES[proc.opcode]
    assert (served.name, served.opcode, served.split) == (proc.name, proc.opcode, proc.split)
    # The request a client makes decodes on the service side to the same values.
    args = data.draw(values.arguments(proc), label=f"{proc.name} arguments")
    request = call_request(capture_requests(module), proc, args)
    assert request[:4] == struct.pack(">i", proc.opcode)
    decoded, end = served.decode(request, 4)
    assert end == len(request)
    assert decoded == normalise(args)
    # The reply a service sends decodes on the client side to the same values.
    outs = data.draw(values.results(proc), label=f"{proc.name} results")
    reply_value: object = outs[0] if len(outs) == 1 else (tuple(outs) if outs else None)
    reply = served.encode(reply_value)
    back = getattr(module, f"_r_{proc.name}")(reply)
    if not outs:
        assert reply == b""
        assert back is None
    elif len(outs) == 1:
        assert back == normalise(outs[0])
    else:
        assert type(back).__name__ == f"{proc.name}Result"
        assert tuple(back) == normalise(outs)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=interface_sources(), data=st.data())
def test_random_interfaces_round_trip(workdir: Path, source: str, data: st.DataObject) -> None:
    interface, module = load(source, workdir)
    check_types(interface, module, data)
    for proc in interface.procedures:
        check_procedure(interface, module, proc, data)


# ------------------------------------------------------------------ every construct, fixed

EVERYTHING = """
package ALL_
statindex 12

const SMALL = 3;
const HEXED = 0x10;
const NEGATIVE = -7;
#define DEFINED 5

typedef afs_int32 triple[SMALL];
typedef char shortname[8];
typedef shortname names<DEFINED>;
typedef unsigned hyper bignum;

enum colour { RED, GREEN = 0x20, BLUE };

struct scalars {
    int i; afs_int32 i32; long l;
    unsigned u; unsigned int ui; afs_uint32 u32; u_int uint; u_long ul; unsigned long ulong;
    short s; u_short us; unsigned short ushort;
    char c; u_char uc; unsigned char uchar;
    afs_int64 i64; afs_uint64 u64; hyper h; unsigned hyper uh; bignum big;
    bool flag;
};

struct node {
    afs_int32 value;
    node *next;
};

struct tree {
    string label<HEXED>;
    tree children<>;
};

struct park {                   /* types declared further on, round in a circle */
    wood trees<>;
};
typedef forest wood;
typedef wood grove[2];
struct forest {
    afs_int32 age;
    grove *parts;
};

struct arrays {
    afs_int32 fixed4[4];
    afs_uint32 upto<DEFINED>;
    afs_int64 any<>;
    string text<HEXED>;
    string free<>;
    opaque block[5];
    opaque blob<HEXED>;
    opaque anyblob<>;
    char cname[DEFINED];
    u_char ubytes[SMALL];
    triple t;
    triple ts<2>;
    shortname nm;
    names nms;
    colour col;
    colour cols[2];
    scalars inner;
    scalars *maybe;
    scalars several<2>;
    node *list;
};

typedef opaque odd[3];
struct flatmix {                /* one flat run: arrays of every fixed-size kind */
    afs_int32 first;
    colour cols[2];
    bool flags[2];
    shortname labels[2];
    odd blobs[2];
    triple grid[2];
    scalars pair[2];
    afs_uint64 last;
};

union choice switch (colour kind) {
    case RED:
    case GREEN:
        afs_int32 number;
    case BLUE:
        void;
};

union tagged switch (afs_int32 tag) {
    case -1: arrays all;
    case 0: void;
    case 0x7: string why<>;
    default: afs_uint64 other;
};

union loose switch (unsigned t) {
    case 1: node n;
    default: void;
};

Plain(IN afs_int32 a, arrays *b, OUT choice *c, INOUT tagged *d) = 1;
split Stream(IN string name<>, afs_uint64 length, OUT afs_uint64 *received) = 2;
proc Nothing() = 0x3;
Many(OUT afs_int32 *x, OUT names *y, OUT opaque z<>) split = NEGATIVE;
"""


@pytest.fixture(scope="module")
def everything(workdir: Path) -> tuple[Interface, ModuleType]:
    return load(EVERYTHING, workdir, filename="everything.xg")


def test_every_construct_is_in_the_fixed_interface(
        everything: tuple[Interface, ModuleType]) -> None:
    interface, module = everything
    kinds = {type(d).__name__ for d in interface.definitions}
    assert kinds == {"Const", "Typedef", "Enum", "Struct", "Union"}
    assert module.HEXED == 16
    assert module.NEGATIVE == -7
    assert module.DEFINED == 5
    assert module.colour.GREEN == 0x20
    assert module.BLUE == 0x21
    assert module.OPCODES == {"Plain": 1, "Stream": 2, "Nothing": 3, "Many": -7}
    assert module.arrays.__xdr_fields__[:3] == ("fixed4", "upto", "any")
    assert module.STATINDEX == 12
    assert module.PACKAGE == "ALL_"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fixed_interface_round_trips(everything: tuple[Interface, ModuleType],
                                     data: st.DataObject) -> None:
    interface, module = everything
    check_types(interface, module, data)
    for proc in interface.procedures:
        check_procedure(interface, module, proc, data)


def test_decoded_arrays_are_tuples_and_strings_are_str(
        everything: tuple[Interface, ModuleType]) -> None:
    _, m = everything
    value = m.node(1, m.node(2, None))
    assert m.node.decode(value.encode()) == value
    tree = m.tree("root", [m.tree("leaf", [])])
    back = m.tree.decode(tree.encode())
    assert isinstance(back.children, tuple)
    assert back.children[0].label == "leaf"
    choice = m.choice(m.GREEN, 5)
    again = m.choice.decode(choice.encode())
    assert again.tag is m.colour.GREEN
    assert again.value == 5
    assert m.choice.decode(m.choice(m.BLUE).encode()) == m.choice(m.BLUE, None)


# ------------------------------------------------------------------ against trio_rxrpc.xdr

WIRE_SAMPLE = """
const N = 6;
enum shade { DARK = -2, LIGHT = 9 };
struct sample {
    afs_int32 i;
    afs_uint32 u;
    short s;
    u_short us;
    afs_int64 h;
    afs_uint64 uh;
    bool flag;
    shade tone;
    char name[N];
    u_char bytes[3];
    afs_int32 four[4];
    afs_uint32 some<N>;
    string text<20>;
    opaque fixed5[5];
    opaque blob<>;
    sample *next;
};
union either switch (afs_int32 which) {
    case 1: afs_int64 wide;
    case 2: string words<>;
    default: void;
};
Call(IN sample s, either e, OUT either *r) = 77;
"""


class Sample(Protocol):
    """The generated ``sample`` class, as the hand-written encoder reads it."""

    i: int
    u: int
    s: int
    us: int
    h: int
    uh: int
    flag: bool
    tone: int
    name: str
    bytes: builtins.bytes  # the field is called bytes
    four: Sequence[int]
    some: Sequence[int]
    text: str
    fixed5: builtins.bytes
    blob: builtins.bytes
    next: Sample | None

    def encode(self) -> builtins.bytes: ...


class Either(Protocol):
    """The generated ``either`` union."""

    tag: int
    value: int | str | None

    def encode(self) -> bytes: ...


def hand_encode(enc: XDREncoder, v: Sample) -> None:
    """The bytes of a ``sample`` with the hand-written codec, item by item."""
    enc.write_int32(v.i)
    enc.write_uint32(v.u)
    enc.write_int32(v.s)
    enc.write_uint32(v.us)
    enc.write_int64(v.h)
    enc.write_uint64(v.uh)
    enc.write_bool(v.flag)
    enc.write_int32(int(v.tone))
    enc.write_char_vector(v.name, 6)
    enc.write_array_fixed(list(v.bytes), enc.write_uint32, 3)
    enc.write_array_fixed(v.four, enc.write_int32, 4)
    enc.write_array(v.some, enc.write_uint32, max_length=6)
    enc.write_string(v.text, max_length=20)
    enc.write_opaque_fixed(v.fixed5, 5)
    enc.write_opaque(v.blob)
    enc.write_bool(v.next is not None)
    if v.next is not None:
        hand_encode(enc, v.next)


def hand_either(enc: XDREncoder, v: Either) -> None:
    enc.write_int32(v.tag)
    if v.tag == 1:
        assert isinstance(v.value, int)
        enc.write_int64(v.value)
    elif v.tag == 2:
        assert isinstance(v.value, str)
        enc.write_string(v.value)


@pytest.fixture(scope="module")
def wire_sample(workdir: Path) -> tuple[Interface, ModuleType]:
    return load(WIRE_SAMPLE, workdir, filename="wire.xg")


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_wire_bytes_match_the_hand_written_codec(wire_sample: tuple[Interface, ModuleType],
                                                 data: st.DataObject) -> None:
    interface, m = wire_sample
    values = Values(interface, m)
    value = cast("Sample", data.draw(values.named("sample", 0)))
    enc = XDREncoder()
    hand_encode(enc, value)
    assert value.encode() == enc.getvalue()
    either = cast("Either", data.draw(values.named("either", 0)))
    enc = XDREncoder()
    hand_either(enc, either)
    assert either.encode() == enc.getvalue()
    # And the request of a call is the opcode, then the IN values in order.
    request = call_request(capture_requests(m), interface.procedures[0], (value, either))
    enc = XDREncoder()
    enc.write_int32(77)
    hand_encode(enc, value)
    hand_either(enc, either)
    assert request == enc.getvalue()


@given(text=utf8_text(5, nul=False))
def test_c_strings_go_as_one_signed_word_per_byte(
        wire_sample: tuple[Interface, ModuleType], text: str) -> None:
    # OpenAFS's xdr_char widens a (signed) char: bytes above 0x7F go as negative words.
    _, m = wire_sample
    raw = text.encode().ljust(6, b"\0")
    expected = struct.pack(">6i", *(b - 256 if b > 0x7F else b for b in raw))
    value = m.sample(0, 0, 0, 0, 0, 0, False, m.DARK, text, b"abc", [1, 2, 3, 4], [], "",
                     b"12345", b"", None)
    wire = value.encode()
    offset = 4 * 4 + 2 * 8 + 2 * 4
    assert wire[offset:offset + 24] == expected
    assert m.sample.decode(wire).name == text


# ------------------------------------------------------------------ mypy --strict

USER_OF_GENERATED = '''
from __future__ import annotations

import trio_rxrpc
from trio_rxrpc.rpc import SplitStream

import everything as m


class Impl(m.Service):
    async def Plain(self, call: trio_rxrpc.Call, a: int, b_: m.arrays,
                    d_: m.tagged) -> m.PlainResult:
        return m.PlainResult(m.choice(m.RED, a), d_)

    async def Stream(self, stream: SplitStream, name: str, length: int) -> int:
        return len(await stream.receive_exactly(length))


async def use(client: m.Client) -> None:
    result = await client.Plain(1, m.arrays.decode(b""), m.tagged(0))
    choice: m.choice = result.c
    print(choice.tag, m.colour(choice.tag).name)
    async with client.Stream("x", 3) as stream:
        await stream.send_all(b"abc")
        received: int = await stream.finish()
        print(received)
    async with client.Many() as many:
        got = await many.finish()
    x: int = got.x
    names: tuple[str, ...] = tuple(got.y)
    print(x, names, got.z.hex())
'''


def test_a_generated_module_passes_mypy_strict(tmp_path: Path) -> None:
    interface = parse_source(EVERYTHING, "everything.xg")
    (tmp_path / "everything.py").write_text(generate(interface, service_id=99))
    (tmp_path / "app.py").write_text(USER_OF_GENERATED)
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--disallow-any-explicit", "--no-incremental",
         "--cache-dir", str(tmp_path / ".mypy_cache"), "everything.py", "app.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
