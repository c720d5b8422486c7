"""The base of generated services: an incoming call is one procedure of the interface.

A generated ``Service`` class lists its procedures (opcode, argument decoder, result
encoder) in :attr:`Service.PROCEDURES` and declares one ``async def`` per procedure that a
subclass overrides.  :meth:`Service.handle_call` reads the opcode and the arguments,
runs the method, and sends what it returns; :meth:`Service.serve` mounts it on a
listening :class:`~trio_rxrpc.BoundSocket`.

What the caller sends ends at worst its own call, with the abort codes OpenAFS's stubs use:
fewer than four bytes ``RXGEN_DECODE`` (-454), an unknown opcode or a procedure the service
does not implement ``RXGEN_OPCODE`` (-455), arguments that do not decode
``RXGEN_SS_UNMARSHAL`` (-453).  A method fails its call on purpose by raising an
:class:`~trio_rxrpc.rpc.RPCError` (the call is aborted with its code).  Any other exception
is a bug in the service and propagates out of :meth:`serve`, as :func:`trio.serve_tcp`
lets a handler's bug through; so does a return value that does not encode (a number out
of its field's range is a ``ValueError``), after the call is aborted with
``RXGEN_SS_MARSHAL`` (-452).
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, ClassVar, NamedTuple, NoReturn

import trio

from .. import _soon
from .._proto.codes import AbortCode
from ._errors import RPCError
from ._split import SplitStream
from .codec import XDRError, XDRShort, decode_all, encode_error

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Never

    from .._call import Call
    from .._socket import BoundSocket

__all__ = ["Procedure", "Service"]

_OPCODE = struct.Struct(">i")


class Procedure(NamedTuple):
    """What a service needs to run one procedure."""

    name: str
    opcode: int
    split: bool
    decode: Callable[[bytes | memoryview, int], tuple[tuple[object, ...], int]]
    """Decode the IN values from the request at an offset: ``(values, end)``."""
    encode: Callable[[Never], bytes]
    """Encode what the method returned as the reply's OUT values.

    Each procedure's encoder takes its own method's return type, so a table of them can
    only say "some type"; the service passes it what the method it looked up by name
    returned.
    """


class Service:
    """Runs an interface's procedures for incoming calls (the base of generated services).

    Subclass the generated ``Service`` and override the procedures you implement; the rest
    abort their calls with ``RXGEN_OPCODE``, like an OpenAFS server that lacks them.
    """

    PROCEDURES: ClassVar[dict[int, Procedure]] = {}
    SERVICE_ID: ClassVar[int | None] = None
    max_request: int = 1 << 20
    """The largest request accepted (non-split procedures), in bytes."""

    async def serve(self, socket: BoundSocket, *,
                    task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> NoReturn:
        """Serve calls arriving on ``socket`` (which must listen) until cancelled.

        Each call runs in its own task (see :meth:`trio_rxrpc.BoundSocket.serve`);
        cancellation stops serving and aborts the calls still running.
        """
        await socket.serve(self.handle_call, task_status=task_status)

    async def handle_call(self, call: Call) -> None:
        """Run the procedure a call asks for and send its reply (or abort the call)."""
        # A request that has arrived whole is read, and a reply that fits the send window
        # queued, with no scheduler pass: a small call takes the handler one task step.
        head = b""
        while len(head) < 4:
            chunk = await _soon.receive_some(call)
            if not chunk:
                call.abort(AbortCode.RXGEN_DECODE)
                return
            head += chunk
        (opcode,) = _OPCODE.unpack_from(head)
        proc = self.PROCEDURES.get(opcode)
        if proc is None:
            call.abort(AbortCode.RXGEN_OPCODE)
            return
        if proc.split:
            parsed = await self._split_arguments(call, proc, head)
            if parsed is None:
                return
            args, rest = parsed
            target: Call | SplitStream = SplitStream(call, rest)
        else:
            data = head + await _soon.receive_all(call, self.max_request)
            try:
                args = decode_all(lambda d, o: proc.decode(d, o + 4), data, proc.name)
            except XDRError:
                call.abort(AbortCode.RXGEN_SS_UNMARSHAL)
                return
            target = call
        method = getattr(self, proc.name)
        try:
            result = await method(target, *args)
        except NotImplementedError:
            call.abort(AbortCode.RXGEN_OPCODE)
            return
        except RPCError as exc:
            call.abort(exc.code if exc.abort_code is None else exc.abort_code)
            return
        try:
            reply = proc.encode(result)
        except (TypeError, ValueError, struct.error) as exc:
            call.abort(AbortCode.RXGEN_SS_MARSHAL)
            if isinstance(exc, struct.error):  # a number out of its field's range
                raise encode_error(exc, f"{proc.name} reply") from None
            raise
        await _soon.send(call, reply, eof=True)

    async def _split_arguments(self, call: Call, proc: Procedure,
                               head: bytes) -> tuple[tuple[object, ...], bytes] | None:
        """Read until the IN values decode; return them and the streamed bytes after them."""
        buf = head
        while True:
            try:
                args, end = proc.decode(buf, 4)
            except (XDRShort, struct.error):
                pass  # the arguments go on beyond what has arrived
            except (ValueError, IndexError, RecursionError):
                call.abort(AbortCode.RXGEN_SS_UNMARSHAL)
                return None
            else:
                return args, buf[end:]
            chunk = await _soon.receive_some(call)
            if not chunk or len(buf) > self.max_request:
                call.abort(AbortCode.RXGEN_SS_UNMARSHAL)
                return None
            buf += chunk
