"""An interface compiler for the rxgen language: ``.xg`` files to typed trio-rxrpc modules."""

from __future__ import annotations

from ._ast import Interface as Interface, Location as Location
