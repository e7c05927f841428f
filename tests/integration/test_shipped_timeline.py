"""The shipped corpus's crisis periods show the contrast module 1 teaches."""

import pytest

from humaskit.coding import timeline
from humaskit.data import corpus


@pytest.fixture(scope="module")
def posts():
    return corpus.load_posts()


def test_crisis_comparison_shows_the_designed_contrast(posts):
    c = timeline.crisis_comparison(posts)
    assert c.loc["kemenpangizi", "posts_per_week_crisis"] < c.loc["kemenpangizi",
                                                                       "posts_per_week_normal"]
    assert c.loc["bpbdtirtamaya", "posts_per_week_crisis"] > c.loc["bpbdtirtamaya",
                                                                        "posts_per_week_normal"]
