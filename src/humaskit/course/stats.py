"""Corpus statistics (``humaskit datasets stats``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from humaskit.coding import agreement
from humaskit.core import formats
from humaskit.core.evaluation import bootstrap_interval, share_interval
from humaskit.data import corpus, names
from humaskit.data.schema import LABEL_IDS
from humaskit.maturity import metrics


def corpus_stats(data_dir: Path | None = None) -> dict:
    posts = corpus.load_posts(data_dir)
    comments = corpus.load_comments(data_dir, posts=posts)
    agencies = corpus.load_agencies(data_dir)
    try:
        gold = corpus.load_gold(data_dir)
    except FileNotFoundError:
        gold = None
    try:
        hard = corpus.load_hard(data_dir)
        hard = hard[hard["gold_label"].notna()]
    except FileNotFoundError:
        hard = None
    responses = metrics.response_summary(posts, comments)
    labels = posts["label"].value_counts().reindex(LABEL_IDS, fill_value=0)
    kinds = comments["kind"].value_counts()
    months = posts["created_at"].dt.strftime("%Y-%m")
    return {
        "corpus_version": corpus.version(data_dir),
        "posts": len(posts),
        "comments": len(comments),
        "agencies": int(agencies["account"].nunique()),
        "platforms": int(posts["platform"].nunique()),
        "platform_names": sorted(posts["platform"].astype(str).unique()),
        "first_post": posts["created_at"].min().isoformat(),
        "last_post": posts["created_at"].max().isoformat(),
        "months": int(months.nunique()),
        "labels": {k: int(v) for k, v in labels.items()},
        "comment_kinds": {k: int(v) for k, v in kinds.items()},
        "citizen_comments": int((comments["author_role"] == "citizen").sum()),
        "agency_replies": int((comments["author_role"] == "agency").sum()),
        "gold_posts": 0 if gold is None else len(gold),
        "kappa": None if gold is None else agreement.cohen_kappa(gold["coder_a"], gold["coder_b"]),
        "alpha": None if gold is None else agreement.krippendorff_alpha(gold["coder_a"], gold["coder_b"]),
        "percent_agreement": None if gold is None else agreement.percent_agreement(
            gold["coder_a"], gold["coder_b"]),
        **_intervals(gold),
        "agreement_source": AGREEMENT_SOURCE,
        **_hard(hard),
        "response_rate": responses["response_rate"].round(4).to_dict(),
        "median_first_response_hours": responses["median_first_response_hours"].round(2).to_dict(),
        "posts_per_agency": posts["account"].value_counts().sort_index().to_dict(),
    }


AGREEMENT_SOURCE = ("synthetic corpus; coder A and coder B are two instances of one language model "
                    "(model coders, not humans): an upper bound, not a human reliability figure")
HARD_SOURCE = ("synthetic corpus; the writer's label against coder B, both the same language-model "
               "agent (not independent): no evidence of reliability")


def _intervals(gold) -> dict:
    """95% intervals of the gold subset's agreement figures (Wilson for the share, bootstrap for kappa)."""
    if gold is None:
        return {"kappa_interval": None, "percent_agreement_interval": None}
    a, b = gold["coder_a"].tolist(), gold["coder_b"].tolist()
    return {"kappa_interval": list(bootstrap_interval(agreement.cohen_kappa, a, b)),
            "percent_agreement_interval": list(share_interval(gold["coder_a"] == gold["coder_b"])[1])}


def _hard(hard) -> dict:
    """Agreement on the held-out hard cases (writer against coder B), reported apart."""
    if hard is None or hard.empty:
        return {"hard_items": 0, "hard_percent_agreement": None, "hard_percent_agreement_interval": None,
                "hard_kappa": None, "hard_source": HARD_SOURCE, "hard_independent": None}
    share, bounds = share_interval(hard["writer_label"] == hard["coder_b"])
    return {"hard_items": len(hard), "hard_percent_agreement": share,
            "hard_percent_agreement_interval": list(bounds),
            "hard_kappa": agreement.cohen_kappa(hard["writer_label"], hard["coder_b"]),
            "hard_source": HARD_SOURCE,
            "hard_independent": _independent(hard)}


INDEPENDENT_SOURCE = ("synthetic corpus; the writer's label against coder C, a language-model agent in "
                      "a session of its own that saw only the codebooks and the unlabelled items "
                      "(independent of the writer, but a model coder, not a human)")


def _independent(hard) -> dict | None:
    """The writer's label against coder C (independent), for all hard items, posts and comments:
    agreement with its Wilson interval, Cohen's kappa with its bootstrap interval, n."""
    if "coder_c" not in hard or hard["coder_c"].isna().any():
        return None
    out: dict = {"source": INDEPENDENT_SOURCE}
    for part, rows in (("all", hard), ("post", hard[hard["item"] == "post"]),
                       ("comment", hard[hard["item"] == "comment"])):
        a, c = rows["writer_label"].tolist(), rows["coder_c"].tolist()
        share, bounds = share_interval(rows["writer_label"] == rows["coder_c"])
        out[part] = {"n": len(a), "percent_agreement": share if a else None,
                     "percent_agreement_interval": list(bounds),
                     "kappa": agreement.cohen_kappa(a, c) if a else None,
                     "kappa_interval": list(bootstrap_interval(agreement.cohen_kappa, a, c))}
    return out


def _independent_lines(figures: dict | None, num, interval) -> list[str]:
    """The independent coder's agreement on the hard cases, in Indonesian (none: no lines)."""
    if not figures:
        return []
    lines = []
    for part, name in (("all", "semua"), ("post", "unggahan"), ("comment", "komentar")):
        f = figures[part]
        lines.append(f"    penulis vs pengode C, {name} ({formats.number(f['n'])}): kesepakatan "
                     f"{formats.percent(f['percent_agreement'])} "
                     f"{interval(f['percent_agreement_interval'], share=True)}, kappa {num(f['kappa'])} "
                     f"{interval(f['kappa_interval'])}")
    return [*lines,
            "    sumber: korpus sintetis; pengode C adalah agen model bahasa lain yang hanya melihat buku",
            "    kode dan butir tanpa label (independen dari penulis, tetapi model, bukan manusia)."]


def format_stats(s: dict) -> str:
    """The statistics as an Indonesian table: counts with Indonesian marks, labels by name (code)."""
    def num(x, decimals=3):
        return formats.number(x, decimals)

    def count(x):
        return formats.number(x)

    def interval(bounds, share: bool = False) -> str:
        if not bounds:
            return ""
        low, high = (formats.percent(v) if share else num(v) for v in bounds)
        return f"(IK 95% {low}–{high})"

    def day(iso: str) -> str:
        return formats.date(dt.date.fromisoformat(iso[:10]))

    labels = [(names.with_code(names.label(k), k), v) for k, v in s["labels"].items()]
    hard_share = formats.percent(s["hard_percent_agreement"]) if s["hard_items"] else "-"
    width = max([len(name) for name, _ in labels] + [24])
    lines = [
        f"Korpus humaskit ({s['corpus_version']})",
        f"  unggahan       {count(s['posts']):>6}   ({day(s['first_post'])} s.d. {day(s['last_post'])}, "
        f"{s['months']} bulan)",
        f"  komentar       {count(s['comments']):>6}   (warga {count(s['citizen_comments'])}, "
        f"balasan instansi {count(s['agency_replies'])})",
        f"  instansi       {count(s['agencies']):>6}",
        f"  platform       {count(s['platforms']):>6}   "
        f"({', '.join(names.platform(p) for p in s['platform_names'])})",
        "  label unggahan:",
        *[f"    {name:<{width}}{count(v):>7}" for name, v in labels],
        f"  subset rujukan {count(s['gold_posts']):>6}   kappa {num(s['kappa'])} "
        f"{interval(s['kappa_interval'])}, alpha {num(s['alpha'])}, "
        f"kesepakatan {formats.percent(s['percent_agreement'])} "
        f"{interval(s['percent_agreement_interval'], share=True)}",
        "    sumber: korpus sintetis; pengode A dan B adalah dua salinan model bahasa yang sama (bukan",
        "    manusia). Ini batas atas, bukan keandalan pengode manusia; ukur kesepakatan manusia di ruang",
        "    lokakarya (docs/rujukan-manusia.md).",
        f"  kasus sulit    {count(s['hard_items']):>6}   butir uji (unggahan dan komentar), kesepakatan "
        f"penulis vs pengode B {hard_share} {interval(s['hard_percent_agreement_interval'], share=True)}",
        "    sumber: korpus sintetis; penulis dan pengode B adalah agen model bahasa yang sama, jadi tidak",
        "    independen: angka ini bukan bukti keandalan.",
        *_independent_lines(s.get("hard_independent"), num, interval),
        "  respons per instansi (pertanyaan & keluhan warga):",
        f"    {'akun':<22}{'dijawab':>9}{'median jam':>12}",
    ]
    for account, rate in s["response_rate"].items():
        median = s["median_first_response_hours"].get(account)
        lines.append(f"    {account:<22}{formats.percent(rate, 0):>9}{num(median, 1):>12}")
    return "\n".join(lines)
