"""rxkad against real peers: the OpenAFS 1.8.9 cell in ``--auth`` mode, and crxperf.

* Our client, holding a token forged from the cell's KeyFile key as ``-localauth`` does, calls
  the ptserver (PR_NameToID) and the vlserver (VL_ListAttributesN2) at clear, auth and crypt.
* A privileged call (PR_ListEntries) is refused to anonymous callers and to an ordinary user,
  and works for the superuser; the server tells which by the ticket.
* Bad credentials give the abort codes the real servers send (checked here, not assumed).
* crxperf (OpenAFS's own Rx and rxkad library) as a client of an rxperf server of ours, and as
  a server for our client, at every level.
"""

from __future__ import annotations

import random
import secrets
import signal
import socket
import struct
import subprocess
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest
import trio
from afsrpc import (
    ANONYMOUSID,
    PR_SERVICE,
    VL_SERVICE,
    decode_list_attributes_n2_reply,
    decode_name_to_id_reply,
    encode_list_attributes_n2_request,
    encode_name_to_id_request,
)

import trio_rxrpc as rx
from trio_rxrpc.security import (
    Level,
    RxkadClientSecurity,
    RxkadIdentity,
    RxkadServerSecurity,
    Token,
    caller_identity,
    forge_localauth_token,
    forge_token,
    load_keyring,
    localauth_token,
)
from trio_rxrpc.xdr import XDRDecoder, XDREncoder

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from conftest import CellEnv

pytestmark = pytest.mark.interop

LEVELS: Final = [Level.CLEAR, Level.AUTH, Level.CRYPT]
LEVEL_IDS: Final = [level.name.lower() for level in LEVELS]

# PR_ListEntries (ptint.xg opcode 521): flags, start index in; prentries, next index out.
PR_LIST_ENTRIES: Final = 521
PRUSERS: Final = 0x1
PRPERM: Final = 267269
"""pterror.et ``PRPERM``, "Permission denied" (table base for "PT" is 267264)."""
PR_MAXNAMELEN: Final = 64


def encode_list_entries_request(flags: int = PRUSERS, start: int = 0) -> bytes:
    enc = XDREncoder()
    enc.write_int32(PR_LIST_ENTRIES)
    enc.write_int32(flags)
    enc.write_int32(start)
    return enc.getvalue()


def decode_list_entries_reply(data: bytes) -> tuple[dict[str, int], int]:
    """The ``prlistentries`` names and ids, and the next start index."""
    dec = XDRDecoder(data)

    def entry() -> tuple[str, int]:
        _flags, ident = dec.read_int32(), dec.read_int32()
        dec.read_array_fixed(10, dec.read_int32)  # owner .. reserved[5]
        return dec.read_char_vector(PR_MAXNAMELEN).decode(), ident

    entries = dict(dec.read_array(entry))
    next_index = dec.read_int32()
    dec.done()
    return entries, next_index


async def rpc(sock: rx.BoundSocket, address: tuple[str, int], service: int, request: bytes,
              security: RxkadClientSecurity | None) -> bytes:
    with trio.fail_after(30):
        async with sock.call(address, service, security=security) as call:
            await call.send_all(request)
            await call.send_eof()
            return await call.receive_all()


def localauth(cell: CellEnv) -> Token:
    return forge_localauth_token(cell.key, cell.kvno)


# ------------------------------------------------------------------------ OpenAFS servers


@pytest.mark.parametrize("level", LEVELS, ids=LEVEL_IDS)
async def test_ptserver_name_to_id(openafs_cell_auth: CellEnv, level: Level) -> None:
    cell = openafs_cell_auth
    security = RxkadClientSecurity(localauth(cell), level)
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        sock = ep.socket()
        reply = await rpc(sock, cell.address("pt"), PR_SERVICE,
                          encode_name_to_id_request(["admin", "user1", "nobody-here"]),
                          security)
        assert decode_name_to_id_reply(reply) == [1, 2, ANONYMOUSID]
        [conn] = ep._core.client_conns.values()
        assert (conn.security_index, conn.security.level) == (2, level)


@pytest.mark.parametrize("where", ["config-dir", "system-dir", "keyfile"])
async def test_localauth_from_the_cells_keyfile(openafs_cell_auth: CellEnv, where: str) -> None:
    """As docs/security.rst shows: read the real KeyFile, forge -localauth, call the ptserver."""
    cell = openafs_cell_auth
    path = {"config-dir": cell.config_dir, "system-dir": Path("/etc/openafs/server"),
            "keyfile": cell.config_dir / "KeyFile"}[where]
    keyring = load_keyring(path)
    assert keyring.rxkad == {cell.kvno: cell.key}
    token = localauth_token(keyring)
    assert token.kvno == cell.kvno
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        reply = await rpc(ep.socket(), cell.address("pt"), PR_SERVICE,
                          encode_name_to_id_request(["admin"]),
                          RxkadClientSecurity(token, Level.CRYPT))
    assert decode_name_to_id_reply(reply) == [1]


@pytest.mark.parametrize("level", LEVELS, ids=LEVEL_IDS)
async def test_vlserver_list_attributes(openafs_cell_auth: CellEnv, level: Level) -> None:
    cell = openafs_cell_auth
    security = RxkadClientSecurity(localauth(cell), level)
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        reply = decode_list_attributes_n2_reply(await rpc(
            ep.socket(), cell.address("vl"), VL_SERVICE, encode_list_attributes_n2_request(),
            security))
    names = {entry.name for entry in reply.entries}
    assert {"root.afs", "root.cell", "test.vol"} <= names
    assert reply.n_entries == len(reply.entries)
    assert reply.next_start_index == -1
    by_name = {entry.name: entry for entry in reply.entries}
    assert by_name["root.cell"].volume_ids[0] == int(cell["AFS_VOLID_ROOT_CELL"])


async def test_privileged_call_only_when_authenticated(openafs_cell_auth: CellEnv) -> None:
    cell = openafs_cell_auth
    request = encode_list_entries_request()
    user1 = forge_token(cell.key, cell.kvno, "user1")
    admin = forge_token(cell.key, cell.kvno, "admin")
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        sock = ep.socket()
        for security in (None, RxkadClientSecurity(user1, Level.CRYPT)):
            with pytest.raises(rx.RemoteAbort) as caught:
                await rpc(sock, cell.address("pt"), PR_SERVICE, request, security)
            assert caught.value.abort_code == PRPERM
        for token in (localauth(cell), admin):
            for level in LEVELS:
                reply = await rpc(sock, cell.address("pt"), PR_SERVICE, request,
                                  RxkadClientSecurity(token, level))
                entries, next_index = decode_list_entries_reply(reply)
                assert entries["admin"] == 1
                assert entries["user1"] == 2
                assert next_index == -1  # the listing is complete


async def test_concurrent_calls_with_different_tokens(openafs_cell_auth: CellEnv) -> None:
    """One socket, three identities at once: the ptserver judges each call by its own."""
    cell = openafs_cell_auth
    securities = {
        "anonymous": None,
        "user1": RxkadClientSecurity(forge_token(cell.key, cell.kvno, "user1"), Level.CLEAR),
        "superuser": RxkadClientSecurity(localauth(cell), Level.CRYPT),
    }
    outcome: dict[str, int | str] = {}
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        sock = ep.socket()
        opened = trio.Event()
        started = 0

        async def one(who: str) -> None:
            nonlocal started
            with trio.fail_after(30):
                try:
                    async with sock.call(cell.address("pt"), PR_SERVICE,
                                         security=securities[who]) as call:
                        started += 1
                        if started == len(securities):
                            opened.set()
                        await opened.wait()  # all three calls are open at once
                        await call.send_all(encode_list_entries_request())
                        await call.send_eof()
                        entries, _ = decode_list_entries_reply(await call.receive_all())
                except rx.RemoteAbort as exc:
                    outcome[who] = exc.abort_code or 0
                else:
                    outcome[who] = ",".join(sorted({"admin", "user1"} & set(entries)))

        async with trio.open_nursery() as nursery:
            for who in securities:
                nursery.start_soon(one, who)
        assert len({(c.security_index, c.security.level) for c in
                    ep._core.client_conns.values()}) == 3
    assert outcome == {"anonymous": PRPERM, "user1": PRPERM, "superuser": "admin,user1"}


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("wrong-key", rx.AbortCode.RXKADBADTICKET),
        ("unknown-kvno", rx.AbortCode.RXKADUNKNOWNKEY),
        ("expired", rx.AbortCode.RXKADEXPIRED),
        ("not-yet-valid", rx.AbortCode.RXKADNOAUTH),
        ("wrong-session-key", rx.AbortCode.RXKADSEALEDINCON),
    ],
)
async def test_bad_credentials_codes_from_the_ptserver(openafs_cell_auth: CellEnv, case: str,
                                                       code: int) -> None:
    cell = openafs_cell_auth
    now = int(time.time())
    if case == "wrong-key":
        token = forge_localauth_token(bytes.fromhex("fedcba9876543210"), cell.kvno)
    elif case == "unknown-kvno":
        token = forge_localauth_token(cell.key, cell.kvno + 10)
    elif case == "expired":
        token = forge_token(cell.key, cell.kvno, "admin", start=now - 7200, lifetime=3600)
    elif case == "not-yet-valid":
        token = forge_token(cell.key, cell.kvno, "admin", start=now + 7200, lifetime=3600)
    else:
        good = localauth(cell)
        token = Token(session_key=bytes(b ^ 0x0E for b in good.session_key), kvno=good.kvno,
                      ticket=good.ticket)
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        with pytest.raises(rx.RemoteAbort) as caught:
            await rpc(ep.socket(), cell.address("pt"), PR_SERVICE,
                      encode_name_to_id_request(["admin"]), RxkadClientSecurity(token))
    assert caught.value.abort_code == code


# ------------------------------------------------------------------------------ crxperf


RXPERF_SERVICE: Final = 147
RXPERF_VERSION: Final = 3
RXPERF_RPC: Final = 3
RXPERF_COOKIE: Final = b"\x00\x00\x47\x11"
CRXPERF_KEY: Final = bytes.fromhex("a7838acbc783ec94")


async def serve_rxperf_rpc(call: rx.Call, levels: list[str]) -> None:
    """A minimal rxperf server: the RPC operation only (see the trio_rxrpc._rxperf package)."""
    request = await call.receive_all()
    version, op, _rsize, _wsize, size_in, size_out = struct.unpack_from(">6I", request)
    if version != RXPERF_VERSION:
        call.abort(rx.AbortCode.RX_USER_ABORT)
        return
    if op != RXPERF_RPC or len(request) != 24 + size_in:
        call.abort(-455 if op != RXPERF_RPC else -453)
        return
    identity = caller_identity(call)
    assert identity is None or isinstance(identity, RxkadIdentity)
    levels.append("null" if identity is None else f"{identity.name}:{identity.level.name}")
    await call.send_all(bytes(size_out) + RXPERF_COOKIE)
    await call.send_eof()


@asynccontextmanager
async def rxperf_server(**listen: object) -> AsyncIterator[tuple[int, list[str]]]:
    levels: list[str] = []
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        sock = ep.socket()
        sock.listen([RXPERF_SERVICE], backlog=64, **listen)  # type: ignore[arg-type]

        async def run(call: rx.Call) -> None:
            try:
                async with call:
                    await serve_rxperf_rpc(call, levels)
            except rx.CallError:
                pass

        async with trio.open_nursery() as nursery:

            async def accept_loop() -> None:
                while True:
                    nursery.start_soon(run, await sock.accept())

            nursery.start_soon(accept_loop)
            yield ep.address[1], levels
            nursery.cancel_scope.cancel()


def result_fields(output: str, tag: str = "RESULT") -> dict[str, str]:
    for line in output.splitlines():
        if line.startswith(tag + " "):
            return dict(w.split("=", 1) for w in line.split()[1:] if "=" in w)
    raise AssertionError(f"no {tag} line in:\n{output}")


async def run_crxperf(crxperf: Path, *args: str) -> tuple[int, str]:
    with trio.fail_after(60):
        done = await trio.run_process([str(crxperf), *args], capture_stdout=True,
                                      capture_stderr=True, check=False)
    return done.returncode, done.stdout.decode() + done.stderr.decode()


@pytest.mark.parametrize("level", LEVELS, ids=LEVEL_IDS)
async def test_crxperf_client_against_our_server(crxperf: Path, level: Level) -> None:
    server_security = RxkadServerSecurity(CRXPERF_KEY, kvno=1)
    async with rxperf_server(security=[server_security]) as (port, levels):
        status, output = await run_crxperf(
            crxperf, "client", "-s", "127.0.0.1", "-p", str(port), "-c", "rpc", "-n", "20",
            "-S", "3000", "-R", "5000", "-x", level.name.lower(), "-k", CRXPERF_KEY.hex(),
            "-K", "1")
    result = result_fields(output)
    assert status == 0, output
    assert (result["ok"], result["failed"], result["sec"]) == ("20", "0", level.name.lower())
    assert levels == [f"rxperf:{level.name}"] * 20


async def test_crxperf_client_refused_by_our_server(crxperf: Path) -> None:
    strict = RxkadServerSecurity(CRXPERF_KEY, clock=time.time)
    async with rxperf_server(security=[strict], min_level=Level.CRYPT) as (port, levels):
        outcomes = {}
        for name, args in {
            "wrong-key": ["-x", "crypt", "-k", "0123456789abcdef"],
            "level": ["-x", "clear", "-k", CRXPERF_KEY.hex()],
            "rxnull": ["-x", "null"],
        }.items():
            status, output = await run_crxperf(
                crxperf, "client", "-s", "127.0.0.1", "-p", str(port), "-c", "rpc", "-n", "2",
                *args)
            assert status != 0, output
            outcomes[name] = int(result_fields(output)["error"])
    assert outcomes == {"wrong-key": rx.AbortCode.RXKADBADTICKET,
                        "level": rx.AbortCode.RXKADLEVELFAIL,
                        "rxnull": rx.AbortCode.RXKADLEVELFAIL}
    assert levels == []


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def crxperf_server(crxperf: Path) -> tuple[subprocess.Popen[str], int]:
    """``crxperf server -k KEY`` on a free port, exiting after 6 calls (it then prints its
    per-level counts)."""
    port = free_udp_port()
    proc = subprocess.Popen(
        [str(crxperf), "server", "-p", str(port), "-k", CRXPERF_KEY.hex(), "-N", "6",
         "-t", "120"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    assert ready.startswith("READY"), ready
    return proc, port


async def test_our_client_against_crxperf_server(
        crxperf_server: tuple[subprocess.Popen[str], int]) -> None:
    proc, port = crxperf_server
    try:
        size_in, size_out = 2000, 7000
        request = struct.pack(">6I", RXPERF_VERSION, RXPERF_RPC, 65536, 65536, size_in,
                              size_out) + secrets.token_bytes(size_in)
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            for kvno in (1, 9):
                token = forge_token(CRXPERF_KEY, kvno, "trio", random_bytes=random.randbytes)
                for level in LEVELS:
                    reply = await rpc(sock, ("127.0.0.1", port), RXPERF_SERVICE, request,
                                      RxkadClientSecurity(token, level))
                    assert reply == bytes(size_out) + RXPERF_COOKIE
        output, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)
    stats = result_fields(output, "SERVER")
    assert (stats["calls"], stats["failed"]) == ("6", "0")
    assert (stats["sec_null"], stats["sec_clear"], stats["sec_auth"],
            stats["sec_crypt"]) == ("0", "2", "2", "2")
