"""The rxperf client and server with yfs-rxgk (``--rxgk-key``/``--enctype``), end to end over
loopback."""

from __future__ import annotations

import argparse
import io

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf, _rxperf_cli as rxperf_cli
from trio_rxrpc._proto.security._enctypes import enctype

LOOPBACK = "127.0.0.1"


def parse_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    rxperf_cli.configure(parser)
    return parser.parse_args(list(argv))


def result(text: str) -> dict[str, str]:
    [line] = [line for line in text.splitlines() if line.startswith("RESULT ")]
    return dict(field.split("=", 1) for field in line.split()[1:])


@pytest.mark.parametrize(("number", "level"), [(17, "clear"), (20, "auth"), (26, "crypt")])
async def test_rxgk_levels_against_our_server(number: int, level: str) -> None:
    key = bytes(range(enctype(number).key_size))
    with trio.fail_after(30):
        async with rx.open_endpoint((LOOPBACK, 0)) as sep:
            sock = sep.socket()
            sock.listen([rxperf.SERVICE], security=rxperf.server_securities(
                None, None, rxgk_key=key, enctype=number))
            server = rxperf.Server(sock, rxperf.Payload.create(verify=True))
            async with trio.open_nursery() as nursery:
                await nursery.start(server.serve)
                args = parse_args("client", "-p", str(sep.address[1]), "-c", "rpc", "-n", "10",
                                  "-T", "2", "-S", "30000", "-R", "5000", "--verify",
                                  "--level", level, "--rxgk-key", key.hex(),
                                  "--enctype", str(number))
                out, err = io.StringIO(), io.StringIO()
                status = await rxperf_cli.run_client(args, out=out, err=err)
                nursery.cancel_scope.cancel()
    assert status == 0, err.getvalue()
    assert result(out.getvalue())["failed"] == "0"
    assert server.stats.by_level[level] == 10


async def test_rxgk_wrong_key_fails_the_calls() -> None:
    with trio.fail_after(30):
        async with rx.open_endpoint((LOOPBACK, 0)) as sep:
            sock = sep.socket()
            sock.listen([rxperf.SERVICE], security=rxperf.server_securities(
                None, None, rxgk_key=bytes(16), enctype=17))
            server = rxperf.Server(sock, rxperf.Payload.create(verify=False))
            async with trio.open_nursery() as nursery:
                await nursery.start(server.serve)
                args = parse_args("client", "-p", str(sep.address[1]), "-c", "rpc", "-n", "2",
                                  "--level", "crypt", "--rxgk-key", "01" * 16)
                out, err = io.StringIO(), io.StringIO()
                status = await rxperf_cli.run_client(args, out=out, err=err)
                nursery.cancel_scope.cancel()
    assert status == 1
    assert result(out.getvalue())["failed"] == "2"
    assert "1233242883" in err.getvalue() or "RXGK_SEALEDINCON" in err.getvalue()


def test_rxgk_key_of_the_wrong_size_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="bytes"):
        rxperf.client_security(2, None, 1, rxgk_key=bytes(5), enctype=17)


@pytest.mark.parametrize("flavour", ["openafs", "yfs"])
async def test_rxgk_flavours_against_a_server_offering_both(flavour: str) -> None:
    key = bytes(range(16))
    with trio.fail_after(30):
        async with rx.open_endpoint((LOOPBACK, 0)) as sep:
            sock = sep.socket()
            securities = rxperf.server_securities(None, None, rxgk_key=key, enctype=17,
                                                  rxgk_flavour="both")
            assert sorted(s.security_index for s in securities) == [4, 6]
            sock.listen([rxperf.SERVICE], security=securities)
            server = rxperf.Server(sock, rxperf.Payload.create(verify=True))
            async with trio.open_nursery() as nursery:
                await nursery.start(server.serve)
                args = parse_args("client", "-p", str(sep.address[1]), "-c", "rpc", "-n", "4",
                                  "--verify", "--level", "auth", "--rxgk-key", key.hex(),
                                  "--rxgk-flavour", flavour)
                out, err = io.StringIO(), io.StringIO()
                status = await rxperf_cli.run_client(args, out=out, err=err)
                nursery.cancel_scope.cancel()
    assert status == 0, err.getvalue()
    assert result(out.getvalue())["failed"] == "0"


def test_rxgk_flavour_both_is_for_servers_only() -> None:
    with pytest.raises(ValueError, match="flavour"):
        rxperf.client_security(1, None, 1, rxgk_key=bytes(16), enctype=17,
                               rxgk_flavour="both")
    with pytest.raises(ValueError, match="auth"):
        rxperf.client_security(1, None, 1, rxgk_key=bytes(32), enctype=20,
                               rxgk_flavour="openafs")
