"""Cell: explicit and configured cells, service ports and the ubik targets they give."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from trio_rxrpc.afs import (
    DEFAULT_PORTS,
    SERVICE_IDS,
    VOTE_SERVICE_ID,
    Cell,
    CellConfigError,
    UbikServers,
    UnknownCellError,
)

if TYPE_CHECKING:
    from pathlib import Path

CELLSERVDB = """\
>example.com   #Example
192.0.2.10     #db1.example.com
[192.0.2.11]   #clone.example.com
>other.org     #Other
198.51.100.1   #db.other.org
>empty.example
"""


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    (tmp_path / "ThisCell").write_text("example.com\n")
    (tmp_path / "CellServDB").write_text(CELLSERVDB)
    return tmp_path


def test_the_usual_ports_and_service_ids() -> None:
    assert dict(DEFAULT_PORTS) == {"fs": 7000, "pt": 7002, "vl": 7003, "vol": 7005, "bos": 7007}
    assert dict(SERVICE_IDS) == {"fs": 1, "pt": 73, "vl": 52, "vol": 4, "bos": 1}
    assert VOTE_SERVICE_ID == 50


def test_an_explicit_cell() -> None:
    cell = Cell("example.com", ["db1", ("db2", 17002)])
    assert cell.name == "example.com"
    assert cell.servers == (("db1", None), ("db2", 17002))
    assert cell.addresses("vl") == (("db1", 7003), ("db2", 17002))
    assert cell.addresses("pt") == (("db1", 7002), ("db2", 17002))
    assert cell.port("bos") == 7007
    assert cell == Cell("example.com", ("db1", ("db2", 17002)))


def test_ports_can_be_changed_and_added() -> None:
    cell = Cell("example.com", ["db1"], ports={"vl": 17003, "bu": 7021})
    assert cell.addresses("vl") == (("db1", 17003),)
    assert cell.addresses("bu") == (("db1", 7021),)
    assert cell.port("pt") == 7002
    with pytest.raises(KeyError, match="no port known for service 'ka'"):
        cell.addresses("ka")


def test_ubik_targets() -> None:
    cell = Cell("example.com", ["192.0.2.1", "192.0.2.2"])
    vl = cell.vl_servers()
    assert isinstance(vl, UbikServers)
    assert vl.addresses == (("192.0.2.1", 7003), ("192.0.2.2", 7003))
    assert (vl.deadline, vl.attempt_timeout, vl.dead_for) == (30.0, 10.0, 60.0)
    pt = cell.pt_servers(deadline=5.0, attempt_timeout=None, dead_for=1.0)
    assert pt.addresses == (("192.0.2.1", 7002), ("192.0.2.2", 7002))
    assert (pt.deadline, pt.attempt_timeout, pt.dead_for) == (5.0, None, 1.0)
    assert cell.vl_servers() is not vl


@pytest.mark.parametrize(("args", "error"), [
    (("example.com", []), ValueError),
    (("example.com", "db1"), TypeError),
    (("example.com", [""]), ValueError),
    (("example.com", [("db1", 0)]), ValueError),
    (("example.com", [("db1", "7002")]), TypeError),
    (("example.com", [7002]), TypeError),
    (("", ["db1"]), ValueError),
    (("two words", ["db1"]), ValueError),
    ((None, ["db1"]), TypeError),
])
def test_bad_cells(args: tuple[object, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        Cell(*args)  # type: ignore[arg-type]


def test_a_bad_port() -> None:
    with pytest.raises(ValueError, match="port of 'vl'"):
        Cell("c", ["db"], ports={"vl": 70000})


def test_from_config_reads_this_cell_and_cellservdb(config_dir: Path) -> None:
    cell = Cell.from_config(config_dir=config_dir)
    assert cell.name == "example.com"
    assert cell.addresses("pt") == (("192.0.2.10", 7002), ("192.0.2.11", 7002))
    other = Cell.from_config("OTHER", config_dir)
    assert other.name == "other.org"
    assert other.addresses("vl") == (("198.51.100.1", 7003),)
    assert Cell.from_config("oth", config_dir, ports={"vl": 1}).addresses("vl") == (
        ("198.51.100.1", 1),)


def test_from_config_errors(config_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(UnknownCellError, match=r"'nowhere' is not in .*CellServDB"):
        Cell.from_config("nowhere", config_dir)
    with pytest.raises(UnknownCellError, match="has no database servers"):
        Cell.from_config("empty.example", config_dir)
    (config_dir / "ThisCell").write_text("\n")
    with pytest.raises(CellConfigError, match="ThisCell:1: the file is empty"):
        Cell.from_config(config_dir=config_dir)
    assert Cell.from_config("example.com", config_dir).name == "example.com"
    with pytest.raises(CellConfigError, match="cannot read"):
        Cell.from_config("example.com", tmp_path / "missing")
