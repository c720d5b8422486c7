"""The one exception that decoding untrusted bytes may raise."""

from __future__ import annotations


class MalformedPacket(Exception):
    """Bytes from the network that are not a valid Rx packet.  Never leaves ``_proto``."""
