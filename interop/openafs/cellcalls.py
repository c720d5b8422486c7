#!/usr/bin/env python3
"""The few Rx calls ``cell-up.sh`` has to make itself while it builds the test cell.

OpenAFS 1.8.9's tools cannot do these steps on a cell bound to 127.0.0.1 without a cache
manager:

* ``vos create`` looks its server argument up and refuses any 127.x.y.z address, so a volume
  is made here with the calls ``vos`` would make (VL_GetNewVolumeId, AFSVolCreateVolume,
  AFSVolSetFlags, VL_CreateEntryN, AFSVolEndTrans).
* ``fs setacl`` and ``fs mkmount`` talk to the kernel module; here the fileserver gets
  RXAFS_StoreACL and RXAFS_Symlink directly.
* ``afsio write`` cannot create a file (a path-splitting bug of 1.8.9), and on some machines
  Debian's ``afsio`` crashes in Heimdal's ``krb5_free_cred_contents`` before any call when
  there is no Kerberos ticket cache, so the file is made with RXAFS_CreateFile and written
  with RXAFS_StoreData64 here.

Every call is anonymous (rxnull) and fits one packet each way except for multi-packet replies,
which are collected.  The volume server and the VL server accept anonymous writes only while
the NoAuth file exists; the fileserver applies ACLs, so ``cell-up.sh`` lends the set-up host
administrator rights for the duration.

This file uses the standard library only: the cell must come up even when the package under
test is broken.

Usage (``VOL`` is a volume name or number; everything talks to 127.0.0.1)::

    cellcalls.py volume NAME...           create RW volumes on /vicepa, print "NAME ID"
    cellcalls.py acl VOL 'who rights,...'  set the ACL of VOL's root directory
    cellcalls.py mount [--rw] VOL NAME TARGET   mount point NAME -> volume TARGET
    cellcalls.py touch VOL NAME... [--content TEXT] [--dir V.U]
                                          files NAME... (0644) in VOL's root directory (or
                                          in directory vnode V, uniquifier U); print
                                          "VNODE UNIQUE NAME" for each new one
    cellcalls.py mkdir VOL NAME [--dir V.U]   a directory; print "VNODE UNIQUE NAME"
    cellcalls.py rm VOL NAME... [--dir V.U]   remove files
    cellcalls.py fetchdir VOL OUTFILE [--dir V.U]
                                          write the raw pages of VOL's root directory (or of
                                          directory V.U) to OUTFILE

Names are sent as the bytes they were given on the command line (os.fsencode).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import struct
import sys
import time
from typing import Final

HOST: Final = "127.0.0.1"
FILESERVER: Final = (7000, 1)
"""(port, service id) of the fileserver (RXAFS)."""
VLSERVER: Final = (7003, 52)
VOLSERVER: Final = (7005, 4)

# Rx header: epoch, cid, call number, seq, serial, type, flags, user status, security index,
# checksum, service id.
HEADER: Final = struct.Struct(">5I4B2H")
T_DATA, T_ACK, T_BUSY, T_ABORT, T_CHALLENGE = 1, 2, 3, 4, 6
F_CLIENT, F_REQUEST_ACK, F_LAST = 0x01, 0x02, 0x04
ACK_REQUESTED, ACK_PING, ACK_PING_RESPONSE, ACK_IDLE = 1, 6, 7, 9

RXGEN_OPCODE: Final = -455
EEXIST: Final = 17
VL_NOENT: Final = 363524
"""vl_errors.et: no such VLDB entry."""

CALLBACK_OK: Final = frozenset({204, 205, 206, 213})
"""RXAFSCB calls answered with an empty reply (CallBack, InitCallBackState, Probe,
InitCallBackState3); any other callback (TellMeAboutYourself, WhoAreYou, ...) gets
RXGEN_OPCODE, after which the fileserver falls back to the older calls."""

RIGHT_BITS: Final = {"r": 1, "w": 2, "i": 4, "l": 8, "d": 16, "k": 32, "a": 64}
ROOT_VNODE: Final = (1, 1)
"""Vnode and uniquifier of a volume's root directory."""


class Aborted(Exception):
    """The server aborted the call."""

    def __init__(self, code: int) -> None:
        super().__init__(f"call aborted with code {code}")
        self.code = code


class AnonymousConnection:
    """One rxnull client connection, one call at a time on channel 0.

    While it waits for a reply it also answers what a fileserver sends a new client: the
    reachability PING (with a PING_RESPONSE) and the callback calls it makes to the client's
    address before it serves the first request.
    """

    def __init__(self, port: int, service: int, timeout: float = 60.0) -> None:
        self.address = (HOST, port)
        self.service = service
        self.timeout = timeout
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((HOST, 0))
        self.epoch = int(time.time()) & 0x7FFFFFFF
        self.cid = random.getrandbits(30) << 2 or 4
        self.call_number = 0
        self.serial = 0

    def close(self) -> None:
        self.sock.close()

    def _header(self, fields: tuple[int, int, int, int], ptype: int, flags: int,
                service: int) -> bytes:
        self.serial += 1
        epoch, cid, call, seq = fields
        return HEADER.pack(epoch, cid, call, seq, self.serial, ptype, flags, 0, 0, 0, service)

    def _send_ack(self, first_missing: int, serial: int, reason: int) -> None:
        body = struct.pack(">HHIIIBB", 0, 0, first_missing, first_missing - 1, serial, reason, 0)
        body += bytes(3) + struct.pack(">4I", 1444, 1444, 32, 1)  # pad, then the trailer
        head = self._header((self.epoch, self.cid, self.call_number, 0), T_ACK, F_CLIENT,
                            self.service)
        self.sock.sendto(head + body, self.address)

    def _answer_callback(self, fields: tuple[int, ...], body: bytes,
                         sender: tuple[str, int]) -> None:
        epoch, cid, call, seq = fields[:4]
        service = fields[10]
        if seq != 1 or len(body) < 4:
            return
        (opcode,) = struct.unpack_from(">I", body)
        if opcode in CALLBACK_OK:
            reply = self._header((epoch, cid, call, 1), T_DATA, F_LAST, service)
        else:
            reply = self._header((epoch, cid, call, 0), T_ABORT, 0, service)
            reply += struct.pack(">i", RXGEN_OPCODE)
        self.sock.sendto(reply, sender)

    def call(self, request: bytes) -> bytes:
        """Send ``request`` as one DATA packet and return the whole reply.

        Raises:
            Aborted: the server aborted the call.
            TimeoutError: no complete reply within the timeout.
        """
        self.call_number += 1
        packet = (self._header((self.epoch, self.cid, self.call_number, 1), T_DATA,
                               F_CLIENT | F_LAST | F_REQUEST_ACK, self.service) + request)
        self.sock.sendto(packet, self.address)
        received: dict[int, bytes] = {}
        last_seq: int | None = None
        heard = False
        resend_at = time.monotonic() + 1.0
        give_up = time.monotonic() + self.timeout
        while time.monotonic() < give_up:
            self.sock.settimeout(0.2)
            try:
                datagram, sender = self.sock.recvfrom(65536)
            except TimeoutError:
                if not heard and time.monotonic() >= resend_at:
                    self.sock.sendto(packet, self.address)  # lost, or the server was busy
                    resend_at = time.monotonic() + 1.0
                continue
            if len(datagram) < HEADER.size:
                continue
            fields = HEADER.unpack_from(datagram)
            epoch, cid, call, seq, serial, ptype, flags = fields[:7]
            body = datagram[HEADER.size:]
            if (epoch, cid & ~3) != (self.epoch, self.cid):
                if ptype == T_DATA and flags & F_CLIENT:
                    self._answer_callback(fields, body, sender)
                continue
            if ptype == T_ACK and len(body) > 16 and body[16] == ACK_PING:
                self._send_ack(_first_missing(received), serial, ACK_PING_RESPONSE)
                continue
            if call != self.call_number:
                continue
            if ptype == T_DATA:
                heard = True
                received[seq] = body
                if flags & F_LAST:
                    last_seq = seq
                first_missing = _first_missing(received)
                if last_seq is not None and first_missing > last_seq:
                    self._send_ack(first_missing, serial, ACK_IDLE)
                    return b"".join(received[i] for i in range(1, last_seq + 1))
                if flags & F_REQUEST_ACK:
                    self._send_ack(first_missing, serial, ACK_REQUESTED)
            elif ptype == T_ACK:
                heard = True
            elif ptype == T_ABORT:
                raise Aborted(struct.unpack_from(">i", body)[0])
            elif ptype == T_BUSY:
                resend_at = time.monotonic() + 0.5
            elif ptype == T_CHALLENGE:
                raise RuntimeError("the server wants authentication: is NoAuth in place?")
        raise TimeoutError(f"no reply from {self.address[0]}:{self.address[1]}")


def _first_missing(received: dict[int, bytes]) -> int:
    seq = 1
    while seq in received:
        seq += 1
    return seq


def xdr_string(text: str) -> bytes:
    data = text.encode()
    return struct.pack(">I", len(data)) + data + bytes(-len(data) % 4)


def connect(server: tuple[int, int]) -> AnonymousConnection:
    port, service = server
    return AnonymousConnection(port, service, float(os.environ.get("CELLCALLS_TIMEOUT", "60")))


# ------------------------------------------------------------------------------ volumes


def lookup_volume(vl: AnonymousConnection, name: str) -> int | None:
    """The RW id of volume ``name`` (VL_GetEntryByNameN, 519), or None if there is none."""
    try:
        reply = vl.call(struct.pack(">I", 519) + xdr_string(name))
    except Aborted as exc:
        if exc.code == VL_NOENT:
            return None
        raise
    # nvldbentry: char name[65] (a word each), nServers, 3 arrays of 13 words, volumeId[3].
    (rw_id,) = struct.unpack_from(">I", reply, (65 + 1 + 3 * 13) * 4)
    return int(rw_id)


def vldb_entry(name: str, server: int, partition: int, rw_id: int) -> bytes:
    """An nvldbentry for a new RW volume on one server (VL_CreateEntryN's argument)."""
    padded = name.encode().ljust(65, b"\0")
    out = struct.pack(">65i", *padded)
    out += struct.pack(">i", 1)  # nServers
    out += struct.pack(">13I", server, *[0] * 12)  # serverNumber
    out += struct.pack(">13i", partition, *[0] * 12)  # serverPartition
    out += struct.pack(">13i", 0x04, *[0] * 12)  # serverFlags: VLSF_RWVOL
    out += struct.pack(">3I", rw_id, rw_id + 1, rw_id + 2)  # RW, RO and backup ids
    out += struct.pack(">Ii", 0, 0x1000)  # cloneId, flags: VLF_RWEXISTS
    return out + bytes(9 * 4)  # matchindex and eight spares


def create_volume(name: str, partition: int = 0) -> tuple[int, bool]:
    """Create RW volume ``name`` unless it exists; return its id and whether it is new."""
    vl = connect(VLSERVER)
    vol = connect(VOLSERVER)
    try:
        existing = lookup_volume(vl, name)
        if existing is not None:
            return existing, False
        (first_id,) = struct.unpack_from(">I", vl.call(struct.pack(">II", 505, 3)))
        reply = vol.call(struct.pack(">Ii", 100, partition) + xdr_string(name)
                         + struct.pack(">iII", 0, 0, first_id))  # AFSVolCreateVolume, type RW
        rw_id, transaction = struct.unpack_from(">Ii", reply)
        try:
            vol.call(struct.pack(">Iii", 106, transaction, 0))  # AFSVolSetFlags: in service
            server = struct.unpack(">I", socket.inet_aton(HOST))[0]
            vl.call(struct.pack(">I", 517) + vldb_entry(name, server, partition, rw_id))
        finally:
            vol.call(struct.pack(">Ii", 104, transaction))  # AFSVolEndTrans
        return rw_id, True
    finally:
        vl.close()
        vol.close()


def volume_id(volume: str) -> int:
    if volume.isdigit():
        return int(volume)
    vl = connect(VLSERVER)
    try:
        found = lookup_volume(vl, volume)
    finally:
        vl.close()
    if found is None:
        raise SystemExit(f"cellcalls: no volume {volume}")
    return found


# ------------------------------------------------------------------------- fileserver


def root_fid(volume: str) -> bytes:
    return struct.pack(">3I", volume_id(volume), *ROOT_VNODE)


def directory_fid(volume: str, where: tuple[int, int] = ROOT_VNODE) -> bytes:
    """The AFSFid of directory ``where`` (vnode, uniquifier) in ``volume``."""
    return struct.pack(">3I", volume_id(volume), *where)


def xdr_name(name: str) -> bytes:
    """A file name as an XDR string of the bytes it came from (command-line names may hold
    any bytes but NUL and ``/``)."""
    data = os.fsencode(name)
    return struct.pack(">I", len(data)) + data + bytes(-len(data) % 4)


def store_status(mode: int) -> bytes:
    """AFSStoreStatus with only the mode set (mask AFS_SETMODE)."""
    return struct.pack(">6I", 8, 0, 0, 0, mode, 0)


def set_acl(volume: str, acl: str) -> None:
    """RXAFS_StoreACL (134) on the volume's root: ``acl`` is ``"who rights,who rights"``."""
    entries = [item.split() for item in acl.split(",") if item.strip()]
    text = f"{len(entries)}\n0\n"
    for who, rights in entries:
        mask = 0
        for letter in rights:
            mask |= RIGHT_BITS[letter]
        text += f"{who}\t{mask}\n"
    # The fileserver reads the ACL with sscanf, so it must end in a NUL, as the cache
    # manager sends it; without one the parse sometimes runs past the text.
    fs = connect(FILESERVER)
    try:
        fs.call(struct.pack(">I", 134) + root_fid(volume) + xdr_string(text + "\0"))
    finally:
        fs.close()


def make_mount_point(volume: str, name: str, target: str, *, read_write: bool) -> None:
    """RXAFS_Symlink (139): a mode-0644 symlink ``#target.`` (``%target.`` for RW) is a
    mount point.  An existing one is left alone."""
    contents = ("%" if read_write else "#") + target + "."
    fs = connect(FILESERVER)
    try:
        fs.call(struct.pack(">I", 139) + root_fid(volume) + xdr_string(name)
                + xdr_string(contents) + store_status(0o644))
    except Aborted as exc:
        if exc.code != EEXIST:
            raise
    finally:
        fs.close()


def create_files(volume: str, names: list[str], content: bytes = b"",
                 where: tuple[int, int] = ROOT_VNODE) -> list[tuple[int, int] | None]:
    """RXAFS_CreateFile (137) for each of ``names`` (mode 0644) in directory ``where``, over
    one connection; the (vnode, uniquifier) of each new file, None for one already there.

    With ``content``, each new file is then written with RXAFS_StoreData64 (65538) and read
    back with RXAFS_FetchData64 (65537), all in one packet each way.
    """
    parent = directory_fid(volume, where)
    made: list[tuple[int, int] | None] = []
    fs = connect(FILESERVER)
    try:
        for name in names:
            try:
                reply = fs.call(struct.pack(">I", 137) + parent + xdr_name(name)
                                + store_status(0o644))
            except Aborted as exc:
                if exc.code != EEXIST:
                    raise
                made.append(None)
                continue
            fid = reply[:12]
            made.append(struct.unpack_from(">II", fid, 4))
            if content:
                size = len(content)
                fs.call(struct.pack(">I", 65538) + fid + struct.pack(">6I", 0, 0, 0, 0, 0, 0)
                        + struct.pack(">3q", 0, size, size) + content)
                back = fs.call(struct.pack(">I", 65537) + fid + struct.pack(">2q", 0, size))
                (length,) = struct.unpack_from(">q", back)
                if back[8:8 + length] != content:
                    raise RuntimeError(f"{name} reads back as {back[8:8 + length]!r}")
    finally:
        fs.close()
    return made


def make_directory(volume: str, name: str, where: tuple[int, int] = ROOT_VNODE
                   ) -> tuple[int, int]:
    """RXAFS_MakeDir (141): a directory (mode 0755) in directory ``where``; its (vnode,
    uniquifier)."""
    fs = connect(FILESERVER)
    try:
        reply = fs.call(struct.pack(">I", 141) + directory_fid(volume, where) + xdr_name(name)
                        + store_status(0o755))
    finally:
        fs.close()
    vnode, unique = struct.unpack_from(">II", reply, 4)
    return vnode, unique


def remove_files(volume: str, names: list[str], where: tuple[int, int] = ROOT_VNODE) -> None:
    """RXAFS_RemoveFile (136) for each of ``names`` in directory ``where``."""
    parent = directory_fid(volume, where)
    fs = connect(FILESERVER)
    try:
        for name in names:
            fs.call(struct.pack(">I", 136) + parent + xdr_name(name))
    finally:
        fs.close()


def fetch_directory(volume: str, where: tuple[int, int] = ROOT_VNODE) -> bytes:
    """The raw contents of directory ``where``: RXAFS_FetchData64 (65537) from offset 0 for
    2^31 bytes, which the fileserver cuts to the length of the file."""
    fs = connect(FILESERVER)
    try:
        reply = fs.call(struct.pack(">I", 65537) + directory_fid(volume, where)
                        + struct.pack(">2q", 0, 1 << 31))
    finally:
        fs.close()
    (length,) = struct.unpack_from(">q", reply)
    if not 0 <= length <= len(reply) - 8:
        raise RuntimeError(f"FetchData64 says {length} bytes but the reply holds fewer")
    return reply[8:8 + length]


def vnode_unique(text: str) -> tuple[int, int]:
    vnode, _, unique = text.partition(".")
    return int(vnode), int(unique)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("volume").add_argument("names", nargs="+")
    acl = commands.add_parser("acl")
    acl.add_argument("volume")
    acl.add_argument("acl")
    mount = commands.add_parser("mount")
    mount.add_argument("--rw", action="store_true")
    mount.add_argument("volume")
    mount.add_argument("name")
    mount.add_argument("target")
    touch = commands.add_parser("touch")
    touch.add_argument("volume")
    touch.add_argument("names", nargs="+")
    touch.add_argument("--content", default="", help="text to write into the new file")
    mkdir = commands.add_parser("mkdir")
    mkdir.add_argument("volume")
    mkdir.add_argument("name")
    rm = commands.add_parser("rm")
    rm.add_argument("volume")
    rm.add_argument("names", nargs="+")
    fetchdir = commands.add_parser("fetchdir")
    fetchdir.add_argument("volume")
    fetchdir.add_argument("outfile")
    for sub in (touch, mkdir, rm, fetchdir):
        sub.add_argument("--dir", type=vnode_unique, default=ROOT_VNODE, metavar="V.U",
                         help="the directory's vnode and uniquifier (default: the root, 1.1)")
    args = parser.parse_args(argv)
    try:
        if args.command == "volume":
            for name in args.names:
                rw_id, _ = create_volume(name)
                print(name, rw_id)
        elif args.command == "acl":
            set_acl(args.volume, args.acl)
        elif args.command == "mount":
            make_mount_point(args.volume, args.name, args.target, read_write=args.rw)
        elif args.command == "touch":
            made = create_files(args.volume, args.names, args.content.encode(), args.dir)
            for name, fid in zip(args.names, made, strict=True):
                if fid is not None:
                    print(*fid, name)
        elif args.command == "mkdir":
            print(*make_directory(args.volume, args.name, args.dir), args.name)
        elif args.command == "rm":
            remove_files(args.volume, args.names, args.dir)
        else:
            data = fetch_directory(args.volume, args.dir)
            with open(args.outfile, "wb") as out:
                out.write(data)
    except (Aborted, TimeoutError, RuntimeError, OSError) as exc:
        print(f"cellcalls {args.command}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
