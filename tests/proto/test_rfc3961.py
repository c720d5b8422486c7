"""Known-answer tests of the Kerberos enctypes 17, 18, 19, 20, 25 and 26.

Every entry of tests/data/vectors/rfc3961_3962.json, rfc8009.json, rfc6803.json and
prf_plus.json is a test case of its own (the files name each value's source).  Round trips and
tampering over many sizes are in test_rfc3961_roundtrip.py.
"""

from __future__ import annotations

import sys

import pytest
from recorded import JSON, vectors

from trio_rxrpc._proto.security import _camellia_enctypes, _rfc3961
from trio_rxrpc._proto.security._enctypes import ENCTYPES, enctype
from trio_rxrpc._proto.security._rfc3961 import IntegrityError

H = bytes.fromhex

RFC3962 = vectors("rfc3961_3962.json")
RFC8009 = vectors("rfc8009.json")
RFC6803 = vectors("rfc6803.json")
PRF_PLUS = vectors("prf_plus.json")


def _ids(cases: list[dict[str, JSON]]) -> list[str]:
    return [f"{case.get('enctype', '')}-{number}" for number, case in enumerate(cases)]


# -- the parameters (spec table: key, Kc/Ki, checksum and PRF sizes) ----------------------------


@pytest.mark.parametrize(
    ("number", "name", "key", "mac_key", "checksum", "prf"),
    [
        (17, "aes128-cts-hmac-sha1-96", 16, 16, 12, 16),
        (18, "aes256-cts-hmac-sha1-96", 32, 32, 12, 16),
        (19, "aes128-cts-hmac-sha256-128", 16, 16, 16, 32),
        (20, "aes256-cts-hmac-sha384-192", 32, 24, 24, 48),
        (25, "camellia128-cts-cmac", 16, 16, 16, 16),
        (26, "camellia256-cts-cmac", 32, 32, 16, 16),
    ],
)
def test_enctype_parameters(
    number: int, name: str, key: int, mac_key: int, checksum: int, prf: int
) -> None:
    kind = ENCTYPES[number]
    assert (kind.number, kind.name, kind.key_size) == (number, name, key)
    assert kind.mac_key_size == mac_key
    assert (kind.checksum_size, kind.prf_size, kind.confounder_size) == (checksum, prf, 16)
    assert enctype(number) is kind
    keys = kind.derive(bytes(range(key)), 7)
    assert (len(keys.kc), len(keys.ke), len(keys.ki)) == (mac_key, key, mac_key)
    assert len(kind.prf(bytes(key), b"x")) == prf
    assert kind.random_to_key(bytes(key)) == bytes(key)


def test_unknown_enctype() -> None:
    with pytest.raises(ValueError, match="unsupported Kerberos enctype 23"):
        enctype(23)


# -- RFC 3961 primitives ------------------------------------------------------------------------


@pytest.mark.parametrize("vector", RFC3962["nfold"], ids=_ids(RFC3962["nfold"]))
def test_nfold(vector: dict[str, JSON]) -> None:
    folded = _rfc3961.n_fold(H(vector["input"]), vector["output_bits"] // 8)
    assert folded.hex() == vector["output"]


@pytest.mark.parametrize("vector", RFC3962["aes_cts"], ids=_ids(RFC3962["aes_cts"]))
def test_aes_cts(vector: dict[str, str]) -> None:
    key, iv, plain = H(vector["key"]), H(vector["iv"]), H(vector["plaintext"])
    sealed = _rfc3961.aes_cts_encrypt(key, plain, iv)
    assert sealed.hex() == vector["ciphertext"]
    assert _rfc3961.aes_cts_decrypt(key, sealed, iv) == plain


@pytest.mark.parametrize("vector", RFC6803["camellia_block"])
def test_camellia_block_cipher(vector: dict[str, str]) -> None:
    from cryptography.hazmat.primitives.ciphers import Cipher, modes

    algorithm = _camellia_enctypes._camellia(H(vector["key"]))
    sealed = Cipher(algorithm, modes.ECB()).encryptor().update(H(vector["plaintext"]))
    assert sealed.hex() == vector["ciphertext"]


# -- string-to-key, key derivation --------------------------------------------------------------

STRING_TO_KEY = RFC3962["string_to_key"] + RFC8009["string_to_key"] + RFC6803["string_to_key"]


@pytest.mark.parametrize("vector", STRING_TO_KEY, ids=_ids(STRING_TO_KEY))
def test_string_to_key(vector: dict[str, JSON]) -> None:
    kind = ENCTYPES[vector["enctype"]]
    key = kind.string_to_key(H(vector["password"]), H(vector["salt"]), vector["iterations"])
    assert key.hex() == vector["key"]


def test_string_to_key_default_iterations() -> None:
    # RFC 3962's default is 4096 iterations; RFC 8009 and RFC 6803 use 32768.
    assert [ENCTYPES[n].default_iterations for n in (17, 18, 19, 20, 25, 26)] == [
        4096, 4096, 32768, 32768, 32768, 32768,
    ]  # fmt: skip


DERIVE_KEY = RFC3962["derive_key"] + RFC8009["derive_key"]


@pytest.mark.parametrize("vector", DERIVE_KEY, ids=_ids(DERIVE_KEY))
def test_derive_key(vector: dict[str, JSON]) -> None:
    kind = ENCTYPES[vector["enctype"]]
    size = len(vector["derived"]) // 2
    derived = kind.derive_key(H(vector["inkey"]), H(vector["constant"]), size)
    assert derived.hex() == vector["derived"]


USAGE_KEYS = RFC8009["usage_keys"] + RFC6803["usage_keys"]


@pytest.mark.parametrize("vector", USAGE_KEYS, ids=_ids(USAGE_KEYS))
def test_usage_keys(vector: dict[str, JSON]) -> None:
    keys = ENCTYPES[vector["enctype"]].derive(H(vector["base_key"]), vector["usage"])
    assert (keys.usage, keys.kc.hex(), keys.ke.hex(), keys.ki.hex()) == (
        vector["usage"], vector["Kc"], vector["Ke"], vector["Ki"],
    )  # fmt: skip


def test_wrong_key_length_is_rejected() -> None:
    for kind in ENCTYPES.values():
        with pytest.raises(ValueError, match="keys are"):
            kind.derive(bytes(kind.key_size + 1), 1)
        with pytest.raises(ValueError, match="keys are"):
            kind.prf(bytes(kind.key_size - 1), b"")
        with pytest.raises(ValueError, match="derived key length"):
            kind.usage_keys(1, kc=b"", ke=bytes(kind.key_size), ki=bytes(kind.mac_key_size))


# -- encryption ---------------------------------------------------------------------------------

ENCRYPTIONS = RFC3962["decrypt_known_answer"] + RFC8009["decrypt_known_answer"]
ENCRYPTIONS += RFC6803["encrypt"]


@pytest.mark.parametrize("vector", ENCRYPTIONS, ids=_ids(ENCRYPTIONS))
def test_encrypt_and_decrypt(vector: dict[str, JSON]) -> None:
    kind = ENCTYPES[vector["enctype"]]
    keys = kind.derive(H(vector["key"]), vector["usage"])
    sealed, plain = H(vector["ciphertext"]), H(vector["plaintext"])
    assert kind.decrypt(keys, sealed) == plain
    assert kind.encrypt(keys, plain, H(vector["confounder"])) == sealed
    with pytest.raises(IntegrityError):
        kind.decrypt(kind.derive(H(vector["key"]), vector["usage"] + 1), sealed)


@pytest.mark.parametrize("vector", RFC8009["encrypt"], ids=_ids(RFC8009["encrypt"]))
def test_rfc8009_encrypt_from_derived_keys(vector: dict[str, JSON]) -> None:
    kind = ENCTYPES[vector["enctype"]]
    derived = kind.derive(H(vector["base_key"]), vector["usage"])
    assert (derived.ke.hex(), derived.ki.hex()) == (vector["Ke"], vector["Ki"])
    keys = kind.usage_keys(vector["usage"], kc=derived.kc, ke=H(vector["Ke"]), ki=H(vector["Ki"]))
    sealed = kind.encrypt(keys, H(vector["plaintext"]), H(vector["confounder"]))
    assert sealed.hex() == vector["ciphertext"]
    assert kind.decrypt(keys, sealed) == H(vector["plaintext"])


AES_ENCRYPTIONS = [v for v in ENCRYPTIONS if v["enctype"] < 25]


@pytest.mark.parametrize("vector", AES_ENCRYPTIONS, ids=_ids(AES_ENCRYPTIONS))
def test_aes_without_cryptography(vector: dict[str, JSON], monkeypatch: pytest.MonkeyPatch) -> None:
    # AES falls back to pycryptodome alone when the optional package is missing.
    monkeypatch.setitem(sys.modules, "cryptography.hazmat.primitives.ciphers", None)
    test_encrypt_and_decrypt(vector)
    kind = ENCTYPES[vector["enctype"]]
    keys = kind.derive(H(vector["key"]), vector["usage"])
    for size in (16, 17, 31, 32, 33, 1412):
        plain = bytes(range(256)) * 6
        assert keys.unseal(keys.seal(plain[:size])) == plain[:size]


def test_confounder_must_be_one_block() -> None:
    for kind in ENCTYPES.values():
        keys = kind.derive(bytes(kind.key_size), 3)
        with pytest.raises(ValueError, match="confounder"):
            kind.encrypt(keys, b"data", bytes(15))


def test_short_ciphertext_is_an_integrity_error() -> None:
    for kind in ENCTYPES.values():
        keys = kind.derive(bytes(kind.key_size), 3)
        with pytest.raises(IntegrityError, match="too short"):
            kind.decrypt(keys, bytes(kind.confounder_size + kind.checksum_size - 1))


# -- checksums, PRF, PRF+ -----------------------------------------------------------------------

CHECKSUMS = RFC3962["checksum"] + RFC8009["checksum"] + RFC6803["checksum"]


@pytest.mark.parametrize("vector", CHECKSUMS, ids=_ids(CHECKSUMS))
def test_checksum(vector: dict[str, JSON]) -> None:
    kind = ENCTYPES[vector["enctype"]]
    if "key" in vector:
        keys = kind.derive(H(vector["key"]), vector["usage"])
    else:  # the entry gives the derived Kc only
        kc = H(vector["Kc"])
        keys = kind.usage_keys(0, kc=kc, ke=bytes(kind.key_size), ki=kc)
    data = H(vector["plaintext"])
    assert kind.mic(keys, data).hex() == vector["checksum"]
    kind.verify_mic(keys, data, H(vector["checksum"]))
    with pytest.raises(IntegrityError):
        kind.verify_mic(keys, data + b"\x00", H(vector["checksum"]))


PRFS = RFC3962["prf"] + RFC8009["prf"]


@pytest.mark.parametrize("vector", PRFS, ids=_ids(PRFS))
def test_prf(vector: dict[str, JSON]) -> None:
    output = ENCTYPES[vector["enctype"]].prf(H(vector["key"]), H(vector["input"]))
    assert output.hex() == vector["output"]


@pytest.mark.parametrize("vector", PRF_PLUS["cases"], ids=_ids(PRF_PLUS["cases"]))
def test_prf_plus(vector: dict[str, JSON]) -> None:
    kind = ENCTYPES[vector["enctype"]]
    size = len(vector["output"]) // 2
    output = kind.prf_plus(H(vector["key"]), size, H(vector["seed"]), first=vector["first"])
    assert output.hex() == vector["output"]
    assert kind.prf_plus(H(vector["key"]), 0, H(vector["seed"])) == b""


def test_prf_plus_is_prf_blocks_with_a_counter() -> None:
    kind = ENCTYPES[17]
    key = bytes(range(16))
    expected = kind.prf(key, b"\x00\x00\x00\x01seed") + kind.prf(key, b"\x00\x00\x00\x02seed")
    assert kind.prf_plus(key, 20, b"seed") == expected[:20]
    with pytest.raises(ValueError, match="negative"):
        kind.prf_plus(key, -1, b"seed")


# -- the optional dependency --------------------------------------------------------------------


def test_camellia_without_cryptography_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (
        "cryptography.hazmat.decrepit.ciphers.algorithms",
        "cryptography.hazmat.primitives.ciphers.algorithms",
    ):
        monkeypatch.setitem(sys.modules, module, None)
    for number in (25, 26):
        kind = ENCTYPES[number]
        with pytest.raises(_camellia_enctypes.CamelliaUnavailableError, match="'cryptography'"):
            kind.derive(bytes(kind.key_size), 1)
        with pytest.raises(_camellia_enctypes.CamelliaUnavailableError, match="rxgk"):
            kind.string_to_key(b"password", b"salt", 1)
