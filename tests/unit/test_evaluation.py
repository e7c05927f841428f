"""Scores and their intervals (core.evaluation): what every accuracy figure the kit prints rests on."""

import numpy as np
import pytest

from humaskit.core import evaluation


def test_per_label_intervals_hold_the_point_and_shrink_with_more_rows():
    rng = np.random.default_rng(0)
    labels = ["a", "b", "c"]

    def sample(n):
        truth = rng.choice(labels, n)
        pred = np.where(rng.random(n) < 0.8, truth, rng.choice(labels, n))
        return evaluation.label_scores_with_intervals(truth, pred, labels, n_boot=300)

    small, large = sample(150), sample(3000)
    for table in (small, large):
        assert list(table.index) == [*labels, evaluation.MACRO]
        for score in ("precision", "recall", "f1"):
            assert (table[f"{score}_low"] <= table[score]).all()
            assert (table[score] <= table[f"{score}_high"]).all()
    width = lambda t: (t["f1_high"] - t["f1_low"]).to_numpy()  # noqa: E731
    assert (width(large) < width(small)).all()
    assert large.loc[evaluation.MACRO, "f1"] == pytest.approx(0.85, abs=0.03)


def test_perfect_predictions_have_an_interval_of_one_point():
    truth = ["a", "b", "a", "c"] * 10
    table = evaluation.label_scores_with_intervals(truth, truth, ["a", "b", "c"], n_boot=100)
    for score in ("precision", "recall", "f1"):
        assert (table[f"{score}_low"] == 1).all() and (table[f"{score}_high"] == 1).all()


def test_wilson_interval_stays_inside_zero_and_one():
    low, high = evaluation.proportion_interval(0, 20)
    assert low == 0 and 0 < high < 0.2
    low, high = evaluation.proportion_interval(20, 20)
    assert 0.8 < low < 1 and high == 1
    assert np.isnan(evaluation.proportion_interval(0, 0)[0])
