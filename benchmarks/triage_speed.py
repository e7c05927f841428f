"""Module 3: `humaskit triage` on large inputs, whole process, beside `humaskit classify` on the same.

    python benchmarks/triage_speed.py [--rows 1000000] [--cell-mb 10]

Inputs (written to a temporary folder, never into the repository):
  * ROWS comments: the corpus comments (datasets/comments.csv) drawn at random, with small
    variations (a suffix such as " min", "!!", " 🙏", " #1"; one in twenty upper-cased);
  * one cell of CELL_MB million characters: corpus comments joined by spaces.

For each input: wall-clock seconds, CPU seconds and peak resident memory of the whole `humaskit`
process (its worker processes included: os.wait4 reports their CPU and the largest of them),
beside `humaskit classify` on the same file as the reference, with the load average before each
run. The machine (2 cores) is shared, so wall-clock time varies with the load; CPU time less so.
Then the stages of `humaskit triage` in one process (read, model features, predict, scrub every
column, write) and a check that the triage labels equal the scikit-learn vectorisers' on every
corpus comment and scenario item.

Targets: ROWS comments in under 60 s and 1 GB; the one big cell in under 5 s. Exits 1 when one
is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = ["", "", " min", "!!", " 🙏", " ???", " wkwk", " #1", " tolong dibantu"]
TARGET_SECONDS, TARGET_MB, TARGET_CELL_SECONDS = 60, 1024, 5


def load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def corpus_texts() -> np.ndarray:
    return pd.read_csv(ROOT / "datasets" / "comments.csv")["text"].dropna().astype(str).to_numpy()


def make_rows(path: Path, rows: int) -> None:
    rng = np.random.default_rng(7)
    texts = corpus_texts()
    picked = texts[rng.integers(0, len(texts), rows)]
    suffix = np.array(SUFFIXES, dtype=object)[rng.integers(0, len(SUFFIXES), rows)]
    upper = rng.random(rows) < 0.05
    out = [(t + s).upper() if u else t + s for t, s, u in zip(picked, suffix, upper, strict=True)]
    pd.DataFrame({"id": np.arange(rows), "teks": out}).to_csv(path, index=False)


def make_cell(path: Path, chars: int) -> None:
    rng = np.random.default_rng(7)
    texts = corpus_texts()
    parts, size = [], 0
    while size < chars:
        parts.append(texts[rng.integers(0, len(texts))])
        size += len(parts[-1]) + 1
    pd.DataFrame({"id": [1], "teks": [" ".join(parts)[:chars]]}).to_csv(path, index=False)


def run(command: str, source: Path, output: Path) -> tuple[float, float, float, str]:
    """Wall-clock seconds, CPU seconds (user + system) and peak MB of one whole `humaskit` process
    (its workers included), and its message."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "humaskit.cli", command, str(source), "--text-column",
                                 "teks", "--output", str(output)], stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace").strip()
    assert proc.returncode == 0, message
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, message


def whole_process(files: dict[str, Path], tmp: Path) -> tuple[list[str], dict]:
    lines = ["## Whole process (`python -m humaskit.cli ... --output out.csv`)",
             f"{'input':<28} {'command':<9} {'seconds':>8} {'CPU s':>7} {'peak MB':>8}   load before"]
    figures = {}
    for name, source in files.items():
        for command in ("triage", "classify"):
            before = load()
            seconds, cpu, mb, message = run(command, source, tmp / f"{command}-{source.stem}.csv")
            figures[(name, command)] = (seconds, mb)
            lines.append(f"{name:<28} {command:<9} {seconds:>8.1f} {cpu:>7.1f} {mb:>8.0f}   {before}")
            print(lines[-1], "|", message.splitlines()[-1][:100], flush=True)
    return lines + [""], figures


def stages(source: Path) -> list[str]:
    """`humaskit triage`'s steps in this process, timed one by one (peak memory of this process)."""
    from humaskit.core.tables import read_table, write_table
    from humaskit.data import scrubbing
    from humaskit.response import triage

    lines = [f"## Stages of `humaskit triage` on {source.name}, in one process ({load()})",
             f"{'stage':<44} {'seconds':>8} {'peak MB':>8}"]

    def lap(name: str, start: float) -> float:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines.append(f"{name:<44} {time.perf_counter() - start:>8.2f} {peak:>8.0f}")
        print(lines[-1], flush=True)
        return time.perf_counter()

    t = time.perf_counter()
    df = read_table(source)
    t = lap("read the table", t)
    model = triage.default_model()
    model._prepare()
    sample = model.clip(df["teks"].fillna("").astype(str).tolist()[:100_000])
    t = lap("load the model", t)
    x = model.features(sample)
    t = lap(f"model features, {len(sample):,} texts, one core", t)
    np.asarray(x @ model.coef.T)
    t = lap(f"predict (scores), {len(sample):,} texts, one core", t)
    out = triage.triage_frame(df, "teks")
    t = lap(f"triage_frame, all {len(df):,} texts, all cores", t)
    with tempfile.TemporaryDirectory() as tmp:
        out, _ = scrubbing.scrub_for_output(out, Path(tmp) / "out.csv", text_columns=["teks"])
        t = lap("scrub every column (scrubbing.scrub_for_output)", t)
        write_table(out, Path(tmp) / "out.csv")
    lap("write the file (core.tables.write_table, streamed)", t)
    return lines + [""]


def unchanged_labels() -> tuple[list[str], int]:
    import scipy.sparse as sp

    from humaskit.data import scenarios
    from humaskit.response import triage

    model = triage.default_model()
    texts = [*corpus_texts(), *scenarios.all_items()["text"].astype(str)]
    word, char = model.vectorisers()
    scores = np.asarray(sp.hstack([word.transform(texts), char.transform(texts)]) @ model.coef.T)
    reference = np.asarray(model.classes)[(scores + model.intercept).argmax(axis=1)]
    changed = int((model.predict(texts) != reference).sum())
    return ["## Labels", f"triage labels that differ from the scikit-learn vectorisers' on {len(texts):,} "
            f"corpus comments and scenario items: {changed}", ""], changed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cell-mb", type=float, default=10)
    args = ap.parse_args()
    lines = ["# Triage speed on large inputs", f"{os.cpu_count()} cores; {load()} at the start", ""]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        rows, cell = tmp / "rows.csv", tmp / "cell.csv"
        make_rows(rows, args.rows)
        make_cell(cell, int(args.cell_mb * 1_000_000))
        files = {f"{args.rows:,} comments": rows, f"one {args.cell_mb:g} MB cell": cell}
        for path in files.values():
            path.read_bytes()  # in the page cache, so the first command does not pay for the disk
        part, figures = whole_process(files, tmp)
        lines += part
        lines += stages(rows)
    part, changed = unchanged_labels()
    lines += part
    print("\n".join(part), flush=True)
    seconds, mb = figures[(f"{args.rows:,} comments", "triage")]
    cell_seconds = figures[(f"one {args.cell_mb:g} MB cell", "triage")][0]
    missed = [what for what, bad in (
        (f"{args.rows:,} comments in {seconds:.1f} s (target < {TARGET_SECONDS} s)",
         seconds >= TARGET_SECONDS),
        (f"peak {mb:.0f} MB (target < {TARGET_MB} MB)", mb >= TARGET_MB),
        (f"one big cell in {cell_seconds:.1f} s (target < {TARGET_CELL_SECONDS} s)",
         cell_seconds >= TARGET_CELL_SECONDS),
        (f"{changed} labels changed (target 0)", changed > 0)) if bad]
    verdict = ["## Targets", *(f"MISSED: {m}" for m in missed)] if missed else ["## Targets", "all met"]
    lines += verdict
    print("\n".join(verdict))
    out = ROOT / "benchmarks" / "results" / "triage_speed.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
