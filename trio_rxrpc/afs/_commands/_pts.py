"""``trio-rxrpc afs pts``: (to be written)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import argparse

TOOL: Final = "pts"
SUMMARY: Final = "pts commands"


def configure(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this tool's commands."""
