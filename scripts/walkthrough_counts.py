"""Count what a trainee reads and does in each assignment and app, and time a fresh run of each.

The figures behind the assignment and app rows of docs/walkthrough.md:

    python scripts/walkthrough_counts.py            # counts, then a timed run of each notebook

Words are those of the Markdown cells (and, for apps, of the text the app shows before any click is
not counted: apps are mostly widgets); answers are the answer cells of an nbgrader assignment (each a
question widget or form), split into required and optional parts; the run time is a fresh kernel
executing the notebook top to bottom with no answers given (what a trainee waits for on opening it).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
WIDGET = re.compile(r"\b(\w+_question|plan_fix_form|quiz_from_bank|\w+_practice|\w+_form|\w+_scorer)\(")


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def counts(path: Path) -> dict:
    nb = json.loads(path.read_text(encoding="utf-8"))
    optional = False
    out = {"words": 0, "code": 0, "required": 0, "optional": 0, "widgets": 0}
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            if text.lstrip().startswith("## Bagian"):
                optional = "opsional" in text.splitlines()[0]
            out["words"] += words(text)
            continue
        out["code"] += 1
        out["widgets"] += len(WIDGET.findall(text))
        if cell["metadata"].get("nbgrader", {}).get("solution"):
            out["optional" if optional else "required"] += 1
    return out


def run_seconds(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - started


def main() -> int:
    paths = [*sorted((ROOT / "assignments").glob("*/*.ipynb")), *sorted((ROOT / "apps").glob("*.ipynb"))]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'notebook':55} {'words':>6} {'code':>5} {'req':>4} {'opt':>4} {'widgets':>7} {'run s':>6}")
    for path in paths:
        c = counts(path)
        seconds = run_seconds(path) if "--no-run" not in sys.argv else float("nan")
        print(f"{str(path.relative_to(ROOT)):55} {c['words']:>6} {c['code']:>5} {c['required']:>4} "
              f"{c['optional']:>4} {c['widgets']:>7} {seconds:>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
