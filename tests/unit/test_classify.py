import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from humaskit.coding import classify
from humaskit.coding.classify import DialogicModel, KeywordBaseline
from humaskit.core import parallel
from humaskit.core.textmodel import normalise, tokenize
from humaskit.data.schema import LABEL_IDS


@pytest.fixture(scope="module")
def model():
    return classify.default_model()


def test_normalise_placeholders_and_tokens():
    tokens = tokenize(normalise("Cek www.kpp.go.id ya Sobat! Jam 08.00 WIB?? @kppsukamaju 🎆"))
    assert tokens == ["cek", "tautanurl", "ya", "sobat", "jam", "0", "0", "wib", "?", "?", "akunmention"]


def test_batch_counts_equal_per_text_counts(model):
    texts = ["Info jam layanan 08.00-16.00 WIB", "", "Ada pertanyaan? Tulis di komentar ya!",
             "🎆🎆 Selamat Tahun Baru 2026", "link di bio: https://x.go.id/a?b=1", "a\x1eb"]
    reference = CountVectorizer(preprocessor=normalise, tokenizer=tokenize, token_pattern=None,
                                lowercase=False, ngram_range=(1, 2), vocabulary=model.vocabulary)
    assert abs(reference.transform(texts) - model.counts(texts)).sum() == 0


def test_shipped_model_predicts_contract_labels_with_probabilities(model):
    texts = ["Bagaimana pendapat Sobat? Tulis di kolom komentar ya!",
             "Selamat Hari Raya Idul Fitri 1447 H, mohon maaf lahir dan batin."]
    proba = model.predict_proba(texts)
    assert proba.shape == (2, 5) and np.allclose(proba.sum(axis=1), 1)
    assert set(model.classes) == set(LABEL_IDS)
    assert list(model.predict(texts)) == ["dialogic_loop", "non_dialogic"]


def test_shipped_model_is_small_and_records_its_training(model):
    assert classify.MODEL_FILE.stat().st_size < 5e6
    from humaskit.data import corpus

    assert model.info["corpus_version"] == corpus.version()
    assert model.info["held_out"].startswith("gold subset")


def test_shipped_model_is_what_training_gives(root):
    r = subprocess.run([sys.executable, "scripts/train_classifier.py", "--check"], cwd=root,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_held_out_never_seen_and_beats_baseline():
    train, held = classify.split_corpus()
    assert not set(train["post_id"]) & set(held["post_id"])
    model = classify.default_model()
    from sklearn.metrics import f1_score

    f_model = f1_score(held["label"].astype(str), model.predict(held["text"]), average="macro")
    f_base = f1_score(held["label"].astype(str), KeywordBaseline().predict(held["text"]), average="macro")
    assert f_model >= 0.90 and f_model - f_base >= 0.15


def test_save_load_round_trip_without_pickle(tmp_path):
    texts = ["ada pertanyaan? tulis di komentar", "syarat dan biaya layanan", "cek link di bio",
             "nantikan besok siaran langsung", "selamat hari raya"] * 3
    labels = list(LABEL_IDS) * 3
    m = DialogicModel().fit(texts, labels, info={"x": 1})
    path = m.save(tmp_path / "m.npz")
    with np.load(path, allow_pickle=False) as z:
        assert set(z.files) == {"terms", "idf", "coef", "intercept", "meta"}
    back = DialogicModel.load(path)
    assert list(back.predict(texts)) == list(m.predict(texts))
    assert back.info == {"x": 1}


def test_explain_names_words_that_pushed_the_label(model):
    words = model.explain("Bagaimana pendapat Sobat? Tulis di kolom komentar ya!")
    assert words.attrs["label"] == "dialogic_loop"
    assert (words["weight"].iloc[:3] > 0).all()
    assert {"komentar", "pendapat", "?"} & set(words["feature"])


def test_keyword_baseline_explains_and_applies_precedence():
    b = KeywordBaseline()
    text = "Syarat perpanjangan SIM ada di website kami. Ada pertanyaan? Sampaikan di kolom komentar."
    found = b.matches(text)
    assert {"dialogic_loop", "useful_information", "conservation_of_visitors"} <= set(found)
    assert b.predict_one(text) == "dialogic_loop"
    assert b.predict_one("Upacara bendera pagi ini.") == "non_dialogic"


def test_label_texts_parallel_equals_single(model, monkeypatch):
    texts = classify.split_corpus()[1]["text"].tolist() * 3
    single, conf1 = classify.label_texts(texts, model, workers=1)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    multi, conf2 = classify.label_texts(texts, model, workers=2)
    assert list(single) == list(multi) and np.allclose(conf1, conf2)


def test_missing_and_empty_texts_do_not_crash(model):
    labels, conf = classify.label_texts([None, "", float("nan"), "halo"], model)
    assert len(labels) == 4 and len(conf) == 4


def test_classify_frame_keeps_existing_label_column():
    df = pd.DataFrame({"text": ["Selamat pagi Sobat"], "label": ["punya saya"]})
    out = classify.classify_frame(df, "text")
    assert list(out.columns) == ["text", "label_input", "label", "confidence"]
    assert out.loc[0, "label_input"] == "punya saya"
