import pandas as pd
import pytest

from humaskit.data import corpus
from humaskit.maturity import metrics


def _comments(rows):
    df = pd.DataFrame(rows, columns=["comment_id", "post_id", "parent_id", "author", "author_role",
                                     "created_at", "text", "kind"])
    return corpus.validate_comments(df, "fixture.csv")


def _posts(ids, account="dinas"):
    return pd.DataFrame({"post_id": ids, "account": account})


def test_direct_and_nested_answers_and_unanswered():
    c = _comments([
        ["c1", "p1", None, "w1", "citizen", "2025-01-01T10:00:00+07:00", "kapan buka?", "question"],
        ["c2", "p1", "c1", "dinas", "agency", "2025-01-01T12:00:00+07:00", "jam 8", "agency_reply"],
        ["c3", "p1", None, "w2", "citizen", "2025-01-01T10:30:00+07:00", "lambat!", "unhappy_customer"],
        ["c4", "p1", "c3", "w2", "citizen", "2025-01-01T11:00:00+07:00", "halo?", "unhappy_customer"],
        ["c5", "p1", "c4", "dinas", "agency", "2025-01-02T10:30:00+07:00", "maaf", "agency_reply"],
        ["c6", "p1", None, "w3", "citizen", "2025-01-01T13:00:00+07:00", "syaratnya?", "question"],
        ["c7", "p1", None, "w4", "citizen", "2025-01-01T13:00:00+07:00", "mantap", "positive"],
    ])
    fr = metrics.first_responses(c).set_index("comment_id")
    assert fr.loc["c1", "response_hours"] == pytest.approx(2)
    assert fr.loc["c3", "response_hours"] == pytest.approx(24)  # answered further down its branch
    assert not fr.loc["c6", "answered"]
    s = metrics.response_summary(_posts(["p1"]), c)
    # c1, c3, c4, c6 need an answer; c1, c3, c4 got one.
    assert s.loc["dinas", "needs_answer"] == 4
    assert s.loc["dinas", "response_rate"] == pytest.approx(0.75)


def test_mixed_offsets_are_normalised_to_wib():
    c = _comments([
        ["c1", "p1", None, "w1", "citizen", "2025-01-01T10:00:00+08:00", "tanya", "question"],
        ["c2", "p1", "c1", "dinas", "agency", "2025-01-01T09:30:00+07:00", "jawab", "agency_reply"],
    ])
    fr = metrics.first_responses(c).set_index("comment_id")
    assert fr.loc["c1", "response_hours"] == pytest.approx(0.5)
