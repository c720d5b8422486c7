"""Typed errors of remote interfaces, and the registry that names every abort code.

An interface's error table (a com_err ``.et`` file) compiles to one :class:`RPCError`
subclass per code.  Importing the generated module registers those classes, so that

* a client call that the server aborts with a registered code raises that class (it is a
  :class:`~trio_rxrpc.RemoteAbort`, so code catching the generic error still works);
* a service method that raises one aborts its call with the class's code;
* :func:`describe` and :func:`trio_rxrpc.abort_code_name` name the code.
"""

from __future__ import annotations

import errno
import os
from typing import ClassVar

from .._errors import RemoteAbort
from .._proto.call import Completion
from .._proto.codes import AbortCode

__all__ = ["RPCError", "abort", "abort_code_name", "describe", "error_class", "error_name",
           "register"]

_registry: dict[int, type[RPCError]] = {}
_afs_loaded = False


class RPCError(RemoteAbort):
    """An error with a name and a message from an interface's error table.

    Raised by a client when the server aborts the call with the class's :attr:`code`; raised
    by a service method to abort its call with that code.  Construct with no arguments (the
    table's message) or with a message of your own.

    Attributes:
        code: the abort code.
        error_name: its name in the table, e.g. ``"PRPERM"``.
        error_message: the table's message, e.g. ``"Permission denied"``.
        table: the table's name, e.g. ``"pt"``.
    """

    code: ClassVar[int] = 0
    error_name: ClassVar[str] = ""
    error_message: ClassVar[str] = ""
    table: ClassVar[str] = ""

    def __init__(self, message: str | None = None, *, abort_code: int | None = None,
                 completion: Completion | None = None) -> None:
        code = self.code if abort_code is None else abort_code
        if message is None:
            message = describe(code)
        super().__init__(message, abort_code=code,
                         completion=Completion.REMOTELY_ABORTED if completion is None
                         else completion)


class _Abort(RPCError):
    """A service's abort with a code that no table names (see :func:`abort`)."""


def abort(code: int, message: str | None = None) -> RPCError:
    """An exception that, raised in a service method, aborts the call with ``code``.

    Use it for codes no generated error class names: ``raise abort(errno.EACCES)``.
    """
    if isinstance(code, bool) or not isinstance(code, int):
        raise TypeError(f"abort code must be an int, not {code!r}")
    if code == 0 or code < -(1 << 31) or code >= 1 << 31:
        raise ValueError(f"abort code {code} is not a non-zero signed 32-bit integer")
    cls = error_class(code)
    if cls is not None:
        return cls(message)
    return _Abort(message, abort_code=code)


def register(classes: tuple[type[RPCError], ...]) -> None:
    """Make ``classes`` the errors of their codes (a generated module calls this)."""
    for cls in classes:
        _registry.setdefault(cls.code, cls)


def _load_afs() -> None:
    global _afs_loaded
    if not _afs_loaded:
        _afs_loaded = True
        # each registers its classes: the com_err tables, then the file server's small codes
        from ..afs import errors as _, vice_errors as _v  # noqa: F401


def error_class(code: int) -> type[RPCError] | None:
    """The registered error class for ``code``, if any (the AFS tables always count)."""
    cls = _registry.get(code)
    if cls is None and not _afs_loaded:
        _load_afs()
        cls = _registry.get(code)
    return cls


def error_name(code: int) -> str | None:
    """The symbolic name of ``code``, or ``None`` when no table names it.

    Registered tables come first, then the codes Rx and rxgen define, then Unix ``errno``
    values (AFS servers send those as abort codes too, e.g. ``EACCES``).
    """
    cls = error_class(code)
    if cls is not None:
        return cls.error_name
    try:
        return AbortCode(code).name
    except ValueError:
        pass
    return errno.errorcode.get(code)


_RX_MESSAGES = {
    AbortCode.RX_CALL_DEAD: "the peer stopped answering (call dead)",
    AbortCode.RX_INVALID_OPERATION: "invalid operation (e.g. unknown service)",
    AbortCode.RX_CALL_TIMEOUT: "call timed out",
    AbortCode.RX_EOF: "unexpected end of data",
    AbortCode.RX_PROTOCOL_ERROR: "Rx protocol error",
    AbortCode.RX_USER_ABORT: "aborted by the application",
    AbortCode.RX_ADDRINUSE: "address in use",
    AbortCode.RX_DEBUGI_BADTYPE: "bad rxdebug request type",
    AbortCode.RX_RESTARTING: "server restarting",
    AbortCode.RXGEN_CC_MARSHAL: "client could not encode the request",
    AbortCode.RXGEN_CC_UNMARSHAL: "client could not decode the reply",
    AbortCode.RXGEN_SS_MARSHAL: "server could not encode the reply",
    AbortCode.RXGEN_SS_UNMARSHAL: "server could not decode the request",
    AbortCode.RXGEN_DECODE: "request too short for an opcode",
    AbortCode.RXGEN_OPCODE: "unknown procedure (opcode)",
    AbortCode.RXGEN_SS_XDRFREE: "server could not free its data",
    AbortCode.RXGEN_CC_XDRFREE: "client could not free its data",
}


def abort_code_name(code: int) -> str:
    """The name of an abort code: ``abort_code_name(267269) == "PRPERM"``.

    Every AFS error table counts, with the tables of any imported generated module, the Rx
    and rxgen codes (``"RX_CALL_DEAD"``, ``"RXGEN_OPCODE"``) and Unix ``errno`` values
    (``"EACCES"``); a code none of them names gives its number as text (``"42"``).
    """
    name = error_name(code)
    return str(code) if name is None else name


def describe(code: int) -> str:
    """``"NAME (CODE): message"`` for an abort code, as far as it is known."""
    cls = error_class(code)
    if cls is not None:
        return f"{cls.error_name} ({code}): {cls.error_message}"
    try:
        rx = AbortCode(code)
    except ValueError:
        pass
    else:
        message = _RX_MESSAGES.get(rx)
        return f"{rx.name} ({code})" + (f": {message}" if message else "")
    name = errno.errorcode.get(code)
    if name is not None:
        return f"{name} ({code}): {os.strerror(code)}"
    return f"abort code {code}"


describe_abort_code = describe
"""The same as :func:`describe`, under the name :mod:`trio_rxrpc` exports it by."""
