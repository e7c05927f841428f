"""Evidence of an agency's maturity measured from its own posts and replies (module 2).

Every figure is computed from the canonical posts and comments of one account. Messy exports are
expected and handled, each counted in ``anomalies`` so a report can say what it set aside:

* unanswered threads: a question without any agency reply counts as not answered;
* the agency answering itself: an agency reply under the agency's own comment answers nobody;
* replies timestamped before what they answer (clock skew, edited posts): counted as answered
  but left out of the response-time figures;
* mixed time zones: loaders convert every offset to WIB before anything is compared;
* deleted parents: a reply whose parent is missing is kept, but cannot answer anyone.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from humaskit.coding import timeline
from humaskit.core.errors import DataError

# Citizens' messages that call for an answer (reference sheet, section 4).
NEEDS_ANSWER = ("question", "unhappy_customer")

DATA_PATTERN = re.compile(
    r"\bdata\b|\bstatistik|\bpersen\b|%|\btabel\b|\bdataset\b|\brekapitulasi\b|\brekap\b|"
    r"\bjumlah kasus\b|\bindeks\b|\btren\b|\bgrafik\b|\banggaran\b|\brealisasi\b", re.I)
PARTICIPATION_PATTERN = re.compile(
    r"\bpolling\b|\bvote\b|\bsurvei\b|\bkuesioner\b|\bmasukan\b|\busul(?:an)?\b|\bpendapat\b|"
    r"\bsaran\b|\bkolom komentar\b|\bceritakan\b|\btanya jawab\b|\bjumat curhat\b", re.I)
COLLABORATION_PATTERN = re.compile(
    r"\bkolaborasi\b|\bbersama warga\b|\brancang bersama\b|\bco-?creation\b|\bhackathon\b|"
    r"\blomba (?:ide|inovasi|gagasan)\b|\bmusrenbang\b|\bforum warga\b|\bkonsultasi publik\b|"
    r"\buji publik\b|\brelawan\b|\bgotong royong\b|\bwarga (?:ikut|terlibat) (?:merancang|menyusun)\b",
    re.I)


@dataclass
class Evidence:
    account: str
    posts: int
    weeks: float
    posts_per_week: float
    active_week_share: float
    platforms: list[str]
    dialogic_share: float
    useful_information_share: float
    data_post_share: float
    participation_post_share: float
    collaboration_posts: int
    collaboration_post_share: float
    needs_answer: int
    answered: int
    response_rate: float | None
    median_first_response_hours: float | None
    p90_first_response_hours: float | None
    engagement_rate_median: dict[str, float]
    label_source: str
    anomalies: dict[str, int] = field(default_factory=dict)
    response_hours: list[float] = field(default_factory=list, repr=False)

    def to_dict(self, with_hours: bool = False) -> dict:
        d = asdict(self)
        if not with_hours:
            d.pop("response_hours")
        return d


def answered_threads(comments: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """Citizens' comments with the time of the agency's first answer in their branch."""
    ids = set(comments["comment_id"])
    parent = dict(zip(comments["comment_id"], comments["parent_id"], strict=True))
    role = dict(zip(comments["comment_id"], comments["author_role"].astype(str), strict=True))
    times = dict(zip(comments["comment_id"], comments["created_at"], strict=True))
    anomalies = {"deleted_parent": 0, "agency_answering_itself": 0, "reply_before_question": 0}
    earliest: dict[str, pd.Timestamp] = {}
    for pid in parent.values():
        if isinstance(pid, str) and pid not in ids:
            anomalies["deleted_parent"] += 1
    for cid in comments.loc[comments["author_role"] == "agency", "comment_id"]:
        pid = parent.get(cid)
        if isinstance(pid, str) and role.get(pid) == "agency":
            anomalies["agency_answering_itself"] += 1
        node, seen = pid, set()
        while isinstance(node, str) and node in ids and node not in seen:
            seen.add(node)
            if role[node] == "citizen" and (node not in earliest or times[cid] < earliest[node]):
                earliest[node] = times[cid]
            node = parent.get(node)
    citizens = comments[comments["author_role"] == "citizen"].copy()
    citizens["answered_at"] = citizens["comment_id"].map(earliest).astype(citizens["created_at"].dtype)
    citizens["answered"] = citizens["answered_at"].notna()
    hours = (citizens["answered_at"] - citizens["created_at"]).dt.total_seconds() / 3600
    skew = hours < 0
    anomalies["reply_before_question"] = int(skew.sum())
    citizens["response_hours"] = hours.where(~skew)
    return citizens, anomalies


def needs_answer(citizens: pd.DataFrame) -> pd.Series:
    """Which citizen comments call for an answer: questions and complaints.

    With triage labels (``kind``) that is question or unhappy_customer; without them, a
    top-level comment containing a question mark stands in (and the report says so).
    """
    if "kind" in citizens and citizens["kind"].notna().any():
        return citizens["kind"].isin(NEEDS_ANSWER)
    return citizens["parent_id"].isna() & citizens["text"].str.contains("?", regex=False)


def tables(posts: pd.DataFrame, comments: pd.DataFrame, account: str):
    """Per-post flags and per-question answers for one account (the basis of every figure).

    Returns (posts with flag columns, questions/complaints with answered + response_hours,
    anomalies, label source).
    """
    mine = posts[posts["account"] == account].copy()
    if mine.empty:
        accounts = ", ".join(sorted(posts["account"].unique()))
        raise DataError(f"akun '{account}' tidak ada di data unggahan. Akun yang ada: {accounts}.")
    label_source = "label"
    if mine["label"].isna().all():
        mine = timeline.code_timeline(mine, progress=False)
        mine["label"] = mine["label_model"]
        label_source = "model"
    labels = mine["label"].astype(str)
    texts = mine["text"].astype(str)
    mine["is_dialogic"] = labels == "dialogic_loop"
    mine["is_useful"] = labels == "useful_information"
    mine["is_data"] = texts.str.contains(DATA_PATTERN)
    mine["is_participation"] = mine["is_dialogic"] & texts.str.contains(PARTICIPATION_PATTERN)
    mine["is_collaboration"] = texts.str.contains(COLLABORATION_PATTERN)
    mine["engagement_rate"] = timeline.engagement_rate(mine)
    thread = comments[comments["post_id"].isin(set(mine["post_id"]))]
    citizens, anomalies = answered_threads(thread)
    asked = citizens[needs_answer(citizens)]
    return mine, asked, anomalies, label_source


def measure(posts: pd.DataFrame, comments: pd.DataFrame, account: str) -> Evidence:
    """All evidence for one account (posts and comments in the canonical schema)."""
    mine, asked, anomalies, label_source = tables(posts, comments, account)
    span = (mine["created_at"].max() - mine["created_at"].min()).total_seconds() / 86400
    weeks = max(span / 7, 1.0)
    week_index = (mine["created_at"] - mine["created_at"].min()).dt.days // 7
    hours = asked["response_hours"].dropna()
    engagement = mine.groupby("platform", observed=True)["engagement_rate"].median()
    collab = int(mine["is_collaboration"].sum())
    return Evidence(
        account=account,
        posts=len(mine),
        weeks=round(weeks, 1),
        posts_per_week=round(len(mine) / weeks, 2),
        active_week_share=round(week_index.nunique() / (int(week_index.max()) + 1), 3),
        platforms=sorted(mine["platform"].astype(str).unique()),
        dialogic_share=round(float(mine["is_dialogic"].mean()), 3),
        useful_information_share=round(float(mine["is_useful"].mean()), 3),
        data_post_share=round(float(mine["is_data"].mean()), 3),
        participation_post_share=round(float(mine["is_participation"].mean()), 3),
        collaboration_posts=collab,
        collaboration_post_share=round(collab / len(mine), 3),
        needs_answer=len(asked),
        answered=int(asked["answered"].sum()),
        response_rate=round(float(asked["answered"].mean()), 3) if len(asked) else None,
        median_first_response_hours=round(float(hours.median()), 2) if len(hours) else None,
        p90_first_response_hours=round(float(np.percentile(hours, 90)), 2) if len(hours) else None,
        engagement_rate_median={k: round(float(v), 4) for k, v in engagement.items()},
        label_source=label_source,
        anomalies=anomalies,
        response_hours=[round(float(h), 3) for h in hours],
    )


def posting_heatmap(posts: pd.DataFrame, account: str) -> pd.DataFrame:
    """Posts per weekday (rows 0-6, Monday = 0; index ``weekday``) and hour (columns 0-23, WIB)."""
    mine = posts[posts["account"] == account]
    table = pd.crosstab(mine["created_at"].dt.day_of_week, mine["created_at"].dt.hour)
    table = table.reindex(index=range(7), columns=range(24), fill_value=0)
    table.index.name, table.columns.name = "weekday", "hour"
    return table
