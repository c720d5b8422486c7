"""``trio-rxrpc afs vos``: (to be written)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import argparse

TOOL: Final = "vos"
SUMMARY: Final = "vos commands"


def configure(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this tool's commands."""
