"""Evidence for module 2, including the messy cases real exports contain."""

import pandas as pd
import pytest

from humaskit.data import corpus
from humaskit.maturity import evidence

POSTS = pd.DataFrame({
    "post_id": ["p1", "p2"], "account": ["dinas", "dinas"], "platform": ["instagram", "x"],
    "created_at": ["2025-01-06T09:00:00+07:00", "2025-01-20T09:00:00+07:00"],
    "text": ["Data kasus DBD minggu ini: 12 kasus. Ada pertanyaan? Tulis di komentar",
             "Selamat Hari Raya"],
    "media_type": ["image", "text"], "likes": [10, 5], "comments": [5, 1], "shares": [1, 0],
    "views": [100, 50], "followers": [1000, 1000], "label": ["dialogic_loop", "non_dialogic"],
})


def _comments(rows, require_kind=True):
    df = pd.DataFrame(rows, columns=["comment_id", "post_id", "parent_id", "author", "author_role",
                                     "created_at", "text", "kind"])
    return corpus.validate_comments(df, "fixture.csv", require_kind=require_kind)


@pytest.fixture
def posts():
    return corpus.validate_posts(POSTS, "fixture.csv")


def test_edge_cases_are_handled_and_counted(posts):
    c = _comments([
        # answered after 2 hours
        ["c1", "p1", None, "w1", "citizen", "2025-01-06T10:00:00+07:00", "kapan?", "question"],
        ["a1", "p1", "c1", "dinas", "agency", "2025-01-06T12:00:00+07:00", "besok", "agency_reply"],
        # unanswered complaint
        ["c2", "p1", None, "w2", "citizen", "2025-01-06T10:30:00+07:00", "lambat", "unhappy_customer"],
        # the agency answering itself under its own comment: answers nobody
        ["a2", "p1", None, "dinas", "agency", "2025-01-06T11:00:00+07:00", "info", "agency_reply"],
        ["a3", "p1", "a2", "dinas", "agency", "2025-01-06T11:05:00+07:00", "tambahan", "agency_reply"],
        # reply stamped before the question (clock skew), question in WITA (+08:00)
        ["c3", "p1", None, "w3", "citizen", "2025-01-06T15:00:00+08:00", "syarat?", "question"],
        ["a4", "p1", "c3", "dinas", "agency", "2025-01-06T13:30:00+07:00", "ini", "agency_reply"],
        # deleted parent: the reply cannot answer anyone
        ["a5", "p1", "gone", "dinas", "agency", "2025-01-06T16:00:00+07:00", "jawab", "agency_reply"],
        # praise does not need an answer
        ["c4", "p1", None, "w4", "citizen", "2025-01-06T10:00:00+07:00", "mantap", "positive"],
    ])
    e = evidence.measure(posts, c, "dinas")
    assert e.needs_answer == 3 and e.answered == 2
    assert e.response_rate == pytest.approx(2 / 3, abs=0.001)
    assert e.median_first_response_hours == pytest.approx(2.0)  # the skewed reply is left out
    assert e.anomalies == {"deleted_parent": 1, "agency_answering_itself": 1, "reply_before_question": 1}
    assert e.dialogic_share == 0.5 and e.data_post_share == 0.5
    assert e.platforms == ["instagram", "x"]


def test_no_questions_at_all(posts):
    e = evidence.measure(posts, _comments([]), "dinas")
    assert e.needs_answer == 0 and e.response_rate is None and e.median_first_response_hours is None


def test_unlabelled_comments_use_question_marks(posts):
    c = _comments([
        ["c1", "p1", None, "w1", "citizen", "2025-01-06T10:00:00+07:00", "buka jam berapa?", None],
        ["c2", "p1", None, "w2", "citizen", "2025-01-06T10:00:00+07:00", "mantap", None],
    ], require_kind=False)
    assert evidence.measure(posts, c, "dinas").needs_answer == 1


def test_unknown_account_is_explained(posts):
    from humaskit.core.errors import DataError

    with pytest.raises(DataError, match="tidak ada"):
        evidence.measure(posts, _comments([]), "lain")


def test_heatmap_shape(posts):
    h = evidence.posting_heatmap(posts, "dinas")
    assert h.shape == (7, 24) and h.values.sum() == 2
    assert h.index.name == "weekday" and h.loc[0, 9] == 2  # 0 = Monday (Senin)
