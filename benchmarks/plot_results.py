"""Draw the benchmarks' figures from their own output: trio_rxrpc next to OpenAFS's C rx.

Save what ``compare_crxperf.py`` and ``compare_rxkad.py`` print, then draw it::

    python benchmarks/compare_crxperf.py --runs 5 | tee crxperf.txt
    python benchmarks/compare_rxkad.py --runs 5 | tee rxkad.txt
    python benchmarks/plot_results.py crxperf.txt rxkad.txt -o performance.svg

Only the ``RESULT`` lines are read (the tables above them are for people).  The plot has
two panels, small calls (calls per second) and bulk transfer (MB/s); each figure is a group
of bars, one per pairing that was measured (trio_rxrpc with itself, C with itself, and the
mixed pairs when present), with the range of the runs as an error bar where the output gives
one, and the trio_rxrpc : C ratio written above the group.  ``--table`` prints the same
figures as a reStructuredText table instead.

Drawing needs matplotlib (``pip install -e '.[bench]'``); reading and ``--table`` do not.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

PAIRINGS = ("py/py", "C/C", "py->C", "C->py")
"""How each benchmark names its pairings (client/server), in drawing order."""
LABELS = {"py/py": "trio-rxrpc", "C/C": "OpenAFS C rx", "py->C": "trio-rxrpc client, C server",
          "C->py": "C client, trio-rxrpc server"}
COLOURS = {"py/py": "#3b6ea5", "C/C": "#b0b0b0", "py->C": "#7fa7d1", "C->py": "#d9a441"}

# (RESULT name, label) in the order drawn; names missing from the output are left out.
FIGURES = (
    ("echo_seq", "echo, 1 in flight"),
    ("echo_c64", "echo, 64 in flight"),
    ("rxkad.rpc-null", "RPC, rxnull"),
    ("rxkad.rpc-clear", "RPC, rxkad clear"),
    ("rxkad.rpc-auth", "RPC, rxkad auth"),
    ("rxkad.rpc-crypt", "RPC, rxkad crypt"),
    ("send_64MiB", "bulk upload"),
    ("recv_64MiB", "bulk download"),
    ("rxkad.crypt-send", "rxkad crypt upload"),
    ("rxkad.crypt-recv", "rxkad crypt download"),
)

_WORD = re.compile(r"(\S+?)=(\S+)")


class ResultsError(ValueError):
    """The output holds no figure this script knows."""


@dataclass
class Figure:
    """One measured figure: the median (and range, when given) of each pairing."""

    name: str
    unit: str = ""
    median: dict[str, float] = field(default_factory=dict)
    low: dict[str, float] = field(default_factory=dict)
    high: dict[str, float] = field(default_factory=dict)
    ratio: float | None = None
    """trio_rxrpc : C, the median of the run-by-run ratios when the output gives it."""


def _words(line: str) -> dict[str, str]:
    return dict(_WORD.findall(line[len("RESULT "):]))


def parse(text: str, figures: dict[str, Figure] | None = None) -> dict[str, Figure]:
    """The figures in one benchmark's output, added to ``figures`` (by RESULT name).

    Understands both forms: one line per pairing (``name=echo_seq.py/py median=...
    min=... max=...`` and ``name=echo_seq.ratio median=...``, from ``compare_crxperf.py``)
    and one line per figure (``name=rxkad.rpc-null py/py=... C/C=... paired=...
    min.py/py=... max.py/py=...``, from ``compare_rxkad.py``).
    """
    found = {} if figures is None else figures
    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith("RESULT "):
            continue
        words = _words(line)
        name = words.get("name", "")
        base, _, pairing = name.rpartition(".")
        if pairing in PAIRINGS:
            figure = found.setdefault(base, Figure(base))
            figure.unit = words.get("unit", figure.unit)
            figure.median[pairing] = float(words["median"])
            if "min" in words and "max" in words:
                figure.low[pairing] = float(words["min"])
                figure.high[pairing] = float(words["max"])
        elif pairing == "ratio" and base:
            found.setdefault(base, Figure(base)).ratio = float(words["median"])
        elif any(key in words for key in PAIRINGS):
            figure = found.setdefault(name, Figure(name))
            figure.unit = words.get("unit", figure.unit)
            for key in PAIRINGS:
                if key in words:
                    figure.median[key] = float(words[key])
                if f"min.{key}" in words and f"max.{key}" in words:
                    figure.low[key] = float(words[f"min.{key}"])
                    figure.high[key] = float(words[f"max.{key}"])
            if "paired" in words:
                figure.ratio = float(words["paired"])
    return found


def known(figures: dict[str, Figure]) -> list[tuple[str, Figure]]:
    """(label, figure) for the figures this script draws, in drawing order.

    Raises:
        ResultsError: none of them is in the output.
    """
    chosen = [(label, figures[name]) for name, label in FIGURES
              if name in figures and figures[name].median]
    if not chosen:
        raise ResultsError("no RESULT line of compare_crxperf.py or compare_rxkad.py found")
    return chosen


def ratio_of(figure: Figure) -> float | None:
    """trio_rxrpc : C for ``figure`` (the paired ratio if given, else of the medians)."""
    if figure.ratio is not None:
        return figure.ratio
    py, c = figure.median.get("py/py"), figure.median.get("C/C")
    return py / c if py and c else None


def table(figures: dict[str, Figure]) -> str:
    """The figures as a reStructuredText list-table (medians, ranges, ratio)."""
    chosen = known(figures)
    present = [p for p in PAIRINGS if any(p in f.median for _, f in chosen)]
    lines = [".. list-table::", "   :header-rows: 1", "",
             "   * - figure", "     - unit"]
    lines += [f"     - {p.replace('->', ' → ')}" for p in present]
    lines.append("     - trio-rxrpc : C")
    for label, figure in chosen:
        lines += [f"   * - {label}", f"     - {figure.unit}"]
        for pairing in present:
            value = figure.median.get(pairing)
            if value is None:
                lines.append("     - ")
                continue
            cell = _number(value)
            if pairing in figure.low:
                cell += f" ({_number(figure.low[pairing])}-{_number(figure.high[pairing])})"
            lines.append(f"     - {cell}")
        ratio = ratio_of(figure)
        lines.append(f"     - {'' if ratio is None else f'{ratio:.2f}'}")
    return "\n".join(lines)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def draw(figures: dict[str, Figure], out: Path, title: str) -> None:
    """Write the two-panel bar chart to ``out`` (its suffix picks the format: svg, png, pdf)."""
    import matplotlib  # only drawing needs it (the bench extra)

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: small, searchable
    import matplotlib.pyplot as plt

    chosen = known(figures)
    panels = [[(label, f) for label, f in chosen if f.unit == "calls/s"],
              [(label, f) for label, f in chosen if f.unit == "MB/s"]]
    panels = [p for p in panels if p]
    fig, axes = plt.subplots(1, len(panels), figsize=(6.0 * len(panels), 4.6), squeeze=False)
    for ax, panel in zip(axes[0], panels, strict=True):
        present = [p for p in PAIRINGS if any(p in f.median for _, f in panel)]
        width = 0.8 / len(present)
        for i, pairing in enumerate(present):
            xs: list[float] = []
            heights: list[float] = []
            errors: list[list[float]] = [[], []]
            for x, (_label, figure) in enumerate(panel):
                value = figure.median.get(pairing)
                if value is None:
                    continue
                xs.append(x + (i - (len(present) - 1) / 2) * width)
                heights.append(value)
                errors[0].append(value - figure.low.get(pairing, value))
                errors[1].append(figure.high.get(pairing, value) - value)
            ax.bar(xs, heights, width, label=LABELS[pairing], color=COLOURS[pairing],
                   yerr=errors if any(errors[0] + errors[1]) else None, capsize=2)
        for x, (_label, figure) in enumerate(panel):
            ratio = ratio_of(figure)
            if ratio is not None:
                top = max(figure.high.get(p, v) for p, v in figure.median.items())
                ax.annotate(f"{ratio:.2f}x", (x, top), textcoords="offset points",
                            xytext=(0, 4), ha="center", fontsize=8)
        ax.set_xticks(range(len(panel)))
        ax.set_xticklabels([label for label, _ in panel], rotation=25, ha="right", fontsize=8)
        unit = panel[0][1].unit
        ax.set_ylabel(unit)
        ax.set_title("small calls" if unit == "calls/s" else "bulk transfer (64 MiB)",
                     fontsize=10)
        ax.legend(fontsize=7)
        ax.margins(y=0.12)
    fig.suptitle(title, fontsize=10)
    fig.text(0.5, 0.005, "bars: median of the runs; whiskers: their range; above each group: "
             "trio-rxrpc : C (paired)", ha="center", fontsize=7)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(out, metadata={"Date": None} if out.suffix == ".svg" else None)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("outputs", nargs="+", type=Path,
                        help="saved output of compare_crxperf.py / compare_rxkad.py")
    parser.add_argument("-o", "--out", type=Path, help="the image to write (.svg, .png)")
    parser.add_argument("--title", default="trio-rxrpc and OpenAFS's C rx on loopback",
                        help="the plot's title")
    parser.add_argument("--table", action="store_true",
                        help="print a reStructuredText table of the figures")
    args = parser.parse_args(argv)
    if args.out is None and not args.table:
        parser.error("give -o IMAGE, --table, or both")
    figures: dict[str, Figure] = {}
    for path in args.outputs:
        parse(path.read_text(), figures)
    try:
        if args.table:
            print(table(figures))
        if args.out is not None:
            draw(figures, args.out, args.title)
            print(f"wrote {args.out}", file=sys.stderr)
    except ResultsError as exc:
        print(f"plot_results: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
