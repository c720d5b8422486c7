"""The ``.et`` (com_err error table) parser and the table base rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from trio_rxrpc.rxgen import (
    ErrorCode,
    ErrorTable,
    ErrorTableError,
    Location,
    parse_error_table,
    parse_error_table_source,
    table_base,
)
from trio_rxrpc.rxgen._errtable import error_table_name

if TYPE_CHECKING:
    from pathlib import Path

# Bases worked out by hand from the rule: each character's 1-based position in
# A-Z a-z 0-9 _ as 6 bits, then 8 more bits for the index.
#   PT:  P=16, T=20 -> 16*64 + 20 = 1044;  1044 << 8 = 267264
#   U:   21 << 8 = 5376
#   VOLS: ((22*64 + 15)*64 + 12)*64 + 19 = 5829395;  << 8 = 1492325120
HAND_BASES = {"PT": 267264, "U": 5376, "VOLS": 1492325120, "A": 256, "a_": (27 * 64 + 63) << 8}


@pytest.mark.parametrize(("name", "base"), sorted(HAND_BASES.items()))
def test_table_base_by_hand(name: str, base: int) -> None:
    assert table_base(name) == base


def test_table_base_wraps_to_signed_32_bits() -> None:
    # z=52: ((52*64 + 52)*64 + 52)*64 + 52 = 13847860; << 8 is past 2**31.
    assert table_base("zzzz") == 13847860 * 256 - 2**32
    assert table_base("zzzz") < 0


@pytest.mark.parametrize("name", ["", "TOOLONG", "1AB", "_X", "A-B", "É"])
def test_table_base_refuses_names_com_err_refuses(name: str) -> None:
    with pytest.raises(ValueError, match="table name"):
        table_base(name)


@pytest.mark.parametrize("name", ["PT", "U", "VOLS", "RXK", "vl", "Ab9_"])
def test_error_table_name_inverts_table_base(name: str) -> None:
    assert error_table_name(table_base(name) + 7) == name.lower()


def test_error_table_name_of_codes_outside_tables() -> None:
    assert error_table_name(1) == ""
    assert error_table_name(-1) == "____"  # translate_et -1 prints "(____)"


def test_parse_a_small_table() -> None:
    table = parse_error_table_source(
        '# a comment\n'
        'error_table PT\n'
        '  ec PREXIST, "Entry for name already exists"   # trailing comment\n'
        '  error_code PRIDEXIST,\n'
        '     "Entry for id already exists"\n'
        'end\n',
        "pt.et",
    )
    assert table == ErrorTable(
        "PT",
        267264,
        (
            ErrorCode("PREXIST", 267264, "Entry for name already exists"),
            ErrorCode("PRIDEXIST", 267265, "Entry for id already exists"),
        ),
    )


def test_et_abbreviation_and_empty_message() -> None:
    table = parse_error_table_source('et U ec UX, "" end')
    assert table.entries == (ErrorCode("UX", 5376, ""),)


def test_message_is_verbatim() -> None:
    text = 'error_table U\nec A, "two\nlines, # not a comment, \\n kept"\nend\n'
    (entry,) = parse_error_table_source(text).entries
    assert entry.message == "two\nlines, # not a comment, \\n kept"


def test_explicit_index_leaves_a_gap() -> None:
    table = parse_error_table_source('error_table U\nec A, "a"\nec B = 5, "b"\nec C, "c"\nend')
    assert [(e.name, e.code - table.base) for e in table.entries] == [("A", 0), ("B", 5), ("C", 6)]


def test_a_table_may_be_empty() -> None:
    assert parse_error_table_source("error_table U end").entries == ()


def test_parse_error_table_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "x.et"
    path.write_text('error_table RXK\n\tec RXKADEXPIRED, "authentication expired"\nend\n')
    table = parse_error_table(path)
    assert table.name == "RXK"
    assert table.entries == (ErrorCode("RXKADEXPIRED", 19270400, "authentication expired"),)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('ec A, "a" end', 1, 1, "expected 'error_table', found 'ec'"),
        ("error_table\n", 2, 1, "expected the table name, found the end of the file"),
        ("error_table TOOLONG end", 1, 13, "1 to 4 characters"),
        ("error_table 9A end", 1, 13, "starts with a letter"),
        ('error_table U\n  ec A "a"\nend', 2, 8, "expected ','"),
        ('error_table U\n  ec A, a\nend', 2, 9, "expected a quoted message"),
        ('error_table U\n  ec A, "a"\n', 3, 1, "expected 'ec' or 'end', found the end"),
        ('error_table U\n  ec 9A, "a"\nend', 2, 6, "'9A' is not a C identifier"),
        ('error_table U\n  ec A, "a"\n  ec A, "b"\nend', 3, 6, "A appears twice"),
        ('error_table U\n  ec A = 3, "a"\n  ec B = 2, "b"\nend', 3, 10, "below the next free 4"),
        ('error_table U\n  ec A = x, "a"\nend', 2, 10, "decimal number"),
        ('error_table U\n  ec A; "a"\nend', 2, 7, "unexpected character ';'"),
        ('error_table U\n  ec A, "a\nend', 2, 9, "unexpected character '\"'"),
        ('error_table U end end', 1, 19, "expected nothing after 'end'"),
    ],
)
def test_errors_are_located(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(ErrorTableError, match=message) as caught:
        parse_error_table_source(text, "t.et")
    assert caught.value.location == Location("t.et", line, column)
    assert str(caught.value).startswith(f"t.et:{line}:{column}: ")
    assert isinstance(caught.value, ValueError)


def test_more_than_256_codes_is_an_error() -> None:
    body = "".join(f'ec E{i}, "m"\n' for i in range(257))
    with pytest.raises(ErrorTableError, match="at most 256 codes") as caught:
        parse_error_table_source(f"error_table U\n{body}end\n", "big.et")
    assert caught.value.location.line == 258


def test_index_past_255_is_an_error() -> None:
    with pytest.raises(ErrorTableError, match="at most 256"):
        parse_error_table_source('error_table U ec A = 256, "a" end')
