import math

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from humaskit.coding import agreement

A = ["dialogic_loop", "useful_information", "useful_information", "non_dialogic", "return_visits",
     "useful_information", "conservation_of_visitors", "non_dialogic"]
B = ["dialogic_loop", "useful_information", "conservation_of_visitors", "non_dialogic",
     "return_visits", "useful_information", "conservation_of_visitors", "useful_information"]


def test_percent_and_kappa_match_sklearn():
    assert agreement.percent_agreement(A, B) == pytest.approx(6 / 8)
    assert agreement.cohen_kappa(A, B) == pytest.approx(cohen_kappa_score(A, B))


def test_alpha_known_value():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", 4 observers, 12 units,
    # nominal data with missing values: alpha = 0.743.
    n = None
    a = ["1", "2", "3", "3", "2", "1", "4", "1", "2", n, n, n]
    b = ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", n, "3"]
    c = [n, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", n]
    d = ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", n]
    assert agreement.krippendorff_alpha(a, b, c, d) == pytest.approx(0.743, abs=0.001)


def test_perfect_and_chance_agreement():
    assert agreement.krippendorff_alpha(A, A) == pytest.approx(1.0)
    assert agreement.cohen_kappa(A, A) == pytest.approx(1.0)
    rng = np.random.default_rng(0)
    x = list(rng.choice(["a", "b", "c"], 3000))
    y = list(rng.choice(["a", "b", "c"], 3000))
    assert abs(agreement.cohen_kappa(x, y)) < 0.05


def test_single_label_everywhere_gives_nan_not_crash():
    assert math.isnan(agreement.cohen_kappa(["a", "a"], ["a", "a"]))
    assert math.isnan(agreement.krippendorff_alpha(["a", "a"], ["a", "a"]))


def test_mismatched_lengths_and_empty_are_explained():
    with pytest.raises(ValueError, match="Jumlah kode berbeda"):
        agreement.cohen_kappa(A, B[:-1])
    with pytest.raises(ValueError, match="Tidak ada kode"):
        agreement.percent_agreement([], [])
    with pytest.raises(ValueError, match="minimal dua"):
        agreement.krippendorff_alpha(A)


def test_disputed_pairs_order_free():
    d = agreement.disputed(A, B)
    top = d.iloc[0]
    assert {top["label_1"], top["label_2"]} == {"conservation_of_visitors", "useful_information"}
    assert d["count"].sum() == 2
    assert agreement.disputed(A, A).empty
