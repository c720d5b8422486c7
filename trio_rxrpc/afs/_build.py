"""Regenerate the AFS interface modules from the ``.xg`` and ``.et`` files in ``xg/``.

Run ``python -m trio_rxrpc.afs._build`` after editing a file there; a test checks that
the modules in the package are what this would write (``--check`` does the same here).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from ..rxgen import compile_file

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "xg"

ERROR_TABLES: Final = ("vl.et", "pt.et", "bz.et", "vols.et", "ubik.et", "rxk.et", "ktc.et")
"""The com_err tables of ``errors.py``, in the order their classes are registered."""

INTERFACES: Final = {
    # module: (source, Rx service ID)
    "vl": ("vl.xg", 52),
    "pt": ("pt.xg", 73),
    "bos": ("bos.xg", 1),
    "vol": ("vol.xg", 4),
    "ubik": ("ubik.xg", 50),
    "ubik_disk": ("ubik_disk.xg", 51),
    "fs": ("afsint.xg", 1),
    "cb": ("afscbint.xg", 1),
}

EXTRA_ERRORS: Final = {
    "fs": ("trio_rxrpc.afs.vice_errors",),
    "cb": ("trio_rxrpc.afs.vice_errors",),
}
"""Hand-written error modules a generated module imports besides ``errors``."""


def outputs() -> dict[Path, str]:
    """Every generated module's path and the text it should hold."""
    out = {HERE / "errors.py": compile_file(None, errors=[SOURCES / e for e in ERROR_TABLES])}
    for module, (source, service_id) in INTERFACES.items():
        error_modules = ("trio_rxrpc.afs.errors", *EXTRA_ERRORS.get(module, ()))
        out[HERE / f"{module}.py"] = compile_file(
            SOURCES / source, service_id=service_id, error_modules=error_modules)
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, text in outputs().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.name)
        if not check:
            path.write_text(text, encoding="utf-8")
    if check and stale:
        print(f"out of date: {', '.join(stale)}", file=sys.stderr)
        return 1
    print(("out of date: " if check else "wrote: ") + (", ".join(stale) or "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
