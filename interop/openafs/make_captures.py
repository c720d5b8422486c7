#!/usr/bin/env python3
"""Record the OpenAFS traffic the tests replay, with the keys and facts needed to read it.

As root, from the repository root::

    python3 interop/openafs/make_captures.py [--out tests/data/captures]

It starts a fresh cell with ``cell-up.sh`` (``--auth``) in a temporary directory, holding the
same lock file as the test suite, and stops it again at the end.  Then:

1. Each capture runs one OpenAFS command while ``dumpcap`` records ``lo`` (filter
   ``udp and host 127.0.0.1 and portrange 7000-7009``) into ``NAME.pcapng``.  A capture with a
   retransmitted DATA packet, or with a second connection where the command makes one, is
   recorded again, so the committed files show each exchange once.
2. For every rxkad capture the session key is recovered from the ticket in its RESPONSE with
   the server key, and checked against the header checksum of every DATA packet.
3. Our own rxkad client (``rxkad_sessions.py``) makes the handshakes the tools never make
   (level auth, the old challenge, Kerberos 5 tickets with AES and triple-DES session keys)
   and records the ptserver's answers.
4. For the last captures and sessions an aes256 rxkad-krb5 key is added to ``KeyFileExt``,
   which makes the ``-localauth`` tools forge Kerberos 5 tickets.

Out come ``manifest.json`` (everything above, machine-readable) and ``README.md`` (a table
made from it).  Session keys, epochs and nonces are new on every run; the server keys and the
cell's layout are fixed.
"""

from __future__ import annotations

import argparse
import datetime
import fcntl
import hashlib
import json
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).resolve().parent
REPO: Final = HERE.parents[1]
sys.path[:0] = [str(REPO), str(HERE)]

import capture_keys  # noqa: E402
import rxkad_sessions  # noqa: E402
import write_readme  # noqa: E402

from trio_rxrpc._proto.security import _des  # noqa: E402
from trio_rxrpc._proto.security.keyfile import (  # noqa: E402
    Keyring,
    parse_keyfile,
    parse_keyfile_ext,
)
from trio_rxrpc.testing._pcapng import read_udp_datagrams  # noqa: E402

CELL_LOCK: Final = Path("/tmp/trio-rxrpc-openafs-cell.lock")
"""The lock the test suite holds while it runs the cell (tests/conftest.py)."""
FILTER: Final = "udp and host 127.0.0.1 and portrange 7000-7009"
ATTEMPTS: Final = 4
BULK_BYTES: Final = 256 * 1024
"""Four 64 KiB FetchData/StoreData calls: enough to show whole-packet bulk transfers."""

K5_KVNO: Final = 4
K5_ENCTYPE: Final = 18  # aes256-cts-hmac-sha1-96
K5_KEY: Final = bytes.fromhex("6b1d0e3f52a87c94e07f3d2a19c4b85d0f6e2a7b93c15d48e2f7a06b3c9d1e58")
"""The cell's rxkad-krb5 service key during the Kerberos 5 captures (fixed, like the DES key)."""

V4_SESSION_KEY: Final = _des.set_odd_parity(bytes.fromhex("4a5d7c9e13b2f1e6"))
K5_SESSIONS: Final = [
    # label, whole Ticket?, client name, session key type, session key, level
    ("k5-encpart-aes128", False, ("admin",), 17, bytes.fromhex("3c8e1f7a5d2b9046e1c7f38a0b5d2e64"),
     2),
    ("k5-ticket-des", True, ("admin", "admin"), 1,
     _des.set_odd_parity(bytes.fromhex("94e2b76a1c583df0")), 2),
    ("k5-encpart-aes256", False, ("admin",), 18,
     bytes.fromhex("0f9e8d7c6b5a49382716a5b4c3d2e1f001122334455667788990aabbccddeeff"), 1),
    ("k5-ticket-des3", True, ("user1",), 16,
     _des.set_odd_parity(bytes.fromhex("1f2e3d4c5b6a79880123456789abcdeffedcba9876543210")), 0),
]  # fmt: skip

PR_LIST_ENTRIES_REQUEST: Final = struct.pack(">3I", 521, 1, 0)
"""PR_ListEntries(flag=PRUSERS, startindex=0): a superuser-only call."""
PR_NAME_TO_ID_REQUEST: Final = struct.pack(">II", 504, 1) + struct.pack(
    ">64i", *b"admin".ljust(64, b"\0"))
"""PR_NameToID(["admin"]): anyone may ask."""


def log(text: str) -> None:
    print(f"make_captures: {text}", flush=True)


def run(argv: list[str], *, check: bool = True, timeout: float = 300) -> str:
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout, check=False)
    output = done.stdout + done.stderr
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n{output}")
    return output


class Recorder:
    """Runs commands under dumpcap and keeps the clean captures."""

    def __init__(self, out: Path, cell_dir: Path) -> None:
        self.out = out
        self.cell_dir = cell_dir
        self.config = str(cell_dir / "etc")
        self.entries: list[dict[str, write_readme.JSON]] = []

    def _dumpcap(self, path: Path, argv: list[str]) -> str:
        errors = path.with_suffix(".err")
        with errors.open("w") as err:
            capture = subprocess.Popen(["dumpcap", "-q", "-i", "lo", "-f", FILTER, "-w",
                                        str(path)], stdin=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 10
            while "Capturing on" not in errors.read_text():
                if capture.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"dumpcap did not start: {errors.read_text()}")
                time.sleep(0.05)
            time.sleep(0.3)
            output = run(argv, check=False)
            time.sleep(1.0)  # the last ACKs follow the reply after a delay
        finally:
            capture.send_signal(signal.SIGINT)
            capture.wait(timeout=30)
            errors.unlink()
        return output

    def capture(self, name: str, argv: list[str], *, expect: str, one_connection: bool,
                keyring: Keyring | None = None, **facts: object) -> str:
        """Record ``argv`` into ``NAME.pcapng`` until a clean capture; return its output."""
        path = self.out / f"{name}.pcapng"
        for attempt in range(1, ATTEMPTS + 1):
            output = self._dumpcap(path, argv)
            try:
                if not re.search(expect, output):
                    raise capture_keys.BadCapture(f"output lacks {expect!r}:\n{output}")
                datagrams = list(read_udp_datagrams(path))
                capture_keys.check_clean(datagrams, one_connection=one_connection)
                rxkad = (capture_keys.recover_session(path, keyring)
                         if keyring is not None else None)
            except capture_keys.BadCapture as exc:
                log(f"{name}: attempt {attempt} not clean: {exc}")
                time.sleep(1)
                continue
            command = " ".join(argv).replace(self.config, "DIR/etc")
            entry: dict[str, write_readme.JSON] = {
                "file": path.name,
                "command": command,
                "datagrams": len(datagrams),
                "packets": capture_keys.packet_counts(datagrams),
                "size": path.stat().st_size,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                **facts,
            }
            if rxkad is not None:
                entry["rxkad"] = rxkad
            self.entries.append(entry)
            log(f"{name}: {len(datagrams)} datagrams, {entry['size']} bytes")
            return output
        raise RuntimeError(f"{name}: no clean capture in {ATTEMPTS} attempts")


def write_keytab(path: Path, principal: tuple[str, str, str], kvno: int, enctype: int,
                 key: bytes) -> None:
    """One key in an MIT keytab (format 0x0502): asetkey takes rxkad-krb5 keys only so."""

    def counted(text: str | bytes) -> bytes:
        raw = text.encode() if isinstance(text, str) else text
        return struct.pack(">H", len(raw)) + raw

    service, instance, realm = principal
    entry = (struct.pack(">H", 2) + counted(realm) + counted(service) + counted(instance)
             + struct.pack(">IIB", 1, int(time.time()), kvno & 0xFF)  # NT-PRINCIPAL
             + struct.pack(">H", enctype) + counted(key) + struct.pack(">I", kvno))
    path.write_bytes(b"\x05\x02" + struct.pack(">i", len(entry)) + entry)


def record_tools(rec: Recorder, cell: dict[str, str], keyring: Keyring) -> None:
    host, config, name = cell["AFS_HOST"], rec.config, cell["AFS_CELL"]
    rec.capture("rxdebug-version", ["rxdebug", host, "7002", "-version"],
                expect=r"AFS version: OpenAFS 1\.8\.9", one_connection=False, security="none")
    rec.capture("rxdebug-rxstats", ["rxdebug", host, "7003", "-rxstats", "-noconns"],
                expect=r"rx stats", one_connection=False, security="none")
    rec.capture("rxnull-pts-examine", ["pts", "examine", "admin", "-noauth", "-config", config],
                expect=r"Name: admin, id: 1", one_connection=True, security="rxnull")
    rec.capture("rxnull-vos-listvldb", ["vos", "listvldb", "-noauth", "-config", config],
                expect=r"Total entries: 3", one_connection=True, security="rxnull")
    for level, extra in (("clear", []), ("crypt", ["-encrypt"])):
        rec.capture(f"rxkad-{level}-vos-listvldb",
                    ["vos", "listvldb", "-localauth", *extra, "-config", config],
                    expect=r"Total entries: 3", one_connection=True, keyring=keyring,
                    security="rxkad", ticket="v4")
    rec.capture("rxkad-crypt-pts-examine", ["pts", "examine", "admin", "-localauth", "-config",
                                            config],
                expect=r"Name: admin, id: 1", one_connection=True, keyring=keyring,
                security="rxkad", ticket="v4")
    rec.capture("rxkad-clear-bos-listhosts", ["bos", "listhosts", "-server", host, "-localauth"],
                expect=r"Host 1 is", one_connection=True, keyring=keyring, security="rxkad",
                ticket="v4")
    rec.capture("rxkad-crypt-bos-listkeys", ["bos", "listkeys", "-server", host, "-localauth",
                                             "-showkey"],
                expect=r"key 3 is", one_connection=True, keyring=keyring, security="rxkad",
                ticket="v4")
    rec.capture("afsio-read-small", ["afsio", "read", f"/afs/{name}/hello.txt"],
                expect=r"hello from OpenAFS", one_connection=False, security="rxnull")
    bulk = f"bulk-{BULK_BYTES // 1024}KiB"
    run(["python3", str(HERE / "cellcalls.py"), "touch", "root.cell", bulk])
    md5 = r"([0-9a-f]{32})"
    written = rec.capture(f"afsio-write-{BULK_BYTES // 1024}KiB",
                          ["afsio", "write", f"/afs/{name}/{bulk}", "-force", "-synthesize",
                           str(BULK_BYTES), "-md5"],
                          expect=md5, one_connection=False, security="rxnull",
                          bulk={"bytes": BULK_BYTES, "opcode": 133})
    read = rec.capture(f"afsio-read-{BULK_BYTES // 1024}KiB",
                       ["afsio", "read", f"/afs/{name}/{bulk}", "-md5"],
                       expect=md5, one_connection=False, security="rxnull",
                       bulk={"bytes": BULK_BYTES, "opcode": 130})
    digests = [re.findall(md5, text)[-1] for text in (written, read)]
    if digests[0] != digests[1]:
        raise RuntimeError(f"afsio read back another file: md5 {digests}")
    for entry in rec.entries[-2:]:
        entry["bulk"]["md5"] = digests[0]


def record_v4_sessions(server_key: bytes, realm: str) -> list[dict[str, write_readme.JSON]]:
    sessions = []
    for level, level_name in ((0, "clear"), (1, "auth"), (2, "crypt")):
        for old in (False, True):
            now = int(time.time())
            token, fields = rxkad_sessions.v4_token(server_key, V4_SESSION_KEY, realm=realm,
                                                    now=now)
            exchange = rxkad_sessions.run_session(
                token, level=level, old_challenge=old, request=PR_LIST_ENTRIES_REQUEST,
                epoch=now & 0x7FFFFFFF, cid=random.getrandbits(30) << 2,
            )  # fmt: skip
            entry = rxkad_sessions.describe(exchange, token, level=level,
                                            request=PR_LIST_ENTRIES_REQUEST)
            label = f"v4-{level_name}-{'old' if old else 'v2'}"
            sessions.append({"label": label, "ticket_type": "v4", "ticket_fields": fields,
                             **entry})
            log(f"session {label}: {len(exchange.replies)} reply packet(s)")
    return sessions


def record_k5_sessions(cell: dict[str, str]) -> list[dict[str, write_readme.JSON]]:
    sessions = []
    for index, (label, full, cname, key_type, key, level) in enumerate(K5_SESSIONS):
        now = int(time.time())
        token, fields = rxkad_sessions.k5_token(
            K5_KEY, K5_KVNO, K5_ENCTYPE, full_ticket=full, realm=cell["AFS_REALM"],
            cell=cell["AFS_CELL"], cname=cname, session_type=key_type, session_key=key,
            confounder=bytes(range(16 * index, 16 * index + 16)), now=now,
        )  # fmt: skip
        exchange = rxkad_sessions.run_session(
            token, level=level, old_challenge=False, request=PR_NAME_TO_ID_REQUEST,
            epoch=now & 0x7FFFFFFF, cid=random.getrandbits(30) << 2,
        )  # fmt: skip
        entry = rxkad_sessions.describe(exchange, token, level=level,
                                        request=PR_NAME_TO_ID_REQUEST)
        sessions.append({"label": label, "ticket_type": "k5", "ticket_fields": fields, **entry})
        log(f"session {label}: {len(exchange.replies)} reply packet(s)")
    return sessions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=REPO / "tests" / "data" / "captures")
    args = parser.parse_args()
    if os.geteuid() != 0:
        parser.error("run as root: the cell and dumpcap need it")
    for tool in ("dumpcap", "pts", "vos", "bos", "rxdebug", "afsio", "asetkey"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is missing (scripts/setup.sh --test installs it)")
    with CELL_LOCK.open("a+") as lock:
        log(f"waiting for {CELL_LOCK}")
        fcntl.flock(lock, fcntl.LOCK_EX)
        cell_dir = Path(tempfile.mkdtemp(prefix="trio-rxrpc-capture-cell-"))
        staging = Path(tempfile.mkdtemp(prefix="trio-rxrpc-captures-"))
        try:
            run([str(HERE / "cell-up.sh"), str(cell_dir), "--auth"], timeout=900)
            manifest = record(cell_dir, staging)
        finally:
            log(run([str(HERE / "cell-down.sh"), str(cell_dir)], check=False).strip())
        shutil.rmtree(cell_dir, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.pcapng"):
        old.unlink()
    for new in staging.glob("*.pcapng"):
        new.chmod(0o644)  # dumpcap makes them private
        shutil.move(new, args.out / new.name)
    shutil.rmtree(staging)
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    (args.out / "README.md").write_text(write_readme.render(manifest))
    total = sum(entry["size"] for entry in manifest["captures"])
    log(f"wrote {len(manifest['captures'])} captures ({total} bytes) and the manifest to "
        f"{args.out}")
    return 0


def record(cell_dir: Path, out: Path) -> dict[str, write_readme.JSON]:
    """Everything between the cell's start and its end; returns the manifest."""
    cell: dict[str, str] = {}
    for line in (cell_dir / "run" / "cell.env").read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.startswith("#"):
            cell[key] = value
    keyfile = (cell_dir / "etc" / "KeyFile").read_bytes()
    keyring = Keyring(parse_keyfile(keyfile))
    server_key = keyring.rxkad[int(cell["AFS_KVNO"])]
    rec = Recorder(out, cell_dir)
    record_tools(rec, cell, keyring)
    sessions = record_v4_sessions(server_key, cell["AFS_REALM"])

    # Kerberos 5: asetkey writes the key into the server directory; the servers of the cell
    # read the cell's config directory and reload keys when its CellServDB changes.
    principal = ("afs", cell["AFS_CELL"], cell["AFS_REALM"])
    keytab = out / "rxkad-k5.keytab"
    write_keytab(keytab, principal, K5_KVNO, K5_ENCTYPE, K5_KEY)
    run(["asetkey", "add", "rxkad_krb5", str(K5_KVNO), str(K5_ENCTYPE), str(keytab),
         f"afs/{cell['AFS_CELL']}@{cell['AFS_REALM']}"])
    keytab.unlink()
    keyfile_ext = Path("/etc/openafs/server/KeyFileExt").read_bytes()
    shutil.copyfile("/etc/openafs/server/KeyFileExt", cell_dir / "etc" / "KeyFileExt")
    for path in (Path("/etc/openafs/server/CellServDB"), cell_dir / "etc" / "CellServDB"):
        path.touch()
    time.sleep(1.1)
    k5_ring = Keyring([*keyring.keys, *parse_keyfile_ext(keyfile_ext)])
    for name, argv, expect in (
        ("rxkad-k5-crypt-pts-examine", ["pts", "examine", "admin", "-localauth"],
         r"Name: admin, id: 1"),
        ("rxkad-k5-clear-vos-listvldb", ["vos", "listvldb", "-localauth"], r"Total entries: 3"),
    ):
        rec.capture(name, [*argv, "-config", rec.config], expect=expect, one_connection=True,
                    keyring=k5_ring, security="rxkad", ticket="k5")
    sessions += record_k5_sessions(cell)

    volumes = {name.removeprefix("AFS_VOLID_").lower().replace("_", "."): int(value)
               for name, value in cell.items() if name.startswith("AFS_VOLID_")}
    version = run(["rxdebug", cell["AFS_HOST"], "7002", "-version"]).strip().splitlines()[-1]
    return {
        "description": "OpenAFS 1.8.9 traffic on loopback, recorded by "
                       "interop/openafs/make_captures.py; see README.md",
        "recorded": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d"),
        "openafs": version.removeprefix("AFS version: ").strip(),
        "dumpcap": run(["dumpcap", "-v"]).splitlines()[0].rstrip("."),
        "capture_filter": FILTER,
        "cell": {
            "name": cell["AFS_CELL"],
            "realm": cell["AFS_REALM"],
            "host": cell["AFS_HOST"],
            "ports": {server: int(cell[f"AFS_{server.upper()}_PORT"])
                      for server in ("fs", "pt", "vl", "vol", "bos")},
            "users": {cell["AFS_ADMIN"]: int(cell["AFS_ADMIN_ID"]),
                      cell["AFS_USER"]: int(cell["AFS_USER_ID"])},
            "volumes": volumes,
        },
        "keys": {
            "rxkad": {"kvno": int(cell["AFS_KVNO"]), "key": server_key.hex(),
                      "keyfile": keyfile.hex()},
            "rxkad_krb5": {"kvno": K5_KVNO, "enctype": K5_ENCTYPE, "key": K5_KEY.hex(),
                           "principal": f"afs/{cell['AFS_CELL']}@{cell['AFS_REALM']}",
                           "keyfileext": keyfile_ext.hex()},
        },
        "captures": rec.entries,
        "sessions": sessions,
    }


if __name__ == "__main__":
    sys.exit(main())
