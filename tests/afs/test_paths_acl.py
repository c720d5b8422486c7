"""AFS path names, mount point text and ACL text, without a cell."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from trio_rxrpc.afs.acl import ACL, ACLError, parse_acl, parse_rights, rights_text
from trio_rxrpc.afs.paths import (
    AfsPath,
    AfsPathError,
    MountPoint,
    is_mount_point_mode,
    parse_mount_point,
    parse_path,
)


def test_parse_path_cell_and_names() -> None:
    path = parse_path("/afs/example.com/a/b/../c/./d")
    assert path == AfsPath("example.com", ("a", "c", "d"))
    assert str(path) == "/afs/example.com/a/c/d"
    assert path.name == "d"
    assert path.parent == AfsPath("example.com", ("a", "c"))


def test_parse_path_read_write_root() -> None:
    path = parse_path("/afs/.example.com/")
    assert path.read_write
    assert path.cell == "example.com"
    assert path.names == ()
    assert str(path) == "/afs/.example.com"


def test_dotdot_stops_at_the_cell_root() -> None:
    assert parse_path("/afs/c/../../x").names == ("x",)


@pytest.mark.parametrize("text", ["", "/", "/afs", "/afs/", "/tmp/x", "relative/x",
                                  "/afs/..", "/afs/./x", "/afs/c/a\0b"])
def test_bad_paths(text: str) -> None:
    with pytest.raises(AfsPathError):
        parse_path(text)


def test_relative_to_a_directory() -> None:
    cwd = parse_path("/afs/c/dir/sub")
    assert parse_path("../other/f", cwd=cwd) == AfsPath("c", ("dir", "other", "f"))
    assert parse_path("/afs/d/x", cwd=cwd).cell == "d"


def test_name_limits() -> None:
    root = parse_path("/afs/c")
    assert root.child("n" * 255).name == "n" * 255
    with pytest.raises(AfsPathError):
        root.child("n" * 256)
    with pytest.raises(TypeError):
        parse_path(b"/afs/c")  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    ("#root.cell.", MountPoint("root.cell")),
    ("%test.vol.", MountPoint("test.vol", None, True)),
    ("#other.org:root.cell.", MountPoint("root.cell", "other.org")),
    ("#user.x.readonly.", MountPoint("user.x.readonly")),
    (b"%c:v.\0", MountPoint("v", "c", True)),
])
def test_mount_points(text: str | bytes, expected: MountPoint) -> None:
    assert parse_mount_point(text) == expected
    assert parse_mount_point(str(expected)) == expected


@pytest.mark.parametrize("text", ["#root.cell", "root.cell.", "#.", "#:v.", "%a/b.", "../x",
                                  "#a b."])
def test_not_mount_points(text: str) -> None:
    assert parse_mount_point(text) is None


def test_mount_point_suffixes_and_mode() -> None:
    mount = MountPoint("user.x.backup")
    assert mount.base_name == "user.x"
    assert mount.explicit_type == "backup"
    assert MountPoint("user.x").explicit_type is None
    assert is_mount_point_mode(0o100644)
    assert not is_mount_point_mode(0o755)


def test_rights_letters() -> None:
    assert parse_rights("rlidwka") == 0x7F
    assert rights_text(0x7F) == "rlidwka"
    assert parse_rights("write") == parse_rights("rlidwk")
    assert parse_rights("none") == 0
    assert rights_text(parse_rights("rlA")) == "rlA"
    with pytest.raises(ACLError):
        parse_rights("rx")


def test_acl_text_round_trip() -> None:
    text = "2\n1\nsystem:administrators\t127\nsystem:anyuser\t9\nbadguy\t2\n"
    acl = parse_acl(text.encode() + b"\0")
    assert acl.positive == (("system:administrators", 127), ("system:anyuser", 9))
    assert acl.negative == (("badguy", 2),)
    assert parse_acl(acl.to_text()) == acl
    assert acl.rights_of("system:anyuser") == 9
    changed = acl.with_entry("system:anyuser", "none").with_entry("user1", "rl")
    assert changed.positive == (("system:administrators", 127), ("user1", 9))
    assert changed.to_json()["positive"] == {"system:administrators": "rlidwka", "user1": "rl"}


@pytest.mark.parametrize("text", ["", "x\n0\n", "1\n0\n", "1\n0\na b c\n", "0\n1\na r\n"])
def test_bad_acl_text(text: str) -> None:
    with pytest.raises(ACLError):
        parse_acl(text)


def test_acl_too_long() -> None:
    acl = ACL([(f"user{i:04d}", "rl") for i in range(200)])
    with pytest.raises(ACLError):
        acl.to_text()


@given(st.binary(max_size=200))
def test_acl_parser_never_crashes(data: bytes) -> None:
    try:
        parse_acl(data)
    except ACLError:
        pass


@given(st.text(max_size=80))
def test_path_parser_never_crashes(text: str) -> None:
    try:
        path = parse_path(text)
    except AfsPathError:
        return
    assert parse_path(str(path)) == path
