"""How the package looks to a user's project after the README's set-up.

``scripts/setup.sh`` installs the checkout in editable mode.  A user's type checker must see
the package's types from there (it cannot follow setuptools' import hooks, hence the
"compat" editable mode), so this runs mypy on a small program outside the repository.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

USER_PROGRAM = '''
import trio
import trio_rxrpc


async def main() -> None:
    async with trio_rxrpc.open_endpoint(("127.0.0.1", 0)) as ep:
        async with ep.socket() as sock:
            async with sock.call(("127.0.0.1", 7100), 1234) as call:
                await call.send_all(b"hello")
                reply: bytes = await call.receive_all()
                print(reply, ep.statistics().datagrams_sent)


trio.run(main)
'''

WRONG_PROGRAM = '''
import trio_rxrpc

config = trio_rxrpc.EndpointConfig(dead_time="soon")
'''


def _mypy(directory: Path, source: str) -> subprocess.CompletedProcess[str]:
    (directory / "app.py").write_text(source)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir", str(directory / ".mypy_cache"), "app.py"],
        cwd=directory, capture_output=True, text=True, timeout=300, check=False)


def test_a_users_mypy_sees_the_package(tmp_path: Path) -> None:
    done = _mypy(tmp_path, USER_PROGRAM)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "import-not-found" not in done.stdout


def test_a_users_mypy_checks_against_real_types(tmp_path: Path) -> None:
    done = _mypy(tmp_path, WRONG_PROGRAM)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "dead_time" in done.stdout
    assert "arg-type" in done.stdout


# ------------------------------------------------------------------ README links

# The README is the package's long description (pyproject.toml: readme = "README.md").  On
# a package index, a link relative to the repository (``[docs](docs)``, ``[LICENSE](LICENSE)``)
# points nowhere, so the README links only absolute URLs and names its own files as code.

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_INLINE_LINK = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]*)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)", re.MULTILINE)
_HTML_ATTRIBUTE = re.compile(
    r"<[a-zA-Z][^>]*?\b(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_ABSOLUTE = re.compile(r"^(?:https?://[^/\s]+|mailto:\S+)", re.IGNORECASE)


def _prose(markdown: str) -> str:
    """The text outside fenced code blocks and code spans (where brackets are not links)."""
    kept: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and match and match.group(1)[0] == fence[0] and (
                len(match.group(1)) >= len(fence)):
            fence = None
        elif fence is None:
            kept.append(line)
    return _CODE_SPAN.sub("", "\n".join(kept))


def link_targets(markdown: str) -> list[str]:
    """Every link target in ``markdown``: inline links and images, reference definitions,
    and ``href``/``src`` attributes of HTML tags."""
    text = _prose(markdown)
    targets = [m.group(1).strip("<>") for m in _INLINE_LINK.finditer(text)]
    targets += [m.group(1).strip("<>") for m in _REFERENCE_DEFINITION.finditer(text)]
    targets += [next(g for g in m.groups() if g is not None)
                for m in _HTML_ATTRIBUTE.finditer(text)]
    return targets


def relative_links(markdown: str) -> list[str]:
    """The link targets in ``markdown`` that are not absolute http(s) or mailto URLs."""
    return [target for target in link_targets(markdown) if not _ABSOLUTE.match(target)]


def test_readme_links_only_absolute_urls() -> None:
    text = README.read_text(encoding="utf-8")
    assert relative_links(text) == [], "relative links die in a wheel's long description"
    assert link_targets(text), "the README should link trio's documentation at least"


@pytest.mark.parametrize("markdown", [
    "See [the docs](docs) for more.",
    "MIT: see [LICENSE](LICENSE).",
    "[`examples/`](examples/echo_server.py)",
    "![logo](docs/logo.png)",
    "Read [the tutorial][tut].\n\n[tut]: docs/tutorial.rst\n",
    '<a href="docs/index.rst">docs</a>',
    "<img src='logo.png' alt=''>",
    "<a href=LICENSE>license</a>",
    "[a section](#layout)",
    "[spaced]( docs/api.rst )",
])
def test_relative_links_are_found(markdown: str) -> None:
    assert relative_links(markdown) != []


@pytest.mark.parametrize("markdown", [
    "[trio](https://trio.readthedocs.io) and <https://trio.readthedocs.io/en/stable/>",
    '<a href="https://www.openafs.org/">OpenAFS</a>',
    "Files are named as code: `docs/tutorial.rst`, `[x](y)` is not a link here.",
    "```python\nprint('[not a link](here)')\n```\n",
    "~~~\n<a href=\"inside/a/fence\">x</a>\n~~~\n",
    "Mail [us](mailto:maintainers@example.org).",
])
def test_absolute_links_and_code_pass(markdown: str) -> None:
    assert relative_links(markdown) == []


def test_first_look_serves_with_serve() -> None:
    """The README and the tutorial show ``serve()``, not a hand-written accept loop."""
    for path in (README, REPO / "docs" / "tutorial.rst"):
        text = path.read_text(encoding="utf-8")
        assert ".serve(" in text, path
        assert "await sock.accept()" not in text, path


def test_api_reference_covers_the_public_modules() -> None:
    text = (REPO / "docs" / "api.rst").read_text(encoding="utf-8")
    for name in ("trio_rxrpc.xdr", "EndpointStatistics", "SocketStatistics", "CallStatistics",
                 "DataTooLarge", "CallTimeout", "trio_rxrpc.testing"):
        assert name in text, name


_BESIDE_MARKERS = ("../" + "shared", "TRIO_RXRPC_" + "SHARED", 'parent / "' + 'shared"')
"""How code reaches for a folder beside the checkout (spelled in pieces, so that this file
does not match itself)."""


def test_repository_needs_nothing_beside_it() -> None:
    """Tests, benchmarks, scripts and CI carry their own fixtures: no file reaches for a
    folder beside the checkout."""
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                            check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    offenders = []
    for name in listed.stdout.split():
        path = REPO / name
        if path.suffix not in {".py", ".sh", ".toml", ".cfg", ".md", ".rst", ".txt", ""}:
            continue
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(marker in text for marker in _BESIDE_MARKERS):
            offenders.append(name)
    assert offenders == []
