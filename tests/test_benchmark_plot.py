"""benchmarks/plot_results.py: reading the benchmarks' RESULT lines, the table, the drawing.

The inputs are the benchmark outputs kept in ``benchmarks/results/``, from which
``docs/performance.rst`` takes its figures and plot.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import in_ci

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("plot_results",
                                                  ROOT / "benchmarks" / "plot_results.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["plot_results"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


plot = _load()


def _saved() -> list[Path]:
    found = sorted(RESULTS.glob("*.txt"))
    assert found, f"no benchmark output kept in {RESULTS}"
    return found


def test_both_result_forms_are_read() -> None:
    text = "\n".join([
        "echo, 1 in flight   calls/s   2446.1   16707.7",  # a table row: ignored
        "RESULT name=echo_seq.py/py median=2446.1 unit=calls/s runs=5 min=2438.2 max=2446.8",
        "RESULT name=echo_seq.C/C median=16707.7 unit=calls/s runs=5 min=16155.5 max=17505.6",
        "RESULT name=echo_seq.ratio median=0.146 unit=x of_medians=0.146",
        "RESULT name=rxkad.rpc-null unit=calls/s py/py=2316.2 C/C=15900.2 ratio=0.146 "
        "paired=0.150 min.py/py=2294.0 max.py/py=2334.0 min.C/C=14779.0 max.C/C=19421.0",
    ])
    figures = plot.parse(text)
    seq = figures["echo_seq"]
    assert seq.unit == "calls/s"
    assert seq.median == {"py/py": 2446.1, "C/C": 16707.7}
    assert (seq.low["C/C"], seq.high["C/C"]) == (16155.5, 17505.6)
    assert seq.ratio == 0.146
    rpc = figures["rxkad.rpc-null"]
    assert rpc.median == {"py/py": 2316.2, "C/C": 15900.2}
    assert (rpc.low["py/py"], rpc.high["py/py"]) == (2294.0, 2334.0)
    assert plot.ratio_of(rpc) == 0.150  # the paired ratio, not that of the medians
    table = plot.table(figures)
    assert "   * - echo, 1 in flight" in table
    assert "2,446 (2,438-2,447)" in table


def test_output_without_results_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("crxperf could not be built\n")
    assert plot.main([str(empty), "--table"]) == 1
    with pytest.raises(plot.ResultsError):
        plot.known(plot.parse("RESULT name=something.else median=1 unit=x"))


def test_kept_outputs_hold_every_figure_with_ranges() -> None:
    figures: dict[str, object] = {}
    for path in _saved():
        plot.parse(path.read_text(), figures)
    for name, _label in plot.FIGURES:
        figure = figures[name]
        assert set(figure.median) >= {"py/py", "C/C"}, name  # type: ignore[attr-defined]
        assert set(figure.low) >= {"py/py", "C/C"}, name  # type: ignore[attr-defined]
        assert plot.ratio_of(figure) is not None


def test_the_plot_is_drawn_from_the_kept_outputs(tmp_path: Path) -> None:
    if importlib.util.find_spec("matplotlib") is None:
        message = "matplotlib is missing: pip install -e '.[bench]' (scripts/setup.sh --test)"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    out = tmp_path / "performance.svg"
    assert plot.main([*map(str, _saved()), "-o", str(out)]) == 0
    svg = out.read_text()
    assert svg.startswith("<?xml")
    assert "<svg" in svg
    assert "echo, 64 in flight" in svg
    assert "rxkad crypt download" in svg
