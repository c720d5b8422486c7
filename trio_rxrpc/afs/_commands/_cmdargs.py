"""Command parameters given with their switch or by position, as OpenAFS's tools take them.

OpenAFS's command parser lets the first parameters of a command go without their switches,
in order: ``vos listvol fs1 a`` is ``vos listvol -server fs1 -partition a``, and ``bos
status fs1 dafs`` is ``bos status -server fs1 -instance dafs``.  :func:`add_params` adds the
switches and a positional catch-all that fills, in order, the parameters no switch gave.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence


@attrs.frozen
class Param:
    """One parameter: its switch (``"-server"``), help, and whether it is needed or a list."""

    switch: str
    help: str
    metavar: str
    required: bool = False
    many: bool = False

    @property
    def dest(self) -> str:
        return self.switch.lstrip("-").replace("-", "_")


class _Positionals(argparse.Action):
    """Hands the positional words to the parameters their switches left empty (the
    parameters are those of the subclass :func:`_positionals` makes)."""

    params: tuple[Param, ...] = ()

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[object] | None,
                 option_string: str | None = None) -> None:
        words = [] if values is None else [values] if isinstance(values, str) else list(values)
        for param in self.params:
            if not words:
                break
            if getattr(namespace, param.dest, None) not in (None, []):
                continue
            if param.many:
                setattr(namespace, param.dest, words)
                words = []
            else:
                setattr(namespace, param.dest, words.pop(0))
        if words:
            parser.error(f"unexpected argument {words[0]!r}")
        for param in self.params:
            if param.required and getattr(namespace, param.dest, None) in (None, []):
                parser.error(f"{param.switch} {param.metavar} is required")


def add_params(parser: argparse.ArgumentParser, *params: Param) -> None:
    """Add each parameter's switch, and let them be given by position in this order."""
    for param in params:
        parser.add_argument(param.switch, dest=param.dest, metavar=param.metavar,
                            nargs="+" if param.many else None, help=param.help)
    words = " ".join(p.metavar if p.required else f"[{p.metavar}]" for p in params)
    parser.add_argument("_positional", nargs="*", action=_positionals(params),
                        metavar="ARG",
                        help=f"the same, without their switches, in this order: {words}")


def _positionals(params: Sequence[Param]) -> type[_Positionals]:
    """The action class handing positional words to ``params``."""
    bound = tuple(params)

    class Bound(_Positionals):
        params = bound

    return Bound
