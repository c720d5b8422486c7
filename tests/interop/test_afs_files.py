"""Files in the OpenAFS cell: ``FileClient`` and ``trio-rxrpc afs ls|stat|get|put...`` against
the real fileserver, checked with OpenAFS's own ``afsio`` and ``rxdebug``.

The cell (``interop/openafs/cell-up.sh``) has ``root.cell`` writable by anyone and
``test.vol`` (mounted at ``/afs/test.example/test.vol``) closed to all but administrators.
``afsio`` runs through ``interop/openafs/afsio.sh``, anonymously.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import random
import re
import secrets
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import trio
from conftest import peer_missing

from trio_rxrpc.afs import Cell
from trio_rxrpc.afs.credentials import localauth_as
from trio_rxrpc.afs.files import FileClient, open_file_client
from trio_rxrpc.rpc import RPCError

if TYPE_CHECKING:
    from contextlib import AbstractAsyncContextManager

    from conftest import CellEnv

    from trio_rxrpc.security import ClientSecurity

REPO = Path(__file__).resolve().parents[2]
AFSIO = REPO / "interop" / "openafs" / "afsio.sh"
HELLO = b"hello from OpenAFS test.example\n"

pytestmark = pytest.mark.filterwarnings("ignore::trio.TrioDeprecationWarning")


def _cell(env: CellEnv) -> Cell:
    return Cell.from_config(env.cell, env.config_dir)


def _root(env: CellEnv, *names: str, rw: bool = True) -> str:
    return "/".join(("/afs", ("." if rw else "") + env.cell, *names))


def _unique(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


def _client(env: CellEnv, *, security: ClientSecurity | None = None,
            ) -> AbstractAsyncContextManager[FileClient]:
    return open_file_client(_cell(env), config_dir=env.config_dir, security=security)


def _need_afsio() -> None:
    if shutil.which("afsio") is None:
        peer_missing("afsio (OpenAFS client, package openafs-client) not found")
    if shutil.which(os.environ.get("CC", "cc")) is None:
        peer_missing("a C compiler (cc) is needed to run afsio through afsio.sh")


async def afsio(*argv: str, stdin: bytes | Path | None = None,
                stdout: Path | None = None) -> str:
    """Run afsio (anonymously, through afsio.sh); its standard output when not redirected.

    afsio exits 0 on most failures, so its stderr must be empty for success."""
    _need_afsio()
    with trio.fail_after(300):
        if isinstance(stdin, Path):
            with stdin.open("rb") as source:
                done = await trio.run_process([str(AFSIO), *argv], stdin=source.fileno(),
                                              capture_stdout=stdout is None,
                                              capture_stderr=True, check=False)
        elif stdout is not None:
            with stdout.open("wb") as sink:
                done = await trio.run_process([str(AFSIO), *argv], stdin=stdin or b"",
                                              stdout=sink.fileno(), capture_stderr=True,
                                              check=False)
        else:
            done = await trio.run_process([str(AFSIO), *argv], stdin=stdin or b"",
                                          capture_stdout=True, capture_stderr=True,
                                          check=False)
    err = done.stderr.decode(errors="replace")
    assert done.returncode == 0, f"afsio {argv}: {done.returncode} {err}"
    assert not err.strip(), f"afsio {argv}: {err}"
    return (done.stdout or b"").decode(errors="replace")


AFSIO_PIECE = 64 << 20
"""afsio 1.8.9 writes everything after the first 64 MiB of one command 64 MiB too far into
the file (a file of 64 MiB + N bytes comes out 128 MiB + N long), so longer files are given
to it in pieces: ``write`` the first, ``append`` the rest."""


async def _afsio_write(path: str, source: Path, scratch: Path) -> None:
    size = os.path.getsize(source)  # noqa: ASYNC240 - test scaffolding
    if size <= AFSIO_PIECE:
        await afsio("write", path, "-force", stdin=source)
        return
    with source.open("rb") as f:
        for index, start in enumerate(range(0, size, AFSIO_PIECE)):
            piece = scratch / f"piece-{index}"
            piece.write_bytes(f.read(AFSIO_PIECE))
            await afsio("write" if start == 0 else "append", path,
                        *(("-force",) if start == 0 else ()), stdin=piece)
            piece.unlink()


def _random_file(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        left = size
        while left:
            block = min(left, 8 << 20)
            f.write(os.urandom(block))
            left -= block
    return path


def _md5(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "md5").hexdigest()


SIZES = [0, 1, 1412, 1413, 65535, 65536, 65537]


# ---------------------------------------------------------------------------------- listing

async def test_ls_and_stat_of_the_cell_root(openafs_cell_noauth: CellEnv) -> None:
    env = openafs_cell_noauth
    with trio.fail_after(30):
        async with _client(env) as client:
            entries = dict(await client.listdir(_root(env, rw=False)))
            assert entries["hello.txt"].kind == "file"
            assert entries["hello.txt"].size == len(HELLO)
            assert entries["test.vol"].kind == "mountpoint"
            assert entries["test.vol"].target == "#test.vol."
            status = await client.stat(_root(env, "hello.txt", rw=False))
            assert status.size == len(HELLO)
            assert status.fid[0] == int(env["AFS_VOLID_ROOT_CELL"])
            root = await client.stat(_root(env))
            assert root.kind == "directory"
            assert root.fid == (int(env["AFS_VOLID_ROOT_CELL"]), 1, 1)


async def test_a_directory_of_a_thousand_entries(openafs_cell_noauth: CellEnv,
                                                 tmp_path: Path) -> None:
    env = openafs_cell_noauth
    directory = _root(env, _unique("many"))
    names = {f"entry-{i:04d}-{secrets.token_hex(3)}" for i in range(1000)}
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    with trio.fail_after(300):
        async with _client(env) as client:
            await client.mkdir(directory)
            limit = trio.CapacityLimiter(8)

            async def make(name: str) -> None:
                async with limit:
                    await client.put(empty, f"{directory}/{name}")

            async with trio.open_nursery() as nursery:
                for name in sorted(names):
                    nursery.start_soon(make, name)
            listed = await client.listdir(directory)
            assert {name for name, _ in listed} == names
            assert all(status.kind == "file" and status.size == 0 for _, status in listed)
    done = await afs("ls", directory, "--json", "-config", str(env.config_dir))
    assert {entry["name"] for entry in json.loads(done.stdout)} == names


# ---------------------------------------------------------------------------------- data

@pytest.mark.parametrize("size", SIZES)
async def test_afsio_write_then_get(openafs_cell_noauth: CellEnv, tmp_path: Path,
                                    size: int) -> None:
    await _afsio_write_then_get(openafs_cell_noauth, tmp_path, size)


async def _afsio_write_then_get(env: CellEnv, tmp_path: Path, size: int) -> None:
    name = _unique(f"afsio-{size}")
    source = _random_file(tmp_path / "source", size)
    with trio.fail_after(300):
        async with _client(env) as client:
            # afsio 1.8.9 cannot create a file, only overwrite one, and it never makes one
            # shorter (nor sends anything for empty input): start with an empty file.
            stale = _random_file(tmp_path / "stale", 0)
            await client.put(stale, _root(env, name))
            await _afsio_write(_root(env, name, rw=False), source, tmp_path)
            got = tmp_path / "got"
            status = await client.get(_root(env, name), got)
            assert status.size == size
    assert filecmp.cmp(source, got, shallow=False)
    assert not (tmp_path / "got.part").exists()


@pytest.mark.parametrize("size", SIZES)
async def test_put_then_afsio_read(openafs_cell_noauth: CellEnv, tmp_path: Path,
                                   size: int) -> None:
    await _put_then_afsio_read(openafs_cell_noauth, tmp_path, size)


async def _put_then_afsio_read(env: CellEnv, tmp_path: Path, size: int) -> None:
    name = _unique(f"put-{size}")
    source = _random_file(tmp_path / "source", size)
    with trio.fail_after(300):
        async with _client(env) as client:
            status = await client.put(source, _root(env, name))
            assert status.size == size
            assert await client.digest(_root(env, name)) == _md5(source)
    read = tmp_path / "read"
    await afsio("read", _root(env, name, rw=False), stdout=read)
    assert filecmp.cmp(source, read, shallow=False)


async def test_a_file_above_100_mib_both_ways(openafs_cell_noauth: CellEnv,
                                              tmp_path: Path) -> None:
    size = random.randrange(100 << 20, 120 << 20)
    (tmp_path / "put").mkdir()
    (tmp_path / "get").mkdir()
    await _put_then_afsio_read(openafs_cell_noauth, tmp_path / "put", size)
    shutil.rmtree(tmp_path / "put")  # no need to keep 200 MiB on disk
    await _afsio_write_then_get(openafs_cell_noauth, tmp_path / "get", size + 1)


async def test_two_reads_and_a_write_at_once(openafs_cell_noauth: CellEnv,
                                             tmp_path: Path) -> None:
    env = openafs_cell_noauth
    sources = [_random_file(tmp_path / f"s{i}", (3 + i) << 20) for i in range(3)]
    names = [_unique(f"concurrent-{i}") for i in range(3)]
    with trio.fail_after(120):
        async with _client(env) as client:
            for source, name in zip(sources[:2], names[:2], strict=True):
                await client.put(source, _root(env, name))
            async with trio.open_nursery() as nursery:
                for i in range(2):
                    nursery.start_soon(client.get, _root(env, names[i]), tmp_path / f"g{i}")
                nursery.start_soon(client.put, sources[2], _root(env, names[2]))
            await client.get(_root(env, names[2]), tmp_path / "g2")
    for i in range(3):
        assert filecmp.cmp(sources[i], tmp_path / f"g{i}", shallow=False)


# ---------------------------------------------------------------------------------- callbacks

async def test_the_fileserver_breaks_our_callback(openafs_cell_noauth: CellEnv,
                                                  tmp_path: Path) -> None:
    env = openafs_cell_noauth
    name = _unique("watched")
    path = _root(env, name)
    first, second = tmp_path / "first", tmp_path / "second"
    first.write_bytes(b"first version\n")
    second.write_bytes(b"the second version\n")
    with trio.fail_after(60):
        async with _client(env) as writer:
            await writer.put(first, path)
            async with _client(env) as reader:
                assert (await reader.stat(path)).size == first.stat().st_size
                before = reader.statistics().callbacks_broken
                await writer.put(second, path)  # another client changes the file
                while reader.statistics().callbacks_broken == before:  # noqa: ASYNC110
                    await trio.sleep(0.05)
                # The broken promise is gone: the next stat asks the fileserver again.
                assert (await reader.stat(path)).size == second.stat().st_size
                await reader.get(path, tmp_path / "got")
                assert (tmp_path / "got").read_bytes() == second.read_bytes()
                port = reader._socket.endpoint.address[1]
            await trio.sleep(0.5)
            listing = await _rxdebug(env)
    # No call of the fileserver's to our client is left in progress.
    assert not _active_calls_to(listing, port), listing


async def test_afsio_write_breaks_our_callback(openafs_cell_noauth: CellEnv,
                                               tmp_path: Path) -> None:
    env = openafs_cell_noauth
    name = _unique("watched-afsio")
    path = _root(env, name)
    with trio.fail_after(60):
        async with _client(env) as client:
            await client.put(_random_file(tmp_path / "a", 100), path)
            await client.stat(path)
            before = client.statistics().callbacks_broken
            source = _random_file(tmp_path / "b", 5000)
            await _afsio_write(_root(env, name, rw=False), source, tmp_path)
            while client.statistics().callbacks_broken == before:  # noqa: ASYNC110
                await trio.sleep(0.05)
            assert (await client.stat(path)).size == 5000


async def _rxdebug(env: CellEnv) -> str:
    rxdebug = shutil.which("rxdebug")
    if rxdebug is None:
        peer_missing("rxdebug (OpenAFS client) not found")
    done = await trio.run_process([rxdebug, env.host, str(env.fs_port), "-allconnections"],
                                  capture_stdout=True, capture_stderr=True, check=False)
    return done.stdout.decode(errors="replace")


def _active_calls_to(listing: str, port: int) -> list[str]:
    """The lines of rxdebug's listing of connections to ``port`` with an active call."""
    found = []
    current_port = None
    for line in listing.splitlines():
        match = re.search(r"Connection (?:from|to) host \S+, port (\d+)", line)
        if match:
            current_port = int(match.group(1))
        elif current_port == port and re.search(r"state active", line):
            found.append(line)
    return found


# ---------------------------------------------------------------------------------- refusals

async def test_a_forbidden_file_raises_eacces_and_writes_nothing(
        openafs_cell_noauth: CellEnv, tmp_path: Path) -> None:
    env = openafs_cell_noauth
    target = tmp_path / "secret"
    with trio.fail_after(30):
        async with _client(env) as client:
            with pytest.raises(RPCError) as info:
                await client.get(_root(env, "test.vol", "secret"), target)
    assert info.value.abort_code == 13
    assert info.value.error_name == "EACCES"
    assert sorted(os.listdir(tmp_path)) == []  # neither the file nor a .part of it


async def test_an_administrator_reads_and_writes_what_anonymous_cannot(
        openafs_cell_auth: CellEnv, tmp_path: Path) -> None:
    env = openafs_cell_auth
    source = _random_file(tmp_path / "source", 70000)
    path = _root(env, "test.vol", _unique("admin-only"))
    with trio.fail_after(60):
        async with _client(env, security=localauth_as("admin", env.config_dir)) as client:
            await client.put(source, path)
            await client.get(path, tmp_path / "got")
            acl = await client.get_acl(_root(env, "test.vol"))
            assert "system:administrators" in dict(acl.positive)
        async with _client(env) as anonymous:
            with pytest.raises(RPCError) as info:
                await anonymous.stat(path)
            assert info.value.error_name == "EACCES"
    assert filecmp.cmp(source, tmp_path / "got", shallow=False)


async def test_a_missing_name(openafs_cell_noauth: CellEnv) -> None:
    env = openafs_cell_noauth
    with trio.fail_after(30):
        async with _client(env) as client:
            with pytest.raises(FileNotFoundError):
                await client.stat(_root(env, "no-such-file"))
            with pytest.raises(NotADirectoryError):
                await client.listdir(_root(env, "hello.txt"))


# ---------------------------------------------------------------------------------- commands

class Run:
    def __init__(self, status: int, stdout: str, stderr: str) -> None:
        self.status, self.stdout, self.stderr = status, stdout, stderr


async def afs(*argv: str) -> Run:
    """``python -m trio_rxrpc afs ARGV...`` as a program, using this checkout."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    with trio.fail_after(300):
        done = await trio.run_process([sys.executable, "-m", "trio_rxrpc", "afs", *argv],
                                      capture_stdout=True, capture_stderr=True, check=False,
                                      env=env)
    return Run(done.returncode, done.stdout.decode(), done.stderr.decode())


async def test_the_commands(openafs_cell_noauth: CellEnv, tmp_path: Path) -> None:
    env = openafs_cell_noauth
    config = ("-config", str(env.config_dir))
    directory = _root(env, _unique("cmd"))
    source = _random_file(tmp_path / "source", 200_000)

    done = await afs("mkdir", directory, *config)
    assert done.status == 0, done.stderr
    done = await afs("put", str(source), f"{directory}/data", "--verify", *config)
    assert done.status == 0, done.stderr
    assert done.stdout.split()[0] == _md5(source)
    done = await afs("get", f"{directory}/data", str(tmp_path / "back"), "--md5",
                     "--progress", *config)
    assert done.status == 0, done.stderr
    assert "100.0%" in done.stderr.split("\r")[-1], done.stderr  # the progress line
    assert done.stdout.split()[0] == _md5(source)
    assert filecmp.cmp(source, tmp_path / "back", shallow=False)

    done = await afs("ls", "-l", directory, *config)
    assert done.status == 0, done.stderr
    assert done.stdout.rstrip().endswith(" data"), done.stdout
    done = await afs("stat", f"{directory}/data", "--json", *config)
    status = json.loads(done.stdout)
    assert (status["kind"], status["size"]) == ("file", 200_000)
    done = await afs("ls", _root(env, rw=False), "--json", *config)
    kinds = {entry["name"]: entry["kind"] for entry in json.loads(done.stdout)}
    assert (kinds["test.vol"], kinds["hello.txt"]) == ("mountpoint", "file")

    done = await afs("acl", _root(env), "--json", *config)
    assert json.loads(done.stdout)["positive"]["system:anyuser"] == "rlidwk"

    done = await afs("rm", f"{directory}/data", *config)
    assert done.status == 0, done.stderr
    done = await afs("rm", directory, *config)
    assert done.status == 0, done.stderr
    done = await afs("stat", directory, *config)
    assert done.status == 1
    assert done.stderr.strip() == f"afs: {directory}: No such file or directory"


async def test_command_failures_are_one_line(openafs_cell_noauth: CellEnv,
                                             tmp_path: Path) -> None:
    env = openafs_cell_noauth
    config = ("-config", str(env.config_dir))
    done = await afs("get", _root(env, "test.vol", "x"), str(tmp_path / "x"), *config)
    assert done.status == 1
    assert done.stderr.startswith("afs: "), done.stderr
    assert "EACCES" in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()

    # A cell whose database server does not answer.
    dead = tmp_path / "dead"
    dead.mkdir()
    (dead / "CellServDB").write_text(">dead.example #\n127.0.0.9 #nobody.example\n")
    (dead / "ThisCell").write_text("dead.example\n")
    done = await afs("ls", "/afs/dead.example/", "-config", str(dead), "-timeout", "2")
    assert done.status == 1
    assert "did not answer" in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


async def test_as_user_on_the_command_line(openafs_cell_auth: CellEnv, tmp_path: Path) -> None:
    env = openafs_cell_auth
    config = ("-config", str(env.config_dir))
    source = _random_file(tmp_path / "source", 5000)
    path = _root(env, "test.vol", _unique("cli-admin"))
    done = await afs("put", str(source), path, "-as-user", "admin", *config)
    assert done.status == 0, done.stderr
    done = await afs("get", path, str(tmp_path / "back"), "-as-user", "admin", "-encrypt",
                     *config)
    assert done.status == 0, done.stderr
    assert filecmp.cmp(source, tmp_path / "back", shallow=False)
    done = await afs("stat", path, *config)
    assert done.status == 1
    assert "EACCES (13)" in done.stderr, done.stderr


async def test_links_mount_points_and_renames(openafs_cell_noauth: CellEnv,
                                              tmp_path: Path) -> None:
    env = openafs_cell_noauth
    top = _root(env, _unique("links"))
    data = tmp_path / "data"
    data.write_bytes(b"the linked file\n")
    root_cell = (int(env["AFS_VOLID_ROOT_CELL"]), 1, 1)
    # Only a directory's administrators may make mount points in it.
    admin = localauth_as("admin", env.config_dir)
    with trio.fail_after(60):
        async with _client(env, security=admin) as client:
            await client.mkdir(top)
            await client.put(data, f"{top}/file")
            await client.symlink("file", f"{top}/relative")
            await client.symlink(f"{top}/file", f"{top}/absolute")
            await client.symlink("../no-such-thing", f"{top}/dangling")
            await client.make_mount_point(f"{top}/regular", "root.cell")
            await client.make_mount_point(f"{top}/rw", "root.cell", read_write=True)
            await client.make_mount_point(f"{top}/qualified", "root.cell", cell=env.cell)

            entries = dict(await client.listdir(top))
            assert {name: (s.kind, s.target) for name, s in entries.items()} == {
                "file": ("file", None),
                "relative": ("symlink", "file"),
                "absolute": ("symlink", f"{top}/file"),
                "dangling": ("symlink", "../no-such-thing"),
                "regular": ("mountpoint", "#root.cell."),
                "rw": ("mountpoint", "%root.cell."),
                "qualified": ("mountpoint", f"#{env.cell}:root.cell."),
            }
            # Links lead to what they name; mount points to the volume's root directory.
            for name in ("relative", "absolute"):
                assert (await client.stat(f"{top}/{name}")).fid == entries["file"].fid
            assert (await client.stat(f"{top}/relative", follow=False)).kind == "symlink"
            with pytest.raises(FileNotFoundError):
                await client.stat(f"{top}/dangling")
            for name in ("regular", "rw", "qualified"):
                assert (await client.stat(f"{top}/{name}")).fid == root_cell
                listed = {n for n, _ in await client.listdir(f"{top}/{name}")}
                assert "hello.txt" in listed
            await client.get(f"{top}/regular/hello.txt", tmp_path / "hello")
            await client.get(f"{top}/relative", tmp_path / "through-link")

            # Storing through a link replaces the file it leads to.
            replacement = tmp_path / "replacement"
            replacement.write_bytes(b"stored through the link\n")
            await client.put(replacement, f"{top}/relative")
            assert (await client.stat(f"{top}/relative", follow=False)).kind == "symlink"
            assert await client.digest(f"{top}/file") == hashlib.md5(
                replacement.read_bytes()).hexdigest()
            with pytest.raises(IsADirectoryError):
                await client.put(replacement, f"{top}/regular")

            await client.rename(f"{top}/file", f"{top}/renamed")
            with pytest.raises(FileNotFoundError):
                await client.stat(f"{top}/file")
            assert (await client.stat(f"{top}/renamed")).fid == entries["file"].fid
    assert (tmp_path / "hello").read_bytes() == HELLO
    assert (tmp_path / "through-link").read_bytes() == b"the linked file\n"
