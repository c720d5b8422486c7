"""The registry of Kerberos enctypes by number: 17, 18, 19, 20, 25 and 26.

Each value is an :class:`~._rfc3961.Enctype`; Camellia (25, 26) needs the optional
``cryptography`` package when it is used, not when it is looked up.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from ._aes_enctypes import (
    AES128_CTS_HMAC_SHA1_96,
    AES128_CTS_HMAC_SHA256_128,
    AES256_CTS_HMAC_SHA1_96,
    AES256_CTS_HMAC_SHA384_192,
)
from ._camellia_enctypes import CAMELLIA128_CTS_CMAC, CAMELLIA256_CTS_CMAC

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._rfc3961 import Enctype

__all__ = ["ENCTYPES", "enctype"]

ENCTYPES: Final[Mapping[int, Enctype]] = MappingProxyType(
    {
        e.number: e
        for e in (
            AES128_CTS_HMAC_SHA1_96,
            AES256_CTS_HMAC_SHA1_96,
            AES128_CTS_HMAC_SHA256_128,
            AES256_CTS_HMAC_SHA384_192,
            CAMELLIA128_CTS_CMAC,
            CAMELLIA256_CTS_CMAC,
        )
    }
)


def enctype(number: int) -> Enctype:
    """The enctype with this number.

    Raises:
        ValueError: it is not one of the supported enctypes.
    """
    try:
        return ENCTYPES[number]
    except KeyError:
        raise ValueError(f"unsupported Kerberos enctype {number}") from None
