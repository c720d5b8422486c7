"""An interface compiler for the rxgen language: ``.xg`` files to typed trio-rxrpc modules."""

from __future__ import annotations

from ._ast import Interface as Interface, Location as Location
from ._errtable import (
    ErrorCode as ErrorCode,
    ErrorTable as ErrorTable,
    ErrorTableError as ErrorTableError,
    parse_error_table as parse_error_table,
    parse_error_table_source as parse_error_table_source,
    table_base as table_base,
)
