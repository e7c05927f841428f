"""Analysing a whole coded timeline (module 1, notebook 5): shares, engagement, crisis periods."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from humaskit.coding import classify
from humaskit.data import corpus
from humaskit.data.schema import LABEL_IDS


def code_timeline(posts: pd.DataFrame, progress: bool = True) -> pd.DataFrame:
    """Posts with the model's ``label_model`` and ``confidence`` (an existing ``label`` is kept)."""
    out = classify.classify_frame(posts.drop(columns=["confidence"], errors="ignore"), "text",
                                  progress=progress)
    out = out.rename(columns={"label": "label_model"})
    out["label_model"] = pd.Categorical(out["label_model"], categories=LABEL_IDS)
    if "label_input" in out:
        out = out.rename(columns={"label_input": "label"})
    return out


def label_shares(posts: pd.DataFrame, by: str | list[str], label_column: str = "label") -> pd.DataFrame:
    """Share of each label within each group (rows sum to 1)."""
    table = pd.crosstab([posts[b] for b in ([by] if isinstance(by, str) else by)],
                        posts[label_column].astype(str), normalize="index")
    return table.reindex(columns=[c for c in LABEL_IDS if c in table.columns], fill_value=0)


def dialogic_share(posts: pd.DataFrame, by: str | list[str], label_column: str = "label") -> pd.Series:
    """Share of posts labelled dialogic_loop per group."""
    flags = posts[label_column].astype(str) == "dialogic_loop"
    keys = [posts[b] for b in ([by] if isinstance(by, str) else by)]
    return flags.groupby(keys, observed=True).mean().rename("dialogic_share")


def with_month(posts: pd.DataFrame) -> pd.DataFrame:
    out = posts.copy()
    out["month"] = out["created_at"].dt.strftime("%Y-%m")
    return out


def engagement_rate(posts: pd.DataFrame) -> pd.Series:
    """(likes + comments + shares) / followers x 100, per post (reference sheet, section 4)."""
    counts = {c: posts[c].astype("float64") for c in ("likes", "comments", "shares", "followers")}
    total = counts["likes"] + counts["comments"] + counts["shares"]  # a count not reported: NaN
    followers = counts["followers"]
    return (100 * total / followers.where(followers > 0)).rename("engagement_rate")


def engagement_by(posts: pd.DataFrame, by: str, label_column: str = "label") -> pd.DataFrame:
    """Median engagement rate per group, and per group and platform (rates differ by platform)."""
    data = posts.assign(engagement_rate=engagement_rate(posts))
    key = label_column if by == "label" else by
    return (data.groupby([key, "platform"], observed=True)["engagement_rate"].median()
            .unstack("platform").round(3))


def crisis_comparison(posts: pd.DataFrame, data_dir: Path | None = None,
                      label_column: str = "label", periods: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per account: posts per week and label shares inside and outside its crisis period.

    ``periods`` (account, start, end as WIB timestamps, end exclusive) defaults to the corpus
    agencies' crisis periods; pass your own for your agency's export.
    """
    periods = corpus.crisis_periods(data_dir) if periods is None else periods
    flags = corpus.in_periods(posts, periods)
    rows = []
    for account, group in posts.groupby("account", observed=True):
        p = periods[periods["account"] == account]
        crisis_days = sum((r.end - r.start).days for r in p.itertuples())
        span_days = max((group["created_at"].max() - group["created_at"].min()).days, 1)
        inside = group[flags[group.index]]
        outside = group[~flags[group.index]]
        labels = group[label_column].astype(str)

        def share(rows, label, labels=labels):
            return (labels[rows.index] == label).mean() if len(rows) else None

        rows.append({
            "account": account,
            "posts_per_week_crisis": 7 * len(inside) / crisis_days if crisis_days else None,
            "posts_per_week_normal": 7 * len(outside) / max(span_days - crisis_days, 1),
            "dialogic_crisis": share(inside, "dialogic_loop"),
            "dialogic_normal": share(outside, "dialogic_loop"),
            "information_crisis": share(inside, "useful_information"),
            "information_normal": share(outside, "useful_information"),
        })
    return pd.DataFrame(rows).set_index("account").astype(float).round(3)
