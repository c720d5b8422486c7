"""One line on stderr, not a traceback, when a command's calls fail.

:func:`run` runs a handler inside a nursery, so an exception leaving the handler reaches it
wrapped in an exception group, which its ``except RxRPCError`` does not catch.  Handlers
decorated with :func:`reported` catch their own call failures instead.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..._errors import RxRPCError
from . import fail

if TYPE_CHECKING:
    import argparse
    from collections.abc import Awaitable, Callable

    from . import Context

    Handler = Callable[[Context, argparse.Namespace], Awaitable[int]]


def reported(handler: Handler) -> Handler:
    """``handler``, ending with the error's one-line description and status 1 when one of
    its calls fails (e.g. ``afs: VL_NOENT (363524): no such entry``).  Cancellation is the
    handler's own."""

    @functools.wraps(handler)
    async def wrapper(ctx: Context, args: argparse.Namespace) -> int:
        try:
            return await handler(ctx, args)
        except RxRPCError as exc:
            return fail(str(exc))

    return wrapper
