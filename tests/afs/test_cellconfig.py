"""CellServDB and ThisCell: parsing, errors that name the file and line, cell lookup."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from trio_rxrpc.afs import (
    CellConfigError,
    CellEntry,
    CellServDB,
    DatabaseServer,
    UnknownCellError,
    parse_cellservdb,
    parse_this_cell,
    read_cellservdb,
    read_this_cell,
)

SAMPLE = """\
>grand.central.org      #GCO Public CellServDB 14 May 2018
18.9.48.14                      #grand.mit.edu
128.2.13.219                    #grand-old-opry.central.org

# a whole-line comment, and an indented server line below
>example.com   #Example
  192.0.2.10   #db1.example.com
[192.0.2.11]   #clone.example.com
192.0.2.12
>empty.example #no servers listed
>dce.example   linked.example   #with a linked cell
198.51.100.7   #db.dce.example
"""


def test_sample_parses_to_entries() -> None:
    db = parse_cellservdb(SAMPLE, path="/etc/openafs/CellServDB")
    assert [cell.name for cell in db] == ["grand.central.org", "example.com", "empty.example",
                                          "dce.example"]
    assert db.cells[0] == CellEntry(
        name="grand.central.org",
        servers=(DatabaseServer("18.9.48.14", "grand.mit.edu"),
                 DatabaseServer("128.2.13.219", "grand-old-opry.central.org")),
        comment="GCO Public CellServDB 14 May 2018")
    example = db.cells[1]
    assert example.servers == (DatabaseServer("192.0.2.10", "db1.example.com"),
                               DatabaseServer("192.0.2.11", "clone.example.com", clone=True),
                               DatabaseServer("192.0.2.12", None))
    assert db.cells[2].servers == ()
    assert db.cells[3].linked_cell == "linked.example"
    assert db.cells[3].comment == "with a linked cell"
    assert db.path == "/etc/openafs/CellServDB"
    assert len(db) == 4


def test_bytes_with_latin1_comments_are_read() -> None:
    data = ">uni.example #Bergische Universit\xe4t\n10.0.0.1 #db\n".encode("latin-1")
    db = parse_cellservdb(data)
    assert db.cells[0].servers == (DatabaseServer("10.0.0.1", "db"),)
    assert db.cells[0].comment is not None
    assert db.cells[0].comment.startswith("Bergische Universit")


def test_an_empty_file_has_no_cells() -> None:
    assert parse_cellservdb("") == CellServDB(cells=())
    assert parse_cellservdb("\n  \n# only comments\n").cells == ()


def test_addresses_are_normalised() -> None:
    db = parse_cellservdb(">c\n010.001.0.255 #h\n")
    assert db.cells[0].servers[0].address == "10.1.0.255"


@pytest.mark.parametrize(("text", "line", "words"), [
    ("10.0.0.1 #db\n>cell\n", 1, "before any '>cell' line"),
    (">cell\n10.0.0.256 #db\n", 2, "not a database server line"),
    (">cell\n10.0.0 #db\n", 2, "not a database server line"),
    (">cell\ndb.example.com\n", 2, "not a database server line"),
    (">cell\n\n\n[10.0.0.1 #db\n", 4, "not a database server line"),
    (">cell\n10.0.0.1 10.0.0.2\n", 2, "not a database server line"),
    (">cell\n::1 #v6\n", 2, "IPv4"),
    (">  #no name\n", 1, "needs a cell name"),
    (">\n", 1, "needs a cell name"),
    (">cell linked extra #c\n", 1, "unexpected 'extra'"),
])
def test_malformed_cellservdb_names_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(CellConfigError) as info:
        parse_cellservdb(text, path="/x/CellServDB")
    assert info.value.path == "/x/CellServDB"
    assert info.value.line == line
    assert str(info.value).startswith(f"/x/CellServDB:{line}: ")
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)


def test_find_follows_openafs_matching() -> None:
    db = parse_cellservdb(SAMPLE, path="CSDB")
    assert db.find("example.com").name == "example.com"
    assert db.find("EXAMPLE.COM").name == "example.com"
    assert db.find("grand").name == "grand.central.org"  # a unique prefix
    assert db.find(" dce.example ").name == "dce.example"


def test_find_prefers_an_exact_name_to_a_prefix() -> None:
    db = parse_cellservdb(">ab\n10.0.0.1\n>abc\n10.0.0.2\n")
    assert db.find("ab").servers[0].address == "10.0.0.1"
    with pytest.raises(UnknownCellError, match=r"ambiguous.*ab, abc"):
        db.find("a")


def test_a_later_entry_replaces_an_earlier_one() -> None:
    db = parse_cellservdb(">c\n10.0.0.1\n>C\n10.0.0.2\n")
    assert db.find("c").servers[0].address == "10.0.0.2"
    assert db.find("c") is db.cells[1]


@pytest.mark.parametrize(("name", "words"), [
    ("nowhere.example", "'nowhere.example' is not in CSDB"),
    ("empty.example", "'empty.example' has no database servers in CSDB"),
    ("", "'' is not in CSDB"),
])
def test_unknown_cells_name_the_cell_and_file(name: str, words: str) -> None:
    db = parse_cellservdb(SAMPLE, path="CSDB")
    with pytest.raises(UnknownCellError) as info:
        db.find(name)
    assert words in str(info.value)
    assert info.value.cell == name
    assert info.value.path == "CSDB"
    assert isinstance(info.value, LookupError)


def test_this_cell_is_the_first_word() -> None:
    assert parse_this_cell("example.com\n") == "example.com"
    assert parse_this_cell(b"  example.com  trailing words\nmore\n") == "example.com"


@pytest.mark.parametrize("text", ["", "\n", "   \n\t\n"])
def test_an_empty_this_cell_is_an_error(text: str) -> None:
    with pytest.raises(CellConfigError, match=r"^/s/ThisCell:1: the file is empty"):
        parse_this_cell(text, path="/s/ThisCell")


def test_reading_a_config_directory(tmp_path: Path) -> None:
    (tmp_path / "ThisCell").write_text("example.com\n")
    (tmp_path / "CellServDB").write_text(SAMPLE)
    assert read_this_cell(tmp_path) == "example.com"
    db = read_cellservdb(tmp_path)
    assert db.path == str(tmp_path / "CellServDB")
    assert db.find("example.com").servers[0].address == "192.0.2.10"


def test_missing_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(CellConfigError, match="ThisCell: cannot read the file") as info:
        read_this_cell(tmp_path)
    assert info.value.line is None
    with pytest.raises(CellConfigError, match="CellServDB: cannot read the file"):
        read_cellservdb(tmp_path / "nowhere")


def test_the_systems_own_files_parse_if_present() -> None:
    for directory in (Path("/etc/openafs"), Path("/etc/openafs/server")):
        if (directory / "CellServDB").is_file():
            db = read_cellservdb(directory)
            assert all(cell.name for cell in db)


# ------------------------------------------------------------------------- round trip

_name = st.from_regex(r"[a-z0-9][a-z0-9.\-]{0,30}", fullmatch=True)
_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40).map(
    str.strip)
_word = st.from_regex(r"[A-Za-z0-9.\-#_]{1,20}", fullmatch=True)
_server = st.builds(
    DatabaseServer,
    address=st.tuples(*[st.integers(0, 255)] * 4).map(lambda t: ".".join(map(str, t))),
    hostname=st.none() | _word,
    clone=st.booleans(),
)
_entry = st.builds(
    CellEntry,
    name=_name,
    servers=st.lists(_server, max_size=4).map(tuple),
    linked_cell=st.none() | _name,
    comment=st.none() | _text,
)


@given(st.lists(_entry, max_size=6).map(tuple))
def test_format_then_parse_gives_the_same_cells(cells: tuple[CellEntry, ...]) -> None:
    db = CellServDB(cells=cells)
    assert parse_cellservdb(db.format()) == db
