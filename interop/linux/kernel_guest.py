"""Boot the Linux test guest under qemu, run commands in it, and stop it.

The guest is a Debian kernel (see :mod:`guest_image`) booted by ``qemu-system-x86_64`` with
software emulation (TCG) and qemu's user-mode network:

* the guest is 10.0.2.15 and reaches the host's 127.0.0.1 as 10.0.2.2 (the guest's packets to
  10.0.2.2 leave qemu from 127.0.0.1, with a source port qemu picks);
* UDP ``127.0.0.1:HOST_PORT`` on the host is forwarded to the guest's kecho server
  (``10.0.2.15:7777``, service 1234), and more forwards can be asked for;
* the guest's link has a 9000-byte MTU by default (``--link-mtu``), room for the jumbograms
  of Linux 7.x.

Its first serial port is the console, written to ``DIR/console.log``; the second is a unix
socket ``DIR/control.sock`` that runs one shell command at a time (:meth:`Guest.run`).
``DIR/guest.json`` records how the guest was started, so another process (or the command line
below) can find it again.

Command line (as root the first time, for the package downloads)::

    python3 interop/linux/kernel_guest.py start DIR [--host-port 17777] [--forward 17778:7778] \
        [--link-mtu 9000]
    python3 interop/linux/kernel_guest.py run DIR 'kecho call -a 127.0.0.1 -z 1000 -n 3'
    python3 interop/linux/kernel_guest.py status DIR
    python3 interop/linux/kernel_guest.py stop DIR

Standard library only.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import guest_image

GUEST_ADDR = "10.0.2.15"
HOST_ALIAS = "10.0.2.2"
"""The host's 127.0.0.1 as the guest sees it."""
ECHO_PORT = 7777
ECHO_SERVICE = 1234
UPGRADE_PORT = 7779
"""A second kecho server: ECHO_SERVICE and UPGRADE_SERVICE, upgradeable from one to the other."""
UPGRADE_SERVICE = 2500
READY_LINE = "GUEST ready"


class GuestError(RuntimeError):
    """The guest could not be started, or a command could not be run in it."""


@dataclass
class GuestSettings:
    """How a guest is (or was) started; saved as ``DIR/guest.json``."""

    host_port: int = 17777
    """The host's UDP port forwarded to the guest's echo server."""
    forwards: list[tuple[int, int]] = field(default_factory=list)
    """More ``(host port, guest port)`` UDP forwards."""
    extra_modules: list[str] = field(default_factory=list)
    """Module files built outside Debian's packages to load too (e.g. ``rxperf.ko``; a
    rebuilt ``rxrpc.ko`` replaces Debian's), or names of Debian modules to insert first."""
    rxkad_key: str = ""
    """The echo server's 8-byte DES rxkad key in hex; empty: rxnull calls only."""
    link_mtu: int = 9000
    """The MTU of the guest's eth0 (the e1000 takes up to 16110).  Linux 7.x only sends
    jumbograms after path-MTU probing has found room for two sub-packets or more, which a
    1500-byte link never has; qemu's user-mode network passes the larger frames."""
    memory_mb: int = 256
    accel: str = "tcg"
    """Nested KVM may not work on a virtual machine; TCG always does (boot takes ~10 s)."""
    pid: int = 0
    kernel: str = ""
    boot_seconds: float = 0.0


@dataclass(frozen=True)
class Result:
    """What a command in the guest did."""

    status: int
    output: str


def missing_tools() -> list[str]:
    """The Debian packages the harness needs that are not installed."""
    needs = {
        "qemu-system-x86": shutil.which("qemu-system-x86_64"),
        "gcc": shutil.which("gcc"),
        "apt-get": shutil.which("apt-get"),
        "dpkg-deb": shutil.which("dpkg-deb"),
        "libc6-dev": Path("/usr/lib/x86_64-linux-gnu/libc.a").is_file() or None,
        "linux-libc-dev": Path("/usr/include/linux/rxrpc.h").is_file() or None,
    }
    return [name for name, found in needs.items() if not found]


class Guest:
    """One guest, known by its state directory ``DIR``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory.resolve()
        self._process: subprocess.Popen[bytes] | None = None
        self._serial = 0

    @property
    def console_log(self) -> Path:
        return self.directory / "console.log"

    @property
    def control_socket(self) -> Path:
        return self.directory / "control.sock"

    @property
    def state_file(self) -> Path:
        return self.directory / "guest.json"

    def settings(self) -> GuestSettings:
        """The settings this guest was started with."""
        try:
            raw = json.loads(self.state_file.read_text())
        except FileNotFoundError:
            raise GuestError(f"no guest was started in {self.directory}") from None
        raw["forwards"] = [tuple(pair) for pair in raw.get("forwards", [])]
        return GuestSettings(**raw)

    def pid(self) -> int | None:
        """The qemu process of this guest, if it is running (checked by its command line)."""
        try:
            pid = self.settings().pid
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (GuestError, OSError):
            return None
        if pid and any(b"qemu-system" in arg for arg in cmdline[:1]) and \
                f"file:{self.console_log}".encode() in cmdline:
            return pid
        return None

    def status(self) -> str:
        """``"ready"``, ``"booting"`` or ``"stopped"``."""
        if self.pid() is None:
            return "stopped"
        return "ready" if self.is_ready() else "booting"

    def is_ready(self) -> bool:
        try:
            return READY_LINE in self.console_log.read_text(errors="replace")
        except FileNotFoundError:
            return False

    def start(self, settings: GuestSettings, cache: guest_image.PackageCache | None = None,
              boot_timeout: float = 180.0) -> GuestSettings:
        """Fetch what is missing, build the initramfs, boot the guest and wait until it is ready.

        Raises :class:`GuestError` (or :class:`guest_image.ImageError`) when something is
        missing or the guest does not come up; a guest that did not come up is stopped.
        """
        if self.pid() is not None:
            raise GuestError(f"a guest is already running in {self.directory}")
        missing = missing_tools()
        if missing:
            raise GuestError(f"missing Debian packages: {' '.join(missing)}")
        if len(str(self.control_socket)) > 100:
            raise GuestError(f"{self.directory} is too long a path for a unix socket")
        self.directory.mkdir(parents=True, exist_ok=True)
        cache = cache or guest_image.PackageCache()
        kernel = cache.kernel()
        busybox = cache.busybox()
        kecho = guest_image.build_kecho(self.directory / "kecho")
        initramfs = self.directory / "initramfs.gz"
        guest_image.build_initramfs(initramfs, kernel, busybox, kecho, {
            "GUEST_ADDR": GUEST_ADDR, "HOST_ALIAS": HOST_ALIAS,
            "ECHO_PORT": str(ECHO_PORT), "ECHO_SERVICE": str(ECHO_SERVICE),
            "UPGRADE_PORT": str(UPGRADE_PORT), "UPGRADE_SERVICE": str(UPGRADE_SERVICE),
            "RXKAD_KEY": settings.rxkad_key, "LINK_MTU": str(settings.link_mtu)},
            extra_modules=tuple(Path(path) for path in settings.extra_modules))
        for stale in (self.console_log, self.control_socket):
            stale.unlink(missing_ok=True)
        forwards = [(settings.host_port, ECHO_PORT), *settings.forwards]
        netdev = ",".join(["user,id=net0,ipv6=off"] + [
            f"hostfwd=udp:127.0.0.1:{host}-{GUEST_ADDR}:{guest}" for host, guest in forwards])
        argv = [
            "qemu-system-x86_64", "-accel", settings.accel, "-m", str(settings.memory_mb),
            "-smp", "1", "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
            "-kernel", str(kernel.vmlinuz), "-initrd", str(initramfs),
            "-append", "console=ttyS0 quiet panic=-1 rdinit=/init",
            "-serial", f"file:{self.console_log}",
            "-chardev", f"socket,id=control,path={self.control_socket},server=on,wait=off",
            "-device", "isa-serial,chardev=control",
            "-netdev", netdev, "-device", "e1000,netdev=net0,romfile=",
        ]
        started = time.monotonic()
        with (self.directory / "qemu.log").open("wb") as qemu_log:
            self._process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=qemu_log,
                                             stderr=subprocess.STDOUT, start_new_session=True)
        settings.pid = self._process.pid
        settings.kernel = kernel.version
        self._save(settings)
        while not self.is_ready():
            if self._process.poll() is not None:
                self._process = None
                raise GuestError(f"qemu exited during boot:\n{self._tail()}")
            if time.monotonic() - started > boot_timeout:
                self.stop()
                raise GuestError(f"the guest was not ready after {boot_timeout:.0f} s:\n"
                                 f"{self._tail()}")
            time.sleep(0.1)
        settings.boot_seconds = round(time.monotonic() - started, 2)
        self._save(settings)
        return settings

    def _save(self, settings: GuestSettings) -> None:
        self.state_file.write_text(json.dumps(asdict(settings)) + "\n")

    def _tail(self, lines: int = 30) -> str:
        text = ""
        for path in (self.directory / "qemu.log", self.console_log):
            if path.is_file():
                text += "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) + "\n"
        return text

    def stop(self, grace: float = 10.0) -> bool:
        """Stop the guest's qemu (SIGTERM, then SIGKILL after ``grace`` s); False if not running."""
        pid = self.pid()
        if pid is None:
            if self._process is not None:
                self._process.wait()
                self._process = None
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                break
            time.sleep(0.1)
        if self.pid() is not None:
            os.kill(pid, signal.SIGKILL)
        if self._process is not None:
            self._process.wait()
            self._process = None
        self.control_socket.unlink(missing_ok=True)
        return True

    def run(self, command: str, timeout: float = 120.0) -> Result:
        """Run one shell command line in the guest; return its exit status and output.

        Commands run one at a time (a lock file in ``DIR`` serializes callers, also across
        processes).  Raises :class:`GuestError` on timeout or when the guest goes away; a
        command that timed out may still be running in the guest.
        """
        if "\n" in command or "\r" in command:
            raise GuestError("the command must be a single line")
        if self.pid() is None:
            raise GuestError(f"no guest running in {self.directory}")
        deadline = time.monotonic() + timeout
        with (self.directory / "control.lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._serial += 1
            tag = f"{os.getpid()}.{self._serial}.{time.monotonic_ns()}"
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.connect(str(self.control_socket))
                # Empty lines first: the serial line now and then loses the first byte a new
                # control connection sends, and the guest skips empty lines.
                conn.sendall(f"\n\n{tag} {command}\n".encode())
                return _read_answer(conn, tag, deadline)


def _read_answer(conn: socket.socket, tag: str, deadline: float) -> Result:
    """Read the control port until the output of command ``tag`` is complete."""
    begin = f"@@begin {tag}\n".encode()
    done = f"@@done {tag} ".encode()
    buffer = b""
    started = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise GuestError(f"command {tag} timed out; output so far:\n{buffer.decode()[-2000:]}")
        conn.settimeout(left)
        try:
            data = conn.recv(65536)
        except TimeoutError:
            continue
        if not data:
            raise GuestError("the guest closed the control port")
        buffer += data
        if not started:
            at = buffer.find(begin)
            if at < 0:
                continue
            buffer = buffer[at + len(begin):]
            started = True
        at = buffer.find(done)
        end = buffer.find(b"\n", at) if at >= 0 else -1
        if end >= 0:
            status = int(buffer[at + len(done):end].strip() or b"255")
            return Result(status, buffer[:at].decode(errors="replace"))


def parse_forward(text: str) -> tuple[int, int]:
    """``"17778:7778"`` -> ``(17778, 7778)``."""
    host, _, guest = text.partition(":")
    if not (host.isdigit() and guest.isdigit()):
        raise argparse.ArgumentTypeError(f"bad forward {text!r} (want HOSTPORT:GUESTPORT)")
    return int(host), int(guest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The Linux AF_RXRPC test guest under qemu.")
    sub = parser.add_subparsers(dest="action", required=True)
    start = sub.add_parser("start", help="boot a guest whose state lives in DIR")
    start.add_argument("directory", type=Path)
    start.add_argument("--host-port", type=int, default=17777,
                       help="host UDP port forwarded to the guest echo server")
    start.add_argument("--forward", action="append", default=[], metavar="HOST:GUEST",
                       type=parse_forward,
                       help="one more UDP forward from 127.0.0.1:HOST to the guest's GUEST")
    start.add_argument("--rxkad-key", default="", metavar="HEX",
                       help="an 8-byte DES key: the echo server also takes rxkad calls")
    start.add_argument("--module", action="append", default=[], metavar="KO",
                       help="one more kernel module file to load (e.g. the rxrpc.ko and "
                            "rxperf.ko that rxperf_module.py builds), or the name of a "
                            "Debian module to insert before the others")
    start.add_argument("--link-mtu", type=int, default=GuestSettings.link_mtu, metavar="BYTES",
                       help="MTU of the guest's network link (default %(default)s)")
    start.add_argument("--accel", default="tcg")
    for name in ("stop", "status"):
        sub.add_parser(name).add_argument("directory", type=Path)
    run = sub.add_parser("run", help="run one shell command line in the guest")
    run.add_argument("directory", type=Path)
    run.add_argument("command")
    run.add_argument("--timeout", type=float, default=300.0)
    sub.add_parser("fetch", help="only download and unpack the packages")
    args = parser.parse_args(argv)
    try:
        if args.action == "fetch":
            cache = guest_image.PackageCache()
            print(cache.kernel(), cache.busybox())
            return 0
        guest = Guest(args.directory)
        if args.action == "start":
            forwards: list[tuple[int, int]] = args.forward
            settings = guest.start(GuestSettings(host_port=args.host_port, accel=args.accel,
                                                 forwards=forwards, rxkad_key=args.rxkad_key,
                                                 extra_modules=args.module,
                                                 link_mtu=args.link_mtu))
            print(f"ready after {settings.boot_seconds:.1f} s: kernel {settings.kernel}, qemu pid "
                  f"{settings.pid}; 127.0.0.1:{settings.host_port}/udp -> echo server "
                  f"{GUEST_ADDR}:{ECHO_PORT} service {ECHO_SERVICE}; console {guest.console_log}")
        elif args.action == "stop":
            print("stopped" if guest.stop() else "not running")
        elif args.action == "status":
            print(guest.status())
            return 0 if guest.status() == "ready" else 1
        else:
            result = guest.run(args.command, timeout=args.timeout)
            sys.stdout.write(result.output)
            return result.status
    except (GuestError, guest_image.ImageError) as exc:
        print(f"linux-guest: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
