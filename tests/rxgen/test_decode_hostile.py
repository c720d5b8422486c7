"""Generated decoders meet hostile bytes with :class:`trio_rxrpc.xdr.XDRError` only.

Whatever a peer sends, decoding a value raises ``XDRError`` (a ``ValueError``) or succeeds;
never ``struct.error``, ``IndexError``, ``RecursionError`` or ``MemoryError``, and a count
of ``0xFFFFFFFF`` in a few bytes of data fails before anything is allocated for it.  On the
service side a request that does not decode aborts its call (``RXGEN_SS_UNMARSHAL``) and
never reaches the method or escapes from :meth:`Service.handle_call`.
"""

from __future__ import annotations

import struct
import tracemalloc
from typing import TYPE_CHECKING, cast

import pytest
import trio
from hypothesis import HealthCheck, given, settings, strategies as st
from xgmodel import Values, call_request, capture_requests, interface_sources, load

from trio_rxrpc.rpc.codec import decode_all
from trio_rxrpc.rxgen import Struct, Union
from trio_rxrpc.xdr import XDRError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from types import ModuleType

    from trio_rxrpc import Call, rpc
    from trio_rxrpc.rxgen import Interface, Procedure

RXGEN_SS_UNMARSHAL = -453
RXGEN_DECODE = -454
RXGEN_OPCODE = -455


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@st.composite
def hostile(draw: st.DrawFn, valid: st.SearchStrategy[bytes]) -> bytes:
    """Random bytes, or valid bytes cut short, flipped, padded or given huge counts."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=64))
    data = bytearray(draw(valid))
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["cut", "flip", "word", "append"]))
        at = draw(st.integers(0, len(data)))
        if action == "cut":
            del data[at:]
        elif action == "flip" and data:
            data[min(at, len(data) - 1)] ^= 1 << draw(st.integers(0, 7))
        elif action == "word":
            at -= at % 4
            word = draw(st.sampled_from([0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 2, 1 << 20]))
            data[at:at + 4] = struct.pack(">I", word)
        else:
            data += draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


def decodes_or_xdr_error(decode: Callable[[bytes], object], data: bytes) -> None:
    try:
        decode(data)
    except XDRError:
        pass


def check_values(interface: Interface, module: ModuleType, data: st.DataObject) -> None:
    values = Values(interface, module)
    for d in interface.definitions:
        if isinstance(d, Struct | Union):
            cls = getattr(module, d.name)
            valid = values.aggregate(d.name).map(lambda v: v.encode())
            for _ in range(3):
                decodes_or_xdr_error(cls.decode, data.draw(hostile(valid), label=d.name))
    client = capture_requests(module)
    for proc in interface.procedures:
        check_procedure(values, client, proc, data)


def check_procedure(values: Values, client: object, proc: Procedure,
                    data: st.DataObject) -> None:
    served = values.module.Service.PROCEDURES[proc.opcode]
    head = struct.pack(">i", proc.opcode)

    def request_body(args: tuple[object, ...]) -> bytes:
        return call_request(client, proc, args)[4:]

    def reply_of(outs: tuple[object, ...]) -> bytes:
        return bytes(served.encode(outs[0] if len(outs) == 1 else (tuple(outs) or None)))

    def serve_side(body: bytes) -> object:
        return decode_all(lambda d, o: served.decode(d, o + 4), head + body, served.name)

    request = data.draw(hostile(values.arguments(proc).map(request_body)), label="request")
    decodes_or_xdr_error(serve_side, request)
    reply = data.draw(hostile(values.results(proc).map(reply_of)), label="reply")
    decodes_or_xdr_error(getattr(values.module, f"_r_{proc.name}"), reply)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=interface_sources(), data=st.data())
def test_random_interfaces_decode_hostile_bytes(workdir: Path, source: str,
                                                data: st.DataObject) -> None:
    interface, module = load(source, workdir)
    check_values(interface, module, data)


# ------------------------------------------------------------------ huge counts and depth

SAMPLE = """
typedef char label[8];
typedef string text<>;
struct pair { afs_int32 a; afs_uint64 b; };
struct node { afs_int32 v; node *next; };
struct holder {
    afs_int32 ints<>;
    pair pairs<>;
    text names<>;
    label labels<>;
    opaque blob<>;
    string note<>;
    node lists<>;
};
struct one_string { string s<>; };
struct one_blob { opaque b<>; };
struct one_int_list { afs_int32 x<>; };
struct one_pair_list { pair x<>; };
struct one_string_list { text x<>; };
struct one_label_list { label x<>; };
struct one_node_list { node x<>; };
split Stream(IN node n, OUT afs_int32 *x) = 1;
Plain(IN node n, holder h) = 2;
split Counted(IN afs_int32 many<>, OUT afs_int32 *x) = 3;
"""


@pytest.fixture(scope="module")
def sample(workdir: Path) -> ModuleType:
    return load(SAMPLE, workdir, service_id=77)[1]


HUGE = struct.pack(">I", 0xFFFFFFFF) + bytes(8)


@pytest.mark.parametrize("name", ["one_string", "one_blob", "one_int_list", "one_pair_list",
                                  "one_string_list", "one_label_list", "one_node_list"])
def test_a_huge_count_fails_without_allocating(sample: ModuleType, name: str) -> None:
    cls = getattr(sample, name)
    tracemalloc.start()
    try:
        with pytest.raises(XDRError):
            cls.decode(HUGE)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20


def test_huge_counts_inside_a_struct(sample: ModuleType) -> None:
    empty = sample.holder([], [], [], [], b"", "", [])
    wire = empty.encode()
    for word in range(0, len(wire), 4):
        bad = wire[:word] + struct.pack(">I", 0xFFFFFFFF) + wire[word + 4:]
        with pytest.raises(XDRError):
            sample.holder.decode(bad)


def nested(depth: int) -> bytes:
    """A ``node`` list ``depth`` long (and no end: the data stops with a present flag)."""
    return struct.pack(">ii", 7, 1) * depth


def test_deep_nesting_is_an_xdr_error(sample: ModuleType) -> None:
    with pytest.raises(XDRError):
        sample.node.decode(nested(100_000) + struct.pack(">ii", 7, 0))
    short = sample.node(1, sample.node(2, None))
    assert sample.node.decode(short.encode()) == short


def test_service_request_decoding_raises_only_xdr_errors(sample: ModuleType) -> None:
    served = sample.Service.PROCEDURES[2]
    for body in (nested(100_000), HUGE, b"\0\0\0", nested(3) + HUGE):
        with pytest.raises(XDRError):
            decode_all(lambda d, o: served.decode(d, o + 4), b"\0\0\0\2" + body, served.name)


# ------------------------------------------------------------------ handle_call, in process


class FakeCall:
    """Just what :meth:`Service.handle_call` uses of an incoming call."""

    def __init__(self, data: bytes, chunk: int) -> None:
        self.chunks = [data[i:i + chunk] for i in range(0, len(data), chunk)]
        self.aborted: int | None = None
        self.sent = bytearray()
        self.polls = 0

    def _arrived(self) -> bool:
        """Whether a ``nowait`` read finds the data: every other time, so that the service
        takes both its paths (what has arrived, and waiting for it)."""
        self.polls += 1
        return self.polls % 2 == 0

    def receive_some_nowait(self, max_bytes: int | None = None) -> bytes:
        if not self._arrived():
            raise trio.WouldBlock
        return self.chunks.pop(0) if self.chunks else b""

    async def receive_some(self, max_bytes: int | None = None) -> bytes:
        await trio.lowlevel.checkpoint()
        return self.chunks.pop(0) if self.chunks else b""

    def receive_all_nowait(self, max_size: int | None = None) -> bytes:
        if not self._arrived():
            raise trio.WouldBlock
        data, self.chunks = b"".join(self.chunks), []
        return data

    async def receive_all(self, max_size: int | None = None) -> bytes:
        await trio.lowlevel.checkpoint()
        data, self.chunks = b"".join(self.chunks), []
        return data

    def send_nowait(self, data: bytes, *, eof: bool = False) -> None:
        self.sent += data

    def abort(self, code: int) -> None:
        self.aborted = code

    async def send_all(self, data: bytes) -> None:
        self.sent += data

    async def send_eof(self) -> None:
        pass


async def served_by(service: rpc.Service, request: bytes, chunk: int = 1400) -> int | None:
    """The abort code ``service`` ends a call carrying ``request`` with."""
    call = FakeCall(request, chunk)
    await service.handle_call(cast("Call", call))
    return call.aborted


async def test_bad_requests_abort_with_rxgen_codes(sample: ModuleType) -> None:
    service = sample.Service()
    assert await served_by(service, b"") == RXGEN_DECODE
    assert await served_by(service, b"\0\0\0") == RXGEN_DECODE
    assert await served_by(service, b"\0\0\0\x63") == RXGEN_OPCODE
    bad = {
        1: [nested(50_000), struct.pack(">ii", 1, 2), b"\0\0\0\0\0\0"],  # split: node
        2: [nested(50_000), HUGE, struct.pack(">ii", 1, 0)],  # node, holder
        3: [HUGE, struct.pack(">I", 2) + bytes(4)],  # split: afs_int32 many<>
    }
    for opcode, bodies in bad.items():
        for body in bodies:
            request = struct.pack(">i", opcode) + body
            assert await served_by(service, request, 1000) == RXGEN_SS_UNMARSHAL
    # Requests that decode reach the (unimplemented) methods.
    assert await served_by(service, b"\0\0\0\1" + struct.pack(">ii", 5, 0)) == RXGEN_OPCODE
    assert await served_by(service, b"\0\0\0\3" + struct.pack(">Ii", 1, 9)) == RXGEN_OPCODE


@settings(max_examples=150, deadline=None)
@given(request=st.binary(max_size=80) | st.sampled_from([1, 2, 3]).flatmap(
    lambda op: st.binary(max_size=80).map(lambda b: struct.pack(">i", op) + b)),
    chunk=st.integers(1, 16))
async def test_any_request_ends_in_an_abort_code(sample: ModuleType, request: bytes,
                                                 chunk: int) -> None:
    code = await served_by(sample.Service(), request, chunk)
    assert code in (RXGEN_SS_UNMARSHAL, RXGEN_DECODE, RXGEN_OPCODE)


async def test_a_reply_that_does_not_encode_aborts_before_the_bug_propagates(
        sample: ModuleType) -> None:
    class Wrong(sample.Service):  # type: ignore[name-defined,misc]
        async def Stream(self, stream: object, n: object) -> int:
            return 1 << 40  # not an afs_int32

    call = FakeCall(b"\0\0\0\1" + struct.pack(">ii", 5, 0), 1400)
    with pytest.raises(XDRError):
        await Wrong().handle_call(cast("Call", call))
    assert call.aborted == -452  # RXGEN_SS_MARSHAL
    assert call.sent == b""
