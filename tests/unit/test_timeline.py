import pandas as pd
import pytest

from humaskit.coding import timeline
from humaskit.data import corpus
from humaskit.ui import plots


@pytest.fixture(scope="module")
def posts(mini_dir):
    return corpus.load_posts(mini_dir)


def test_shares_sum_to_one_and_match_counts(posts):
    shares = timeline.label_shares(posts, "account")
    assert (shares.sum(axis=1).round(6) == 1).all()
    ds = timeline.dialogic_share(posts, "account")
    manual = (posts["label"] == "dialogic_loop").groupby(posts["account"]).mean()
    pd.testing.assert_series_equal(ds, manual, check_names=False)


def test_engagement_rate_definition():
    df = pd.DataFrame({"likes": [8], "comments": [1], "shares": [1], "followers": [1000]})
    assert timeline.engagement_rate(df).iloc[0] == pytest.approx(1.0)
    df["followers"] = 0
    assert pd.isna(timeline.engagement_rate(df).iloc[0])


def test_code_timeline_adds_model_label(posts):
    out = timeline.code_timeline(posts.head(50), progress=False)
    assert {"label", "label_model", "confidence"} <= set(out.columns)


def test_most_confused_pair():
    a = ["x", "y", "y", "z"]
    b = ["x", "z", "z", "y"]
    assert plots.most_confused(a, b) == ("y", "z", 3)
    assert plots.most_confused(a, a) == ("", "", 0)
