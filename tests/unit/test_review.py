"""needs_review: calibration, the out-of-domain signal and the thresholds (core.review), and the
flag in the post classifier's and the triage's output."""

import numpy as np
import pandas as pd
import pytest

from humaskit.coding import classify
from humaskit.core import review
from humaskit.response import triage


def test_ece_is_zero_when_confidence_matches_accuracy_and_large_when_overconfident():
    conf = np.array([0.75] * 4 + [0.25] * 4)
    right = np.array([1, 1, 1, 0, 1, 0, 0, 0])
    assert review.expected_calibration_error(conf, right) == pytest.approx(0.0)
    assert review.expected_calibration_error(np.full(10, 0.95), np.r_[np.ones(5), np.zeros(5)]) == \
        pytest.approx(0.45)
    table = review.reliability(conf, right)
    assert list(table["n"]) == [4, 4] and list(table["accuracy"]) == [0.25, 0.75]


def test_fit_temperature_recovers_the_temperature_that_made_the_labels():
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 3, size=(4000, 4))
    true_t = 2.5
    p = np.exp(review.log_softmax(logits / true_t))
    truth = np.array([rng.choice(4, p=row) for row in p])
    assert review.fit_temperature(logits, truth) == pytest.approx(true_t, rel=0.1)


def test_choose_meets_the_accuracy_target_within_the_flag_budget():
    rng = np.random.default_rng(1)
    n = 2000
    margin = rng.normal(1.5, 1.5, n)
    scores = np.c_[margin, np.zeros(n)]
    p_right = 1 / (1 + np.exp(-margin))
    truth = np.where(rng.random(n) < p_right, "a", "b")
    oof = pd.DataFrame({"label": truth, "scores": list(scores), "coverage": rng.uniform(0.8, 1, n),
                        "similarity": rng.uniform(0.1, 0.3, n), "classes": [("a", "b")] * n})
    chosen = review.choose(oof, target_accuracy=0.9, max_flagged=0.5)
    figures = chosen["out_of_fold"]
    assert figures["flagged"] <= 0.5 and figures["unflagged_accuracy"] >= 0.9
    assert figures["ece_after"] <= figures["ece_before"] + 0.01


def test_similarity_is_cosine_to_the_nearest_centroid():
    import scipy.sparse as sp

    x = sp.csr_matrix(np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]))
    centres = review.centroids(sp.csr_matrix(np.array([[2.0, 0.0], [0.0, 3.0]])), ["a", "b"], ["a", "b"])
    assert np.allclose(review.similarity(x, centres), [1.0, np.sqrt(0.5), 0.0])


def test_needs_review_ignores_missing_coverage_but_not_low_similarity():
    rules = {"min_confidence": 0.6, "min_coverage": 0.5, "min_similarity": 0.1}
    flag = review.needs_review(np.array([0.9, 0.9, 0.9, 0.5]), np.array([np.nan, 0.2, 0.9, 0.9]),
                               np.array([0.5, 0.5, 0.05, 0.5]), rules)
    assert list(flag) == [False, True, True, True]


def test_shipped_classifier_flags_text_unlike_agency_posts():
    model = classify.default_model()
    assert model.review is not None and model.centroids is not None
    texts = ["Resep nasi goreng: tumis bawang putih, masukkan nasi, kecap, dan telur. Sajikan hangat.",
             "The quarterly earnings call is scheduled after the market closes on Thursday.",
             "Pelayanan perpanjangan SIM di Satpas buka Senin-Jumat pukul 08.00-14.00 WIB. Syarat: "
             "KTP asli, SIM lama, dan surat keterangan sehat."]
    labels, confidence, flag = model.assess_texts(texts)
    assert list(flag) == [True, True, False]
    assert labels[2] == "useful_information" and 0 < confidence[2] <= 1


def test_classify_frame_adds_needs_review_as_booleans():
    texts = ["Selamat Hari Raya Idul Fitri, mohon maaf lahir dan batin.", "lorem ipsum dolor sit amet"]
    out = classify.classify_frame(pd.DataFrame({"t": texts}), "t")
    assert out["needs_review"].dtype == bool and list(out["needs_review"]) == [False, True]


def test_triage_assessment_leaves_empty_texts_unjudged():
    labels, confidence, flag = triage.assess_texts(["Min, kapan bansos cair ya?", "", None])
    assert labels[0] == "question" and flag[0] in (True, False) and 0 < confidence[0] <= 1
    assert list(labels[1:]) == [None, None] and list(flag[1:]) == [None, None]


def test_review_survives_save_and_load(tmp_path):
    model = classify.default_model()
    again = classify.DialogicModel.load(model.save(tmp_path / "m.npz"))
    assert again.review == model.review and again.same_as(model)
    texts = ["Ikuti terus akun kami untuk info terbaru!", "aku lagi galau banget hari ini"]
    assert list(again.assess_texts(texts)[2]) == list(model.assess_texts(texts)[2])


def test_an_uncalibrated_model_flags_nothing():
    model = classify.DialogicModel().fit(["tanya di komentar ya?", "selamat hari raya", "syarat: KTP"] * 3,
                                         ["dialogic_loop", "non_dialogic", "useful_information"] * 3)
    assert model.review is None and not model.assess_texts(["apa saja"])[2].any()


def test_coverage_counts_equal_plain_counts_and_measure_known_words():
    from humaskit.core.textmodel import WordCounter

    counter = WordCounter({"syarat": 0, "ktp": 1, "syarat ktp": 2})
    texts = ["Syarat KTP baru", "👍👍", "ktp"]
    counts, coverage = counter.counts_and_coverage(texts)
    assert abs(counts - counter.counts(texts)).sum() == 0
    assert coverage[0] == pytest.approx(2 / 3) and np.isnan(coverage[1]) and coverage[2] == 1.0


def test_a_data_folder_without_hard_cases_has_none(tmp_path):
    from humaskit.data import corpus

    assert corpus.load_hard(tmp_path).empty


def test_stats_give_every_agreement_figure_a_source_and_an_interval():
    from humaskit.course.stats import corpus_stats, format_stats

    stats = corpus_stats()
    text = format_stats(stats)
    source = stats["agreement_source"]
    assert source.startswith("synthetic corpus") and "not humans" in source
    assert text.count("IK 95%") >= 9 and text.count("sumber: korpus sintetis") == 3
    low, high = stats["kappa_interval"]
    assert low <= stats["kappa"] <= high and stats["hard_items"] > 100
    independent = stats["hard_independent"]  # coder C: blind to the labels, reported apart
    assert "not a human" in independent["source"]
    assert independent["post"]["n"] + independent["comment"]["n"] == independent["all"]["n"] == \
        stats["hard_items"]
    for part in ("all", "post", "comment"):
        low, high = independent[part]["percent_agreement_interval"]
        assert low <= independent[part]["percent_agreement"] <= high
    assert "pengode C" in text


def test_interval_is_written_the_indonesian_way():
    from humaskit.core import formats

    assert formats.interval(0.9389, (0.912, 0.964)) == "0,939 (IK 95% 0,912–0,964)"
    assert formats.interval(0.955, (0.927, 0.972), share=True) == "95,5% (IK 95% 92,7%–97,2%)"


def test_every_codebook_rule_has_worked_borderline_questions():
    from humaskit.data import codebook

    assert set(codebook.BORDERLINE) == set(codebook.BY_ID)
    for items in codebook.BORDERLINE.values():
        for item in items:
            assert item.question.endswith("?") and item.cases
            assert all(label in codebook.BY_ID and why for _, label, why in item.cases)
    assert codebook.render_markdown().count("Kasus batas") == sum(map(len, codebook.BORDERLINE.values()))
    assert "Kapan sebuah tanggal memberi alasan kembali ke akun?" in codebook.render_html()
