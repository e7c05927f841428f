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


def test_label_texts_parallel_equals_single(model, monkeypatch, mini_dir):
    texts = classify.split_corpus(mini_dir)[1]["text"].tolist() * 3
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
    assert list(out.columns) == ["text", "label_input", "label", "confidence", "needs_review"]
    assert out.loc[0, "label_input"] == "punya saya"
