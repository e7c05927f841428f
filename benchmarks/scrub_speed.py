"""What the new scrubbing costs `humaskit triage`, beside the scrubber it replaced, in one run.

    python benchmarks/scrub_speed.py [--rows 200000] [--rounds 2] [--cell-mb 10]

The reference is the kit at commit 72ac837 (before issue 14's scrubbing), copied from git into a
temporary folder. Both versions run the same whole `humaskit triage` process on the same inputs
(the rows of benchmarks/triage_speed.py: corpus comments with small variations, an id and a
text column; and one CELL_MB cell), alternately, ROUNDS times each; the figures are CPU seconds
(user + system, workers included, from os.wait4) because the machine (2 cores) is shared with
other sessions and wall-clock time follows their load; wall-clock and the load average are
printed too. Then the scrub stage alone, in this process: the old scrub_frame (text and author
columns) against the new scrubbing.scrub_for_output (every column), CPU seconds.

Target (issue 14): triage no more than about 1.5 times the reference. Writes
benchmarks/results/scrub_speed.txt.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from triage_speed import make_cell, make_rows  # noqa: E402

REFERENCE = "72ac837"
TARGET = 1.5


def load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def reference_tree(folder: Path) -> Path:
    """src/ of the reference commit, written under ``folder``."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", REFERENCE, "src"], capture_output=True,
                          check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def run(src: Path, source: Path, output: Path) -> tuple[float, float]:
    """CPU seconds (workers included) and wall-clock seconds of one `humaskit triage` process."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    if output.exists():
        output.unlink()
    start = time.perf_counter()
    command = [sys.executable, "-m", "humaskit.cli", "triage", str(source), "--text-column", "teks",
               "--output", str(output), "--quiet"]
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    assert os.waitstatus_to_exitcode(status) == 0, err
    return usage.ru_utime + usage.ru_stime, wall


def stage(rows: Path, ref_src: Path) -> list[str]:
    """The scrub stage alone on the triage output, old against new, CPU seconds in this process."""
    import importlib.util

    from humaskit.data import contacts, scrubbing
    from humaskit.response import triage

    path = ref_src / "humaskit" / "core" / "privacy.py"
    spec = importlib.util.spec_from_file_location("privacy_reference", path)
    assert spec and spec.loader
    old = importlib.util.module_from_spec(spec)
    sys.modules["privacy_reference"] = old
    spec.loader.exec_module(old)
    df = pd.read_csv(rows, dtype=str)
    out = triage.triage_frame(df, "teks")
    start = time.process_time()
    old.scrub_frame(out, ["teks"], contacts.official())
    before = time.process_time() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.process_time()
        scrubbing.scrub_for_output(out, Path(tmp) / "o.csv", text_columns=["teks"])
        now = time.process_time() - start
    return [f"## Scrub stage alone, {len(out):,} rows x {len(out.columns)} columns, this process ({load()})",
            f"reference scrub_frame (text and author columns)      {before:6.2f} CPU s",
            f"new scrub_for_output (every column)                  {now:6.2f} CPU s  "
            f"({now / before:.1f}x)", ""]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--cell-mb", type=float, default=10)
    args = ap.parse_args()
    lines = ["# Scrubbing cost in `humaskit triage`, new against the reference (commit 72ac837)",
             f"{os.cpu_count()} cores shared with other sessions; {load()} at the start", ""]
    ratios = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ref_src = reference_tree(tmp / "reference")
        rows, cell = tmp / "rows.csv", tmp / "cell.csv"
        make_rows(rows, args.rows)
        make_cell(cell, int(args.cell_mb * 1_000_000))
        lines += ["## Whole `humaskit triage` process (CPU s, workers included; wall s; load before)",
                  f"{'input':<22} {'version':<10} {'CPU s':>7} {'wall s':>8}   load before"]
        for name, source in ((f"{args.rows:,} comments", rows), (f"one {args.cell_mb:g} MB cell", cell)):
            cpu: dict[str, list[float]] = {"reference": [], "new": []}
            for _ in range(args.rounds):
                for version, src in (("reference", ref_src), ("new", ROOT / "src")):
                    before = load()
                    seconds, wall = run(src, source, tmp / "out.csv")
                    cpu[version].append(seconds)
                    lines.append(f"{name:<22} {version:<10} {seconds:>7.1f} {wall:>8.1f}   {before}")
                    print(lines[-1], flush=True)
            ratio = min(cpu["new"]) / min(cpu["reference"])
            ratios[name] = ratio
            lines.append(f"{name:<22} new / reference, best CPU of {args.rounds}: {ratio:.2f}x")
        lines.append("")
        lines += stage(rows, ref_src)
    worst = max(ratios.values())
    lines += ["## Target", f"triage CPU at most {TARGET}x the reference: worst {worst:.2f}x, "
              + ("met" if worst <= TARGET else "NOT met")]
    text = "\n".join(lines) + "\n"
    (ROOT / "benchmarks" / "results" / "scrub_speed.txt").write_text(text, encoding="utf-8")
    print(text)
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
