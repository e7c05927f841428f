"""Response and engagement metrics computed from canonical posts and comments."""

from __future__ import annotations

import pandas as pd

# Citizens' messages that call for an answer (reference sheet, section 4).
NEEDS_ANSWER = ("question", "unhappy_customer")


def first_responses(comments: pd.DataFrame) -> pd.DataFrame:
    """One row per citizen comment: whether the agency answered it in its thread, and how fast.

    An answer is any agency comment below the citizen's comment in the reply tree (a direct
    reply, or a reply further down the same branch). The first-response time runs from the
    citizen's comment to the earliest such agency comment.
    """
    parent = comments.set_index("comment_id")["parent_id"].to_dict()
    times = comments.set_index("comment_id")["created_at"]
    role = comments.set_index("comment_id")["author_role"].astype(str).to_dict()
    earliest: dict[str, pd.Timestamp] = {}
    for cid in comments.loc[comments["author_role"] == "agency", "comment_id"]:
        t = times[cid]
        seen = set()
        node = parent.get(cid)
        while isinstance(node, str) and node in parent and node not in seen:
            seen.add(node)
            if role.get(node) == "citizen" and (node not in earliest or t < earliest[node]):
                earliest[node] = t
            node = parent.get(node)
    citizens = comments[comments["author_role"] == "citizen"].copy()
    citizens["answered_at"] = citizens["comment_id"].map(earliest)
    citizens["answered"] = citizens["answered_at"].notna()
    citizens["response_hours"] = (
        (citizens["answered_at"] - citizens["created_at"]).dt.total_seconds() / 3600
    )
    return citizens


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
