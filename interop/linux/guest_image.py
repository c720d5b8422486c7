"""The pieces of the Linux test guest: Debian packages, kernel modules and the initramfs.

Everything comes from Debian packages fetched with ``apt-get download`` into a cache directory
(nothing is installed on the host): the kernel (``linux-image-VERSION`` and, since 7.x split it,
its ``linux-{binary,modules,base}-VERSION`` dependencies) from a suite with private apt lists,
and ``busybox-static`` from the host's own apt sources.  The initramfs is written here as a
``newc`` cpio archive (no ``cpio`` tool needed); it holds busybox, our ``kecho`` program (built
with the host's gcc, statically), the kernel modules to load in dependency order, and ``/init``.

Standard library only, so that a person can run it by hand without installing the project.
"""

from __future__ import annotations

import gzip
import lzma
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

KERNEL_PACKAGE = "linux-image-7.3.4+deb13-amd64"
"""Debian trixie-backports' Linux 7.3 (a metapackage since 7.x)."""
KERNEL_SUITE = "trixie-backports"
MIRROR = "http://deb.debian.org/debian"
DEFAULT_CACHE = Path(os.environ.get("TRIO_RXRPC_LINUX_CACHE", "/tmp/trio-rxrpc-linux-cache"))

MODULES = ("rxrpc", "e1000")
"""What the guest loads; their dependencies come first (7.3: udp_tunnel, ip6_udp_tunnel,
libdes before rxrpc).  A module built into the kernel is left out."""


class ImageError(RuntimeError):
    """A package could not be fetched, or the guest image could not be built."""


def log(text: str) -> None:
    print(f"linux-guest: {text}", file=sys.stderr, flush=True)


def _run(argv: list[str], cwd: Path | None = None) -> str:
    done = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise ImageError(f"{' '.join(argv)} failed (exit {done.returncode}):\n"
                         f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout


# ------------------------------------------------------------------------------ packages


@dataclass(frozen=True)
class Kernel:
    """An unpacked kernel: its image, version and module tree."""

    vmlinuz: Path
    version: str
    modules: Path
    """``.../lib/modules/VERSION``, with ``kernel/`` and ``modules.builtin``."""


class PackageCache:
    """Downloads and unpacks Debian packages under one cache directory."""

    def __init__(self, root: Path = DEFAULT_CACHE) -> None:
        self.root = root
        self.debs = root / "debs"
        self.trees = root / "trees"

    def _suite_options(self, suite: str) -> list[str]:
        """apt-get options that use private sources and lists for ``suite``, updated once.

        The host's apt configuration and lists are left alone.  A backports suite also gets
        its base suite (backported packages may depend on it).
        """
        apt = self.root / "apt" / suite
        (apt / "lists" / "partial").mkdir(parents=True, exist_ok=True)
        (apt / "cache" / "archives" / "partial").mkdir(parents=True, exist_ok=True)
        sources = f"deb {MIRROR} {suite} main\n"
        if suite.endswith("-backports"):
            sources += f"deb {MIRROR} {suite.removesuffix('-backports')} main\n"
        listing = apt / "sources.list"
        if not listing.is_file() or listing.read_text() != sources:
            listing.write_text(sources)
            (apt / "updated").unlink(missing_ok=True)
        options = ["-o", f"Dir::Etc::SourceList={listing}", "-o", "Dir::Etc::SourceParts=/dev/null",
                   "-o", f"Dir::State::Lists={apt / 'lists'}", "-o", f"Dir::Cache={apt / 'cache'}"]
        if not (apt / "updated").exists():
            log(f"apt-get update for {suite} (private lists)")
            _run(["apt-get", *options, "update"])
            (apt / "updated").touch()
        return options

    def download(self, package: str, options: list[str]) -> Path:
        """The ``.deb`` of ``package``, downloaded with ``apt-get download`` if not cached."""
        self.debs.mkdir(parents=True, exist_ok=True)
        cached = sorted(self.debs.glob(f"{package}_*.deb"))
        if not cached:
            log(f"apt-get download {package}")
            try:
                _run(["apt-get", *options, "download", package], cwd=self.debs)
            except ImageError:
                if options:
                    raise
                _run(["apt-get", "update"])  # the host's lists may be stale
                _run(["apt-get", "download", package], cwd=self.debs)
            cached = sorted(self.debs.glob(f"{package}_*.deb"))
            if not cached:
                raise ImageError(f"apt-get download {package} left no .deb")
        return cached[-1]

    def fetch(self, package: str, suite: str) -> Path:
        """The ``.deb`` of ``package`` from ``suite`` (through the private lists)."""
        return self.download(package, self._suite_options(suite))

    def unpack(self, name: str, debs: list[Path]) -> Path:
        """Extract ``debs`` into one tree ``trees/name`` (once)."""
        tree = self.trees / name
        if (tree / ".complete").exists():
            return tree
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        for deb in debs:
            _run(["dpkg-deb", "-x", str(deb), str(tree)])
        (tree / ".complete").touch()
        return tree

    def kernel(self, package: str = KERNEL_PACKAGE, suite: str = KERNEL_SUITE) -> Kernel:
        """Fetch and unpack the kernel package and its same-version ``linux-*`` dependencies."""
        tree = self.trees / package
        if not (tree / ".complete").exists():
            options = self._suite_options(suite)
            image = self.download(package, options)
            debs = [image]
            version = package.removeprefix("linux-image-")
            depends = _run(["dpkg-deb", "-f", str(image), "Depends"])
            for item in depends.replace("|", ",").split(","):
                name = item.strip().split(" ")[0]
                if name.startswith("linux-") and name.endswith(version) and name != package:
                    debs.append(self.download(name, options))
            tree = self.unpack(package, debs)
        return find_kernel(tree)

    def busybox(self) -> Path:
        """The static busybox binary (package busybox-static from the host's apt sources)."""
        tree = self.unpack("busybox-static", [self.download("busybox-static", [])])
        binary = tree / "bin" / "busybox"
        if not binary.is_file():
            raise ImageError(f"no bin/busybox in {tree}")
        return binary


def find_kernel(tree: Path) -> Kernel:
    """Locate the kernel image and modules in an unpacked tree (``/lib`` or merged ``/usr``)."""
    for base in (tree / "usr" / "lib" / "modules", tree / "lib" / "modules"):
        for moddir in sorted(base.glob("*")) if base.is_dir() else []:
            if not (moddir / "kernel").is_dir():
                continue
            version = moddir.name
            for vmlinuz in (moddir / "vmlinuz", tree / "boot" / f"vmlinuz-{version}"):
                if vmlinuz.is_file():
                    return Kernel(vmlinuz, version, moddir)
    raise ImageError(f"no kernel image with modules under {tree}")


# ------------------------------------------------------------------------------- modules


def module_load_order(kernel: Kernel, wanted: tuple[str, ...] = MODULES,
                      extra: tuple[Path, ...] = ()) -> list[tuple[str, bytes]]:
    """The modules to insert, dependencies first, as ``(name, decompressed .ko)``.

    A Debian package has no ``modules.dep`` (depmod writes it on installation), so the
    dependencies come from each module's own ``depends=`` entry in its ``.modinfo`` section.
    ``extra`` are module files built for the kernel outside the package (``….ko``), loaded
    after ``wanted`` and replacing the package's module of the same name, or bare names of
    the package's modules, loaded before ``wanted`` (helpers the kernel would otherwise ask
    modprobe for).
    """
    files = [path for path in extra if path.name.endswith(".ko")]
    named = [path.name for path in extra if not path.name.endswith(".ko")]
    paths = {module_name(path.name): path for path in (kernel.modules / "kernel").rglob("*.ko*")}
    paths.update((module_name(path.name), path) for path in files)
    builtin_file = kernel.modules / "modules.builtin"
    builtin = {module_name(x) for x in builtin_file.read_text().split()} if builtin_file.is_file() \
        else set()
    order: list[tuple[str, bytes]] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen or name in builtin:
            return
        seen.add(name)
        if name not in paths:
            raise ImageError(f"module {name} is not in {kernel.version}")
        data = module_bytes(paths[name])
        for dep in module_depends(data):
            visit(dep)
        order.append((name, data))

    for name in (*named, *wanted, *(module_name(path.name) for path in files)):
        visit(name)
    return order


def module_depends(data: bytes) -> list[str]:
    """The ``depends=`` list of a module's ``.modinfo`` (NUL-separated ``key=value`` strings)."""
    at = data.find(b"\0depends=")
    if at < 0:
        return []
    value = data[at + len(b"\0depends="):data.index(b"\0", at + 1)].decode()
    return [module_name(name) for name in value.split(",") if name]


def module_name(path: str) -> str:
    """``kernel/net/rxrpc/rxrpc.ko.xz`` -> ``rxrpc`` (``-`` and ``_`` are the same name)."""
    base = path.rsplit("/", 1)[-1]
    return base.split(".ko", 1)[0].replace("-", "_")


def module_bytes(path: Path) -> bytes:
    """A module file, decompressed (the guest has no modprobe to do it)."""
    data = path.read_bytes()
    if path.name.endswith(".xz"):
        return lzma.decompress(data)
    if path.name.endswith(".zst"):
        return subprocess.run(["zstd", "-dc", str(path)], capture_output=True, check=True).stdout
    return data


# ------------------------------------------------------------------------------- initramfs


class Cpio:
    """Writes a ``newc`` cpio archive, the format the kernel unpacks as its initramfs."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.inode = 1

    def _entry(self, name: str, mode: int, data: bytes = b"", rdev: tuple[int, int] = (0, 0)
               ) -> None:
        encoded = name.encode() + b"\0"
        fields = [self.inode, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
                  len(encoded), 0]
        self.inode += 1
        header = b"070701" + b"".join(b"%08x" % value for value in fields)
        self.parts += [header, encoded, _pad(len(header) + len(encoded)), data, _pad(len(data))]

    def directory(self, name: str) -> None:
        self._entry(name, 0o040755)

    def file(self, name: str, data: bytes, executable: bool = False) -> None:
        self._entry(name, 0o100755 if executable else 0o100644, data)

    def symlink(self, name: str, target: str) -> None:
        self._entry(name, 0o120777, target.encode())

    def char_device(self, name: str, major: int, minor: int) -> None:
        self._entry(name, 0o020600, rdev=(major, minor))

    def finish(self) -> bytes:
        self._entry("TRAILER!!!", 0)
        return b"".join(self.parts)


def _pad(length: int) -> bytes:
    return b"\0" * (-length % 4)


KECHO_SOURCES = ("kecho.c", "kecho_serve.c", "kecho_call.c")


def build_kecho(output: Path) -> Path:
    """Compile kecho statically (gcc, libc6-dev and linux-libc-dev from Debian)."""
    if shutil.which("gcc") is None:
        raise ImageError("gcc is not installed (scripts/setup.sh --test installs it)")
    sources = [str(HERE / name) for name in KECHO_SOURCES]
    _run(["gcc", "-static", "-O2", "-Wall", "-pthread", "-o", str(output), *sources])
    return output


def build_initramfs(output: Path, kernel: Kernel, busybox: Path, kecho: Path,
                    settings: dict[str, str], extra_modules: tuple[Path, ...] = ()) -> None:
    """Write the gzipped initramfs: busybox, kecho, the modules, ``/init`` and its settings.

    ``settings`` become ``/etc/guest.conf`` (``KEY=VALUE`` lines that ``/init`` sources);
    ``extra_modules`` are files loaded after the harness's own modules, or names of the
    package's modules loaded before them (see :func:`module_load_order`).
    """
    archive = Cpio()
    for directory in ("bin", "dev", "etc", "lib", "lib/modules", "proc", "sys", "tmp"):
        archive.directory(directory)
    archive.char_device("dev/console", 5, 1)
    archive.file("bin/busybox", busybox.read_bytes(), executable=True)
    archive.symlink("bin/sh", "busybox")
    archive.file("bin/kecho", kecho.read_bytes(), executable=True)
    archive.file("init", (HERE / "init.sh").read_bytes(), executable=True)
    names = []
    for name, module in module_load_order(kernel, extra=extra_modules):
        names.append(name)
        archive.file(f"lib/modules/{name}.ko", module)
    archive.file("lib/modules/order", ("\n".join(names) + "\n").encode())
    for key, value in settings.items():
        if not key.isidentifier() or "'" in value or "\n" in value:
            raise ImageError(f"bad guest setting {key}={value!r}")
    conf = "".join(f"{key}='{value}'\n" for key, value in settings.items())
    archive.file("etc/guest.conf", conf.encode())
    output.write_bytes(gzip.compress(archive.finish(), compresslevel=1))
