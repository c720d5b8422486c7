"""OpenAFS command-line tools run with ``-localauth`` against rxkad services of ours.

On an OpenAFS server machine, ``pts``, ``vos`` and ``bos`` given ``-localauth`` read the cell's
``KeyFile``/``KeyFileExt`` and forge a ticket for the superuser ``afs`` themselves.  Here the
machine and the cell are of our own making: each test writes a configuration directory
(``ThisCell``, a ``CellServDB`` naming a loopback address of ours, and key files holding keys
generated for the test) and serves, at that address, a small trio_rxrpc service built from
the same directory with ``RxkadServerSecurity(load_keyring(DIR))``.  The service answers
authenticated callers only, as :func:`trio_rxrpc.security.caller_identity` tells them apart.
The tools then run with ``-config DIR``:

* ``pts listmax`` calls PR_ListMax (protection server: service 73 on port 7002, opcode 510,
  no IN arguments, OUT the highest user id and the highest group id, two ``int32``).  It
  prints the numbers our service chose, for a ``KeyFile`` DES key (a Kerberos 4 style ticket)
  and for a ``KeyFileExt`` rxkad-krb5 AES key (a Kerberos 5 ticket).  Anonymous callers, a
  client ``KeyFile`` holding another key, or one holding a kvno the server lacks all fail,
  each with its own message.
* ``vos listvldb`` calls VL_ListAttributesN2 (volume location server: service 52 on port
  7003, opcode 534) at level clear with ``-localauth`` and at crypt with ``-encrypt``, and
  prints the VLDB entry our service made up.

Facts checked against OpenAFS 1.8.9 while writing these tests:

* With ``-config DIR`` the tools read ``DIR/KeyFile`` and ``DIR/KeyFileExt``: under strace,
  ``pts`` looks for ``ThisCell``, ``CellServDB``, ``CellAlias``, the two key files,
  ``krb.conf`` and ``krb.excl`` in ``DIR`` and for nothing under ``/etc/openafs``.  With
  neither key file in ``DIR``, ``pts -localauth`` warns "Could not get afs tokens, running
  unauthenticated" and carries on as rxnull.
* ``pts -localauth`` always runs at level crypt.  ``pts -encrypt`` wants a token from the
  kernel and gives up ("unable to build security class") before sending anything, so the
  clear level is exercised with ``vos`` (``-localauth``: clear, ``-localauth -encrypt``:
  crypt).
* ``pts listmax`` makes two PR_ListMax calls (one for the user id, one for the group id).
  When the first fails it prints "<argv[0]>: <message> getting maximum user id" and exits 1.
* A ``-localauth`` ticket forged from a ``KeyFileExt`` rxkad-krb5 key arrives with the kvno
  field 213 and an end time of 2147483647; one from a DES key carries the key's kvno and
  never expires.
* ``CellServDB`` holds addresses but no ports (the tools use 7002 and 7003).  The OpenAFS cell
  of the other interop tests holds 127.0.0.1 on those ports, so ours take 127.0.0.2, or
  another free 127.x.y.z address.
"""

from __future__ import annotations

import errno
import ipaddress
import random
import secrets
import shutil
import struct
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs
import pytest
import trio
from afsrpc import (
    MAXTYPES,
    NMAXNSERVERS,
    PR_SERVICE,
    VL_LIST_ATTRIBUTES_N2,
    VL_MAXNAMELEN,
    VL_SERVICE,
    encode_list_attributes_n2_request,
)
from conftest import peer_missing

import trio_rxrpc as rx
from trio_rxrpc.security import (
    NEVER_DATE,
    Level,
    RxkadIdentity,
    RxkadServerSecurity,
    caller_identity,
    forge_localauth_token,
    load_keyring,
)
from trio_rxrpc.xdr import XDREncoder

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Mapping

pytestmark = pytest.mark.interop

PT_PORT: Final = 7002
VL_PORT: Final = 7003
PR_LIST_MAX: Final = 510
PRPERM: Final = 267269
"""pterror.et ``PRPERM``: "Permission denied"."""
VL_PERM: Final = 363546
"""vl_errors.et ``VL_PERM``: "VLDB: no permission access for call"."""
RXGEN_OPCODE: Final = -455
RXGEN_DECODE: Final = -454

KVNO: Final = 5
"""The kvno of the test's DES key (anything but the cell's 3 will do)."""
KRB5_KVNO: Final = 7
KEY_TYPE_RXKAD_KRB5: Final = 2
"""``afsconf_rxkad_krb5``: the KeyFileExt key type of rxkad-krb5 service keys."""
ENCTYPE_AES256: Final = 18
RXKAD_K5_KVNO: Final = 213
"""What the kvno field of a RESPONSE says when the ticket is a Kerberos 5 one."""
K5_TICKET_END: Final = 0x7FFFFFFF
"""The end time of a ``-localauth`` Kerberos 5 ticket (a DES one ends at NEVER_DATE)."""

LISTMAX_REQUEST: Final = struct.pack(">i", PR_LIST_MAX)
"""What ``pts listmax`` sends: the opcode alone (PR_ListMax has no IN arguments)."""
MAX_USER_ID: Final = 30517
MAX_GROUP_ID: Final = -1234
LISTMAX_OUTPUT: Final = f"Max user id is {MAX_USER_ID} and max group id is {MAX_GROUP_ID}.\n"

VOLUME: Final = "trio.vol"
RW_ID: Final = 536870915
FILE_SERVER: Final = ipaddress.IPv4Address("192.0.2.7")
VLF_RWEXISTS: Final = 0x1000
VLF_ROEXISTS: Final = 0x2000
VLSF_ROVOL: Final = 0x2
VLSF_RWVOL: Final = 0x4
LISTVLDB_OUTPUT: Final = (
    "VLDB entries for all servers \n"
    "\n"
    f"{VOLUME} \n"
    f"    RWrite: {RW_ID}     ROnly: {RW_ID + 1} \n"
    "    number of sites -> 2\n"
    f"       server {FILE_SERVER} partition /vicepa RW Site \n"
    f"       server {FILE_SERVER} partition /vicepa RO Site \n"
    "\n"
    "Total entries: 1\n"
)

TOOL_TIMEOUT: Final = 60.0
"""Seconds a tool may run; the Ubik client retries unreachable servers for a while."""


# ---------------------------------------------------------------------------- keys, config


def des_key() -> bytes:
    """A fresh random DES key with odd parity that OpenAFS accepts (not a weak key)."""
    while True:
        key = bytes(
            (b & 0xFE) | (bin(b & 0xFE).count("1") % 2 == 0) for b in secrets.token_bytes(8)
        )
        try:
            forge_localauth_token(key, KVNO)
        except ValueError:
            continue  # one of the sixteen weak or semi-weak keys
        return key


def encode_keyfile(keys: Mapping[int, bytes]) -> bytes:
    """A ``KeyFile``: the number of keys, then kvno and 8-byte DES key for each."""
    entries = [struct.pack(">I", kvno) + key for kvno, key in keys.items()]
    return struct.pack(">I", len(entries)) + b"".join(entries)


def encode_keyfile_ext_rxkad_krb5(keys: Mapping[tuple[int, int], bytes]) -> bytes:
    """A ``KeyFileExt`` of rxkad-krb5 keys, given as ``{(kvno, enctype): key}``.

    Each record is its metadata length (16), type, kvno and subtype (the enctype), then the
    key's length and bytes.
    """
    records = [
        struct.pack(">IIIII", 16, KEY_TYPE_RXKAD_KRB5, kvno, enctype, len(key)) + key
        for (kvno, enctype), key in keys.items()
    ]
    return struct.pack(">I", len(records)) + b"".join(records)


def write_key_files(
    directory: Path,
    *,
    des_keys: Mapping[int, bytes] | None = None,
    krb5_keys: Mapping[tuple[int, int], bytes] | None = None,
) -> Path:
    """Write ``KeyFile`` (DES keys by kvno) and/or ``KeyFileExt`` (rxkad-krb5 keys)."""
    directory.mkdir(parents=True, exist_ok=True)
    if des_keys is not None:
        (directory / "KeyFile").write_bytes(encode_keyfile(des_keys))
    if krb5_keys is not None:
        (directory / "KeyFileExt").write_bytes(encode_keyfile_ext_rxkad_krb5(krb5_keys))
    return directory


def write_cell(directory: Path, host: str) -> Path:
    """Write ``ThisCell`` and a ``CellServDB`` for a cell whose one database server is
    ``host``; return ``directory``, ready for ``-config``."""
    cell = "trio-localauth.test"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "ThisCell").write_text(f"{cell}\n")
    (directory / "CellServDB").write_text(f">{cell}\t#trio_rxrpc test cell\n{host}\t#ours\n")
    return directory


# ------------------------------------------------------------------------ our services


@attrs.frozen
class Caller:
    """One call a service received: its opcode, whole request and who made it."""

    opcode: int
    request: bytes = attrs.field(repr=bytes.hex)
    who: tuple[str, Level, int, int] | None
    """Principal, level, kvno field and ticket end of an rxkad caller; ``None`` for rxnull."""


@attrs.define(eq=False)
class AuthenticatedOnlyService:
    """An rxgen-style service that gives fixed replies, to authenticated callers only.

    A request is a 32-bit opcode and its arguments.  An opcode in ``replies`` gets its reply
    if the caller holds an rxkad ticket the server accepted, and an abort with ``refusal``
    otherwise; other opcodes get ``RXGEN_OPCODE``.  Every call is recorded in ``callers``.
    """

    replies: Mapping[int, bytes]
    refusal: int
    callers: list[Caller] = attrs.Factory(list)

    async def handle(self, call: rx.Call) -> None:
        request = await call.receive_all()
        if len(request) < 4:
            call.abort(RXGEN_DECODE)
            return
        (opcode,) = struct.unpack_from(">i", request)
        identity = caller_identity(call)
        assert identity is None or isinstance(identity, RxkadIdentity)
        who = None if identity is None else (
            identity.principal, identity.level, identity.kvno, identity.end)
        self.callers.append(Caller(opcode, request, who))
        reply = self.replies.get(opcode)
        if reply is None:
            call.abort(RXGEN_OPCODE)
        elif identity is None:
            call.abort(self.refusal)
        else:
            await call.send_all(reply)
            await call.send_eof()


def ptserver_like() -> AuthenticatedOnlyService:
    """PR_ListMax only, answering :data:`MAX_USER_ID` and :data:`MAX_GROUP_ID`."""
    reply = XDREncoder()
    reply.write_int32(MAX_USER_ID)
    reply.write_int32(MAX_GROUP_ID)
    return AuthenticatedOnlyService({PR_LIST_MAX: reply.getvalue()}, refusal=PRPERM)


def encode_nvldbentry(enc: XDREncoder) -> None:
    """The one VLDB entry: :data:`VOLUME`, read-write and read-only on one file server."""
    sites = [(FILE_SERVER, 0, VLSF_RWVOL), (FILE_SERVER, 0, VLSF_ROVOL)]
    padding = [(ipaddress.IPv4Address(0), 0, 0)] * (NMAXNSERVERS - len(sites))
    slots = sites + padding
    enc.write_char_vector(VOLUME.encode(), VL_MAXNAMELEN)
    enc.write_int32(len(sites))
    for server, _, _ in slots:
        enc.write_uint32(int(server))
    for _, partition, _ in slots:
        enc.write_int32(partition)
    for _, _, flags in slots:
        enc.write_int32(flags)
    for offset in range(MAXTYPES):
        enc.write_uint32(RW_ID + offset)  # read-write, read-only, backup ids
    enc.write_uint32(0)  # cloneId
    enc.write_int32(VLF_RWEXISTS | VLF_ROEXISTS)
    enc.write_int32(0)  # matchindex
    for _ in range(8):
        enc.write_int32(0)  # spares2 .. spares9


def vlserver_like() -> AuthenticatedOnlyService:
    """VL_ListAttributesN2 only, listing the entry of :func:`encode_nvldbentry`."""
    reply = XDREncoder()
    reply.write_int32(1)  # nentries
    reply.write_int32(1)  # the array's length
    encode_nvldbentry(reply)
    reply.write_int32(-1)  # nextstartindex: the listing is complete
    return AuthenticatedOnlyService({VL_LIST_ATTRIBUTES_N2: reply.getvalue()},
                                    refusal=VL_PERM)


def loopback_candidates() -> list[str]:
    """127.0.0.2 first, then a few random loopback addresses (never 127.0.0.1)."""
    rng = random.Random()
    return ["127.0.0.2"] + [
        f"127.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(2, 255)}"
        for _ in range(8)
    ]


@asynccontextmanager
async def serving(
    service: AuthenticatedOnlyService, service_id: int, port: int, keys_dir: Path
) -> AsyncIterator[str]:
    """Serve ``service`` at ``port`` of a free loopback address; yield that address.

    The server's keys are read from ``keys_dir`` with :func:`load_keyring`.  rxnull calls are
    accepted too, so that the service itself decides what anonymous callers get.
    """
    security = RxkadServerSecurity(load_keyring(keys_dir))
    async with AsyncExitStack() as stack:
        for host in loopback_candidates():
            try:
                ep = await stack.enter_async_context(rx.open_endpoint((host, port)))
            except OSError as exc:
                if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL):
                    raise
                continue
            break
        else:
            raise RuntimeError(f"no loopback address has UDP port {port} free")
        sock = ep.socket()
        sock.listen([service_id], security=[security])
        nursery = await stack.enter_async_context(trio.open_nursery())
        await nursery.start(sock.serve, service.handle)
        yield host
        nursery.cancel_scope.cancel()


# ------------------------------------------------------------------------------ tools


@attrs.frozen
class ToolRun:
    status: int
    stdout: str
    stderr: str
    """With the carriage returns com_err adds removed."""


async def run_tool(*argv: str | Path) -> ToolRun:
    with trio.fail_after(TOOL_TIMEOUT):
        done = await trio.run_process([str(arg) for arg in argv], capture_stdout=True,
                                      capture_stderr=True, check=False)
    return ToolRun(done.returncode, done.stdout.decode(),
                   done.stderr.decode().replace("\r", ""))


def find_tool(name: str) -> Path:
    found = shutil.which(name)
    path = Path(found) if found else Path("/usr/bin") / name
    if not path.is_file():
        peer_missing(f"{name} (OpenAFS client, package openafs-client) not found")
    return path


@pytest.fixture(scope="session")
def pts() -> Path:
    """Path of OpenAFS's ``pts``."""
    return find_tool("pts")


@pytest.fixture(scope="session")
def vos() -> Path:
    """Path of OpenAFS's ``vos``."""
    return find_tool("vos")


# ------------------------------------------------------------------------ pts listmax


@pytest.mark.parametrize("key_file", ["KeyFile", "KeyFileExt"])
async def test_pts_listmax_localauth(pts: Path, tmp_path: Path, key_file: str) -> None:
    """The tool forges a superuser ticket from the directory's key; our ptserver answers."""
    service = ptserver_like()
    if key_file == "KeyFile":
        keys_dir = write_key_files(tmp_path, des_keys={KVNO: des_key()})
        kvno, end = KVNO, NEVER_DATE
    else:
        # Beside the DES key, as asetkey leaves them: the rxkad-krb5 key wins, and the ticket
        # is a Kerberos 5 one.
        keys_dir = write_key_files(
            tmp_path, des_keys={KVNO: des_key()},
            krb5_keys={(KRB5_KVNO, ENCTYPE_AES256): secrets.token_bytes(32)})
        kvno, end = RXKAD_K5_KVNO, K5_TICKET_END
    async with serving(service, PR_SERVICE, PT_PORT, keys_dir) as host:
        config = write_cell(keys_dir, host)
        result = await run_tool(pts, "listmax", "-localauth", "-config", config)
    assert (result.status, result.stdout, result.stderr) == (0, LISTMAX_OUTPUT, "")
    superuser = ("afs", Level.CRYPT, kvno, end)
    assert service.callers == [Caller(PR_LIST_MAX, LISTMAX_REQUEST, superuser)] * 2


@pytest.mark.parametrize("how", ["-noauth", "no-key-files"])
async def test_pts_listmax_refused_to_anonymous(pts: Path, tmp_path: Path, how: str) -> None:
    service = ptserver_like()
    keys_dir = write_key_files(tmp_path / "server", des_keys={KVNO: des_key()})
    async with serving(service, PR_SERVICE, PT_PORT, keys_dir) as host:
        if how == "-noauth":
            result = await run_tool(pts, "listmax", "-noauth", "-config",
                                    write_cell(keys_dir, host))
            warning = ""
        else:
            # -localauth with a directory that holds no keys: pts falls back to rxnull.
            result = await run_tool(pts, "listmax", "-localauth", "-config",
                                    write_cell(tmp_path / "client", host))
            warning = "libprot: Could not get afs tokens, running unauthenticated\n"
    assert result.status == 1
    assert result.stdout == ""
    assert result.stderr == f"{warning}{pts}: Permission denied getting maximum user id\n"
    assert service.callers == [Caller(PR_LIST_MAX, LISTMAX_REQUEST, None)]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("wrong-key", "security object was passed a bad ticket"),
        ("unknown-kvno", "ticket contained unknown key version number"),
    ],
    ids=["wrong-key", "unknown-kvno"],
)
async def test_pts_listmax_with_a_bad_client_keyfile(pts: Path, tmp_path: Path, case: str,
                                                     message: str) -> None:
    """The server refuses the RESPONSE (RXKADBADTICKET, RXKADUNKNOWNKEY): no call gets in."""
    service = ptserver_like()
    key = des_key()
    keys_dir = write_key_files(tmp_path / "server", des_keys={KVNO: key})
    if case == "wrong-key":
        other = des_key()
        while other == key:
            other = des_key()
        client_keys = {KVNO: other}
    else:
        client_keys = {KVNO + 1: key}
    async with serving(service, PR_SERVICE, PT_PORT, keys_dir) as host:
        config = write_cell(write_key_files(tmp_path / "client", des_keys=client_keys), host)
        result = await run_tool(pts, "listmax", "-localauth", "-config", config)
    assert (result.status, result.stdout) == (1, "")
    assert result.stderr == f"{pts}: {message} getting maximum user id\n"
    assert service.callers == []


# ------------------------------------------------------------------------ vos listvldb


@pytest.mark.parametrize(
    ("flags", "level"),
    [(["-localauth"], Level.CLEAR), (["-localauth", "-encrypt"], Level.CRYPT)],
    ids=["clear", "crypt"],
)
async def test_vos_listvldb_localauth(vos: Path, tmp_path: Path, flags: list[str],
                                      level: Level) -> None:
    service = vlserver_like()
    keys_dir = write_key_files(tmp_path, des_keys={KVNO: des_key()})
    async with serving(service, VL_SERVICE, VL_PORT, keys_dir) as host:
        config = write_cell(keys_dir, host)
        result = await run_tool(vos, "listvldb", *flags, "-noresolve", "-config", config)
    assert (result.status, result.stdout, result.stderr) == (0, LISTVLDB_OUTPUT, "")
    assert service.callers == [
        Caller(VL_LIST_ATTRIBUTES_N2, encode_list_attributes_n2_request(),
               ("afs", level, KVNO, NEVER_DATE))
    ]


async def test_vos_listvldb_refused_to_anonymous(vos: Path, tmp_path: Path) -> None:
    service = vlserver_like()
    keys_dir = write_key_files(tmp_path, des_keys={KVNO: des_key()})
    async with serving(service, VL_SERVICE, VL_PORT, keys_dir) as host:
        config = write_cell(keys_dir, host)
        result = await run_tool(vos, "listvldb", "-noauth", "-noresolve", "-config", config)
    assert result.status == 1
    assert result.stdout == "VLDB entries for all servers \n"
    assert result.stderr == (
        "Could not access the VLDB for attributes\nVLDB: no permission access for call\n"
    )
    assert service.callers == [Caller(VL_LIST_ATTRIBUTES_N2, encode_list_attributes_n2_request(),
                                      None)]
