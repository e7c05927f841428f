"""Issue 15: choosing the comment-triage model's features and settings on the TRAINING split only.

    python benchmarks/triage_cv.py [--quick]

Each candidate configuration is scored by 5-fold cross-validation grouped by thread (a comment is
never scored by a model that saw its siblings) on the texts the shipped model trains on
(``triage.training_set``: the corpus's training threads plus the scenario items). The held-out
threads are never read here, so no held-out score steers the choice. Every figure is the
out-of-fold macro-F1 (source: synthetic corpus, reference labels by their writers, model coders,
not humans) with a 95% percentile bootstrap interval over threads, and the paired bootstrap
interval of its difference from the reference (the logistic regression shipped before issue 15's
retrain): a candidate replaced it only because that difference is above zero throughout its
interval (the linear SVM, now shipped: ``triage.TriageModel``).

The other writers' training-only comments (``datasets/triage_extra/``, 4,006 after the held-out
guard) are judged the same way: a candidate marked "extra comments" trains on them in every fold
besides the fold's own training part; they are never scored, so every candidate is scored on the
same corpus and scenario rows and the paired differences compare like with like.

One candidate is a step on top of another: per-class offsets added to the SVM's decision scores to
raise macro-F1 (moving borderline texts between troll, rager and unhappy_customer). The offsets
are fitted nested, on inner out-of-fold scores of each outer training part, and the step is judged
against the SVM alone. The offsets each outer fold chose are printed: how stable they are is part
of the verdict.

Also printed: the out-of-fold confusion matrix of the reference configuration (which labels are
confused), and the training hard cases' accuracy. Writes benchmarks/results/triage_cv.txt.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.svm import LinearSVC

from humaskit.core.evaluation import confusion_table
from humaskit.core.textmodel import clean_texts, normalise, tokenize
from humaskit.data.schema import TRIAGE_LABELS
from humaskit.response import triage

RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"
SHIPPED = {"name": "before: word 1-2 + char_wb 1-3, LR C=10, balanced"}  # the reference
CANDIDATES = [
    SHIPPED,
    {"name": "char_wb 1-4", "char": (1, 4)},
    {"name": "char_wb 2-5", "char": (2, 5)},
    {"name": "LR C=30", "C": 30.0},
    {"name": "LR C=3", "C": 3.0},
    {"name": "no class weights", "class_weight": None},
    {"name": "word 1-3", "words": (1, 3)},
    {"name": "linear SVM C=0.5 (hinge)", "model": "svm", "C": 0.5},
    # Steps on top of another candidate, each judged against the step before it.
    {"name": "linear SVM C=0.5 + class offsets (nested)", "model": "svm", "C": 0.5, "offsets": True,
     "over": "linear SVM C=0.5 (hinge)"},
    {"name": "linear SVM C=0.5 + extra comments", "model": "svm", "C": 0.5, "extra": True,
     "over": "linear SVM C=0.5 (hinge)"},
    {"name": "linear SVM C=1.0 + extra comments", "model": "svm", "C": 1.0, "extra": True,
     "over": "linear SVM C=0.5 + extra comments"},
    {"name": "LR C=10 + extra comments", "extra": True, "over": "linear SVM C=0.5 + extra comments"},
]
QUICK = [SHIPPED, {"name": "LR C=30", "C": 30.0}]


def features(cfg: dict) -> list[TfidfVectorizer]:
    word = TfidfVectorizer(preprocessor=normalise, tokenizer=tokenize, token_pattern=None, lowercase=False,
                           ngram_range=cfg.get("words", (1, 2)), sublinear_tf=True, dtype=np.float32)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=cfg.get("char", (1, 3)), min_df=2,
                           sublinear_tf=True, lowercase=True, dtype=np.float32)
    return [word, char]


def fit_scores(cfg: dict, texts: list[str], y: np.ndarray, train, test):
    """Fit ``cfg`` on the ``train`` rows; its classes and decision scores for the ``test`` rows."""
    vecs = features(cfg)
    x_train = sp.hstack([v.fit_transform([texts[i] for i in train]) for v in vecs]).tocsr()
    x_test = sp.hstack([v.transform([texts[i] for i in test]) for v in vecs]).tocsr()
    weight = cfg.get("class_weight", "balanced")
    if cfg.get("model") == "svm":
        clf = LinearSVC(C=cfg.get("C", 0.5), class_weight=weight, random_state=0, max_iter=5000)
    else:
        clf = LogisticRegression(C=cfg.get("C", 10.0), max_iter=5000, class_weight=weight)
    clf.fit(x_train, y[train])
    return clf.classes_, clf.decision_function(x_test)


def macro_f1_offsets(scores: np.ndarray, truth: np.ndarray, rounds: int = 3) -> np.ndarray:
    """One offset per class added to the decision scores, raising the macro-F1 of ``scores``
    (coordinate ascent over -0.3..0.3 in steps of 0.025; a move must gain more than 0.0001)."""
    grid = np.round(np.linspace(-0.3, 0.3, 25), 3)
    labels = np.arange(scores.shape[1])

    def macro(offsets):
        return f1_score(truth, (scores + offsets).argmax(axis=1), labels=labels, average="macro",
                        zero_division=0)

    offsets = np.zeros(scores.shape[1])
    best = macro(offsets)
    for _ in range(rounds):
        before = best
        for k in labels:
            for value in grid:
                trial = offsets.copy()
                trial[k] = value
                if (score := macro(trial)) > best + 1e-4:
                    best, offsets = score, trial
        if best == before:
            break
    return offsets


def out_of_fold(cfg: dict, texts: list[str], y: np.ndarray, folds, threads: np.ndarray,
                extra: np.ndarray) -> tuple[np.ndarray, list[dict[str, float]]]:
    """Out-of-fold labels of the scored rows (those the folds test), and the class offsets each
    outer fold chose (none without ``offsets``). With ``extra`` the rows ``extra`` (the other
    writers' training-only comments) join every fold's training part; they are never scored.
    With ``offsets`` the per-class offsets are fitted, nested, on the out-of-fold scores of the
    outer training part alone (4 inner folds grouped by thread), then added to the outer test
    scores."""
    pred = np.empty(len(y), dtype=object)
    chosen: list[dict[str, float]] = []
    for train, test in folds:
        if cfg.get("extra"):
            train = np.concatenate([train, extra])
        classes, scores = fit_scores(cfg, texts, y, train, test)
        if cfg.get("offsets"):
            inner = np.zeros((len(train), len(classes)))
            for inner_train, inner_test in GroupKFold(4).split(train, y[train], threads[train]):
                _, inner[inner_test] = fit_scores(cfg, texts, y, train[inner_train], train[inner_test])
            offsets = macro_f1_offsets(inner, np.searchsorted(classes, y[train]))
            chosen.append(dict(zip(classes, offsets.round(3), strict=True)))
            scores = scores + offsets
        pred[test] = classes[scores.argmax(axis=1)]
    return pred, chosen


def macro_f1(y, p) -> float:
    return float(f1_score(list(y), list(p), average="macro"))


def thread_bootstrap(y, threads, preds: dict[str, np.ndarray], base: str, n_boot: int = 1000, seed: int = 0):
    """Per configuration: macro-F1 interval and the paired interval of its difference from
    ``base``, resampling whole threads."""
    ids = pd.factorize(threads)[0]
    members = [np.flatnonzero(ids == k) for k in range(ids.max() + 1)]
    rng = np.random.default_rng(seed)
    values: dict[str, list[float]] = {k: [] for k in preds}
    diffs: dict[str, list[float]] = {k: [] for k in preds}
    for _ in range(n_boot):
        rows = np.concatenate([members[k] for k in rng.integers(0, len(members), len(members))])
        base_f1 = macro_f1(y[rows], preds[base][rows])
        for name, p in preds.items():
            f1 = macro_f1(y[rows], p[rows])
            values[name].append(f1)
            diffs[name].append(f1 - base_f1)
    q = [0.025, 0.975]
    return ({k: tuple(np.quantile(v, q)) for k, v in values.items()},
            {k: tuple(np.quantile(v, q)) for k, v in diffs.items()})


def run(configs: list[dict]) -> None:
    print(f"Triage configuration by cross-validation on the training split only; load at start "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores shared with other work")
    data = triage.training_set()
    train, _ = triage.split_comments()
    hard_texts = set(train.loc[train["hard"], "text"])
    texts = clean_texts(data["text"])
    y = data["label"].astype(str).to_numpy()
    threads = data["thread"].astype(str).to_numpy()
    is_extra = (data["source"] == "extra").to_numpy()
    scored, extra = np.flatnonzero(~is_extra), np.flatnonzero(is_extra)
    folds = [(scored[a], scored[b]) for a, b in GroupKFold(5).split(scored, y[scored], threads[scored])]
    hard = np.array([t in hard_texts for t in texts])[scored]
    print(f"{len(scored)} training texts of the corpus and scenarios in {len(set(threads[scored]))} "
          f"threads ({int(hard.sum())} training hard cases), scored out of fold: 5 folds grouped by "
          f"thread; the held-out threads are not read. Candidates marked 'extra comments' also train "
          f"on the other writers' {len(extra)} training-only comments ({len(set(threads[extra]))} "
          "threads, datasets/triage_extra/) in every fold; those are never scored")
    print("source: synthetic corpus and scenario items; reference = the writers' labels (model coders), "
          "not humans; intervals: 95% percentile bootstrap over threads (1,000 resamples)\n")
    preds, offsets_chosen = {}, []
    for cfg in configs:
        start = time.perf_counter()
        pred, chosen = out_of_fold(cfg, texts, y, folds, threads, extra)
        preds[cfg["name"]] = pred[scored]
        offsets_chosen += chosen
        print(f"  ran {cfg['name']} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    y, threads = y[scored], threads[scored]
    intervals, diffs = thread_bootstrap(y, threads, preds, SHIPPED["name"])
    print(f"{'configuration':<52} {'out-of-fold macro-F1':<26} {'difference from before':<26} hard")
    for name, p in preds.items():
        low, high = intervals[name]
        dlow, dhigh = diffs[name]
        diff = macro_f1(y, p) - macro_f1(y, preds[SHIPPED['name']])
        print(f"{name:<52} {macro_f1(y, p):.3f} [{low:.3f}, {high:.3f}]       "
              f"{diff:+.3f} [{dlow:+.3f}, {dhigh:+.3f}]       {(p == y)[hard].mean():.3f}")
    steps = {cfg["name"]: cfg["over"] for cfg in configs if "over" in cfg}
    better = [n for n in preds if n != SHIPPED["name"] and n not in steps and diffs[n][0] > 0]
    for name, over in steps.items():
        _, step = thread_bootstrap(y, threads, {over: preds[over], name: preds[name]}, over)
        low, high = step[name]
        gained = low > 0 and over in better
        print(f"\n{name} against {over} alone: {macro_f1(y, preds[name]) - macro_f1(y, preds[over]):+.3f} "
              f"[{low:+.3f}, {high:+.3f}]" + ("" if gained else ": not better throughout its interval"))
        if gained:
            better = [*(n for n in better if n != over), name]
    print("\nchosen: " + (", ".join(better) if better else
                          "the reference configuration (no candidate is better throughout its interval)"))
    for fold, offsets in enumerate(offsets_chosen):
        print(("\nclass offsets chosen, nested, per outer fold:\n" if fold == 0 else "")
              + f"  fold {fold}: " + ", ".join(f"{k} {v:+.3f}" for k, v in offsets.items()))
    print("\nOut-of-fold confusion of the reference configuration (rows: writers' label, columns: model)")
    print(confusion_table(y, preds[SHIPPED["name"]], TRIAGE_LABELS).to_string())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="two configurations only (a smoke run)")
    args = ap.parse_args()
    buf = io.StringIO()
    with redirect_stdout(buf):
        run(QUICK if args.quick else CANDIDATES)
    sys.stdout.write(buf.getvalue())
    if not args.quick:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "triage_cv.txt").write_text(buf.getvalue(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
