"""Linux's rxrpc with rxgk and its in-kernel rxperf server for the test guest, built from source.

Debian builds its kernels without ``CONFIG_RXGK`` (yfs-rxgk, security index 6) and without
``CONFIG_RXPERF``, so ``net/rxrpc`` is compiled here: the ``linux-source-7.3`` package is
unpacked, configured with the guest kernel's own ``config`` plus :data:`CONFIG_CHANGES`,
prepared for external modules under the guest kernel's exact release name, and built against
Debian's ``Module.symvers``.  Two modules are kept, ``rxrpc.ko`` (which the guest loads
instead of Debian's) and ``rxperf.ko``.  Everything rxgk needs besides is already in Debian's
kernel: ``CONFIG_CRYPTO_KRB5`` and the ciphers are modules there, and since the guest has no
modprobe, the ones the kernel would otherwise load on demand by algorithm name are inserted
first (:data:`PRELOAD`).  Debian's kernel has no symbol versions to match; the modules are
unsigned, so the kernel loads them with a taint.

The result is cached under the package cache in a directory named after a digest of the build
recipe (:data:`RECIPE`), so a changed recipe builds anew.  Building takes a few minutes and
about 2 GB, so tests run locally never start it: run ``python3 interop/linux/rxperf_module.py``
(as root, like the rest of the harness) once, and the ``linux_kernel`` fixture then loads the
modules and forwards a host port to the server (guest UDP port 7009, service 147).  In CI the
fixture builds them itself.  The server's keys are fixed in its source: rxkad ``147:2`` and
yfs-rxgk ``147:6:1:ENCTYPE`` for the enctypes in :data:`RXPERF_RXGK_ENCTYPES`, each key being
the bytes 0, 1, 2, ... of the enctype's key length.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import guest_image

if TYPE_CHECKING:
    from pathlib import Path

SOURCE_PACKAGE = "linux-source-7.3"
RXPERF_PORT = 7009
RXPERF_SERVICE = 147
RXPERF_RXKAD_KEY = "a7838acbc783ec94"
"""The DES key the in-kernel server holds for rxkad (``rxrpc_s`` key ``147:2``)."""
RXPERF_RXGK_ENCTYPES = (17, 18, 19, 20, 25, 26)
"""The Kerberos enctypes of the server's yfs-rxgk keys (``rxrpc_s`` keys ``147:6:1:ENCTYPE``)."""

CONFIG_CHANGES = ("--enable", "RXGK", "--module", "RXPERF")
"""``scripts/config`` arguments applied to Debian's configuration."""
KEPT = ("rxrpc", "rxperf")
"""The modules kept from the build, in load order."""
PRELOAD = ("cts", "cmac", "camellia_generic", "authenc", "krb5enc")
"""Modules from Debian's package that rxgk's crypto finds by algorithm name (the kernel would
ask modprobe for them); inserted before :data:`KEPT`."""
RECIPE = f"2 {' '.join(CONFIG_CHANGES)} kept={','.join(KEPT)} preload={','.join(PRELOAD)}"
"""What the build depends on besides the kernel version; bump the leading number when the
steps of :func:`build` change."""


def module_dir(cache: guest_image.PackageCache, version: str) -> Path:
    digest = hashlib.sha256(RECIPE.encode()).hexdigest()[:12]
    return cache.root / "rxperf" / version / digest


def _modules(directory: Path) -> tuple[Path, ...]:
    return tuple(directory / f"{name}.ko" for name in KEPT)


def built(cache: guest_image.PackageCache | None = None) -> tuple[Path, ...] | None:
    """The built modules (:data:`KEPT`) for the guest's kernel, if :func:`build` has made
    them with today's recipe."""
    cache = cache or guest_image.PackageCache()
    version = guest_image.KERNEL_PACKAGE.removeprefix("linux-image-")
    paths = _modules(module_dir(cache, version))
    return paths if all(path.is_file() for path in paths) else None


def guest_modules(paths: tuple[Path, ...]) -> list[str]:
    """The guest's ``extra_modules`` setting for the built modules: :data:`PRELOAD` by name,
    then the files."""
    return [*PRELOAD, *(str(path) for path in paths)]


def _make(tree: Path, *args: str) -> None:
    jobs = str(os.cpu_count() or 1)
    done = subprocess.run(["make", "-s", f"-j{jobs}", "CC=gcc", *args], cwd=tree,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise guest_image.ImageError(f"make {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def build(cache: guest_image.PackageCache | None = None) -> tuple[Path, ...]:
    """Build ``rxrpc.ko`` and ``rxperf.ko`` for the guest's kernel (once per recipe); return
    their paths.

    Raises:
        guest_image.ImageError: a package could not be fetched or the build failed.
    """
    cache = cache or guest_image.PackageCache()
    kernel = cache.kernel()
    outputs = _modules(module_dir(cache, kernel.version))
    if all(path.is_file() for path in outputs):
        return outputs
    for tool in ("make", "gcc", "flex", "bison", "bc", "strip"):
        if shutil.which(tool) is None:
            raise guest_image.ImageError(f"building rxrpc.ko needs {tool} (and libelf-dev)")
    headers = cache.unpack(f"linux-headers-{kernel.version}", [
        cache.fetch(f"linux-headers-{kernel.version}", guest_image.KERNEL_SUITE)])
    source = cache.unpack(SOURCE_PACKAGE, [cache.fetch(SOURCE_PACKAGE, guest_image.KERNEL_SUITE)])
    work = cache.root / "rxperf" / "src"
    tree = work / SOURCE_PACKAGE
    if not (work / ".complete").exists():
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        (tarball,) = (source / "usr" / "src").glob(f"{SOURCE_PACKAGE}.tar.*")
        guest_image.log(f"unpacking {tarball.name}")
        subprocess.run(["tar", "-xf", str(tarball), "-C", str(work)], check=True)
        (work / ".complete").touch()
    shutil.copy(kernel.modules / "config", tree / ".config")
    subprocess.run(["scripts/config", *CONFIG_CHANGES, "--set-str", "LOCALVERSION", "",
                    "--disable", "LOCALVERSION_AUTO", "--set-str", "SYSTEM_TRUSTED_KEYS", "",
                    "--set-str", "SYSTEM_REVOCATION_KEYS", ""], cwd=tree, check=True)
    _make(tree, "olddefconfig")
    config = (tree / ".config").read_text()
    for line in ("CONFIG_RXGK=y", "CONFIG_RXPERF=m", "CONFIG_CRYPTO_KRB5=m"):
        if f"{line}\n" not in config:
            raise guest_image.ImageError(f"{line} did not survive olddefconfig")
    base = subprocess.run(["make", "-s", "kernelversion"], cwd=tree, capture_output=True,
                          text=True, check=True).stdout.strip()
    suffix = f"LOCALVERSION={kernel.version.removeprefix(base)}"
    guest_image.log("make modules_prepare")
    _make(tree, suffix, "modules_prepare")
    release = (tree / "include" / "config" / "kernel.release").read_text().strip()
    if release != kernel.version:
        raise guest_image.ImageError(f"prepared {release}, not {kernel.version}")
    (headers_dir,) = (headers / "usr" / "src").glob(f"linux-headers-{kernel.version}")
    for name in ("Module.symvers", "vmlinux"):  # symbols for modpost; BTF base if present
        if (headers_dir / name).is_file():
            shutil.copy(headers_dir / name, tree / name)
    guest_image.log("building net/rxrpc")
    # From clean: objects of an earlier configuration are not always rebuilt (rxperf.o keeps
    # its rxgk keys out when it was compiled without CONFIG_RXGK).
    _make(tree, suffix, "M=net/rxrpc", "clean")
    _make(tree, suffix, "M=net/rxrpc", "modules")
    if b"%u:6:1:%u" not in (tree / "net" / "rxrpc" / "rxperf.ko").read_bytes():
        raise guest_image.ImageError("rxperf.ko was built without its yfs-rxgk keys")
    for output in outputs:
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_suffix(".part")
        subprocess.run(["strip", "--strip-debug", "-o", str(partial),
                        str(tree / "net" / "rxrpc" / output.name)], check=True)
        partial.rename(output)
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.parse_args(argv)
    try:
        paths = build()
    except guest_image.ImageError as exc:
        print(f"rxperf_module: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
