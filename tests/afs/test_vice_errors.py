"""The file server's small abort codes: volume-package codes and Unix errno values.

Checked against OpenAFS's ``afs/errors.h`` where it is installed, by name through the
registry, and end to end: a generated ``fs`` service that aborts reaches the generated client
as the named class.
"""

from __future__ import annotations

import errno
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc.afs import fs, vice_errors
from trio_rxrpc.rpc import RPCError, abort

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

ERRORS_H = Path("/usr/include/afs/errors.h")


def test_names_and_messages() -> None:
    assert rx.abort_code_name(13) == "EACCES"
    assert rx.describe_abort_code(13) == "EACCES (13): permission denied"
    assert rx.abort_code_name(106) == "VOFFLINE"
    assert rx.describe_abort_code(106) == "VOFFLINE (106): volume is offline"
    assert rx.abort_code_name(2) == "ENOENT"
    assert rx.abort_code_name(39) == "ENOTEMPTY"
    assert rx.abort_code_name(122) == "FSERR_EOPNOTSUPP"  # not Linux's EDQUOT
    assert rx.describe_abort_code(122) == (
        "FSERR_EOPNOTSUPP (122): operation not supported by the file server")
    assert rx.abort_code_name(110) == "VBUSY"  # not Linux's ETIMEDOUT
    assert rx.abort_code_name(-100) == "RX_RESTARTING"
    assert rx.AbortCode(vice_errors.VRESTARTING) is rx.AbortCode.RX_RESTARTING


def test_every_class_is_registered_under_its_own_name() -> None:
    codes = [cls.code for cls in vice_errors.ERRORS]
    assert len(codes) == len(set(codes))
    for cls in vice_errors.ERRORS:
        assert rx.abort_code_name(cls.code) == cls.error_name == cls.__name__
        assert getattr(vice_errors, cls.__name__) is cls
        expected = (vice_errors.UnixError if cls.error_name.startswith(("E", "FSERR_"))
                    else vice_errors.ViceError)
        assert issubclass(cls, expected)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux errno numbering")
def test_errno_values_are_linux_ones() -> None:
    for cls in vice_errors.ERRORS:
        if issubclass(cls, vice_errors.UnixError) and cls.error_name.startswith("E"):
            assert getattr(errno, cls.error_name) == cls.code, cls.error_name


def test_volume_codes_match_the_openafs_header() -> None:
    if not ERRORS_H.is_file():
        pytest.skip(f"{ERRORS_H} is not installed (libopenafs-dev)")
    found = {name: int(value) for name, value in re.findall(
        r"^#define\s+(V[A-Z_]+)\s+(-?\d+)\b", ERRORS_H.read_text(), re.M)}
    assert found.pop("VRESTARTING") == vice_errors.VRESTARTING
    assert found.pop("VICE_SPECIAL_ERRORS") == vice_errors.VICE_SPECIAL_ERRORS
    ours = {cls.error_name: cls.code for cls in vice_errors.ERRORS
            if issubclass(cls, vice_errors.ViceError)}
    assert ours == found


class _Failing(fs.Service):
    async def GetTime(self, call: rx.Call) -> fs.GetTimeResult:
        raise abort(106)

    async def FetchStatus(self, call: rx.Call, Fid: fs.AFSFid) -> fs.FetchStatusResult:
        raise abort(errno.EACCES if Fid.Vnode == 1 else 70007)


@pytest.fixture
async def client() -> AsyncIterator[fs.Client]:
    async with rx.open_endpoint(("127.0.0.1", 0)) as endpoint, trio.open_nursery() as nursery:
        sock = endpoint.socket()
        sock.listen([1])
        await nursery.start(_Failing().serve, sock)
        yield fs.Client(endpoint.socket(), ("127.0.0.1", endpoint.address[1]))
        nursery.cancel_scope.cancel()


async def test_the_fs_client_raises_the_named_classes(client: fs.Client) -> None:
    with pytest.raises(vice_errors.VOFFLINE) as offline:
        await client.GetTime()
    assert isinstance(offline.value, RPCError)
    assert offline.value.abort_code == 106
    assert str(offline.value) == "VOFFLINE (106): volume is offline"
    with pytest.raises(vice_errors.EACCES) as denied:
        await client.FetchStatus(fs.AFSFid(1, 1, 1))
    assert denied.value.error_name == "EACCES"
    with pytest.raises(rx.RemoteAbort) as other:
        await client.FetchStatus(fs.AFSFid(1, 2, 1))
    assert not isinstance(other.value, RPCError)
