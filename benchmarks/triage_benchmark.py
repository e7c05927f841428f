"""Module 3: comment triage agreement and plan export times, each beside its reference.

    python benchmarks/triage_benchmark.py [--rows 100000]

Agreement
  * held-out corpus threads (never in training): the model and the transparent rules, per label,
    with the confusion matrix; target macro-F1 >= 0.80 (issue 5);
  * leave-one-scenario-out: for each scenario, a model trained on the corpus and the other seven
    scenarios, tested on that scenario's timeline (a crisis it never saw);
  * an independent coder on 304 items (datasets/triage_check/): coder vs the writers' labels, and the
    model vs the coder on the 240 held-out corpus items;
  * a second, blind coding of 480 training-only comments (datasets/triage_check/extra_*.csv): how
    far the extra comments' labels are from another coder's;
  * the real tweets in ../shared/realworld (when present): triage against their emotion labels.
Speed
  * `humaskit triage` on ROWS comments (whole process) beside the rules, in-process;
  * `humaskit plan validate` and `plan export` (docx, md) for every example plan.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from humaskit.coding import agreement
from humaskit.core.evaluation import bootstrap_interval, label_scores_with_intervals, share_interval
from humaskit.data import scenarios
from humaskit.data.schema import TRIAGE_LABELS
from humaskit.response import triage

ROOT = Path(__file__).resolve().parents[1]
SHARED = [ROOT.parent / "shared", Path("/work/shared")]  # beside the checkout, or the project machine's
TWEETS = next((p / "realworld" / "id-public-opinion-tweets" for p in SHARED if (p / "realworld").is_dir()),
              SHARED[0] / "realworld" / "id-public-opinion-tweets")
SOURCE = ("source: synthetic corpus and scenario timelines; reference labels from their writers (language-"
          "model agents), not humans; 95% percentile bootstrap intervals (1,000 resamples) in brackets")


def f1(y, p) -> float:
    return float(triage.evaluate(y, p).loc["macro_average", "f1"])


def ci(stat, *cols) -> str:
    low, high = bootstrap_interval(stat, *cols)
    return f"[{low:.3f}, {high:.3f}]"


def kappa(a, b) -> float:
    return agreement.cohen_kappa(list(a), list(b))


def held_out_section(model) -> list[str]:
    _, held = triage.split_comments()
    y = held["kind"]
    pred = model.predict(held["text"].tolist())
    rules = triage.RuleTriage().predict(held["text"])
    table = label_scores_with_intervals(y, pred, TRIAGE_LABELS)
    table["f1 aturan"] = triage.evaluate(y, rules)["f1"]
    macro = table.loc["macro_average"]  # its interval is the table's: one bootstrap, not two
    return [
        f"## Held-out corpus threads ({len(held)} comments in {held['post_id'].nunique()} threads, "
        "never in training)",
        SOURCE,
        f"model macro-F1 {macro['f1']:.3f} [{macro['f1_low']:.3f}, {macro['f1_high']:.3f}]   "
        f"rules {f1(y, rules):.3f} "
        f"{ci(f1, y, rules)}   target >= 0.88 (issue 15; issue 5 asked 0.80)",
        table.to_string(), "", "Confusion matrix (rows: reference, columns: model)",
        triage.confusion(y, pred).to_string(), "",
    ]


def loso_section() -> list[str]:
    items = scenarios.all_items()
    rows, preds = [], []
    for sid in items["scenario"].unique():
        model = triage.train_without(sid)
        sub = items[items["scenario"] == sid]
        p = model.predict(sub["text"].tolist())
        rules = triage.RuleTriage().predict(sub["text"])
        preds.append(pd.DataFrame({"ref": sub["triage"], "pred": p}))
        rows.append(f"  {sid:<24} {len(sub):>3} items  model {f1(sub['triage'], p):.3f} "
                    f"{ci(f1, sub['triage'], p)}   "
                    f"rules {f1(sub['triage'], rules):.3f} {ci(f1, sub['triage'], rules)}")
    allp = pd.concat(preds)
    return ["## Leave-one-scenario-out (a crisis the model never saw; hard cases are a third of items)",
            *rows, f"  pooled macro-F1 {f1(allp['ref'], allp['pred']):.3f} "
            f"{ci(f1, allp['ref'], allp['pred'])}",
            "",
            label_scores_with_intervals(allp["ref"], allp["pred"], TRIAGE_LABELS).to_string(), ""]


def coder_section(model) -> list[str]:
    d = triage.independent_check()
    s = agreement.summary(d["reference"].tolist(), d["coder_b"].tolist())
    corpus_part = d[d["source"] == "corpus"]
    pred = model.predict(corpus_part["text"].tolist())
    m_ref = agreement.summary(corpus_part["reference"].tolist(), list(pred))
    m_b = agreement.summary(corpus_part["coder_b"].tolist(), list(pred))
    c_ref = agreement.summary(corpus_part["reference"].tolist(), corpus_part["coder_b"].tolist())
    _, agreed = share_interval(d["reference"] == d["coder_b"])
    return [
        f"## Independent coder ({len(d)} items: {len(corpus_part)} held-out corpus comments, "
        f"{len(d) - len(corpus_part)} scenario items)",
        "coder B is another language-model agent (model coders, not humans)",
        f"coder B vs writers' labels, all items: agreement {s['percent_agreement']:.1%} "
        f"[{agreed[0]:.1%}, {agreed[1]:.1%}], "
        f"Cohen's kappa {s['kappa']:.3f} {ci(kappa, d['reference'], d['coder_b'])}, "
        f"Krippendorff's alpha {s['alpha']:.3f} "
        f"{ci(agreement.krippendorff_alpha, d['reference'], d['coder_b'])}",
        f"on the {len(corpus_part)} held-out corpus comments: coder B vs writers kappa "
        f"{c_ref['kappa']:.3f} {ci(kappa, corpus_part['reference'], corpus_part['coder_b'])}; "
        f"model vs writers kappa {m_ref['kappa']:.3f} {ci(kappa, corpus_part['reference'], pred)}; "
        f"model vs coder B kappa {m_b['kappa']:.3f} {ci(kappa, corpus_part['coder_b'], pred)}",
        "Confusion matrix (rows: writers' label, columns: coder B)",
        triage.confusion(d["reference"], d["coder_b"]).to_string(), "",
    ]


def extra_coder_section() -> list[str]:
    """Coder D's blind second coding of 480 training-only comments (80 per writer's label)."""
    d = triage.extra_check()
    s = agreement.summary(d["reference"].tolist(), d["coder_d"].tolist())
    _, agreed = share_interval(d["reference"] == d["coder_d"])
    per_label = []
    for label in TRIAGE_LABELS:
        part = d[d["reference"] == label]
        share, (low, high) = share_interval(part["reference"] == part["coder_d"])
        per_label.append(f"  {label:<17} {len(part):>3} comments  agreement {share:.1%} "
                         f"[{low:.1%}, {high:.1%}]")
    return [
        f"## Training-only comments, second coding ({len(d)} of the triage_extra/ comments, "
        f"{len(d) // len(TRIAGE_LABELS)} per writer's label, drawn with a fixed seed)",
        "coder D is another language-model agent that saw only the label instructions and the texts "
        "(model coders, not humans); the sample is stratified, so its overall share weights every "
        "label equally",
        f"coder D vs writers' labels: agreement {s['percent_agreement']:.1%} "
        f"[{agreed[0]:.1%}, {agreed[1]:.1%}], "
        f"Cohen's kappa {s['kappa']:.3f} {ci(kappa, d['reference'], d['coder_d'])}, "
        f"Krippendorff's alpha {s['alpha']:.3f} "
        f"{ci(agreement.krippendorff_alpha, d['reference'], d['coder_d'])}",
        "per writer's label (Wilson intervals):", *per_label,
        "Confusion matrix (rows: writers' label, columns: coder D)",
        triage.confusion(d["reference"], d["coder_d"]).to_string(), "",
    ]


EXPECTED = {"Anger": {"rager", "troll", "unhappy_customer"}, "Joy": {"positive"}, "Love": {"positive"}}


def realworld_section(model) -> list[str]:
    if not TWEETS.is_dir():
        return ["## Real tweets: skipped (../shared/realworld absent)", ""]
    frames = [pd.read_csv(p, sep="\t").assign(emotion=p.stem.replace("Data", ""))
              for p in sorted(TWEETS.glob("*Data.csv"))]
    tweets = pd.concat(frames, ignore_index=True)
    start = time.perf_counter()
    tweets["triage"] = model.predict(tweets["Tweet"].astype(str).tolist())
    seconds = time.perf_counter() - start
    table = pd.crosstab(tweets["emotion"], tweets["triage"], normalize="index").reindex(
        columns=list(TRIAGE_LABELS), fill_value=0)
    lines = [f"## Real tweets ({len(tweets)} public-opinion tweets, Riccosan et al. 2022; emotion labels "
             f"by humans), triaged in {seconds:.2f} s",
             "Share of each emotion's tweets per triage label:", (100 * table).round(1).to_string(), ""]
    lift = {}
    for emotion, labels in EXPECTED.items():
        sub = tweets[tweets["emotion"] == emotion]
        hit, (low, high) = share_interval(sub["triage"].isin(labels))
        base = tweets["triage"].isin(labels).mean()
        lift[emotion] = hit / base
        lines.append(f"{emotion} tweets triaged as {'/'.join(sorted(labels))}: {hit:.1%} "
                     f"[{low:.1%}, {high:.1%}] of {len(sub)} (all tweets: {base:.1%}, "
                     f"lift x{lift[emotion]:.2f})")
    angry_positive = table.loc["Anger", "positive"]
    lines += ["These tweets are general opinion, not replies to an agency, so the labels do not map "
              f"one-to-one; the lift over the base rate is the signal. Joy is recognised "
              f"(x{lift['Joy']:.1f}); anger only weakly (x{lift['Anger']:.1f} on the angry labels, and "
              f"{angry_positive:.0%} of angry tweets still land on positive):",
              "venting that names no agency or service looks like nothing the model learnt to flag, "
              "which is why the kit asks a person to check every triage before it is acted on. "
              "Intervals: 95% Wilson.", ""]
    return lines


def speed_section(rows: int) -> list[str]:
    from humaskit.data.corpus import load_comments

    texts = load_comments()["text"].astype(str)
    texts = texts[texts.str.len() > 0]
    big = pd.DataFrame({"teks": [f"{t} #{i}" for i, t in enumerate(texts.sample(rows, replace=True,
                                                                                   random_state=1))]})
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        big.to_csv(src, index=False)
        start = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "humaskit.cli", "triage", str(src), "--text-column", "teks",
                            "--output", str(out), "-q"], capture_output=True, text=True)
        cli = time.perf_counter() - start
        assert r.returncode == 0, r.stderr
    start = time.perf_counter()
    triage.RuleTriage().predict(big["teks"])
    rules = time.perf_counter() - start
    model = triage.default_model()
    start = time.perf_counter()
    model.predict(big["teks"].tolist())
    serial = time.perf_counter() - start
    return [f"## Speed: {rows:,} comments",
            f"`humaskit triage` whole process (read, model on all cores, scrub, write CSV): {cli:.1f} s",
            f"references, in-process: the same model on one core {serial:.1f} s; the transparent rules "
            f"alone {rules:.1f} s", ""]


def export_section() -> list[str]:
    lines = ["## Plans: validate and export every example plan (whole `humaskit` process each)",
             f"{'plan':<24} {'validate':>9} {'docx':>7} {'md':>7}  size docx"]
    totals = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((ROOT / "datasets" / "plans").glob("*.yaml")):
            times = []
            out = f"{tmp}/{path.stem}"
            for args in (["plan", "validate", str(path)],
                         ["plan", "export", str(path), "--format", "docx", "--output", f"{out}.docx"],
                         ["plan", "export", str(path), "--format", "md", "--output", f"{out}.md"]):
                start = time.perf_counter()
                r = subprocess.run([sys.executable, "-m", "humaskit.cli", *args], capture_output=True,
                                   text=True)
                times.append(time.perf_counter() - start)
                assert r.returncode == 0, (path.name, r.stdout, r.stderr)
            totals.append(times)
            size = Path(f"{tmp}/{path.stem}.docx").stat().st_size / 1024
            lines.append(f"{path.stem:<24} {times[0]:>8.2f}s {times[1]:>6.2f}s {times[2]:>6.2f}s  "
                         f"{size:.0f} KB")
    frame = pd.DataFrame(totals, columns=["validate", "docx", "md"])
    lines += [f"{'mean':<24} {frame['validate'].mean():>8.2f}s {frame['docx'].mean():>6.2f}s "
              f"{frame['md'].mean():>6.2f}s", ""]
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()
    model = triage.default_model()
    import os

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = ["# Triage and plan benchmark", f"model: {model.info}",
             f"load at start {load} on {os.cpu_count()} cores shared with other work", ""]
    for section in (lambda: held_out_section(model), loso_section, lambda: coder_section(model),
                    extra_coder_section, lambda: realworld_section(model), lambda: speed_section(args.rows),
                    export_section):
        part = section()
        print("\n".join(part), flush=True)
        lines += part
    out = ROOT / "benchmarks" / "results" / "triage.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
