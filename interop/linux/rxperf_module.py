"""Linux's in-kernel rxperf server (``rxperf.ko``) for the test guest, built from Debian's source.

Debian builds its kernels without ``CONFIG_RXPERF``, so the module is compiled here: the
``linux-source-7.3`` package is unpacked, configured with the guest kernel's own ``config``
plus ``CONFIG_RXPERF=m``, prepared for external modules under the guest kernel's exact release
name, and ``net/rxrpc`` is built against Debian's ``Module.symvers``.  Only ``rxperf.ko`` is
kept: the guest loads it next to Debian's own ``rxrpc.ko`` (the configuration is otherwise
Debian's, and Debian's kernel has no symbol versions to match).  It is unsigned, so the kernel
loads it with a taint.

Building takes a few minutes and about 2 GB under the package cache, so tests never start it:
run ``python3 interop/linux/rxperf_module.py`` (as root, like the rest of the harness) once,
and the ``linux_kernel`` fixture then loads the module and forwards a host port to the
server (guest UDP port 7009, service 147).  The server's rxkad key is fixed in its source.
"""

from __future__ import annotations

import argparse
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


def module_path(cache: guest_image.PackageCache, version: str) -> Path:
    return cache.root / "rxperf" / version / "rxperf.ko"


def built(cache: guest_image.PackageCache | None = None) -> Path | None:
    """The built module for the guest's kernel, if :func:`build` has made it."""
    cache = cache or guest_image.PackageCache()
    version = guest_image.KERNEL_PACKAGE.removeprefix("linux-image-")
    path = module_path(cache, version)
    return path if path.is_file() else None


def _make(tree: Path, *args: str) -> None:
    jobs = str(os.cpu_count() or 1)
    done = subprocess.run(["make", "-s", f"-j{jobs}", "CC=gcc", *args], cwd=tree,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise guest_image.ImageError(f"make {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def build(cache: guest_image.PackageCache | None = None) -> Path:
    """Build ``rxperf.ko`` for the guest's kernel (once); return its path.

    Raises:
        guest_image.ImageError: a package could not be fetched or the build failed.
    """
    cache = cache or guest_image.PackageCache()
    kernel = cache.kernel()
    output = module_path(cache, kernel.version)
    if output.is_file():
        return output
    for tool in ("make", "gcc", "flex", "bison", "bc", "strip"):
        if shutil.which(tool) is None:
            raise guest_image.ImageError(f"building rxperf.ko needs {tool} (and libelf-dev)")
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
    subprocess.run(["scripts/config", "--module", "RXPERF", "--set-str", "LOCALVERSION", "",
                    "--disable", "LOCALVERSION_AUTO", "--set-str", "SYSTEM_TRUSTED_KEYS", "",
                    "--set-str", "SYSTEM_REVOCATION_KEYS", ""], cwd=tree, check=True)
    _make(tree, "olddefconfig")
    if "CONFIG_RXPERF=m\n" not in (tree / ".config").read_text():
        raise guest_image.ImageError("CONFIG_RXPERF=m did not survive olddefconfig")
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
    _make(tree, suffix, "M=net/rxrpc", "modules")
    output.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["strip", "--strip-debug", "-o", str(output),
                    str(tree / "net" / "rxrpc" / "rxperf.ko")], check=True)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.parse_args(argv)
    try:
        path = build()
    except guest_image.ImageError as exc:
        print(f"rxperf_module: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
