"""Module 1 classifier: accuracy and speed, each printed beside the reference it must beat.

    python benchmarks/classify_benchmark.py [--rows 100000] [--skip-obvious]

Accuracy
  * macro-F1 on the held-out gold subset (never seen in training, scored against the two
    coders' adjudicated labels), beside the keyword baseline and the two model coders;
  * leave-one-agency-out: for each agency, a model trained only on the other agencies.
Speed
  * `humaskit classify` on ROWS unique posts, whole process (start-up, reading, writing);
  * the obvious pipeline (char 2-5 + word 1-2 TF-IDF into logistic regression) predicting the same
    posts, in-process, as the reference;
  * the shipped model's file size;
  * the real tweets in ../shared/realworld (when present), through the same command.
Targets (issue 3): macro-F1 >= 0.90 and >= baseline + 0.15; 100,000 posts < 10 s; model < 5 MB.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

from humaskit.coding import agreement, classify
from humaskit.core.evaluation import bootstrap_interval, label_scores_with_intervals
from humaskit.data import corpus
from humaskit.data.schema import LABEL_IDS

ROOT = Path(__file__).resolve().parents[1]
SHARED = [ROOT.parent / "shared", Path("/work/shared")]  # beside the checkout, or the project machine's
TWEETS = next((p / "realworld" / "id-public-opinion-tweets" for p in SHARED if (p / "realworld").is_dir()),
              SHARED[0] / "realworld" / "id-public-opinion-tweets")


def macro_f1(y, p) -> float:
    return f1_score(list(y), list(p), average="macro")


def ci(stat, *cols) -> str:
    """The 95% percentile bootstrap interval of a figure (1,000 resamples of the rows)."""
    low, high = bootstrap_interval(stat, *cols)
    return f"[{low:.3f}, {high:.3f}]"


def accuracy_section() -> dict:
    train, held = classify.split_corpus()
    model = classify.default_model()
    gold = corpus.load_gold().set_index("post_id")
    y = held["label"].astype(str)
    predicted = model.predict(held["text"])
    base = classify.KeywordBaseline().predict(held["text"])
    results = {
        "model": macro_f1(y, predicted),
        "baseline": macro_f1(y, base),
        "coder_a_vs_b": macro_f1(gold["coder_a"], gold["coder_b"]),
        "kappa_a_vs_b": agreement.cohen_kappa(gold["coder_a"], gold["coder_b"]),
    }
    print("== Accuracy on the held-out posts "
          f"({len(held)} posts: the gold subset and {int(held['hard'].sum())} hard cases; "
          f"trained on {len(train)}) ==")
    print("  source: synthetic corpus; reference labels from model coders (gold.md, hard cases: "
          "hard_gold.csv), not humans; 95% bootstrap intervals in brackets")
    print(f"  shipped model          macro-F1 {results['model']:.3f} {ci(macro_f1, y, predicted)}   "
          "(target >= 0.90)")
    print(f"  keyword baseline       macro-F1 {results['baseline']:.3f} {ci(macro_f1, y, base)}   "
          f"(model - baseline = {results['model'] - results['baseline']:+.3f}; target >= +0.15)")
    print(f"  coder A vs coder B     macro-F1 {results['coder_a_vs_b']:.3f} "
          f"{ci(macro_f1, gold['coder_a'], gold['coder_b'])}   kappa {results['kappa_a_vs_b']:.3f} "
          f"{ci(agreement.cohen_kappa, gold['coder_a'], gold['coder_b'])} on the {len(gold)} gold posts "
          "(two instances of one language model: an upper bound, see gold.md)")
    print(label_scores_with_intervals(y, predicted, LABEL_IDS).to_string())

    print("\n== Leave one agency out (trained without any post of that agency) ==")
    posts = corpus.load_posts()
    gold_labels = corpus.load_gold().set_index("post_id")["gold_label"]
    posts["ref"] = posts["post_id"].map(gold_labels).fillna(posts["label"].astype(str))
    scores, judged = [], []
    for account in sorted(posts["account"].unique()):
        others = train[train["account"] != account]
        m = classify.DialogicModel().fit(others["text"], others["label"].astype(str))
        mine = posts[posts["account"] == account]
        p_model = m.predict(mine["text"])
        f_model = macro_f1(mine["ref"], p_model)
        p_base = classify.KeywordBaseline().predict(mine["text"])
        f_base = macro_f1(mine["ref"], p_base)
        scores.append(f_model)
        judged.append(pd.DataFrame({"ref": mine["ref"], "pred": p_model, "account": account}))
        print(f"  {account:<22} model {f_model:.3f} {ci(macro_f1, mine['ref'], p_model)}   "
              f"baseline {f_base:.3f} {ci(macro_f1, mine['ref'], p_base)}   ({len(mine)} posts)")
    every = pd.concat(judged, ignore_index=True)

    def agency_mean(ref, pred, account):  # the mean of the per-agency macro-F1s of one resample
        return np.mean([macro_f1(ref[account == a], pred[account == a]) for a in np.unique(account)])

    print(f"  mean over agencies     model {np.mean(scores):.3f} "
          f"{ci(agency_mean, every['ref'], every['pred'], every['account'])} "
          f"(range {min(scores):.3f}-{max(scores):.3f}; interval: posts resampled with their agency)")
    results["leave_one_agency_out"] = float(np.mean(scores))
    return results


def make_posts(n: int, path: Path) -> None:
    """n unique posts built from the corpus: a post's text plus the first line of another."""
    texts = corpus.load_posts()["text"].tolist()
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, len(texts), n), rng.integers(0, len(texts), n)
    rows = [f"{texts[i]}\n{texts[j].splitlines()[0][:120]} #{k}"
            for k, (i, j) in enumerate(zip(a, b, strict=True))]
    pd.DataFrame({"post_id": [f"b{k:06d}" for k in range(n)], "account": "bench",
                  "text": rows}).to_csv(path, index=False)


def run_cli(input_path: Path, column: str, output: Path) -> tuple[float, float]:
    """Whole-process wall time and peak memory (MB) of `humaskit classify`."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "humaskit.cli", "classify", str(input_path),
                    "--text-column", column, "--output", str(output), "--quiet"], check=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak


def speed_section(rows: int, skip_obvious: bool) -> dict:
    results = {}
    print(f"\n== Speed: {rows:,} unique posts ==")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "posts.csv"
        make_posts(rows, src)
        print(f"  input file {src.stat().st_size / 1e6:.1f} MB")
        load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
        wall, peak = run_cli(src, "text", tmp / "out.csv")
        out = pd.read_csv(tmp / "out.csv", usecols=["label", "confidence"])
        assert len(out) == rows and out["label"].notna().all()
        results["cli_seconds"] = wall
        print(f"  humaskit classify (whole process, read + classify + write) "
              f"{wall:6.2f} s   peak {peak:.0f} MB   (target < 10 s; load before {load_before} on "
              f"{os.cpu_count()} cores shared with other work)")
        texts = pd.read_csv(src)["text"].tolist()
        model = classify.default_model()
        start = time.perf_counter()
        model.predict_proba(texts)
        single = time.perf_counter() - start
        results["predict_single_core"] = single
        print(f"  shipped model, predict only, one core                       {single:6.2f} s")
        if not skip_obvious:
            from sklearn.feature_extraction.text import TfidfVectorizer
            from sklearn.linear_model import LogisticRegression
            from sklearn.pipeline import make_pipeline, make_union

            train, _ = classify.split_corpus()
            obvious = make_pipeline(
                make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
                           TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                LogisticRegression(C=20, max_iter=3000))
            obvious.fit(train["text"], train["label"].astype(str))
            start = time.perf_counter()
            obvious.predict(texts)
            results["obvious_predict"] = time.perf_counter() - start
            print(f"  obvious pipeline (char 2-5 + word 1-2 TF-IDF + LR), predict "
                  f"{results['obvious_predict']:6.2f} s   (reference)")
    size = classify.MODEL_FILE.stat().st_size / 1e6
    results["model_mb"] = size
    print(f"  shipped model file {size:.2f} MB (target < 5 MB)")
    return results


def realworld_section(rows_per_second: float) -> None:
    print("\n== Real tweets (../shared/realworld) ==")
    if not TWEETS.is_dir():
        print("  skipped: ../shared/realworld is absent")
        return
    frames = [pd.read_csv(f, sep="\t") for f in sorted(TWEETS.glob("*.csv"))]
    tweets = pd.concat(frames, ignore_index=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "tweets.csv"
        tweets.to_csv(src, index=False)  # a temporary copy for the run, deleted afterwards
        wall, _ = run_cli(src, "Tweet", Path(tmp) / "out.csv")
        out = pd.read_csv(Path(tmp) / "out.csv")
    print(f"  {len(out):,} tweets in {wall:.2f} s whole process ({len(out) / wall:,.0f} rows/s; "
          f"the 100k run: {rows_per_second:,.0f} rows/s, start-up included in both)")
    print("  labels given:", out["label"].value_counts().to_dict())
    print("  median confidence by emotion label:",
          out.groupby("Label")["confidence"].median().round(2).to_dict())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--skip-obvious", action="store_true", help="do not time the reference pipeline")
    args = ap.parse_args()
    buf = io.StringIO()
    with redirect_stdout(buf):
        acc = accuracy_section()
        speed = speed_section(args.rows, args.skip_obvious)
        realworld_section(args.rows / speed["cli_seconds"])
        ok = (acc["model"] >= 0.90 and acc["model"] - acc["baseline"] >= 0.15
              and speed["model_mb"] < 5 and (args.rows < 100_000 or speed["cli_seconds"] < 10))
        print("\nall targets met" if ok else "\nTARGET MISSED")
    sys.stdout.write(buf.getvalue())
    if args.rows == 100_000 and not args.skip_obvious:  # the full run is the one results/ keeps
        (ROOT / "benchmarks" / "results" / "classify.txt").write_text(buf.getvalue(), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
