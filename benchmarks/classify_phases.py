"""Where the time of `humaskit classify` goes: each stage's wall and CPU time, now and before.

    python benchmarks/classify_phases.py [--rows 100000] [--before 6adc900]

Runs the stages of ``humaskit classify`` (imports, reading the CSV, classifying with calibration
and needs_review, scrubbing personal data from every column, writing the CSV) in a fresh process,
once with this checkout's ``src/`` and once with the ``src/`` of the commit ``--before`` (the
reference to beat), on the same ROWS posts built from the corpus. CPU time is user + system of the
process and of its worker processes; on a machine other work keeps busy the wall time is longer
than the CPU time, so the load is printed beside each run. Writes
benchmarks/results/classify_phases.txt.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BEFORE = "6adc900"  # main before the issue-15 speed work

STAGES = r'''
import os, sys, time
def cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
last = [time.perf_counter(), cpu()]
def lap(name):
    now = [time.perf_counter(), cpu()]
    print(f"{name}\t{now[0] - last[0]:.2f}\t{now[1] - last[1]:.2f}")
    last[:] = now
from humaskit.coding import classify
from humaskit.core.tables import read_table, write_table
from humaskit.data import scrubbing
lap("imports")
df = read_table(sys.argv[1])
lap("read CSV")
out = classify.classify_frame(df, "text")
out["needs_review"] = out["needs_review"].astype(object)
lap("classify (model on all cores)")
out, _ = scrubbing.scrub_for_output(out, sys.argv[2], text_columns=["text"])
lap("scrub every column")
write_table(out, sys.argv[2])
lap("write CSV")
'''


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(src: Path, posts: Path, tmp: Path) -> list[tuple[str, float, float]]:
    out = tmp / f"out-{src.parent.name}.csv"
    out.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", STAGES, str(posts), str(out)], env=env, check=True,
                          capture_output=True, text=True)
    rows = []
    for line in done.stdout.splitlines():
        name, wall, cpu = line.split("\t")
        rows.append((name, float(wall), float(cpu)))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--before", default=BEFORE)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import classify_benchmark  # the same posts as the classifier and models benchmarks

    buf = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        posts = tmp / "posts.csv"
        classify_benchmark.make_posts(args.rows, posts)
        before = tmp / "before"
        archive = subprocess.run(["git", "archive", args.before, "src"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(before, filter="data")
        print(f"humaskit classify on {args.rows:,} posts, stage by stage; {os.cpu_count()} cores shared "
              "with other work (wall time stretches with the load; CPU time does not)", file=buf)
        for label, src in ((f"before ({args.before})", before / "src"), ("now", ROOT / "src")):
            start = load()
            rows = run(src, posts, tmp)
            print(f"\n{label}: load before {start}, after {load()}", file=buf)
            print(f"  {'stage':<32}{'wall s':>8}{'CPU s':>8}", file=buf)
            for name, wall, cpu in rows:
                print(f"  {name:<32}{wall:8.2f}{cpu:8.2f}", file=buf)
            print(f"  {'total':<32}{sum(r[1] for r in rows):8.2f}{sum(r[2] for r in rows):8.2f}", file=buf)
    text = buf.getvalue()
    sys.stdout.write(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "classify_phases.txt").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
