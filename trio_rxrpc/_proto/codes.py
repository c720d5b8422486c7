"""Abort codes that Rx itself defines, and their names.

Codes are signed 32-bit integers on the wire.  The negative ones belong to Rx (and the
rxgen stub generator); rxkad's and rxgk's live in their own ranges; every other value is an
application's own result code, opaque to Rx.  Code 0 means "no error" and is never sent.
"""

from __future__ import annotations

import enum


class AbortCode(enum.IntEnum):
    """Standard Rx abort codes (OpenAFS ``rx.h``, Linux ``rxrpc.h``)."""

    RX_CALL_DEAD = -1
    RX_INVALID_OPERATION = -2
    RX_CALL_TIMEOUT = -3
    RX_EOF = -4
    RX_PROTOCOL_ERROR = -5
    RX_USER_ABORT = -6
    RX_ADDRINUSE = -7
    RX_DEBUGI_BADTYPE = -8
    RX_RESTARTING = -100
    RXGEN_CC_MARSHAL = -450
    RXGEN_CC_UNMARSHAL = -451
    RXGEN_SS_MARSHAL = -452
    RXGEN_SS_UNMARSHAL = -453
    RXGEN_DECODE = -454
    RXGEN_OPCODE = -455
    RXGEN_SS_XDRFREE = -456
    RXGEN_CC_XDRFREE = -457
    VBUSY = 110
    RXKADINCONSISTENCY = 19270400
    RXKADPACKETSHORT = 19270401
    RXKADLEVELFAIL = 19270402
    RXKADTICKETLEN = 19270403
    RXKADOUTOFSEQUENCE = 19270404
    RXKADNOAUTH = 19270405
    RXKADBADKEY = 19270406
    RXKADBADTICKET = 19270407
    RXKADUNKNOWNKEY = 19270408
    RXKADEXPIRED = 19270409
    RXKADSEALEDINCON = 19270410
    RXKADDATALEN = 19270411
    RXKADILLEGALLEVEL = 19270412


class RxgkAbortCode(enum.IntEnum):
    """rxgk's abort codes as Linux and YFS number them (Linux ``include/uapi/linux/rxrpc.h``,
    "revised standard abort codes").  The table starts at 1233242880 like OpenAFS's
    (:class:`OpenAfsRxgkAbortCode`), but from offset 3 on the two disagree; Linux sends these,
    and also Kerberos' ``KRB5_PROG_KEYTYPE_NOSUPP`` (-1765328233) for an enctype it lacks."""

    RXGK_INCONSISTENCY = 1233242880
    RXGK_PACKETSHORT = 1233242881
    RXGK_BADCHALLENGE = 1233242882
    RXGK_SEALEDINCON = 1233242883
    RXGK_NOTAUTH = 1233242884
    RXGK_EXPIRED = 1233242885
    RXGK_BADLEVEL = 1233242886
    RXGK_BADKEYNO = 1233242887
    RXGK_NOTRXGK = 1233242888
    RXGK_UNSUPPORTED = 1233242889
    RXGK_GSSERROR = 1233242890


class OpenAfsRxgkAbortCode(enum.IntEnum):
    """rxgk's abort codes as OpenAFS numbers them (``src/rxgk/rxgk_errs.et``), the original
    table; Linux keeps it only in a disabled branch of its header.  The OpenAFS flavour of
    rxgk (security index 4) sends these."""

    RXGK_INCONSISTENCY = 1233242880
    RXGK_PACKETSHORT = 1233242881
    RXGK_BADCHALLENGE = 1233242882
    RXGK_BADETYPE = 1233242883
    RXGK_BADLEVEL = 1233242884
    RXGK_BADKEYNO = 1233242885
    RXGK_EXPIRED = 1233242886
    RXGK_NOTAUTH = 1233242887
    RXGK_BAD_TOKEN = 1233242888
    RXGK_SEALED_INCON = 1233242889
    RXGK_DATA_LEN = 1233242890
    RXGK_BAD_QOP = 1233242891


def format_abort_code(code: int) -> str:
    """An Rx abort code as text: ``"RX_USER_ABORT (-6)"`` or ``"abort code 42"``.

    Only the codes Rx itself defines are named here; :func:`trio_rxrpc.abort_code_name`
    and :func:`trio_rxrpc.describe_abort_code` know every registered error table too.
    """
    try:
        return f"{AbortCode(code).name} ({code})"
    except ValueError:
        return f"abort code {code}"
