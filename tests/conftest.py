"""Fixtures for tests that need real peers: an OpenAFS cell, crxperf, rxdebug, tshark, and the
Linux kernel's AF_RXRPC in a qemu guest.

The peers are Debian packages that ``scripts/setup.sh --test`` installs.  The OpenAFS cell is
started and stopped by the repository's own scripts, ``interop/openafs/cell-up.sh`` and
``cell-down.sh`` (see the README.md there); the Linux guest by ``interop/linux/kernel_guest.py``.

A test whose peer is missing is skipped, loudly: the reason names the peer and how to get it,
and the session ends with a list of every missing peer. When the environment variable ``CI`` is
set (to anything but ``""``, ``0`` or ``false``), a missing peer fails the test instead, so CI
never passes by skipping interop tests.

The OpenAFS cell has two modes (``--noauth``: every caller is a superuser; ``--auth``:
privileged calls need rxkad) on the same fixed ports, so only one can run at a time. A single
session-wide :class:`OpenAFSCellManager` owns the cell; the function-scoped fixtures
``openafs_cell_noauth`` and ``openafs_cell_auth`` ask it for the mode they need, and it rebuilds
the cell in the other mode only when the mode changes. Collection orders the tests so that all
noauth tests run before all auth tests, which costs one rebuild per session.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn

import attrs
import pytest

if TYPE_CHECKING:
    from typing import IO

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "interop" / "linux"))
import guest_image  # noqa: E402  (the harness is a directory of plain modules, not a package)
import kernel_guest  # noqa: E402
import rxperf_module  # noqa: E402

CELL_SCRIPTS = REPO / "interop" / "openafs"
"""Where ``cell-up.sh`` and ``cell-down.sh`` live."""

CellMode = Literal["noauth", "auth"]

CELL_ORDER = {"openafs_cell_noauth": 1, "openafs_cell_auth": 2}
"""Where cell tests run: after the others, all noauth ones before all auth ones."""
PEER_FIXTURES = frozenset({*CELL_ORDER, "crxperf", "rxdebug", "tshark", "linux_kernel"})

CELL_LOCK = Path("/tmp/trio-rxrpc-openafs-cell.lock")
"""Serializes test sessions on one machine: the cell's ports and system files are global."""

CELL_LOCK_TIMEOUT = 900.0
CELL_UP_TIMEOUT = 600.0
"""``cell-up.sh`` may apt-get install the OpenAFS packages before it starts the cell."""

_missing_peers: list[str] = []
_setup_notes: list[str] = []
"""How long each peer took to set up, for the end-of-session summary."""


def wait_for_lock(lock: IO[str], timeout: float, what: str) -> None:
    """Take an exclusive flock on ``lock`` (one peer of a kind per machine), failing the test
    if another test session holds it for more than ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                pytest.fail(f"another test session has held {what} for {timeout:.0f} s",
                            pytrace=False)
            time.sleep(0.5)


def in_ci() -> bool:
    """Whether the environment says this is a CI run (where missing peers are failures)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def peer_missing(what: str, hint: str = "run scripts/setup.sh --test as root") -> NoReturn:
    """Skip the current test because a real peer is missing, or fail it under CI.

    Args:
        what: which peer is missing and why.
        hint: how to get it.
    """
    message = f"PEER MISSING: {what} ({hint})"
    if in_ci():
        pytest.fail(f"{message}; CI is set, so a missing peer is a failure", pytrace=False)
    if message not in _missing_peers:
        _missing_peers.append(message)
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the missing peers at the end of the session, so skipped interop tests stand out.

    Also report how long the peers took to set up (cell starts, the crxperf build).
    """
    if _setup_notes:
        terminalreporter.section("interop peer set-up")
        for note in _setup_notes:
            terminalreporter.line(note)
    if _missing_peers:
        terminalreporter.section("interop peers missing: tests were SKIPPED", red=True, bold=True)
        for message in _missing_peers:
            terminalreporter.line(message, red=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that use real peers ``interop``; run noauth cell tests before auth ones.

    The sort is stable and moves only cell tests (to the end, grouped by mode), so the cell
    changes mode at most once per session.
    """

    def cell_rank(item: pytest.Item) -> int:
        names = getattr(item, "fixturenames", ())
        return max((CELL_ORDER.get(name, 0) for name in names), default=0)

    for item in items:
        if PEER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.interop)
    items.sort(key=cell_rank)


def _run(argv: list[str | Path], *, cwd: Path | None = None, timeout: float) -> tuple[int, str]:
    """Run a command without stdin; return its exit status and its stdout+stderr."""
    try:
        done = subprocess.run(
            [str(a) for a in argv],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        # On POSIX the partial output is bytes even with text=True.
        raw: object = exc.stdout
        output = raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw or "")
        return -1, f"{output}\n[timed out after {timeout} s]"
    return done.returncode, done.stdout


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


# --------------------------------------------------------------------------- OpenAFS cell


class CellEnv(Mapping[str, str]):
    """The ``KEY=VALUE`` lines of a running cell's ``DIR/run/cell.env``, with typed accessors.

    It is a read-only mapping of the raw strings (``cell["AFS_CELL"]``); the properties give
    the common values converted.
    """

    def __init__(self, directory: Path, values: Mapping[str, str]) -> None:
        self.directory = directory
        """The cell's state directory (``DIR`` given to ``cell-up.sh``)."""
        self._values = dict(values)

    @classmethod
    def load(cls, directory: Path) -> CellEnv:
        """Parse ``directory/run/cell.env`` (blank lines and ``#`` comments are skipped)."""
        values: dict[str, str] = {}
        for line in (directory / "run" / "cell.env").read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                key, sep, value = line.partition("=")
                if sep:
                    values[key.strip()] = value.strip()
        return cls(directory, values)

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"CellEnv({self.directory}, mode={self.mode}, host={self.host})"

    @property
    def mode(self) -> CellMode:
        """``"noauth"`` or ``"auth"``."""
        return "noauth" if self["AFS_MODE"] == "noauth" else "auth"

    @property
    def cell(self) -> str:
        """The cell name (``test.example``)."""
        return self["AFS_CELL"]

    @property
    def realm(self) -> str:
        """The Kerberos realm (``TEST.EXAMPLE``)."""
        return self["AFS_REALM"]

    @property
    def host(self) -> str:
        """The address every server listens on (``127.0.0.1``)."""
        return self["AFS_HOST"]

    @property
    def key(self) -> bytes:
        """The cell's 8-byte DES server key (rxkad), from ``AFS_KEY_HEX``."""
        return bytes.fromhex(self["AFS_KEY_HEX"])

    @property
    def kvno(self) -> int:
        """The key version number of :attr:`key`."""
        return int(self["AFS_KVNO"])

    @property
    def config_dir(self) -> Path:
        """The directory to pass to ``pts``/``vos`` as ``-config``."""
        return Path(self["AFS_CONFIG_DIR"])

    @property
    def ports(self) -> dict[str, int]:
        """UDP ports by server: ``fs``, ``pt``, ``vl``, ``vol``, ``bos``."""
        return {
            name: int(self[f"AFS_{name.upper()}_PORT"]) for name in ("fs", "pt", "vl", "vol", "bos")
        }

    @property
    def fs_port(self) -> int:
        """The fileserver's port (7000)."""
        return int(self["AFS_FS_PORT"])

    @property
    def pt_port(self) -> int:
        """The protection server's port (7002)."""
        return int(self["AFS_PT_PORT"])

    @property
    def vl_port(self) -> int:
        """The volume location server's port (7003)."""
        return int(self["AFS_VL_PORT"])

    @property
    def vol_port(self) -> int:
        """The volume server's port (7005)."""
        return int(self["AFS_VOL_PORT"])

    @property
    def bos_port(self) -> int:
        """The basic overseer's port (7007)."""
        return int(self["AFS_BOS_PORT"])

    def address(self, server: str) -> tuple[str, int]:
        """The ``(host, port)`` of one server, named as in :attr:`ports` (e.g. ``"pt"``)."""
        return self.host, self.ports[server]


@attrs.define(eq=False)
class OpenAFSCellManager:
    """Owns the one OpenAFS cell of a test session and switches its mode on demand.

    Another test session on the same machine would fight over the same ports and system files,
    so the first :meth:`ensure` takes an exclusive lock on :data:`CELL_LOCK` (waiting for a
    running session to finish) and :meth:`stop` releases it. The lock file records the cell
    directory, so a cell left running by a killed session is stopped before a new one starts.
    """

    directory: Path
    """The cell's state directory; ``cell-up.sh`` rebuilds it when the mode changes."""
    scripts: Path = CELL_SCRIPTS
    """The directory of ``cell-up.sh`` and ``cell-down.sh``."""
    _lock: IO[str] | None = attrs.field(default=None, init=False)
    _failed: dict[str, str] = attrs.field(factory=dict, init=False)
    _started: bool = attrs.field(default=False, init=False)

    @property
    def up_script(self) -> Path:
        return self.scripts / "cell-up.sh"

    @property
    def down_script(self) -> Path:
        return self.scripts / "cell-down.sh"

    def _check_can_run(self) -> None:
        if os.geteuid() != 0:
            peer_missing("the OpenAFS cell needs root", "run the tests as root")
        if not Path("/usr/lib/openafs/ptserver").exists() and shutil.which("apt-get") is None:
            peer_missing("OpenAFS servers are not installed and there is no apt-get")

    def _acquire_lock(self) -> None:
        if self._lock is not None:
            return
        lock = CELL_LOCK.open("a+")
        try:
            wait_for_lock(lock, CELL_LOCK_TIMEOUT, f"{CELL_LOCK} (the OpenAFS cell)")
        except BaseException:
            lock.close()
            raise
        self._lock = lock
        # The lock file names the cell directory of the session that last held it. If that
        # session died without its teardown, its cell still holds the ports: stop it first.
        lock.seek(0)
        stale = lock.read().strip()
        if stale and stale != str(self.directory) and Path(stale).is_dir():
            _run([self.down_script, stale], timeout=120)
        lock.seek(0)
        lock.truncate()
        lock.write(f"{self.directory}\n")
        lock.flush()

    def ensure(self, mode: CellMode) -> CellEnv:
        """Return the cell running in ``mode``, starting or rebuilding it if needed.

        ``cell-up.sh`` is idempotent: with the cell already up in ``mode`` it only checks
        that every server answers (about 50 ms), so a crashed server is noticed and the cell
        rebuilt. Switching mode rebuilds the cell (about 7-11 s).
        """
        if mode in self._failed:
            pytest.fail(self._failed[mode], pytrace=False)
        self._check_can_run()
        self._acquire_lock()
        start = time.monotonic()
        up: list[str | Path] = [self.up_script, self.directory, f"--{mode}"]
        status, output = _run(up, timeout=CELL_UP_TIMEOUT)
        self._started = True
        if status != 0 and Path("/usr/lib/openafs/ptserver").exists():
            # On a loaded machine the script's own read-back check can time out once; take
            # the cell down and try a second time before failing every test that needs it.
            _setup_notes.append(
                f"cell-up.sh --{mode} failed once (exit {status}), retried:\n{_tail(output)}")
            _run([self.down_script, self.directory], timeout=120)
            status, output = _run(up, timeout=CELL_UP_TIMEOUT)
        if "already running" not in output:
            _setup_notes.append(f"cell-up.sh --{mode}: {time.monotonic() - start:.1f} s")
        env_file = self.directory / "run" / "cell.env"
        if status != 0 or not env_file.is_file():
            if not Path("/usr/lib/openafs/ptserver").exists():
                peer_missing(f"OpenAFS could not be installed:\n{_tail(output)}")
            self._failed[mode] = (
                f"cell-up.sh {self.directory} --{mode} failed (exit {status}):\n{_tail(output)}"
            )
            pytest.fail(self._failed[mode], pytrace=False)
        cell = CellEnv.load(self.directory)
        assert cell.mode == mode, f"cell-up.sh --{mode} left a {cell.mode} cell"
        return cell

    def stop(self) -> None:
        """Stop the cell (if this session started it) and release the lock."""
        if self._lock is None:
            return  # never started: the lock comes first
        try:
            if self._started:
                status, output = _run([self.down_script, self.directory], timeout=120)
                if status != 0:
                    raise RuntimeError(f"cell-down.sh failed (exit {status}):\n{_tail(output)}")
            self._lock.truncate(0)  # the cell is down: nothing for the next session to stop
        finally:
            self._lock.close()  # closing the file releases the flock
            self._lock = None


@pytest.fixture(scope="session")
def openafs_cell(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenAFSCellManager]:
    """The session's :class:`OpenAFSCellManager`; the cell is stopped when the session ends.

    Nothing starts until a test asks for a mode (``openafs_cell_noauth``/``openafs_cell_auth``).
    """
    manager = OpenAFSCellManager(tmp_path_factory.mktemp("openafs-cell"))
    try:
        yield manager
    finally:
        manager.stop()


@pytest.fixture
def openafs_cell_noauth(openafs_cell: OpenAFSCellManager) -> CellEnv:
    """A running OpenAFS cell in ``--noauth`` mode: every caller is a superuser."""
    return openafs_cell.ensure("noauth")


@pytest.fixture
def openafs_cell_auth(openafs_cell: OpenAFSCellManager) -> CellEnv:
    """A running OpenAFS cell in ``--auth`` mode: privileged calls need rxkad."""
    return openafs_cell.ensure("auth")


# ------------------------------------------------------------------------------ tools


def _find_tool(name: str, *extra_dirs: str) -> Path | None:
    found = shutil.which(name)
    if found:
        return Path(found)
    for directory in extra_dirs:
        candidate = Path(directory) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def tshark() -> Path:
    """Path of the ``tshark`` binary (Wireshark's command-line decoder)."""
    path = _find_tool("tshark", "/usr/bin", "/usr/sbin")
    if path is None:
        peer_missing("tshark not found")
    return path


@pytest.fixture(scope="session")
def rxdebug() -> Path:
    """Path of OpenAFS's ``rxdebug`` binary (package openafs-client)."""
    path = _find_tool("rxdebug", "/usr/bin", "/usr/sbin")
    if path is None:
        peer_missing("rxdebug (OpenAFS client) not found")
    return path


@pytest.fixture(scope="session")
def crxperf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a ``crxperf`` binary built from the repository's ``interop/crxperf``.

    The sources are copied to a temporary folder and built there, so the checkout stays clean.
    """
    source = REPO / "interop" / "crxperf"
    lib = Path("/usr/lib")
    needs = {
        "gcc": shutil.which("gcc") is not None,
        "make": shutil.which("make") is not None,
        "libopenafs-dev": (lib / "libafsrpc.a").is_file(),
        "libhcrypto5-heimdal": any(lib.glob("*/libhcrypto.so.5")),
        "libroken19-heimdal": any(lib.glob("*/libroken.so.19")),
    }
    absent = [name for name, found in needs.items() if not found]
    if absent:
        peer_missing(f"cannot build crxperf, missing: {', '.join(absent)}")
    build = tmp_path_factory.mktemp("crxperf")
    shutil.copytree(source, build, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*.o", "crxperf"))
    start = time.monotonic()
    status, output = _run(["make"], cwd=build, timeout=300)
    binary = build / "crxperf"
    if status != 0 or not binary.is_file():
        pytest.fail(f"building crxperf failed (exit {status}):\n{_tail(output)}", pytrace=False)
    _setup_notes.append(f"crxperf build: {time.monotonic() - start:.1f} s")
    return binary


# ------------------------------------------------------------------------ Linux kernel guest

LINUX_LOCK = Path("/tmp/trio-rxrpc-linux-guest.lock")
"""One guest at a time on a machine (two qemu TCG guests would starve its CPUs)."""
LINUX_LOCK_TIMEOUT = 900.0
LINUX_RXKAD_KEY = "0123456789abcdef"
"""The rxkad server key (DES, hex) of the guest's echo server."""


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def linux_kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[kernel_guest.Guest]:
    """A running Linux 7.3 guest (``interop/linux``): the kernel's AF_RXRPC as a peer.

    Its kecho server answers on ``127.0.0.1:guest.settings().host_port``, service
    ``kernel_guest.ECHO_SERVICE``, rxnull or rxkad with the key ``guest.settings().rxkad_key``;
    ``guest.run(command)`` runs a shell command in it.  A second kecho server, upgradeable
    from ``ECHO_SERVICE`` to ``kernel_guest.UPGRADE_SERVICE``, is forwarded from the host
    port that ``settings().forwards`` pairs with ``kernel_guest.UPGRADE_PORT``.  Booted
    once per session under an exclusive lock on :data:`LINUX_LOCK`, and stopped at the end.
    If Linux's rxrpc with rxgk and its rxperf module have been built
    (``interop/linux/rxperf_module.py``), the guest loads them instead of Debian's rxrpc and
    also runs the in-kernel rxperf server, forwarded from a host port (fixture
    ``linux_rxperf``).
    """
    missing = kernel_guest.missing_tools()
    if missing:
        peer_missing(f"the Linux guest needs the Debian packages {' '.join(missing)}")
    directory = Path("/tmp") / f"trio-rxrpc-linux-{os.getpid()}"  # a short path: unix socket
    with LINUX_LOCK.open("a+") as lock:
        wait_for_lock(lock, LINUX_LOCK_TIMEOUT, f"{LINUX_LOCK} (the Linux guest)")
        # A session killed before its teardown may have left its guest running: stop it.
        lock.seek(0)
        stale = lock.read().strip()
        if stale and Path(stale).is_dir():
            kernel_guest.Guest(Path(stale)).stop()
        lock.seek(0)
        lock.truncate()
        lock.write(f"{directory}\n")
        lock.flush()
        guest = kernel_guest.Guest(directory)
        rxperf = rxperf_module.built()
        if rxperf is None and in_ci():
            # In CI the kernel's rxperf server is a peer like any other: build it (a few
            # minutes, once per machine).  Locally its tests skip until it has been built.
            started = time.monotonic()
            try:
                rxperf = rxperf_module.build()
            except guest_image.ImageError as exc:
                pytest.fail(f"Linux's rxrpc/rxperf modules could not be built: {exc}",
                            pytrace=False)
            _setup_notes.append(f"Linux's rxrpc.ko with rxgk and rxperf.ko built in "
                                f"{time.monotonic() - started:.0f} s")
        try:
            settings = guest.start(kernel_guest.GuestSettings(
                host_port=_free_udp_port(), rxkad_key=LINUX_RXKAD_KEY,
                forwards=[(_free_udp_port(), kernel_guest.UPGRADE_PORT)] + (
                    [(_free_udp_port(), rxperf_module.RXPERF_PORT)] if rxperf else []),
                extra_modules=rxperf_module.guest_modules(rxperf) if rxperf else []))
        except guest_image.ImageError as exc:
            peer_missing(f"the Linux guest's packages could not be fetched: {exc}",
                         "needs network access to deb.debian.org")
        except kernel_guest.GuestError as exc:
            pytest.fail(f"the Linux guest did not start: {exc}", pytrace=False)
        _setup_notes.append(f"Linux {settings.kernel} guest under qemu: ready after "
                            f"{settings.boot_seconds:.1f} s"
                            + (" (with the in-kernel rxperf server)" if rxperf else ""))
        try:
            yield guest
        finally:
            guest.stop()
            lock.truncate(0)
            shutil.rmtree(directory, ignore_errors=True)



@pytest.fixture
def linux_rxperf(linux_kernel: kernel_guest.Guest) -> tuple[str, int]:
    """Where the guest's in-kernel rxperf server answers on the host (service 147, rxkad key
    ``rxperf_module.RXPERF_RXKAD_KEY``, yfs-rxgk keys for ``RXPERF_RXGK_ENCTYPES``); skips
    the test if its modules were not built."""
    for host, guest_port in linux_kernel.settings().forwards:
        if guest_port == rxperf_module.RXPERF_PORT:
            return "127.0.0.1", host
    pytest.skip("Linux's in-kernel rxperf server is not built: run "
                "python3 interop/linux/rxperf_module.py (a few minutes, once) to test against it")
