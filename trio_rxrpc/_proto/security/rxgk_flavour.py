"""The two rxgk flavours: YFS's (security index 6, what Linux runs) and OpenAFS's (index 4).

Theory of operation
-------------------
Both flavours share the CHALLENGE, RESPONSE, authenticator, token container, pseudo-header,
key usages and transport-key derivation (:mod:`.rxgk_wire`).  An :class:`RxgkFlavour` holds
everything else, so the handshake and the packet code ask it rather than test a name:

* the **security index** in the Rx header and in the DATA pseudo-header (6 or 4);
* the **token plaintext** (:class:`~.rxgk_wire.TokenForm`: OpenAFS's ``RXGK_Token`` has no
  ``starttime``);
* the **abort code** for each fault.  Linux numbers rxgk's table YFS's way
  (:class:`~trio_rxrpc._proto.codes.RxgkAbortCode`), OpenAFS by ``src/rxgk/rxgk_errs.et``
  (:class:`~trio_rxrpc._proto.codes.OpenAfsRxgkAbortCode`), and the two servers also pick
  different codes for the same fault.  The fields of :class:`RxgkFlavour` name the faults;
  :data:`YFS` gives what Linux sends and :data:`OPENAFS` what OpenAFS master's
  ``rxgk_server.c``, ``rxgk_packet.c``, ``rxgk_token.c`` and ``rxgk_crypto_rfc3961.c`` return;
* a few **rules** only OpenAFS has: the authenticator must carry exactly four call numbers;
  a token container with a kvno or enctype of zero or below is refused with
  ``RXGK_BAD_TOKEN``; level 1 needs a checksum type that OpenAFS's ``etoc()`` knows, which of
  the enctypes here means 17 and 18 only (``RXGK_BADETYPE`` otherwise); a bad key number
  is ignored at level 0; and a token names at most one identity, of kind 1 or 2 (none: a
  printed token, the superuser).

Nothing specific to :data:`OPENAFS` has been checked against a real OpenAFS rxgk peer: the
layouts and codes come from reading its sources, and the tests run our client against our
server and against published vectors.
"""

from __future__ import annotations

from typing import Final

import attrs

from trio_rxrpc._proto.codes import AbortCode, OpenAfsRxgkAbortCode, RxgkAbortCode
from trio_rxrpc._proto.security.rxgk_wire import (
    KRB5_PROG_KEYTYPE_NOSUPP,
    SECURITY_INDEX_RXGK,
    SECURITY_INDEX_YFS_RXGK,
    TokenForm,
)

__all__ = ["FLAVOURS", "OPENAFS", "YFS", "AFSCONF_NOTFOUND", "RxgkFlavour", "flavour_named"]

AFSCONF_NOTFOUND: Final = 70354689
"""OpenAFS's ``afsconf`` "key not found", which its rxgk server returns when it has no key
for a token's (kvno, enctype)."""


@attrs.frozen(kw_only=True)
class RxgkFlavour:
    """One rxgk dialect: its index, token form, abort codes and extra rules."""

    name: str
    security_index: int
    token_form: TokenForm

    inconsistency: int
    packet_short: int
    sealed_incon: int
    """A MIC, token, authenticator or sealed packet that does not check."""
    not_auth: int
    """DATA on a connection that has not authenticated (or for a call the RESPONSE ruled out)."""
    expired: int
    bad_level: int
    bad_keyno: int
    unsupported_enctype: int
    """An enctype we (or the peer) cannot use."""
    no_server_key: int
    """The server has no key for the token's (kvno, enctype)."""
    bad_challenge: int
    """The authenticator names another nonce, level, epoch, cid or call numbers."""
    bad_token_level: int
    """The token's level is not 0, 1 or 2."""
    bad_k0: int
    """K0 has the wrong length for its enctype."""
    sealed_short: int
    """A sealed token or level-2 payload too short to decrypt."""
    unmarshal: int | None
    """An undecodable RESPONSE, token container, token or authenticator; ``None`` keeps the
    decoder's own code (Linux's choices, see :mod:`.rxgk_wire`)."""
    data_len: int | None
    """A decrypted level-2 payload shorter than its pseudo-header, or whose length field
    overruns it; ``None``: ``packet_short`` and ``sealed_incon`` as Linux."""
    bad_token: int | None
    """A token container with kvno or enctype <= 0; ``None``: no such check."""
    key_number_wrap: int
    """A key number that would step past either end of the 32-bit range."""
    mic_enctypes: frozenset[int] | None
    """The enctypes that can run at level 1; ``None``: all of them."""
    exact_call_count: bool
    """Whether the authenticator must carry exactly four call numbers."""
    clear_ignores_key_number: bool
    """Whether a bad key number on a level-0 DATA packet is ignored."""
    single_identity: bool
    """Whether a token may name at most one identity, of kind 1 (KRB4) or 2 (GSS), as
    OpenAFS's server requires (``RXGK_INCONSISTENCY`` otherwise); with none it is a printed
    token, which OpenAFS takes for the superuser."""


YFS: Final = RxgkFlavour(
    name="yfs",
    security_index=SECURITY_INDEX_YFS_RXGK,
    token_form=TokenForm.YFS,
    inconsistency=RxgkAbortCode.RXGK_INCONSISTENCY,
    packet_short=RxgkAbortCode.RXGK_PACKETSHORT,
    sealed_incon=RxgkAbortCode.RXGK_SEALEDINCON,
    not_auth=RxgkAbortCode.RXGK_NOTAUTH,
    expired=RxgkAbortCode.RXGK_EXPIRED,
    bad_level=RxgkAbortCode.RXGK_BADLEVEL,
    bad_keyno=RxgkAbortCode.RXGK_BADKEYNO,
    unsupported_enctype=KRB5_PROG_KEYTYPE_NOSUPP,
    no_server_key=RxgkAbortCode.RXGK_NOTAUTH,
    bad_challenge=RxgkAbortCode.RXGK_NOTAUTH,
    bad_token_level=RxgkAbortCode.RXGK_NOTAUTH,
    bad_k0=RxgkAbortCode.RXGK_NOTAUTH,
    sealed_short=RxgkAbortCode.RXGK_PACKETSHORT,
    unmarshal=None,
    data_len=None,
    bad_token=None,
    key_number_wrap=RxgkAbortCode.RXGK_BADKEYNO,
    mic_enctypes=None,
    exact_call_count=False,
    clear_ignores_key_number=False,
    single_identity=False,
)
"""YFS's rxgk at index 6, with the codes Linux sends (checked against Linux 7.3)."""

OPENAFS: Final = RxgkFlavour(
    name="openafs",
    security_index=SECURITY_INDEX_RXGK,
    token_form=TokenForm.OPENAFS,
    inconsistency=OpenAfsRxgkAbortCode.RXGK_INCONSISTENCY,
    packet_short=OpenAfsRxgkAbortCode.RXGK_PACKETSHORT,
    sealed_incon=OpenAfsRxgkAbortCode.RXGK_SEALED_INCON,
    not_auth=OpenAfsRxgkAbortCode.RXGK_NOTAUTH,
    expired=OpenAfsRxgkAbortCode.RXGK_EXPIRED,
    bad_level=OpenAfsRxgkAbortCode.RXGK_BADLEVEL,
    bad_keyno=OpenAfsRxgkAbortCode.RXGK_BADKEYNO,
    unsupported_enctype=OpenAfsRxgkAbortCode.RXGK_BADETYPE,
    no_server_key=AFSCONF_NOTFOUND,
    bad_challenge=OpenAfsRxgkAbortCode.RXGK_BADCHALLENGE,
    bad_token_level=OpenAfsRxgkAbortCode.RXGK_INCONSISTENCY,
    bad_k0=OpenAfsRxgkAbortCode.RXGK_BADETYPE,
    sealed_short=OpenAfsRxgkAbortCode.RXGK_SEALED_INCON,
    unmarshal=AbortCode.RXGEN_SS_UNMARSHAL,
    data_len=OpenAfsRxgkAbortCode.RXGK_DATA_LEN,
    bad_token=OpenAfsRxgkAbortCode.RXGK_BAD_TOKEN,
    key_number_wrap=OpenAfsRxgkAbortCode.RXGK_INCONSISTENCY,
    mic_enctypes=frozenset({17, 18}),
    exact_call_count=True,
    clear_ignores_key_number=True,
    single_identity=True,
)
"""rxgk as OpenAFS master implements it, at index 4 (from its sources; no live peer)."""

FLAVOURS: Final = {flavour.name: flavour for flavour in (YFS, OPENAFS)}


def flavour_named(name: str | RxgkFlavour) -> RxgkFlavour:
    """The flavour ``"yfs"`` or ``"openafs"`` (a flavour is returned as it is).

    Raises:
        ValueError: any other name.
    """
    if isinstance(name, RxgkFlavour):
        return name
    try:
        return FLAVOURS[name]
    except KeyError:
        raise ValueError(f"rxgk flavour is 'yfs' (index 6) or 'openafs' (index 4), "
                         f"not {name!r}") from None
