"""Known-answer tests: fcrypt, DES, RFC 3961/3962, key files and rxkad.

The published values are in tests/data/vectors (its README names each source); the key files
OpenAFS's ``asetkey`` wrote and the cell's keys come from the captures manifest.  Every entry
is a test case of its own.  rxkad against the cell's own traffic is in test_rxkad_cell.py.
"""

from __future__ import annotations

import random
import struct
from typing import Final, TypedDict

import pytest
from recorded import JSON, manifest, vectors

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

H = bytes.fromhex

FCRYPT = vectors("fcrypt.json")
DES = vectors("des.json")
KRB5 = vectors("krb5.json")
KEYFILE = vectors("keyfile.json")
RXKAD = vectors("rxkad.json")
CELL_KEYS = manifest()["keys"]


def _asetkey_files() -> list[dict[str, JSON]]:
    """The cell's KeyFile and KeyFileExt as asetkey wrote them, in keyfile.json's layout."""
    des, k5 = CELL_KEYS["rxkad"], CELL_KEYS["rxkad_krb5"]
    return [
        {"name": "KeyFile", "hex": des["keyfile"],
         "keys": [{"kvno": des["kvno"], "key": des["key"]}]},
        {"name": "KeyFileExt", "hex": k5["keyfileext"],
         "keys": [{"type": KEY_TYPE_RXKAD_KRB5, "kvno": k5["kvno"], "subtype": k5["enctype"],
                   "key": k5["key"]}]},
    ]  # fmt: skip


# -- fcrypt -----------------------------------------------------------------------------------


def test_fcrypt_sboxes_match_openafs() -> None:
    assert tuple(H(box) for box in FCRYPT["sboxes"]) == SBOXES


@pytest.mark.parametrize("vector", FCRYPT["pcbc"], ids=[v["source"] for v in FCRYPT["pcbc"]])
def test_fcrypt_vector(vector: dict[str, str]) -> None:
    schedule = FcryptSchedule(H(vector["key"]))
    plain, sealed, iv = H(vector["plain"]), H(vector["cipher"]), H(vector["iv"])
    assert schedule.pcbc_encrypt(iv, plain) == sealed
    assert schedule.pcbc_decrypt(iv, sealed) == plain
    if len(plain) == 8 and iv == bytes(8):  # one block with a zero IV is ECB
        assert schedule.encrypt_block(plain) == sealed
        assert schedule.decrypt_block(sealed) == plain


@pytest.mark.parametrize("vector", FCRYPT["round_keys"], ids=lambda v: v["key"])
def test_fcrypt_key_schedule(vector: dict[str, JSON]) -> None:
    schedule = FcryptSchedule(H(vector["key"]))
    assert [f"{k:08x}" for k in schedule.round_keys] == vector["round_keys"]


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


@pytest.mark.parametrize("vector", DES["cases"])
def test_des_vector(vector: dict[str, str]) -> None:
    key, plain, sealed = H(vector["key"]), H(vector["plain"]), H(vector["cipher"])
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
    listed = {H(k) for k in DES["weak_keys"]}
    assert len(listed) == len(DES["weak_keys"]) == 16
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


@pytest.mark.parametrize("vector", KRB5["nfold"])
def test_krb5_nfold(vector: dict[str, JSON]) -> None:
    assert _krb5.n_fold(H(vector["input"]), vector["bits"] // 8).hex() == vector["output"]


@pytest.mark.parametrize("vector", KRB5["aes_cts"])
def test_krb5_aes_cts(vector: dict[str, str]) -> None:
    key, iv, plain = H(vector["key"]), H(vector["iv"]), H(vector["plain"])
    sealed = _krb5.aes_cts_encrypt(key, plain, iv)
    assert sealed.hex() == vector["cipher"]
    assert _krb5.aes_cts_decrypt(key, sealed, iv) == plain
    # The chaining value after the operation is the last full CBC block, which CTS moves to
    # the second-to-last position of the output.
    blocks = -(-len(plain) // 16)
    position = 0 if blocks == 1 else blocks - 2
    assert sealed[16 * position : 16 * position + 16].hex() == vector["next_iv"]


@pytest.mark.parametrize("vector", KRB5["string_to_key"])
def test_krb5_string_to_key(vector: dict[str, JSON]) -> None:
    key = _krb5.string_to_key(
        vector["enctype"], H(vector["password"]), H(vector["salt"]), vector["iterations"]
    )
    assert key.hex() == vector["key"]


@pytest.mark.parametrize("vector", KRB5["derive_key"])
def test_krb5_derive_key(vector: dict[str, JSON]) -> None:
    derived = _krb5.derive_key(vector["enctype"], H(vector["key"]), H(vector["constant"]))
    assert derived.hex() == vector["derived"]


@pytest.mark.parametrize("vector", KRB5["encrypt"])
def test_krb5_decrypt_and_encrypt(vector: dict[str, JSON]) -> None:
    enctype, key, usage = vector["enctype"], H(vector["key"]), vector["usage"]
    sealed, plain = H(vector["cipher"]), H(vector["plain"])
    assert _krb5.decrypt(enctype, key, usage, sealed) == plain
    again = _krb5.encrypt(enctype, key, usage, plain, confounder=H(vector["confounder"]))
    assert again == sealed
    with pytest.raises(_krb5.IntegrityError):
        _krb5.decrypt(enctype, key, usage + 1, sealed)
    tampered = bytearray(sealed)
    tampered[0] ^= 1
    with pytest.raises(_krb5.IntegrityError):
        _krb5.decrypt(enctype, key, usage, bytes(tampered))


@pytest.mark.parametrize("vector", KRB5["checksum"])
def test_krb5_checksum(vector: dict[str, JSON]) -> None:
    key, data = H(vector["key"]), H(vector["data"])
    mic = _krb5.checksum(vector["enctype"], key, vector["usage"], data)
    assert mic.hex() == vector["checksum"]


@pytest.mark.parametrize("vector", KRB5["prf"])
def test_krb5_prf(vector: dict[str, JSON]) -> None:
    output = _krb5.prf(vector["enctype"], H(vector["key"]), H(vector["input"]))
    assert output.hex() == vector["output"]


# -- key files ----------------------------------------------------------------------------------


KEY_FILES = [*KEYFILE["files"], *_asetkey_files()]


@pytest.mark.parametrize("vector", KEY_FILES, ids=["openafs-tests-KeyFile",
                                                   "openafs-tests-KeyFileExt", "asetkey-KeyFile",
                                                   "asetkey-KeyFileExt"])  # fmt: skip
def test_keyfile_vector(vector: dict[str, JSON]) -> None:
    raw = H(vector["hex"])
    if vector["name"] == "KeyFile":
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
    assert len(keys) == len(vector["keys"]) == struct.unpack_from(">I", raw)[0]


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


def test_rxkad_lifetime_table() -> None:
    assert list(rxkad_ticket.LIFETIME_TABLE) == RXKAD["lifetime_table"]
    for example in RXKAD["life_examples"]:
        assert rxkad_ticket.life_to_time(example["start"], example["life"]) == example["end"]
        life = example["life"]
        if 0 < life <= 0xBF or life == 0xFF:  # codes time_to_life produces
            assert rxkad_ticket.time_to_life(example["start"], example["end"]) == life
    assert rxkad_ticket.time_to_life(1000, 1000) == 0
    assert rxkad_ticket.time_to_life(0, rxkad.MAX_TICKET_LIFETIME + 1) == 0
    assert rxkad_ticket.time_to_life(0, 38401) == 0x81  # rounds up to the next table entry


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


class _Checks(TypedDict, total=False):
    """Arguments of ``verify_response`` a case changes."""

    v2: bool
    keyring: Keyring
    nonce: int
    min_level: int
    epoch: int
    cid: int
    now: int


class _Verify(TypedDict):
    """The keyword arguments of ``verify_response`` these tests give."""

    v2: bool
    keyring: Keyring
    nonce: int
    min_level: int
    epoch: int
    cid: int
    now: int


class _VerifyWithoutKeys(TypedDict):
    """The same, less the keyring."""

    v2: bool
    nonce: int
    min_level: int
    epoch: int
    cid: int
    now: int


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
    kwargs: _Checks, payload_kwargs: dict[str, int], code: int
) -> None:
    keyring = Keyring.from_des_key(H("5e1a2a3d4c6e7080"), 3)
    arguments: _Verify = {
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
    base: _VerifyWithoutKeys = {"v2": True, "nonce": 40, "min_level": 0, "epoch": 100,
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
            rxkad_handshake.decode_challenge_untrusted(payload)
        assert caught.value.code == rxkad.RXKADPACKETSHORT
    good = _response_for()
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_handshake.decode_response_untrusted(good[:-1], v2=True)
    assert caught.value.code == rxkad.RXKADPACKETSHORT
    short_ticket = good[:52] + struct.pack(">I", 16) + bytes(16)
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_handshake.decode_response_untrusted(short_ticket, v2=True)
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
