"""The project's com_err tables (``trio_rxrpc/afs/xg/*.et``) against OpenAFS's ``translate_et``.

``translate_et CODE...`` (package openafs-client) prints ``CODE (table).INDEX = MESSAGE`` for
each code, from the tables OpenAFS compiled in; it is the independent ground truth for every
code's table, index and message.  The code just past each table's last entry must be unknown to
it too, so a table that lost entries at its end is caught.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import peer_missing

from trio_rxrpc.rxgen import ErrorTable, parse_error_table, table_base
from trio_rxrpc.rxgen._errtable import error_table_name

XG = Path(__file__).resolve().parents[2] / "trio_rxrpc" / "afs" / "xg"
EXPECTED_TABLES = {"VL", "PT", "BZ", "VOLS", "U", "RXK", "KTC"}
"""The tables the AFS side needs: the servers' own, ubik's, rxkad's and the token cache's."""

LINE = re.compile(r"(?P<code>-?\d+) \((?P<table>[a-z0-9_]*)\)\.(?P<index>-?\d+) = (?P<message>.*)")


def et_files() -> list[Path]:
    return sorted(XG.glob("*.et"))


def load_tables() -> list[ErrorTable]:
    return [parse_error_table(path) for path in et_files()]


@pytest.fixture(scope="module")
def translate_et() -> Path:
    found = shutil.which("translate_et")
    if found is None:
        peer_missing("translate_et (OpenAFS client) not found",
                     "run scripts/setup.sh --test as root; it installs openafs-client")
    return Path(found)


def run_translate_et(tool: Path, codes: list[int]) -> dict[int, tuple[str, int, str]]:
    """Ask ``translate_et`` about every code in one run: code -> (table, index, message)."""
    done = subprocess.run(
        [str(tool), *(str(code) for code in codes)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=True,
    )
    answers: dict[int, tuple[str, int, str]] = {}
    for line in done.stdout.splitlines():
        match = LINE.fullmatch(line)
        assert match is not None, f"unexpected translate_et output: {line!r}"
        answers[int(match["code"])] = (match["table"], int(match["index"]), match["message"])
    assert sorted(answers) == sorted(set(codes)), done.stdout
    return answers


def test_every_expected_table_is_there() -> None:
    assert {table.name for table in load_tables()} == EXPECTED_TABLES


def test_file_names_and_no_duplicate_code_names() -> None:
    names: dict[str, str] = {}
    for path in et_files():
        for entry in parse_error_table(path).entries:
            assert entry.name not in names, f"{entry.name} in {names.get(entry.name)} and {path}"
            names[entry.name] = path.name


@pytest.mark.parametrize("path", et_files(), ids=lambda path: path.name)
def test_table_matches_translate_et(translate_et: Path, path: Path) -> None:
    table = parse_error_table(path)
    assert table.base == table_base(table.name)
    assert table.entries, f"{path.name} has no entries"
    indexes = [entry.code - table.base for entry in table.entries]
    assert indexes == list(range(len(indexes))), "the tables here have no gaps"
    past_end = table.base + len(indexes)
    answers = run_translate_et(translate_et, [entry.code for entry in table.entries] + [past_end])
    for index, entry in enumerate(table.entries):
        assert answers[entry.code] == (table.name.lower(), index, entry.message), entry.name
        assert error_table_name(entry.code) == table.name.lower()
    table_name, index, message = answers[past_end]
    assert (table_name, index) == (table.name.lower(), len(indexes))
    assert message.startswith("Unknown code"), f"translate_et knows more {table.name} codes"


def test_one_code_by_hand(translate_et: Path) -> None:
    """PRPERM is entry 5 of PT: 267264 + 5."""
    (pt,) = [table for table in load_tables() if table.name == "PT"]
    assert pt.entries[5].name == "PRPERM"
    assert pt.entries[5].code == 267269
    assert run_translate_et(translate_et, [267269]) == {267269: ("pt", 5, "Permission denied")}
