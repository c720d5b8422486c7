"""Known-answer tests: fcrypt, DES, RFC 3961/3962, key files and rxkad against shared/vectors.

Every entry of the vector files that concerns these modules is a test case of its own.  A
missing vector file skips loudly, except under CI where it fails.
"""

from __future__ import annotations

import json
import os
import random
import struct
from pathlib import Path
from typing import Any, Final

import pytest

from trio_rxrpc._proto.security import _des, _krb5, rxkad, rxkad_handshake, rxkad_ticket
from trio_rxrpc._proto.security._fcrypt import SBOXES, FcryptSchedule
from trio_rxrpc._proto.security.keyfile import (
    KEY_TYPE_RXKAD,
    KEY_TYPE_RXKAD_KRB5,
    KeyFileError,
    Keyring,
    ServerKey,
    encode_keyfile,
    encode_keyfile_ext,
    parse_keyfile,
    parse_keyfile_ext,
)

SHARED = Path(
    os.environ.get("TRIO_RXRPC_SHARED", Path(__file__).resolve().parents[2].parent / "shared")
)
H = bytes.fromhex


def _load(name: str) -> Any:
    path = SHARED / "vectors" / name
    if not path.is_file():
        if os.environ.get("CI"):
            raise FileNotFoundError(f"vector file {path} is missing (required under CI)")
        return None
    return json.loads(path.read_text())


def _cases(data: Any, *keys: str) -> list[Any]:
    """The entries under ``data[keys[0]][keys[1]]...``, or one loudly skipped case."""
    if data is None:
        skip = pytest.mark.skip(reason=f"vectors missing under {SHARED}")
        return [pytest.param(None, marks=skip)]
    for key in keys:
        data = data[key]
    return list(data)


def _ids(prefix: str, cases: list[Any]) -> list[str]:
    return [f"{prefix}{i}" for i in range(len(cases))]


FCRYPT = _load("fcrypt.json")
SBOX_JSON = _load("fcrypt_sboxes.json")
DES = _load("des.json")
KEYFILE = _load("keyfile.json")
RXKAD = _load("rxkad.json")
RXKAD_K5 = _load("rxkad_k5.json")
RFC3961 = _load("rfc3961_3962.json")


def _need(data: Any) -> Any:
    if data is None:
        pytest.skip(f"vectors missing under {SHARED}")
    return data


# -- fcrypt -----------------------------------------------------------------------------------


def test_fcrypt_sboxes_match_openafs() -> None:
    data = _need(SBOX_JSON)
    assert tuple(H(data[f"sbox{i}"]) for i in range(4)) == SBOXES


@pytest.mark.parametrize("vector", _cases(FCRYPT, "vectors"))
def test_fcrypt_vector(vector: dict[str, str]) -> None:
    schedule = FcryptSchedule(H(vector["key"]))
    plain, sealed = H(vector["plaintext"]), H(vector["ciphertext"])
    if vector["mode"] == "ecb":
        assert schedule.encrypt_block(plain) == sealed
        assert schedule.decrypt_block(sealed) == plain
    else:
        iv = H(vector["iv"])
        assert schedule.pcbc_encrypt(iv, plain) == sealed
        assert schedule.pcbc_decrypt(iv, sealed) == plain
        if len(plain) == 8 and iv == bytes(8):  # one block with a zero IV is ECB
            assert schedule.encrypt_block(plain) == sealed


@pytest.mark.parametrize("vector", _cases(FCRYPT, "key_schedules"))
def test_fcrypt_key_schedule(vector: dict[str, Any]) -> None:
    schedule = FcryptSchedule(H(vector["key"]))
    assert [f"{k:08x}" for k in schedule.round_keys] == vector["schedule"]


@pytest.mark.parametrize("size", [0, 8, 16, 24, 32, 40, 200, 1408, 1416, 4096])
def test_fcrypt_planar_paths_agree_with_scalar(size: int) -> None:
    rng = random.Random(size)
    schedule = FcryptSchedule(rng.randbytes(8))
    iv = rng.randbytes(8)
    plain = rng.randbytes(size)
    sealed = schedule.pcbc_encrypt(iv, plain)
    # Reference: block-by-block decryption with the scalar single-block primitive.
    expected = bytearray()
    chain = int.from_bytes(iv, "big")
    for pos in range(0, size, 8):
        block = int.from_bytes(sealed[pos : pos + 8], "big")
        left, right = schedule.decrypt_words(block >> 32, block & 0xFFFFFFFF)
        value = ((left << 32) | right) ^ chain
        expected += value.to_bytes(8, "big")
        chain = value ^ block
    assert bytes(expected) == plain
    assert schedule.pcbc_decrypt(iv, sealed) == plain


def test_fcrypt_encrypt_many_matches_one_by_one() -> None:
    rng = random.Random(7)
    schedule = FcryptSchedule(rng.randbytes(8))
    iv = schedule.key
    buffers = [rng.randbytes(rng.randrange(0, 1500)) for _ in range(40)]
    expected = [schedule.pcbc_encrypt(iv, b) for b in buffers]
    assert schedule.pcbc_encrypt_many(iv, buffers) == expected
    few = buffers[:3]
    assert schedule.pcbc_encrypt_many(iv, few) == [schedule.pcbc_encrypt(iv, b) for b in few]


def test_fcrypt_pads_short_final_block_and_ignores_parity() -> None:
    schedule = FcryptSchedule(H("114477aadd003366"))
    assert schedule.pcbc_encrypt(bytes(8), b"\x12\x34") == schedule.encrypt_block(
        b"\x12\x34" + bytes(6)
    )
    parity_flipped = bytes(b ^ 1 for b in H("114477aadd003366"))
    assert FcryptSchedule(parity_flipped).round_keys == schedule.round_keys
    with pytest.raises(ValueError, match="whole 8-byte blocks"):
        schedule.pcbc_decrypt(bytes(8), bytes(12))
    assert "11447" not in repr(schedule)


# -- DES --------------------------------------------------------------------------------------


@pytest.mark.parametrize("vector", _cases(DES, "vectors"))
def test_des_vector(vector: dict[str, str]) -> None:
    key, plain, sealed = H(vector["key"]), H(vector["plaintext"]), H(vector["ciphertext"])
    mode = vector["mode"]
    if mode == "ecb":
        assert _des.ecb_encrypt(key, plain) == sealed
        assert _des.ecb_decrypt(key, sealed) == plain
    elif mode == "cbc":
        assert _des.cbc_encrypt(key, H(vector["iv"]), plain) == sealed
        assert _des.cbc_decrypt(key, H(vector["iv"]), sealed) == plain
    else:
        assert mode == "pcbc"
        assert _des.pcbc_encrypt(key, H(vector["iv"]), plain) == sealed
        assert _des.pcbc_decrypt(key, H(vector["iv"]), sealed) == plain


def test_des_weak_keys_match_vectors() -> None:
    data = _need(RXKAD_K5)
    listed = {H(k) for k in data["des_weak_and_semiweak_keys"]["keys"]}
    assert listed == _des.WEAK_KEYS
    for key in listed:
        assert _des.is_weak_key(key)
        assert _des.is_weak_key(bytes(b ^ 1 for b in key))  # parity bits do not matter
        with pytest.raises(_des.DESKeyError, match="weak"):
            _des.check_key(key)


def test_des_key_parity() -> None:
    assert _des.set_odd_parity(bytes(8)) == b"\x01" * 8
    assert _des.set_odd_parity(H("0022446688aaccee")) == H("0123456789abcdef")
    assert _des.has_odd_parity(H("0123456789abcdef"))
    assert not _des.has_odd_parity(H("0123456789abcdee"))
    _des.check_key(H("0123456789abcdef"))
    with pytest.raises(_des.DESKeyError, match="parity"):
        _des.check_key(H("0123456789abcdee"))
    with pytest.raises(_des.DESKeyError, match="8 bytes"):
        _des.check_key(bytes(7))


def test_des_random_key_skips_weak_keys() -> None:
    draws = iter([H("0101010101010100"), H("fefefefefefefefe"), H("0022446688aaccee")])
    assert _des.random_key(lambda n: next(draws)) == H("0123456789abcdef")


# -- RFC 3961 / 3962 ----------------------------------------------------------------------------


@pytest.mark.parametrize("vector", _cases(RFC3961, "nfold"))
def test_krb5_nfold(vector: dict[str, Any]) -> None:
    assert _krb5.n_fold(H(vector["input"]), vector["output_bits"] // 8).hex() == vector["output"]


@pytest.mark.parametrize("vector", _cases(RFC3961, "aes_cts"))
def test_krb5_aes_cts(vector: dict[str, str]) -> None:
    key, iv, plain = H(vector["key"]), H(vector["iv"]), H(vector["plaintext"])
    sealed = _krb5.aes_cts_encrypt(key, plain, iv)
    assert sealed.hex() == vector["ciphertext"]
    assert _krb5.aes_cts_decrypt(key, sealed, iv) == plain
    # The chaining value after the operation is the last full CBC block, which CTS moves to
    # the second-to-last position of the output.
    blocks = -(-len(plain) // 16)
    position = 0 if blocks == 1 else blocks - 2
    assert sealed[16 * position : 16 * position + 16].hex() == vector["next_iv"]


@pytest.mark.parametrize("vector", _cases(RFC3961, "string_to_key"))
def test_krb5_string_to_key(vector: dict[str, Any]) -> None:
    key = _krb5.string_to_key(
        vector["enctype"], H(vector["password"]), H(vector["salt"]), vector["iterations"]
    )
    assert key.hex() == vector["key"]


@pytest.mark.parametrize("vector", _cases(RFC3961, "derive_key"))
def test_krb5_derive_key(vector: dict[str, Any]) -> None:
    derived = _krb5.derive_key(vector["enctype"], H(vector["inkey"]), H(vector["constant"]))
    assert derived.hex() == vector["derived"]


@pytest.mark.parametrize("vector", _cases(RFC3961, "decrypt_known_answer"))
def test_krb5_decrypt_and_encrypt(vector: dict[str, Any]) -> None:
    enctype, key, usage = vector["enctype"], H(vector["key"]), vector["usage"]
    sealed, plain = H(vector["ciphertext"]), H(vector["plaintext"])
    assert _krb5.decrypt(enctype, key, usage, sealed) == plain
    again = _krb5.encrypt(enctype, key, usage, plain, confounder=H(vector["confounder"]))
    assert again == sealed
    with pytest.raises(_krb5.IntegrityError):
        _krb5.decrypt(enctype, key, usage + 1, sealed)
    tampered = bytearray(sealed)
    tampered[0] ^= 1
    with pytest.raises(_krb5.IntegrityError):
        _krb5.decrypt(enctype, key, usage, bytes(tampered))


@pytest.mark.parametrize("vector", _cases(RFC3961, "checksum"))
def test_krb5_checksum(vector: dict[str, Any]) -> None:
    key, data = H(vector["key"]), H(vector["plaintext"])
    mic = _krb5.checksum(vector["enctype"], key, vector["usage"], data)
    assert mic.hex() == vector["checksum"]


@pytest.mark.parametrize("vector", _cases(RFC3961, "prf"))
def test_krb5_prf(vector: dict[str, Any]) -> None:
    output = _krb5.prf(vector["enctype"], H(vector["key"]), H(vector["input"]))
    assert output.hex() == vector["output"]


def test_krb5_der_rejects_garbage() -> None:
    data = _need(RXKAD_K5)
    der = H(data["ticket_der"])
    for bad in (der[:-1], der + b"\0", b"\x30\x80" + der[2:], b"", H("300a")):
        with pytest.raises(_krb5.DERError):
            _krb5.decode_encrypted_data(bad)
    with pytest.raises(_krb5.DERError):
        _krb5.decode_ticket(der)  # an EncryptedData is not a Ticket


# -- key files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("vector", _cases(KEYFILE, "vectors"))
def test_keyfile_vector(vector: dict[str, Any]) -> None:
    raw = H(vector["file_hex"])
    if vector["file"] == "KeyFile":
        keys = parse_keyfile(raw)
        expected = [(e["kvno"], e["key"]) for e in vector["keys"]]
        assert [(k.kvno, k.key.hex()) for k in keys] == expected
        assert all(k.type == KEY_TYPE_RXKAD for k in keys)
        written = encode_keyfile(keys)
        assert raw.startswith(written)  # old writers append unused slots; we do not
        assert parse_keyfile(written) == keys
        assert Keyring.from_files(keyfile=raw).rxkad == {k.kvno: k.key for k in keys}
    else:
        keys = parse_keyfile_ext(raw)
        records = [(e["type"], e["kvno"], e["subtype"], e["key"]) for e in vector["keys"]]
        assert [(k.type, k.kvno, k.subtype, k.key.hex()) for k in keys] == records
        assert encode_keyfile_ext(keys) == raw
    assert len(keys) == vector["count"]


def test_keyfile_errors_and_lookups() -> None:
    with pytest.raises(KeyFileError):
        parse_keyfile(H("00000002") + bytes(12))
    with pytest.raises(KeyFileError):
        parse_keyfile_ext(H("00000001 0000000c 00000002 00000001"))
    with pytest.raises(ValueError, match="DES"):
        encode_keyfile([ServerKey(KEY_TYPE_RXKAD_KRB5, 1, 18, bytes(32))])
    assert encode_keyfile({3: H("0123456789abcdef")}) == H("00000001000000030123456789abcdef")
    ring = Keyring(
        [
            ServerKey(KEY_TYPE_RXKAD, 3, 0, b"a" * 8),
            ServerKey(KEY_TYPE_RXKAD, 999, 0, b"b" * 8),
            ServerKey(KEY_TYPE_RXKAD, 7, 0, b"c" * 8),
        ]
    )
    chosen = ring.localauth_key()
    assert chosen is not None
    assert (chosen.kvno, chosen.key) == (7, b"c" * 8)  # kvno 999 is never used
    with_k5 = Keyring(
        [*ring.keys, ServerKey(KEY_TYPE_RXKAD_KRB5, 4, 17, b"x" * 16),
         ServerKey(KEY_TYPE_RXKAD_KRB5, 2, 18, b"y" * 32)]
    )  # fmt: skip
    chosen = with_k5.localauth_key()
    assert chosen is not None
    assert (chosen.kvno, chosen.subtype) == (2, 18)  # enctype 18 beats a higher kvno of 17
    assert with_k5.get(KEY_TYPE_RXKAD_KRB5, 4, 17) == b"x" * 16
    assert with_k5.get(KEY_TYPE_RXKAD_KRB5, 4, 18) is None
    assert Keyring([]).localauth_key() is None


# -- rxkad --------------------------------------------------------------------------------------


def _int(hex_text: str) -> int:
    return int(hex_text, 16)


@pytest.mark.parametrize("vector", _cases(RXKAD, "csum_iv_derivation"))
def test_rxkad_csum_iv(vector: dict[str, Any]) -> None:
    schedule = FcryptSchedule(H(vector["session_key"]))
    epoch, cid = _int(vector["epoch"]), _int(vector["cid"])
    iv = rxkad.compute_csum_iv(
        schedule, epoch=epoch, cid=cid, security_index=vector["security_index"]
    )
    assert iv.hex() == vector["csum_iv"]
    assert schedule.pcbc_encrypt(schedule.key, H(vector["pcbc_input"]))[8:] == iv


@pytest.mark.parametrize("vector", _cases(RXKAD, "header_checksums"))
def test_rxkad_header_checksum(vector: dict[str, Any]) -> None:
    schedule = FcryptSchedule(H(vector["session_key"]))
    iv = H(vector["csum_iv"])
    cid = _int(vector["cid"])
    value = rxkad.header_checksum(
        schedule, iv, call_number=vector["call_number"], channel=cid & 3, seq=vector["seq"]
    )
    assert value == _int(vector["cksum"])
    # The documented construction: ECB of (callNumber, channel << 30 | seq) XOR the IV.
    block = bytes(a ^ b for a, b in zip(H(vector["input_block"]), iv, strict=True))
    assert schedule.encrypt_block(block)[4:6] == H(vector["cksum"])


@pytest.mark.parametrize("vector", _cases(RXKAD, "response_checksums"))
def test_rxkad_response_checksum(vector: dict[str, str]) -> None:
    checksum = rxkad_handshake.response_checksum(H(vector["response_56_bytes_plain"]))
    assert checksum == _int(vector["checksum"])


@pytest.mark.parametrize("vector", _cases(RXKAD, "tickets"))
def test_rxkad_ticket(vector: dict[str, Any]) -> None:
    key, sealed, fields = H(vector["server_key"]), H(vector["ticket"]), vector["fields"]
    assert _des.pcbc_decrypt(key, key, sealed).hex() == vector["ticket_plain"]
    contents = rxkad_ticket.decode_ticket(key, sealed)
    assert (contents.name, contents.instance, contents.realm) == (
        fields["name"], fields["instance"], fields["realm"],
    )  # fmt: skip
    assert contents.host == _int(fields["host"])
    assert contents.session_key.hex() == fields["session_key"]
    assert contents.start == fields["start"]
    assert contents.end == rxkad_ticket.life_to_time(fields["start"], fields["life"])
    assert (contents.service, contents.service_instance) == (fields["sname"], fields["sinst"])
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
    assert rebuilt == sealed
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_ticket.decode_ticket(_des.set_odd_parity(bytes(b ^ 0x10 for b in key)), sealed)
    assert caught.value.code == rxkad.RXKADBADTICKET


def test_rxkad_lifetime_table() -> None:
    table = _need(RXKAD)["lifetime_table"]
    assert list(rxkad_ticket.LIFETIME_TABLE) == table["table_for_life_0x80_to_0xbf_seconds"]
    for example in table["examples"]:
        assert rxkad_ticket.life_to_time(example["start"], example["life"]) == example["end"]
        life = example["life"]
        if 0 < life <= 0xBF or life == 0xFF:  # codes time_to_life produces
            assert rxkad_ticket.time_to_life(example["start"], example["end"]) == life
    assert rxkad_ticket.time_to_life(1000, 1000) == 0
    assert rxkad_ticket.time_to_life(0, rxkad.MAX_TICKET_LIFETIME + 1) == 0
    assert rxkad_ticket.time_to_life(0, 38401) == 0x81  # rounds up to the next table entry


def _header(packet: bytes) -> tuple[int, ...]:
    return struct.unpack(">IIIIIBBBBHH", packet[:28])


def _keyring_for(vector_file: Any) -> Keyring:
    return Keyring.from_files(keyfile=H(vector_file["server_key"]["keyfile_hex"]))


@pytest.mark.parametrize("conn", _cases(RXKAD, "openafs_client_connections"))
def test_rxkad_openafs_client_connection(conn: dict[str, Any]) -> None:
    keyring = _keyring_for(RXKAD)
    epoch, cid = _int(conn["epoch"]), _int(conn["cid"])
    challenge = rxkad_handshake.decode_challenge(H(conn["challenge_payload"]))
    assert challenge.version == 2
    assert rxkad_handshake.encode_challenge(challenge) == H(conn["challenge_payload"])
    verified = rxkad_handshake.verify_response(
        H(conn["response_payload"]), v2=True, keyring=keyring, nonce=challenge.nonce,
        min_level=0, epoch=epoch, cid=cid, now=1_700_000_000,
    )  # fmt: skip
    assert verified.level == conn["level"]
    assert verified.ticket.session_key.hex() == conn["ticket_fields"]["session_key"]
    assert verified.csum_iv.hex() == conn["csum_iv"]
    assert verified.call_numbers == (1, 0, 0, 0)
    sealed = rxkad_handshake.decode_response(H(conn["response_payload"]), v2=True)
    assert sealed.ticket.hex() == conn["ticket"]
    opened = verified.schedule.pcbc_decrypt(verified.schedule.key, sealed.sealed)
    assert opened.hex() == conn["response_encrypted_part_plain"]
    for packet in conn["data_packets"]:
        raw = H(packet["rx_packet"])
        _, _, call, seq, _, _, _, _, _, cksum, _ = _header(raw)
        assert (call, seq) == (packet["call"], packet["seq"])
        schedule = verified.schedule
        assert cksum == _int(packet["header_cksum"])
        assert rxkad.header_checksum(schedule, verified.csum_iv, call_number=call,
                                     channel=cid, seq=seq) == cksum  # fmt: skip
        payload = raw[28:]
        assert schedule.pcbc_decrypt(schedule.key, payload).hex() == packet["unsealed_payload"]
        data = rxkad.unseal_packet(2, schedule, call_number=call, seq=seq, payload=payload)
        assert data.hex() == packet["user_data"]


@pytest.mark.parametrize(
    "session", _cases(RXKAD, "scratch_client_vs_openafs_server"),
)
def test_rxkad_scratch_session(session: dict[str, Any]) -> None:
    keyring = _keyring_for(RXKAD)
    level, key = session["level"], H(session["session_key"])
    schedule = FcryptSchedule(key)
    epoch, cid = _int(session["epoch"]), _int(session["cid"])
    v2 = session["challenge_format"] == "v2"
    server_key = keyring.rxkad[session["kvno"]]
    assert rxkad_ticket.decode_ticket(server_key, H(session["ticket"])).session_key == key
    iv = rxkad.compute_csum_iv(schedule, epoch=epoch, cid=cid)
    assert iv.hex() == session["csum_iv"]

    challenge = rxkad_handshake.decode_challenge(H(session["challenge_payload"]))
    assert challenge.version == (2 if v2 else 0)
    assert rxkad_handshake.encode_challenge(challenge) == H(session["challenge_payload"])
    response_packet = H(session["response_rx_packet"])
    response = rxkad_handshake.make_response(
        challenge, schedule, level=level, kvno=session["kvno"], ticket=H(session["ticket"]),
        epoch=epoch, cid=cid, call_numbers=(1, 0, 0, 0),
    )  # fmt: skip
    assert response == response_packet[28:]
    verified = rxkad_handshake.verify_response(
        response, v2=v2, keyring=keyring, nonce=challenge.nonce, min_level=0,
        epoch=epoch, cid=cid, now=1_700_000_000,
    )  # fmt: skip
    assert verified.level == level
    assert verified.csum_iv == iv
    sealed_response = rxkad_handshake.decode_response(response, v2=v2)
    contents = rxkad_handshake.open_response(sealed_response, schedule)
    encrypted_plain = H(session["response_encrypted_part_plain"])
    if v2:
        assert contents.call_numbers is not None
        fields = (contents.epoch, contents.cid, _int(session["response_checksum"]),
                  contents.security_index, *contents.call_numbers,
                  contents.nonce, contents.level)  # fmt: skip
        assert struct.pack(">IIIIiiiiIi", *fields) == encrypted_plain
    else:
        assert struct.pack(">Ii", contents.nonce, contents.level) == encrypted_plain

    request = H(session["request_rx_packet"])
    _, _, call, seq, _, _, _, _, _, cksum, _ = _header(request)
    assert cksum == _int(session["request_header_cksum"])
    if cksum:
        assert rxkad.header_checksum(schedule, iv, call_number=call, channel=cid, seq=seq) == cksum
    user_data = H(session["request_user_data"])
    sealed = rxkad.seal_packet(level, schedule, call_number=call, seq=seq, data=user_data)
    assert sealed == request[28:]
    assert rxkad.unseal_packet(level, schedule, call_number=call, seq=seq,
                               payload=request[28:]) == user_data  # fmt: skip

    reply = H(session["reply_rx_packet"])
    _, _, call, seq, _, _, _, _, _, cksum, _ = _header(reply)
    assert cksum == _int(session["reply_header_cksum"])
    assert rxkad.header_checksum(schedule, iv, call_number=call, channel=cid, seq=seq) == cksum
    reply_data = rxkad.unseal_packet(level, schedule, call_number=call, seq=seq, payload=reply[28:])
    assert reply_data.hex() == session["reply_user_data"]
    assert len(reply) - 28 == rxkad.sealed_size(level, len(reply_data))  # OpenAFS's padding
    if level == rxkad.Level.AUTH:
        assert len(reply) - 28 == len(reply_data) + 4  # not a multiple of 8
        head = schedule.decrypt_block(reply[28:36]) + reply[36:]
        assert head.hex() == session["reply_unsealed_payload"]
        sealed = rxkad.seal_packet(level, schedule, call_number=call, seq=seq, data=reply_data)
        assert sealed == reply[28:]
    elif level == rxkad.Level.CRYPT:
        assert schedule.pcbc_decrypt(key, reply[28:]).hex() == session["reply_unsealed_payload"]


def _level_case(level: int) -> tuple[FcryptSchedule, bytes]:
    schedule = FcryptSchedule(H("1a2b3c4d5e6f7a8b"))
    return schedule, rxkad.seal_packet(level, schedule, call_number=5, seq=9, data=b"abcdefghij")


@pytest.mark.parametrize("level", [rxkad.Level.AUTH, rxkad.Level.CRYPT])
def test_rxkad_unseal_rejects_mismatches(level: rxkad.Level) -> None:
    schedule, payload = _level_case(level)
    data = rxkad.unseal_packet(level, schedule, call_number=5, seq=9, payload=payload)
    assert data == b"abcdefghij"
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad.unseal_packet(level, schedule, call_number=5, seq=10, payload=payload)
    assert caught.value.code == rxkad.RXKADSEALEDINCON
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad.unseal_packet(level, schedule, call_number=5, seq=9, payload=payload[:6])
    assert caught.value.code == rxkad.RXKADSEALEDINCON
    # A sealed length larger than the payload: seal 10 bytes, then cut the payload short.
    long_payload = rxkad.seal_packet(level, schedule, call_number=5, seq=9, data=bytes(40))
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad.unseal_packet(level, schedule, call_number=5, seq=9, payload=long_payload[:16])
    assert caught.value.code == rxkad.RXKADDATALEN


def test_rxkad_sizes() -> None:
    for size in (0, 1, 4, 5, 12, 312, 1404):
        assert rxkad.sealed_size(0, size) == size
        assert rxkad.sealed_size(1, size) == max(8, size + 4)
        assert rxkad.sealed_size(2, size) % 8 == 0
        for level in (0, 1, 2):
            sealed = rxkad.seal_packet(level, FcryptSchedule(bytes(8)), call_number=1, seq=1,
                                       data=bytes(size))  # fmt: skip
            assert len(sealed) == rxkad.sealed_size(level, size)
            assert rxkad.max_data_size(level, len(sealed)) >= size
    assert rxkad.max_data_size(2, 1412) == 1400
    assert rxkad.max_data_size(1, 1412) == 1408


_TEN_HOURS: Final = {"start": 1_000_000_000, "end": 1_000_036_000}


def _response_for(
    *, nonce: int = 40, level: int = 2, start: int = 0, end: int = rxkad.NEVER_DATE
) -> bytes:
    key, session = H("5e1a2a3d4c6e7080"), H("1a2b3c4d5e6f7a8b")
    ticket = rxkad_ticket.make_ticket(key, name="admin", session_key=session, start=start, end=end)
    return rxkad_handshake.make_response(
        rxkad_handshake.Challenge(nonce=nonce, min_level=0), FcryptSchedule(session), level=level,
        kvno=3, ticket=ticket, epoch=100, cid=0x1000, call_numbers=(1, 0, 0, 0),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "payload_kwargs", "code"),
    [
        ({}, {"nonce": 41}, rxkad.RXKADOUTOFSEQUENCE),
        ({"min_level": 2}, {"level": 1}, rxkad.RXKADLEVELFAIL),
        ({"epoch": 101}, {}, rxkad.RXKADSEALEDINCON),
        ({"cid": 0x2000}, {}, rxkad.RXKADSEALEDINCON),
        ({"now": 2_000_000_000}, _TEN_HOURS, rxkad.RXKADBADTICKET),
        ({"now": 1_000_040_000}, _TEN_HOURS, rxkad.RXKADEXPIRED),
        ({"now": 999_990_000}, _TEN_HOURS, rxkad.RXKADNOAUTH),
    ],
)
def test_rxkad_verify_response_failures(
    kwargs: dict[str, int], payload_kwargs: dict[str, int], code: int
) -> None:
    keyring = Keyring.from_des_key(H("5e1a2a3d4c6e7080"), 3)
    arguments: dict[str, Any] = {
        "v2": True, "keyring": keyring, "nonce": 40, "min_level": 0, "epoch": 100,
        "cid": 0x1002, "now": 1_000_000_000,
    }  # fmt: skip
    arguments.update(kwargs)
    payload = _response_for(**payload_kwargs)
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_handshake.verify_response(payload, **arguments)
    assert caught.value.code == code


def test_rxkad_verify_response_key_problems() -> None:
    good = _response_for()
    base: dict[str, Any] = {"v2": True, "nonce": 40, "min_level": 0, "epoch": 100,
                            "cid": 0x1000, "now": 1_000_000_000}  # fmt: skip
    verified_keyring = Keyring.from_des_key(H("5e1a2a3d4c6e7080"), 3)
    verified = rxkad_handshake.verify_response(good, keyring=verified_keyring, **base)
    assert verified.ticket.name == "admin"
    cases = [
        (Keyring.from_des_key(H("5e1a2a3d4c6e7080"), 4), rxkad.RXKADUNKNOWNKEY),
        (Keyring.from_des_key(H("5e1a2a3d4c6e7081"), 3), rxkad.RXKADBADKEY),  # bad parity
        (Keyring.from_des_key(H("0123456789abcdef"), 3), rxkad.RXKADBADTICKET),
    ]
    for keyring, code in cases:
        with pytest.raises(rxkad.RxkadError) as caught:
            rxkad_handshake.verify_response(good, keyring=keyring, **base)
        assert caught.value.code == code
    # A response sealed with another session key than the ticket's.
    ticket = rxkad_ticket.make_ticket(H("5e1a2a3d4c6e7080"), name="afs",
                                      session_key=H("1a2b3c4d5e6f7a8b"),
                                      start=0, end=rxkad.NEVER_DATE)  # fmt: skip
    forged = rxkad_handshake.make_response(
        rxkad_handshake.Challenge(nonce=40, min_level=0), FcryptSchedule(H("0123456789abcdef")),
        level=2, kvno=3, ticket=ticket, epoch=100, cid=0x1000, call_numbers=(1, 0, 0, 0),
    )  # fmt: skip
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_handshake.verify_response(forged, keyring=verified_keyring, **base)
    assert caught.value.code == rxkad.RXKADSEALEDINCON


def test_rxkad_handshake_length_checks() -> None:
    for payload in (b"", bytes(7), bytes(12)):
        with pytest.raises(rxkad.RxkadError) as caught:
            rxkad_handshake.decode_challenge(payload)
        assert caught.value.code == rxkad.RXKADPACKETSHORT
    good = _response_for()
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_handshake.decode_response(good[:-1], v2=True)
    assert caught.value.code == rxkad.RXKADPACKETSHORT
    short_ticket = good[:52] + struct.pack(">I", 16) + bytes(16)
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_handshake.decode_response(short_ticket, v2=True)
    assert caught.value.code == rxkad.RXKADTICKETLEN
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_handshake.make_response(rxkad_handshake.Challenge(nonce=1, min_level=2),
                                      FcryptSchedule(bytes(8)),
                                      level=1, kvno=3, ticket=bytes(32), epoch=1, cid=4,
                                      call_numbers=(1, 0, 0, 0))  # fmt: skip
    assert caught.value.code == rxkad.RXKADLEVELFAIL


def test_rxkad_abort_code_numbers() -> None:
    # com_err base of table "RXK": R=18, X=24, K=11 (1-based) -> ((18 << 6 | 24) << 6 | 11) << 8
    base = ((18 << 12) | (24 << 6) | 11) << 8
    names = ["RXKADINCONSISTENCY", "RXKADPACKETSHORT", "RXKADLEVELFAIL", "RXKADTICKETLEN",
             "RXKADOUTOFSEQUENCE", "RXKADNOAUTH", "RXKADBADKEY", "RXKADBADTICKET",
             "RXKADUNKNOWNKEY", "RXKADEXPIRED", "RXKADSEALEDINCON", "RXKADDATALEN",
             "RXKADILLEGALLEVEL"]  # fmt: skip
    assert base == 19270400
    assert [getattr(rxkad, name) for name in names] == list(range(base, base + len(names)))


def test_rxkad_ticket_times() -> None:
    now = 1_000_000
    rxkad_ticket.check_ticket_times(0, rxkad.NEVER_DATE, now=now)
    rxkad_ticket.check_ticket_times(now - 100, now + 100, now=now)
    rxkad_ticket.check_ticket_times(now + 800, now + 1000, now=now)  # inside the 15-minute skew
    for start, end, code in [
        (now + 1000, now + 2000, rxkad.RXKADNOAUTH),
        (now - 2000, now - 1000, rxkad.RXKADEXPIRED),
        (now, now, rxkad.RXKADBADTICKET),
        (now - 40 * 86400, now - 39 * 86400, rxkad.RXKADBADTICKET),
        (now, now + 31 * 86400, rxkad.RXKADBADTICKET),
    ]:
        with pytest.raises(rxkad.RxkadError) as caught:
            rxkad_ticket.check_ticket_times(start, end, now=now)
        assert caught.value.code == code


def test_rxkad_forge_localauth_token() -> None:
    data = _need(RXKAD)
    key, kvno = H(data["server_key"]["key"]), data["server_key"]["kvno"]
    rng = random.Random(3)
    token = rxkad_ticket.forge_localauth_token(key, kvno, now=1_700_000_000,
                                               random_bytes=rng.randbytes)  # fmt: skip
    assert (token.kvno, token.start, token.end, len(token.ticket)) == (3, 0, rxkad.NEVER_DATE, 32)
    assert _des.has_odd_parity(token.session_key)
    # Same layout as the live -localauth tickets, with our session key in bytes 11..18.
    live_plain = H(data["tickets"][0]["ticket_plain"])
    plain = _des.pcbc_decrypt(key, key, token.ticket)
    assert plain[:11] + plain[19:] == live_plain[:11] + live_plain[19:]
    assert plain[11:19] == token.session_key
    keyring = _keyring_for(data)
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


def _k5_keyring() -> Keyring:
    return Keyring.from_files(keyfile_ext=H(_need(RXKAD_K5)["keyfileext_hex"]))


def test_rxkad_k5_live_localauth_ticket() -> None:
    data = _need(RXKAD_K5)
    keyring = _k5_keyring()
    assert keyring.rxkad_krb5 == {(data["service_kvno"], data["enctype"]): H(data["service_key"])}
    ticket = H(data["ticket_der"])
    enc = _krb5.decode_encrypted_data(ticket)
    assert (enc.etype, enc.kvno) == (data["enctype"], data["service_kvno"])
    plain = _krb5.decrypt(enc.etype, H(data["service_key"]), _krb5.KEY_USAGE_TICKET, enc.cipher)
    assert plain.hex() == data["enc_ticket_part_der"]
    part = _krb5.decode_enc_ticket_part(plain)
    assert part.flags == _krb5.TICKET_FLAG_TRANSITED_POLICY_CHECKED
    assert (part.key_type, part.key_value.hex()) == (1, data["session_key_des_cbc_crc"])
    assert (part.crealm, part.cname.components) == ("", ("afs",))
    assert (part.authtime, part.endtime) == (0, 0x7FFFFFFF)
    assert _krb5.encode_enc_ticket_part(part) == plain
    assert _krb5.encode_encrypted_data(enc) == ticket
    contents = rxkad_ticket.open_ticket(ticket, data["response_kvno_field"], keyring,
                                        now=1_700_000_000)  # fmt: skip
    assert contents.session_key.hex() == data["session_key_des_cbc_crc"]
    assert (contents.name, contents.instance, contents.realm) == ("afs", "", "")
    assert contents.end == 0x7FFFFFFF
    # The live RESPONSE carrying it.
    sealed = rxkad_handshake.decode_response(H(data["response_payload"]), v2=True)
    assert (sealed.kvno, sealed.ticket) == (213, ticket)
    opened = rxkad_handshake.open_response(sealed, FcryptSchedule(contents.session_key))
    assert (opened.level, opened.security_index, opened.call_numbers) == (2, 2, (1, 0, 0, 0))


@pytest.mark.parametrize("vector", _cases(RXKAD_K5, "rxkad_kdf"))
def test_rxkad_kdf(vector: dict[str, Any]) -> None:
    derived = rxkad_ticket.derive_des_session_key(
        vector["session_key_enctype"], H(vector["session_key"])
    )
    assert derived.hex() == vector["derived_des_key"]


@pytest.mark.parametrize("vector", _cases(RXKAD_K5, "crafted_tickets_accepted_by_openafs"))
def test_rxkad_k5_crafted_ticket(vector: dict[str, Any]) -> None:
    keyring = _k5_keyring()
    ticket = H(vector["ticket_der"])
    if vector["response_kvno_field"] == rxkad.TICKET_TYPE_KERBEROS_V5:
        full = _krb5.decode_ticket(ticket)
        assert _krb5.encode_ticket(full) == ticket
        enc = full.enc_part
    else:
        enc = _krb5.decode_encrypted_data(ticket)
    part_der = H(vector["enc_ticket_part_der"])
    key = H(vector["service_key"])
    assert _krb5.decrypt(enc.etype, key, 2, enc.cipher) == part_der
    confounder = H(vector["enc_confounder"])
    assert _krb5.encrypt(enc.etype, key, 2, part_der, confounder=confounder) == enc.cipher
    part = _krb5.decode_enc_ticket_part(part_der)
    assert _krb5.encode_enc_ticket_part(part) == part_der
    now = part.authtime + 60
    contents = rxkad_ticket.open_ticket(ticket, vector["response_kvno_field"], keyring, now=now)
    assert contents.session_key.hex() == vector["rxkad_session_key"]
    assert contents.realm == "RXSEC.TEST"
    assert contents.name == "admin"
    assert contents.instance == ("admin" if len(part.cname.components) == 2 else "")
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_ticket.open_ticket(ticket, vector["response_kvno_field"], keyring,
                                 now=part.endtime + 1)  # fmt: skip
    assert caught.value.code == rxkad.RXKADEXPIRED
    # The server's level-2 reply, sealed with the derived session key.
    reply = H(vector["reply_rx_packet"])
    _, _, call, seq, _, _, _, _, _, _, _ = _header(reply)
    data = rxkad.unseal_packet(2, FcryptSchedule(contents.session_key), call_number=call, seq=seq,
                               payload=reply[28:])  # fmt: skip
    assert data.hex() == vector["reply_user_data"]


def test_rxkad_k5_failures_and_forging() -> None:
    data = _need(RXKAD_K5)
    keyring = _k5_keyring()
    ticket = H(data["ticket_der"])
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
    token = rxkad_ticket.forge_localauth_token_k5(
        H(data["service_key"]), data["service_kvno"], data["enctype"], random_bytes=rng.randbytes
    )
    assert token.kvno == rxkad.TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY
    contents = rxkad_ticket.open_ticket(token.ticket, token.kvno, keyring, now=1_700_000_000)
    assert (contents.name, contents.session_key) == ("afs", token.session_key)
    # Same plaintext layout as the live ticket, apart from the session key.
    enc = _krb5.decode_encrypted_data(token.ticket)
    plain = _krb5.decrypt(enc.etype, H(data["service_key"]), 2, enc.cipher)
    live = H(data["enc_ticket_part_der"])
    assert plain.replace(token.session_key, H(data["session_key_des_cbc_crc"])) == live
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
    data = _need(RXKAD_K5)
    key, kvno, enctype = H(data["service_key"]), data["service_kvno"], data["enctype"]
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
