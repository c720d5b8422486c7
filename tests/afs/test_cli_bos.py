"""``trio-rxrpc afs bos status`` against the test cell's bosserver, next to OpenAFS's ``bos``.

The cell's bosserver supervises nothing, so both tools first show an empty server; then the
tests give it three process instances with OpenAFS's own ``bos create -localauth`` (``bos``,
unlike ``vos``, accepts 127.0.0.1): a running simple one, a stopped simple one, and a cron
one, whose auxiliary status names its next run.  Every form of ``bos status`` must print the
same text from both tools, with ``-noauth`` and ``-localauth`` alike (status needs no
privilege); creating an instance without credentials is refused with BZACCESS.

The bosserver writes its configuration to /etc/openafs/BosConfig, which the cell scripts do
not save or restore: the tests delete their instances again, and the file if it was not there
before.
"""

from __future__ import annotations

import json
import secrets
from typing import TYPE_CHECKING

import pytest
import trio
from afstools import ToolRun, openafs_tool, run_ours, run_ours_process, run_tool

from trio_rxrpc import open_endpoint
from trio_rxrpc.afs import bos, noauth
from trio_rxrpc.afs.errors import BZACCESS

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from conftest import CellEnv

pytestmark = pytest.mark.interop

BOS_CONFIG = trio.Path("/etc/openafs/BosConfig")
AUTH = [["-noauth"], ["-localauth"]]


@pytest.fixture(scope="session")
def bos_tool() -> Path:
    return openafs_tool("bos")


def assert_same(theirs: ToolRun, ours: ToolRun) -> None:
    assert theirs.status == 0, theirs
    assert ours.status == 0, ours
    assert ours.stdout == theirs.stdout


@pytest.fixture
async def instances(openafs_cell_auth: CellEnv, bos_tool: Path) -> AsyncIterator[list[str]]:
    """Three instances of random names: running, stopped, cron; deleted afterwards."""
    host = openafs_cell_auth.host
    tag = secrets.token_hex(3)
    running, stopped, cron = f"run{tag}", f"stop{tag}", f"cron{tag}"
    had_config = await BOS_CONFIG.exists()
    created = []
    try:
        for name, kind, cmd in ((running, "simple", ["/bin/sleep 1000"]),
                                (stopped, "simple", ["/bin/sleep 1000"]),
                                (cron, "cron", ["/bin/true", "23:59"])):
            done = await run_tool(bos_tool, "create", "-server", host, "-instance", name,
                                  "-type", kind, "-cmd", *cmd, "-localauth")
            assert done.status == 0, done
            created.append(name)
        done = await run_tool(bos_tool, "stop", "-server", host, "-instance", stopped,
                              "-wait", "-localauth")
        assert done.status == 0, done
        yield [running, stopped, cron]
    finally:
        if created:
            await run_tool(bos_tool, "stop", "-server", host, "-instance", *created, "-wait",
                           "-localauth")
            done = await run_tool(bos_tool, "delete", "-server", host, "-instance", *created,
                                  "-localauth")
            assert done.status == 0, done
        if not had_config:
            await BOS_CONFIG.unlink(missing_ok=True)


@pytest.mark.parametrize("auth", AUTH)
@pytest.mark.parametrize("flags", [[], ["-long"]])
async def test_status_of_an_empty_server(openafs_cell_auth: CellEnv, bos_tool: Path,
                                         auth: list[str], flags: list[str]) -> None:
    host = openafs_cell_auth.host
    theirs = await run_tool(bos_tool, "status", host, *flags, *auth)
    ours = await run_ours("bos", "status", host, *flags, *auth)
    assert_same(theirs, ours)
    assert ours.stdout == ""
    found = json.loads((await run_ours("bos", "status", host, *flags, *auth, "--json")).stdout)
    assert found == {"server": host, "instances": []}


@pytest.mark.parametrize("auth", [*AUTH, ["-localauth", "-encrypt"]])
async def test_status_matches_openafs(openafs_cell_auth: CellEnv, bos_tool: Path,
                                      instances: list[str], auth: list[str]) -> None:
    host = openafs_cell_auth.host
    theirs_auth = [a for a in auth if a != "-encrypt"]  # bos has no -encrypt
    running, stopped, cron = instances
    for flags in ([], ["-long"], ["-instance", cron, running], [stopped, "-long"],
                  ["-server", host, "-instance", stopped, cron, "-long"]):
        server = [] if "-server" in flags else [host]
        theirs = await run_tool(bos_tool, "status", *server, *flags, *theirs_auth)
        ours = await run_ours("bos", "status", *server, *flags, *auth)
        assert_same(theirs, ours)
    long = ours.stdout
    assert f"Instance {running}, (type is simple) currently running normally.\n" in \
        (await run_ours("bos", "status", host, "-long", *auth)).stdout
    assert f"Instance {stopped}, (type is simple) disabled, currently shutdown.\n" in long
    assert "    Auxiliary status is: run next at " in long
    assert "    Command 2 is '23:59'\n" in long


async def test_status_json(openafs_cell_auth: CellEnv, instances: list[str]) -> None:
    host = openafs_cell_auth.host
    running, stopped, cron = instances
    found = json.loads((await run_ours("bos", "status", host, "-long", "-localauth",
                                       "--json")).stdout)
    by_name = {i["name"]: i for i in found["instances"]}
    assert set(instances) <= set(by_name)
    assert by_name[running]["state_name"] == "running normally"
    assert by_name[running]["commands"] == ["/bin/sleep 1000"]
    assert by_name[running]["process_starts"] >= 1
    assert by_name[stopped]["goal"] == 0
    assert by_name[stopped]["state_name"] == "shutdown"
    assert by_name[stopped]["last_exit_time"] > 0
    assert by_name[cron]["type"] == "cron"
    assert by_name[cron]["auxiliary_status"].startswith("run next at ")
    assert by_name[cron]["commands"] == ["/bin/true", "23:59"]
    assert by_name[cron]["notifier"] is None


async def test_unknown_instance(openafs_cell_auth: CellEnv, bos_tool: Path,
                                instances: list[str]) -> None:
    """An instance the server does not have is reported on stderr; the others are shown."""
    host = openafs_cell_auth.host
    argv = ["status", host, "no-such-instance", instances[0], "-localauth"]
    theirs = await run_tool(bos_tool, *argv)
    ours = await run_ours("bos", *argv)
    assert ours.stdout == theirs.stdout
    message = "bos: failed to get instance info for 'no-such-instance' (no such entity)\n"
    assert message in theirs.stderr
    assert ours.stderr == message
    assert ours.status == 1


async def test_unauthenticated_create_is_refused(openafs_cell_auth: CellEnv,
                                                 bos_tool: Path) -> None:
    """BOZO_CreateBnode without credentials: BZACCESS, which OpenAFS's bos reports too."""
    host = openafs_cell_auth.host
    name = f"x{secrets.token_hex(3)}"
    async with open_endpoint() as endpoint:
        client = bos.Client(endpoint.socket(), openafs_cell_auth.address("bos"),
                            security=noauth())
        with pytest.raises(BZACCESS) as caught:
            await client.CreateBnode("simple", name, "/bin/true", "", "", "", "", "")
    assert str(caught.value) == ("BZACCESS (39430): you are not authorized for this "
                                 "operation")
    theirs = await run_tool(bos_tool, "create", host, name, "simple", "/bin/true", "-noauth")
    assert "(you are not authorized for this operation)" in theirs.stderr
    ours = await run_ours("bos", "status", host, "-noauth")
    assert name not in ours.stdout


async def test_running_unauthenticated_and_bad_host(openafs_cell_auth: CellEnv) -> None:
    """Without -noauth or -localauth bos falls back to no credentials and says so."""
    host = openafs_cell_auth.host
    done = await run_ours_process("bos", "status", host)
    assert (done.status, done.stderr) == (0, "bos: running unauthenticated\n")
    done = await run_ours_process("bos", "status", "no-such-host.invalid", "-noauth")
    assert (done.status, done.stdout) == (1, "")
    assert done.stderr == "afs: can't find address for host 'no-such-host.invalid'\n"
