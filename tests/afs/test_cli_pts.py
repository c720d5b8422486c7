"""``trio-rxrpc afs pts`` against OpenAFS's own ``pts``, on the test cell.

Each comparison runs OpenAFS's ``pts`` and ours with the same arguments and asks for the same
stdout and stderr, byte for byte (com_err's carriage returns aside), and the same exit
status.  Before comparing, each cell mode gets users and groups of random names from
OpenAFS's ``pts`` (``-noauth`` in the noauth cell, ``-localauth`` in the auth one): three
users, a group owned by admin, a group of the cell, a group owned by a user, memberships
among them, privacy flags and a group quota, so every column and flag letter shows up.

Facts checked against OpenAFS 1.8.9 while writing these tests:

* pts looks names up before IDs, whatever the order given; an argument that is no known name
  but reads as a number is an ID (``0x1`` and ``01`` are admin);
* ``pts examine`` prints "group quota: unlimited" for every entry after the first one that is
  an administrator (its flag is never cleared); its exit status is that of the last entry;
* without -noauth or -localauth pts finds no token here, says so twice on stderr and goes on
  unauthenticated; with -encrypt (even with -localauth) it gives up before any call;
* in the auth cell, ``listentries -noauth`` fails with "Permission denied".
"""

from __future__ import annotations

import json
import secrets
from typing import TYPE_CHECKING

import attrs
import pytest
from clitools import Done, assert_same, openafs, ours

if TYPE_CHECKING:
    from conftest import CellEnv


@attrs.frozen
class Population:
    """The entries a test run added to one cell."""

    users: tuple[str, str, str]
    extra: str
    """A fourth user, with an ID of the test's choosing."""
    admin_group: str
    """A group owned by admin (``admin:...``)."""
    cell_group: str
    """A group without an owner prefix."""
    user_group: str
    """A group owned by the first user."""
    nested: bool
    """Whether the server took a group as a member of another (supergroups)."""

    @property
    def groups(self) -> tuple[str, str, str]:
        return self.admin_group, self.cell_group, self.user_group


_populations: dict[tuple[str, str], Population] = {}


def auth_flag(cell: CellEnv) -> str:
    """How OpenAFS's pts gets the right to change the database in this cell."""
    return "-noauth" if cell.mode == "noauth" else "-localauth"


def their_pts(cell: CellEnv, *argv: str) -> Done:
    return openafs("pts", *argv, "-config", str(cell.config_dir))


def our_pts(cell: CellEnv, *argv: str) -> Done:
    return ours("pts", *argv, "-config", str(cell.config_dir))


def change(cell: CellEnv, *argv: str) -> Done:
    done = their_pts(cell, *argv, auth_flag(cell))
    assert done.status == 0, done
    return done


def populate(cell: CellEnv) -> Population:
    """Users and groups of random names, made once per cell and mode."""
    key = (str(cell.directory), cell.mode)
    if key in _populations:
        return _populations[key]
    tag = secrets.token_hex(3)
    users = (f"u{tag}a", f"u{tag}b", f"u{tag}c")
    found = Population(users, f"u{tag}d", f"admin:g{tag}", f"g{tag}", f"{users[0]}:friends",
                       False)
    made = change(cell, "createuser", "-name", *users).stdout
    # A fourth user whose ID falls in the same chain of pts's 1024-chain hash table as the
    # first one's: "membership -expandgroups" lists IDs in that table's order.
    first_id = int(made.splitlines()[0].split()[-1])  # "User NAME has id N"
    change(cell, "createuser", "-name", found.extra, "-id",
           str(first_id + 1024 * secrets.randbelow(100) + 1024))
    change(cell, "creategroup", "-name", found.admin_group, "-owner", "admin")
    change(cell, "creategroup", "-name", found.cell_group, "-owner", "system:administrators")
    change(cell, "creategroup", "-name", found.user_group, "-owner", users[0])
    change(cell, "adduser", "-user", users[0], found.extra, users[1], "-group",
           found.admin_group)
    change(cell, "adduser", "-user", users[1], users[2], "-group", found.cell_group,
           found.user_group)
    change(cell, "setfields", "-nameorid", found.cell_group, "-access", "SOMar")
    change(cell, "setfields", "-nameorid", users[2], "-access", "s-m-r")
    change(cell, "setfields", "-nameorid", users[1], "-groupquota", "7")
    nested = their_pts(cell, "adduser", "-user", found.user_group, "-group",
                       found.cell_group, auth_flag(cell)).status == 0
    found = attrs.evolve(found, nested=nested)
    _populations[key] = found
    return found


def compare(cell: CellEnv, *argv: str) -> Done:
    """Run both tools with ``argv`` (and -config); they must print the same; ours is returned."""
    theirs = their_pts(cell, *argv)
    mine = our_pts(cell, *argv)
    assert_same(theirs, mine)
    return mine


def examine_cases(p: Population) -> list[list[str]]:
    u1, u2, u3 = p.users
    return [
        [u1], [u2, u3], list(p.groups), ["admin", "user1"], ["user1", "admin", u1],
        ["system:administrators", "system:anyuser", "system:authuser"],
        [u1.upper(), p.cell_group.upper()], ["1", "-204", "0x2", "01"],
        ["-123456", "nosuchname", u2], [u3, "-123456"], ["anonymous"], ["32766"],
        ["x" * 70], ["-nameorid", u1, p.admin_group],
    ]


def membership_cases(p: Population) -> list[list[str]]:
    u1, u2, u3 = p.users
    return [
        [u1], [u2, u3], list(p.groups), ["admin", "system:administrators", "-204"],
        [u2.upper(), "nosuchname"], ["-supergroups", *p.groups, u2],
        ["-expandgroups", *p.groups, u1, u2, u3, p.extra],
        ["-expandgroups", "-supergroups", u3],
        ["nosuchname"],
    ]


LISTENTRIES = [[], ["-users"], ["-groups"], ["-users", "-groups"]]


# --------------------------------------------------------------------- noauth cell


def test_examine_noauth_cell(openafs_cell_noauth: CellEnv) -> None:
    population = populate(openafs_cell_noauth)
    for names in examine_cases(population):
        compare(openafs_cell_noauth, "examine", *names, "-noauth")
        compare(openafs_cell_noauth, "examine", *names, "-localauth")


def test_membership_noauth_cell(openafs_cell_noauth: CellEnv) -> None:
    population = populate(openafs_cell_noauth)
    for names in membership_cases(population):
        compare(openafs_cell_noauth, "membership", *names, "-noauth")
    compare(openafs_cell_noauth, "groups", *population.users, "-localauth")


def test_listentries_noauth_cell(openafs_cell_noauth: CellEnv) -> None:
    population = populate(openafs_cell_noauth)
    for flags in LISTENTRIES:
        mine = compare(openafs_cell_noauth, "listentries", *flags, "-noauth")
    assert population.cell_group in mine.stdout  # the last one lists users and groups
    assert all(user in mine.stdout for user in population.users)


def test_without_credentials_pts_warns_and_goes_on_unauthenticated(
        openafs_cell_noauth: CellEnv) -> None:
    population = populate(openafs_cell_noauth)
    mine = compare(openafs_cell_noauth, "examine", "admin", population.users[0])
    assert "running unauthenticated" in mine.stderr
    compare(openafs_cell_noauth, "listentries", "-groups")


@pytest.mark.parametrize("flags", [["-encrypt"], ["-localauth", "-encrypt"]])
def test_encrypt_wants_a_token_as_in_openafs(openafs_cell_noauth: CellEnv,
                                              flags: list[str]) -> None:
    mine = compare(openafs_cell_noauth, "examine", "admin", *flags)
    assert mine.status == 1
    assert mine.stdout == ""


# ----------------------------------------------------------------------- auth cell


def test_examine_auth_cell(openafs_cell_auth: CellEnv) -> None:
    population = populate(openafs_cell_auth)
    for names in examine_cases(population):
        compare(openafs_cell_auth, "examine", *names, "-localauth")
    for names in examine_cases(population)[:4]:
        compare(openafs_cell_auth, "examine", *names, "-noauth")


def test_membership_auth_cell(openafs_cell_auth: CellEnv) -> None:
    population = populate(openafs_cell_auth)
    for names in membership_cases(population):
        compare(openafs_cell_auth, "membership", *names, "-localauth")
    compare(openafs_cell_auth, "membership", *population.groups, "admin", "-noauth")


def test_listentries_auth_cell(openafs_cell_auth: CellEnv) -> None:
    population = populate(openafs_cell_auth)
    for flags in LISTENTRIES:
        mine = compare(openafs_cell_auth, "listentries", *flags, "-localauth")
    assert population.admin_group in mine.stdout


def test_listentries_noauth_in_the_auth_cell_is_refused(openafs_cell_auth: CellEnv) -> None:
    mine = compare(openafs_cell_auth, "listentries", "-noauth")
    assert mine.status == 1
    assert mine.stderr == "pts: Permission denied ; unable to list entries\n"
    assert mine.stdout == "Name                          ID  Owner Creator\n"


# -------------------------------------------------------------------------- --json


def _rows(listing: str) -> list[tuple[str, int, int, int]]:
    rows = []
    for line in listing.splitlines()[1:]:
        name, entry_id, owner, creator = line.split()
        rows.append((name, int(entry_id), int(owner), int(creator)))
    return rows


def test_json_carries_what_pts_prints(openafs_cell_auth: CellEnv) -> None:
    cell = openafs_cell_auth
    population = populate(cell)
    _u1, u2, u3 = population.users

    listing = their_pts(cell, "listentries", "-users", "-groups", "-localauth")
    entries = json.loads(our_pts(cell, "listentries", "-users", "-groups", "-localauth",
                                 "--json").stdout)
    assert [(e["name"], e["id"], e["owner"], e["creator"]) for e in entries] == \
        _rows(listing.stdout)

    for name in (u2, u3, population.cell_group, "admin"):
        text = their_pts(cell, "examine", name, "-localauth").stdout
        (entry,) = json.loads(our_pts(cell, "examine", name, "-localauth", "--json").stdout)
        quota = "unlimited" if entry["administrator"] else entry["group_quota"]
        assert text == (
            f"Name: {entry['name']}, id: {entry['id']}, owner: {entry['owner']['name']}, "
            f"creator: {entry['creator']['name']},\n  membership: {entry['membership']}, "
            f"flags: {entry['flags']}, group quota: {quota}.\n")
    (u2_entry,) = json.loads(our_pts(cell, "examine", u2, "-localauth", "--json").stdout)
    assert u2_entry["group_quota"] == 7
    assert not u2_entry["administrator"]

    records = json.loads(our_pts(cell, "membership", population.cell_group, u2,
                                 "-localauth", "--json").stdout)
    group, user = records
    assert group["name"] == population.cell_group
    assert group["id"] < 0
    members = {m["name"] for m in group["members"]}
    assert {u2, u3} <= members
    assert user == {"name": u2, "id": user["id"], "expanded": False,
                    "groups": user["groups"]}
    assert {g["name"] for g in user["groups"]} == {population.admin_group,
                                                   population.cell_group,
                                                   population.user_group}
    text = their_pts(cell, "membership", u2, "-localauth").stdout
    assert text.splitlines()[1:] == [f"  {g['name']}" for g in user["groups"]]
