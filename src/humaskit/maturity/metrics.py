"""Response metrics per account, computed from canonical posts and comments.

The answer-detection rules (what counts as an answer, which edge cases are set aside) live in
``humaskit.maturity.evidence``; this module aggregates them per account for the corpus statistics.
"""

from __future__ import annotations

import pandas as pd

from humaskit.maturity.evidence import NEEDS_ANSWER, answered_threads


def first_responses(comments: pd.DataFrame) -> pd.DataFrame:
    """One row per citizen comment: answered (any agency reply below it in its branch),
    answered_at and response_hours (left empty for replies stamped before the question)."""
    return answered_threads(comments)[0]


def response_summary(posts: pd.DataFrame, comments: pd.DataFrame,
                     kinds: tuple[str, ...] = NEEDS_ANSWER) -> pd.DataFrame:
    """Per account: citizens' questions/complaints, share answered, median and p90 response hours."""
    fr = first_responses(comments)
    if "kind" in fr and fr["kind"].notna().any():
        fr = fr[fr["kind"].isin(kinds)]
    fr = fr.merge(posts[["post_id", "account"]], on="post_id", how="left")
    grouped = fr.groupby("account", observed=True)
    out = pd.DataFrame({
        "needs_answer": grouped.size(),
        "answered": grouped["answered"].sum(),
    })
    out["response_rate"] = out["answered"] / out["needs_answer"]
    out["median_first_response_hours"] = grouped["response_hours"].median()
    out["p90_first_response_hours"] = grouped["response_hours"].quantile(0.9)
    return out.reindex(sorted(posts["account"].unique()))
