"""Known answers from the OpenAFS test cell: rxkad as OpenAFS 1.8.9 wrote it.

Two kinds of recordings in tests/data/captures (``interop/openafs/make_captures.py`` makes
both; ``manifest.json`` describes them):

* captures of the OpenAFS tools (``pts``, ``vos``, ``bos`` with ``-localauth``): each has one
  rxkad handshake, whose session key the manifest gives, recovered from the ticket with the
  cell's server key;
* sessions of our own client against the ptserver, for what the tools never do: level auth,
  the old challenge, tickets with every field set, and Kerberos 5 tickets with AES and
  triple-DES session keys.  The ptserver's sealed, checksummed reply shows it agreed.

The manifest also records values trio_rxrpc derived when the recording was made (checksum IV,
decrypted ticket and RESPONSE, unsealed data); comparing with them pins the derivations, while
OpenAFS's own checksums, ciphertexts and replies keep them honest.
"""

from __future__ import annotations

import random
import struct
from typing import Final

import pytest
from recorded import JSON, RX_HEADER, capture_entries, capture_path, ids, manifest, sessions

from trio_rxrpc._proto.security import _des, _krb5, rxkad, rxkad_handshake, rxkad_ticket
from trio_rxrpc._proto.security._fcrypt import FcryptSchedule
from trio_rxrpc._proto.security.keyfile import Keyring
from trio_rxrpc._proto.wire import PacketType
from trio_rxrpc.testing._pcapng import UDPDatagram, read_udp_datagrams

H = bytes.fromhex
KEYS: Final = manifest()["keys"]
SERVER_KEY: Final = H(KEYS["rxkad"]["key"])
KVNO: Final = KEYS["rxkad"]["kvno"]
K5: Final = KEYS["rxkad_krb5"]
K5_KEY: Final = H(K5["key"])

CAPTURES: Final = capture_entries(rxkad=True)
V4_CAPTURES: Final = [e for e in CAPTURES if e.get("ticket") == "v4"]
K5_CAPTURES: Final = [e for e in CAPTURES if e.get("ticket") == "k5"]
V4_SESSIONS: Final = sessions("v4")
K5_SESSIONS: Final = sessions("k5")

LOCALAUTH_TICKET: Final = {
    "name": "afs", "instance": "", "realm": "", "host": 0, "start": 0, "life": 255,
    "service": "afs", "service_instance": "",
}  # fmt: skip
"""What an OpenAFS 1.8.9 ``-localauth`` tool puts in its Kerberos 4 style ticket."""


def _keyring() -> Keyring:
    return Keyring.from_files(keyfile=H(KEYS["rxkad"]["keyfile"]),
                              keyfile_ext=H(K5["keyfileext"]))


def _k5_keyring() -> Keyring:
    return Keyring.from_files(keyfile_ext=H(K5["keyfileext"]))


def _datagrams(entry: dict[str, JSON]) -> list[UDPDatagram]:
    return list(read_udp_datagrams(capture_path(entry["file"])))


def _one(datagrams: list[UDPDatagram], ptype: PacketType) -> bytes:
    """The one datagram of type ``ptype`` (byte 20 of the Rx header)."""
    (payload,) = [d.payload for d in datagrams if d.payload[20] == ptype]
    return payload


def _fields(packet: bytes) -> tuple[int, ...]:
    return RX_HEADER.unpack_from(packet)


def _session_key(entry: dict[str, JSON]) -> bytes:
    return H(entry["rxkad"]["session_key"] if "rxkad" in entry else entry["session_key"])


def _epoch_cid(entry: dict[str, JSON]) -> tuple[int, int]:
    source = entry.get("rxkad", entry)
    return source["epoch"], source["cid"]


def _k5_ticket() -> bytes:
    """The Kerberos 5 ticket an OpenAFS ``-localauth`` tool forged (``pts examine``)."""
    response = _one(_datagrams(K5_CAPTURES[0]), PacketType.RESPONSE)
    return rxkad_handshake.decode_response_untrusted(response[RX_HEADER.size:], v2=True).ticket


def test_the_manifest_has_every_kind_of_recording() -> None:
    assert len(V4_CAPTURES) >= 5
    assert len(K5_CAPTURES) >= 2
    assert {(s["level"], s["challenge_format"]) for s in V4_SESSIONS} == {
        (level, fmt) for level in (0, 1, 2) for fmt in ("v2", "old")}
    assert {s["ticket_fields"]["form"] for s in K5_SESSIONS} == {"Ticket", "EncryptedData"}
    assert {s["ticket_fields"]["ticket_session_key_type"] for s in K5_SESSIONS} >= {1, 16, 17, 18}


# -- the checksum IV, header checksums, the RESPONSE checksum -------------------------------------


@pytest.mark.parametrize("entry", CAPTURES + V4_SESSIONS + K5_SESSIONS,
                         ids=ids(CAPTURES + V4_SESSIONS + K5_SESSIONS))
def test_rxkad_csum_iv(entry: dict[str, JSON]) -> None:
    schedule = FcryptSchedule(_session_key(entry))
    epoch, cid = _epoch_cid(entry)
    iv = rxkad.compute_csum_iv(schedule, epoch=epoch, cid=cid, security_index=2)
    assert iv.hex() == entry.get("rxkad", entry)["csum_iv"]
    # The documented construction: the second block of PCBC(epoch, cid, 0, index), key as IV.
    preamble = struct.pack(">4I", epoch, cid & 0xFFFFFFFC, 0, 2)
    assert schedule.pcbc_encrypt(schedule.key, preamble)[8:] == iv


@pytest.mark.parametrize("entry", CAPTURES, ids=ids(CAPTURES))
def test_rxkad_header_checksum(entry: dict[str, JSON]) -> None:
    schedule = FcryptSchedule(_session_key(entry))
    iv = H(entry["rxkad"]["csum_iv"])
    epoch, cid = _epoch_cid(entry)
    checked = 0
    for datagram in _datagrams(entry):
        packet_epoch, conn, call, seq, _, ptype, _, _, _, cksum, _ = _fields(datagram.payload)
        if ptype != PacketType.DATA or (packet_epoch, conn & ~3) != (epoch, cid & ~3):
            continue  # another connection (the capture has one, but be sure)
        value = rxkad.header_checksum(schedule, iv, call_number=call, channel=conn & 3, seq=seq)
        assert value == cksum, f"frame {datagram.index}"
        # The documented construction: ECB of (callNumber, channel << 30 | seq) XOR the IV,
        # bits 16..31 of its second word (a zero becomes 1, as 0 means "no checksum").
        block = bytes(a ^ b for a, b in zip(
            struct.pack(">II", call, (conn & 3) << 30 | seq), iv, strict=True))
        assert (int.from_bytes(schedule.encrypt_block(block)[4:6], "big") or 1) == cksum
        checked += 1
    assert checked >= 2


V2_RESPONSES = CAPTURES + [s for s in V4_SESSIONS + K5_SESSIONS if s["challenge_format"] == "v2"]


@pytest.mark.parametrize("entry", V2_RESPONSES, ids=ids(V2_RESPONSES))
def test_rxkad_response_checksum(entry: dict[str, JSON]) -> None:
    if "rxkad" in entry:
        payload = _one(_datagrams(entry), PacketType.RESPONSE)[RX_HEADER.size:]
        recorded = entry["rxkad"]
    else:
        payload = H(entry["response_packet"])[RX_HEADER.size:]
        recorded = entry
    # The first 56 bytes in clear: the encrypted part (bytes 8..47) decrypted.
    plain = payload[:8] + H(recorded["response_plain"]) + payload[48:56]
    assert struct.unpack_from(">I", plain, 16)[0] == recorded["response_checksum"]
    assert rxkad_handshake.response_checksum(plain) == recorded["response_checksum"]


# -- Kerberos 4 style tickets -------------------------------------------------------------------


def _v4_ticket_cases() -> list[tuple[bytes, str, dict[str, JSON], bytes]]:
    """(ticket, its plaintext, its fields, session key) of every v4 ticket recorded."""
    cases = []
    for entry in V4_CAPTURES:
        response = _one(_datagrams(entry), PacketType.RESPONSE)[RX_HEADER.size:]
        ticket = rxkad_handshake.decode_response_untrusted(response, v2=True).ticket
        cases.append((ticket, entry["rxkad"]["ticket_plain"], LOCALAUTH_TICKET,
                      _session_key(entry)))
    for session in V4_SESSIONS:
        fields = session["ticket_fields"]
        cases.append((H(session["ticket"]), fields["plain"], fields, _session_key(session)))
    return cases


@pytest.mark.parametrize(("ticket", "plain", "fields", "session_key"), _v4_ticket_cases(),
                         ids=ids(V4_CAPTURES + V4_SESSIONS))
def test_rxkad_ticket(ticket: bytes, plain: str, fields: dict[str, JSON],
                      session_key: bytes) -> None:
    key = SERVER_KEY
    assert _des.pcbc_decrypt(key, key, ticket).hex() == plain
    contents = rxkad_ticket.decode_ticket(key, ticket)
    assert (contents.name, contents.instance, contents.realm) == (
        fields["name"], fields["instance"], fields["realm"],
    )  # fmt: skip
    assert contents.host == fields["host"]
    assert contents.session_key == session_key
    assert contents.start == fields["start"]
    assert contents.end == rxkad_ticket.life_to_time(fields["start"], fields["life"])
    assert (contents.service, contents.service_instance) == (
        fields["service"], fields["service_instance"])
    rebuilt = rxkad_ticket.make_ticket(
        key,
        name=contents.name,
        instance=contents.instance,
        realm=contents.realm,
        host=contents.host,
        session_key=contents.session_key,
        start=contents.start,
        end=contents.end,
        service=contents.service,
        service_instance=contents.service_instance,
    )
    assert rebuilt == ticket
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_ticket.decode_ticket(_des.set_odd_parity(bytes(b ^ 0x10 for b in key)), ticket)
    assert caught.value.code == rxkad.RXKADBADTICKET


# -- whole connections of the OpenAFS tools -------------------------------------------------------


@pytest.mark.parametrize("entry", CAPTURES, ids=ids(CAPTURES))
def test_rxkad_openafs_client_connection(entry: dict[str, JSON]) -> None:
    recorded = entry["rxkad"]
    datagrams = _datagrams(entry)
    challenge_payload = _one(datagrams, PacketType.CHALLENGE)[RX_HEADER.size:]
    response_payload = _one(datagrams, PacketType.RESPONSE)[RX_HEADER.size:]
    epoch, cid = recorded["epoch"], recorded["cid"]
    challenge = rxkad_handshake.decode_challenge_untrusted(challenge_payload)
    assert challenge.version == 2
    assert rxkad_handshake.encode_challenge(challenge) == challenge_payload
    verified = rxkad_handshake.verify_response(
        response_payload, v2=True, keyring=_keyring(), nonce=challenge.nonce,
        min_level=0, epoch=epoch, cid=cid, now=recorded["time"],
    )  # fmt: skip
    assert verified.level == recorded["level"]
    assert verified.kvno == recorded["response_kvno"]
    assert verified.ticket.session_key.hex() == recorded["session_key"]
    assert verified.csum_iv.hex() == recorded["csum_iv"]
    assert verified.call_numbers == (1, 0, 0, 0)
    sealed = rxkad_handshake.decode_response_untrusted(response_payload, v2=True)
    assert len(sealed.ticket) == recorded["ticket_length"]
    opened = verified.schedule.pcbc_decrypt(verified.schedule.key, sealed.sealed)
    assert opened.hex() == recorded["response_plain"]
    by_frame = {d.index: d.payload for d in datagrams}
    for packet in (recorded["first_request"], recorded["first_reply"]):
        raw = by_frame[packet["frame"]]
        _, conn, call, seq, _, _, _, _, _, cksum, _ = _fields(raw)
        assert (call, seq, cksum) == (packet["call"], packet["seq"], packet["cksum"])
        schedule = verified.schedule
        assert rxkad.header_checksum(schedule, verified.csum_iv, call_number=call,
                                     channel=conn & 3, seq=seq) == cksum  # fmt: skip
        payload = raw[RX_HEADER.size:]
        if verified.level == rxkad.Level.CRYPT:
            unsealed = schedule.pcbc_decrypt(schedule.key, payload)
            assert unsealed.hex() == packet["unsealed_payload"]
        data = rxkad.unseal_packet(verified.level, schedule, call_number=call, seq=seq,
                                   payload=payload)
        assert data.hex() == packet["user_data"]


# -- sessions of our client against the ptserver -------------------------------------------------


@pytest.mark.parametrize("session", V4_SESSIONS, ids=ids(V4_SESSIONS))
def test_rxkad_our_session(session: dict[str, JSON]) -> None:
    keyring = _keyring()
    level, key = session["level"], H(session["session_key"])
    schedule = FcryptSchedule(key)
    epoch, cid = session["epoch"], session["cid"]
    v2 = session["challenge_format"] == "v2"
    server_key = keyring.rxkad[session["kvno_field"]]
    assert rxkad_ticket.decode_ticket(server_key, H(session["ticket"])).session_key == key
    iv = rxkad.compute_csum_iv(schedule, epoch=epoch, cid=cid)
    assert iv.hex() == session["csum_iv"]

    challenge = rxkad_handshake.decode_challenge_untrusted(H(session["challenge_payload"]))
    assert challenge.version == (2 if v2 else 0)
    assert rxkad_handshake.encode_challenge(challenge) == H(session["challenge_payload"])
    response_packet = H(session["response_packet"])
    response = rxkad_handshake.make_response(
        challenge, schedule, level=level, kvno=session["kvno_field"],
        ticket=H(session["ticket"]), epoch=epoch, cid=cid, call_numbers=(1, 0, 0, 0),
    )  # fmt: skip
    assert response == response_packet[RX_HEADER.size:]
    verified = rxkad_handshake.verify_response(
        response, v2=v2, keyring=keyring, nonce=challenge.nonce, min_level=0,
        epoch=epoch, cid=cid, now=session["time"],
    )  # fmt: skip
    assert verified.level == level
    assert verified.csum_iv == iv
    sealed_response = rxkad_handshake.decode_response_untrusted(response, v2=v2)
    contents = rxkad_handshake.open_response(sealed_response, schedule)
    encrypted_plain = H(session["response_plain"])
    if v2:
        assert contents.call_numbers is not None
        fields = (contents.epoch, contents.cid, session["response_checksum"],
                  contents.security_index, *contents.call_numbers,
                  contents.nonce, contents.level)  # fmt: skip
        assert struct.pack(">IIIIiiiiIi", *fields) == encrypted_plain
    else:
        assert struct.pack(">Ii", contents.nonce, contents.level) == encrypted_plain

    # Our request: with a header checksum, unless it was to draw the old challenge.
    request = H(session["request_packet"])
    _, _, call, seq, _, _, _, _, _, cksum, _ = _fields(request)
    assert (cksum != 0) == v2
    if cksum:
        assert rxkad.header_checksum(schedule, iv, call_number=call, channel=cid, seq=seq) == cksum
    user_data = H(session["request_user_data"])
    sealed = rxkad.seal_packet(level, schedule, call_number=call, seq=seq, data=user_data)
    assert sealed == request[RX_HEADER.size:]
    assert rxkad.unseal_packet(level, schedule, call_number=call, seq=seq,
                               payload=request[RX_HEADER.size:]) == user_data  # fmt: skip

    # The ptserver's reply, checksummed and sealed by OpenAFS.
    (reply_hex,) = session["reply_packets"]
    reply = H(reply_hex)
    _, _, call, seq, _, _, _, _, _, cksum, _ = _fields(reply)
    assert rxkad.header_checksum(schedule, iv, call_number=call, channel=cid, seq=seq) == cksum
    payload = reply[RX_HEADER.size:]
    reply_data = rxkad.unseal_packet(level, schedule, call_number=call, seq=seq, payload=payload)
    assert reply_data.hex() == session["reply_user_data"]
    assert len(payload) == rxkad.sealed_size(level, len(reply_data))  # OpenAFS's padding
    if level == rxkad.Level.AUTH:
        assert len(payload) == len(reply_data) + 4  # not a multiple of 8
        head = schedule.decrypt_block(payload[:8]) + payload[8:]
        assert head.hex() == session["reply_unsealed_payloads"][0]
        sealed = rxkad.seal_packet(level, schedule, call_number=call, seq=seq, data=reply_data)
        assert sealed == payload
    elif level == rxkad.Level.CRYPT:
        assert schedule.pcbc_decrypt(key, payload).hex() == session["reply_unsealed_payloads"][0]
    # PR_ListEntries answered with the cell's users: the superuser call was authenticated.
    for user in manifest()["cell"]["users"]:
        assert struct.pack(">64i", *user.encode().ljust(64, b"\0")) in reply_data


def test_rxkad_forge_localauth_token() -> None:
    key, kvno = SERVER_KEY, KVNO
    rng = random.Random(3)
    token = rxkad_ticket.forge_localauth_token(key, kvno, now=1_700_000_000,
                                               random_bytes=rng.randbytes)  # fmt: skip
    assert (token.kvno, token.start, token.end, len(token.ticket)) == (
        kvno, 0, rxkad.NEVER_DATE, 32)
    assert _des.has_odd_parity(token.session_key)
    # Same layout as the live -localauth tickets, with our session key in bytes 11..18.
    live_plain = H(V4_CAPTURES[0]["rxkad"]["ticket_plain"])
    plain = _des.pcbc_decrypt(key, key, token.ticket)
    assert plain[:11] + plain[19:] == live_plain[:11] + live_plain[19:]
    assert plain[11:19] == token.session_key
    keyring = Keyring.from_files(keyfile=H(KEYS["rxkad"]["keyfile"]))
    assert rxkad_ticket.open_ticket(token.ticket, kvno, keyring, now=1_700_000_000).name == "afs"
    again = rxkad_ticket.localauth_token(
        keyring, now=1_700_000_000, random_bytes=random.Random(3).randbytes
    )
    assert again == token
    linux = rxkad_ticket.forge_localauth_token(key, kvno, now=1_700_000_000,
                                               random_bytes=rng.randbytes,
                                               lifetime=3600)  # fmt: skip
    contents = rxkad_ticket.decode_ticket(key, linux.ticket)
    assert (contents.start, contents.end) == (1_700_000_000 - 300, 1_700_000_000 + 3300)
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_ticket.forge_localauth_token(H("5e1a2a3d4c6e7081"), 3, now=0,
                                           random_bytes=rng.randbytes)  # fmt: skip
    assert caught.value.code == rxkad.RXKADBADKEY


# -- rxkad-k5 -----------------------------------------------------------------------------------


def test_krb5_der_rejects_garbage() -> None:
    der = _k5_ticket()
    for bad in (der[:-1], der + b"\0", b"\x30\x80" + der[2:], b"", H("300a")):
        with pytest.raises(_krb5.DERError):
            _krb5.decode_encrypted_data(bad)
    with pytest.raises(_krb5.DERError):
        _krb5.decode_ticket(der)  # an EncryptedData is not a Ticket


@pytest.mark.parametrize("entry", K5_CAPTURES, ids=ids(K5_CAPTURES))
def test_rxkad_k5_live_localauth_ticket(entry: dict[str, JSON]) -> None:
    recorded = entry["rxkad"]
    keyring = _k5_keyring()
    assert keyring.rxkad_krb5 == {(K5["kvno"], K5["enctype"]): K5_KEY}
    response_payload = _one(_datagrams(entry), PacketType.RESPONSE)[RX_HEADER.size:]
    sealed = rxkad_handshake.decode_response_untrusted(response_payload, v2=True)
    ticket = sealed.ticket
    assert sealed.kvno == recorded["response_kvno"] == rxkad.TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY
    enc = _krb5.decode_encrypted_data(ticket)
    assert (enc.etype, enc.kvno) == (K5["enctype"], K5["kvno"])
    plain = _krb5.decrypt(enc.etype, K5_KEY, _krb5.KEY_USAGE_TICKET, enc.cipher)
    assert plain.hex() == recorded["enc_ticket_part"]
    part = _krb5.decode_enc_ticket_part(plain)
    assert part.flags == _krb5.TICKET_FLAG_TRANSITED_POLICY_CHECKED
    assert (part.key_type, part.key_value.hex()) == (1, recorded["session_key"])
    assert (part.crealm, part.cname.components) == ("", ("afs",))
    assert (part.authtime, part.endtime) == (0, 0x7FFFFFFF)
    assert _krb5.encode_enc_ticket_part(part) == plain
    assert _krb5.encode_encrypted_data(enc) == ticket
    contents = rxkad_ticket.open_ticket(ticket, sealed.kvno, keyring, now=recorded["time"])
    assert contents.session_key.hex() == recorded["session_key"]
    assert (contents.name, contents.instance, contents.realm) == ("afs", "", "")
    assert contents.end == 0x7FFFFFFF
    opened = rxkad_handshake.open_response(sealed, FcryptSchedule(contents.session_key))
    assert (opened.level, opened.security_index, opened.call_numbers) == (
        recorded["level"], 2, (1, 0, 0, 0))


@pytest.mark.parametrize("session", K5_SESSIONS, ids=ids(K5_SESSIONS))
def test_rxkad_kdf(session: dict[str, JSON]) -> None:
    """The rxkad session key of a Kerberos 5 session key; the ptserver derived the same one
    (its reply, checked in the next test, is sealed with it)."""
    fields = session["ticket_fields"]
    derived = rxkad_ticket.derive_des_session_key(
        fields["ticket_session_key_type"], H(fields["ticket_session_key"])
    )
    assert derived.hex() == session["session_key"]
    if fields["ticket_session_key_type"] == 1:
        assert derived.hex() == fields["ticket_session_key"]  # single DES is used as it is


@pytest.mark.parametrize("session", K5_SESSIONS, ids=ids(K5_SESSIONS))
def test_rxkad_k5_crafted_ticket(session: dict[str, JSON]) -> None:
    keyring = _k5_keyring()
    fields = session["ticket_fields"]
    ticket = H(session["ticket"])
    if session["kvno_field"] == rxkad.TICKET_TYPE_KERBEROS_V5:
        full = _krb5.decode_ticket(ticket)
        assert _krb5.encode_ticket(full) == ticket
        enc = full.enc_part
    else:
        assert session["kvno_field"] == rxkad.TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY
        enc = _krb5.decode_encrypted_data(ticket)
    part_der = H(fields["enc_ticket_part"])
    assert _krb5.decrypt(enc.etype, K5_KEY, 2, enc.cipher) == part_der
    confounder = H(fields["confounder"])
    assert _krb5.encrypt(enc.etype, K5_KEY, 2, part_der, confounder=confounder) == enc.cipher
    part = _krb5.decode_enc_ticket_part(part_der)
    assert _krb5.encode_enc_ticket_part(part) == part_der
    now = part.authtime + 60
    contents = rxkad_ticket.open_ticket(ticket, session["kvno_field"], keyring, now=now)
    assert contents.session_key.hex() == session["session_key"]
    assert contents.realm == fields["crealm"]
    assert contents.name == fields["cname"][0]
    assert contents.instance == (fields["cname"][1] if len(part.cname.components) == 2 else "")
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_ticket.open_ticket(ticket, session["kvno_field"], keyring,
                                 now=part.endtime + 1)  # fmt: skip
    assert caught.value.code == rxkad.RXKADEXPIRED
    # The server's reply, sealed at the session's level with the derived session key.
    (reply_hex,) = session["reply_packets"]
    reply = H(reply_hex)
    _, _, call, seq, _, _, _, _, _, _, _ = _fields(reply)
    data = rxkad.unseal_packet(session["level"], FcryptSchedule(contents.session_key),
                               call_number=call, seq=seq,
                               payload=reply[RX_HEADER.size:])  # fmt: skip
    assert data.hex() == session["reply_user_data"]
    admin_id = manifest()["cell"]["users"]["admin"]
    assert data == struct.pack(">ii", 1, admin_id)  # PR_NameToID(["admin"])


def test_rxkad_k5_failures_and_forging() -> None:
    recorded = K5_CAPTURES[0]["rxkad"]
    keyring = _k5_keyring()
    ticket = _k5_ticket()
    for kvno_field, bad_ticket, ring, code in [
        (213, ticket, Keyring([]), rxkad.RXKADUNKNOWNKEY),
        (213, ticket[:-1], keyring, rxkad.RXKADBADTICKET),
        (256, ticket, keyring, rxkad.RXKADBADTICKET),
        (213, ticket[:-1] + bytes([ticket[-1] ^ 1]), keyring, rxkad.RXKADBADTICKET),
    ]:
        with pytest.raises(rxkad.RxkadError) as caught:
            rxkad_ticket.open_ticket(bad_ticket, kvno_field, ring, now=1_700_000_000)
        assert caught.value.code == code
    rng = random.Random(5)
    token = rxkad_ticket.forge_localauth_token_k5(K5_KEY, K5["kvno"], K5["enctype"],
                                                  random_bytes=rng.randbytes)  # fmt: skip
    assert token.kvno == rxkad.TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY
    contents = rxkad_ticket.open_ticket(token.ticket, token.kvno, keyring, now=1_700_000_000)
    assert (contents.name, contents.session_key) == ("afs", token.session_key)
    # Same plaintext layout as the live ticket, apart from the session key.
    enc = _krb5.decode_encrypted_data(token.ticket)
    plain = _krb5.decrypt(enc.etype, K5_KEY, 2, enc.cipher)
    live = H(recorded["enc_ticket_part"])
    assert plain.replace(token.session_key, H(recorded["session_key"])) == live
    chosen = rxkad_ticket.localauth_token(keyring, now=0, random_bytes=random.Random(5).randbytes)
    assert chosen == token
    # rxkad-kdf input checks.
    assert rxkad_ticket.derive_des_session_key(1, bytes(8)) == bytes(8)
    for key_type, key in [(4, bytes(8)), (1, bytes(7)), (16, bytes(16)), (18, bytes(4))]:
        with pytest.raises(rxkad.RxkadError) as caught:
            rxkad_ticket.derive_des_session_key(key_type, key)
        assert caught.value.code == rxkad.RXKADBADTICKET


@pytest.mark.parametrize(
    ("components", "expected"),
    [
        (("afs",), ("afs", "")),
        (("admin", "admin"), ("admin", "admin")),
        (("host", "fs1.example.org"), ("rcmd", "fs1")),
        (("kadmin", "admin"), ("kadmin", "admin")),
        (("hostmaster", "x"), ("hostmaster", "x")),  # the table matches whole names
        (("jane.doe",), None),
        (("host", "nodomain"), None),
        (("a", "b", "c"), None),
    ],
)
def test_rxkad_k5_principal_mapping(
    components: tuple[str, ...], expected: tuple[str, str] | None
) -> None:
    key, kvno, enctype = K5_KEY, K5["kvno"], K5["enctype"]
    part = _krb5.EncTicketPart(
        flags=0, key_type=1, key_value=H("0123456789abcdef"), crealm="EXAMPLE.ORG",
        cname=_krb5.PrincipalName(1, components), authtime=1000, endtime=5000,
    )  # fmt: skip
    plain = _krb5.encode_enc_ticket_part(part)
    cipher = _krb5.encrypt(enctype, key, 2, plain, confounder=bytes(16))
    ticket = _krb5.encode_encrypted_data(_krb5.EncryptedData(enctype, kvno, cipher))
    if expected is None:
        with pytest.raises(rxkad.RxkadError) as caught:
            rxkad_ticket.open_ticket(ticket, 213, _k5_keyring(), now=2000)
        assert caught.value.code == rxkad.RXKADBADTICKET
    else:
        contents = rxkad_ticket.open_ticket(ticket, 213, _k5_keyring(), now=2000)
        assert (contents.name, contents.instance, contents.realm) == (*expected, "EXAMPLE.ORG")
        assert (contents.start, contents.end) == (1000, 5000)
