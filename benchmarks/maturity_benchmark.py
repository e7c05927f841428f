"""Module 2: the level computed for every corpus agency, and how long the HTML report takes.

    python benchmarks/maturity_benchmark.py

Prints one row per agency (level, capability, outcome, score, bootstrap distribution of the
outcome level) and the whole-process wall time of `humaskit maturity --format html` for the
agency with the most posts and comments, beside the JSON format as the reference.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from humaskit.data import corpus
from humaskit.maturity import levels

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    posts = corpus.load_posts()
    comments = corpus.load_comments(posts=posts)
    print(f"{'account':<20}{'level':>6}{'capab.':>7}{'outc.':>6}{'score':>7}"
          "  outcome level over 200 resamples")
    for account in sorted(posts["account"].unique()):
        r = levels.estimate(posts, comments, account)
        dist = ", ".join(f"{k}: {v:.0%}" for k, v in r["uncertainty"]["outcome_level_distribution"].items())
        print(f"{account:<20}{r['level']:>6}{r['capability_level']:>7}{r['outcome_level']:>6}"
              f"{r['score']:>7.2f}  {dist}")
    size = posts.groupby("account").size() + comments.merge(posts[["post_id", "account"]]).groupby(
        "account").size()
    largest = size.idxmax()
    print(f"\nlargest account: {largest} ({size[largest]} posts + comments)")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("json", "html"):
            out = Path(tmp) / f"laporan.{fmt}"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "humaskit.cli", "maturity",
                            "--posts", str(ROOT / "datasets/posts.csv"),
                            "--comments", str(ROOT / "datasets/comments.csv"),
                            "--account", largest, "--format", fmt, "--output", str(out)],
                           check=True, capture_output=True)
            wall = time.perf_counter() - start
            print(f"humaskit maturity --format {fmt:<4} whole process {wall:5.2f} s, "
                  f"{out.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
