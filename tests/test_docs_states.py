"""The call state tables in the documentation are current with the core's transition table."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _generator() -> ModuleType:  # (the script, loaded from its file)
    spec = importlib.util.spec_from_file_location("gen_states", DOCS / "gen_states.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_state_tables_are_fresh() -> None:
    fresh = _generator().render()
    committed = (DOCS / "_generated" / "call_states.rst").read_text()
    assert committed == fresh, "docs/_generated/call_states.rst is stale: run docs/gen_states.py"


def test_the_tables_show_every_transition() -> None:
    from trio_rxrpc._proto.transitions import TRANSITIONS, CallEvent

    text = _generator().render()
    for (state, event), target in TRANSITIONS.items():
        assert f"``{state.value}``" in text
        if event is not CallEvent.FAILED:
            assert f"To ``{target.value}``" in text or target is state


def test_design_includes_the_generated_tables() -> None:
    assert ".. include:: _generated/call_states.rst" in (DOCS / "design.rst").read_text()


def test_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    gen = _generator()
    out = tmp_path / "call_states.rst"
    vars(gen)["OUTPUT"] = out
    out.write_text("old\n")
    assert gen.main(["--check"]) == 1
    assert gen.main([]) == 0
    assert out.read_text() == gen.render()
    assert gen.main(["--check"]) == 0


def test_the_script_runs_from_the_command_line() -> None:
    result = subprocess.run([sys.executable, str(DOCS / "gen_states.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
