"""The vectorised n-gram counters and TF-IDF of core/textmodel equal scikit-learn's vectorisers,
which is what lets the triage model predict fast without changing a single label."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from humaskit.core import textmodel
from humaskit.core.textmodel import CharCounter, WordCounter, normalise, tokenize
from humaskit.data import scenarios
from humaskit.response import triage

TRICKY = [
    "", " ", "\t\n ", "a", "?", "x" * 20_000, "gmn   udh\t\tbgt\n\nmin", "  leading and trailing  ",
    "emoji 🙏🙏 👍🏽 ❤️ 🤡!!", "astral 𝟘𝟙𝟚 𐍈 𠜎 text", "İSTANBUL İzin", "ΟΔΟΣ ΣΑΣ σοφΟΣ.", "ǅemal ß ﬁ",
    "nbsp\u00a0here\u2003em\u3000ideographic", "sep\x1einside\x1e", "\u2042 star \u2042", "a\x1cb\x1dc\x1fd",
    "lone \ud800 surrogate", "mixed CASE Gacor MAXWIN", "0812-3456-7890 https://x.go.id/a?b=1 @kpp",
    "\x00 nul and \x85 next-line", "ya" * 3000 + " " + "wkwk" * 500,
]


@pytest.fixture(scope="module")
def model():
    return triage.default_model()


@pytest.fixture(scope="module")
def texts(data_dir):
    comments = pd.read_csv(data_dir / "comments.csv")
    sample = comments["text"].fillna("").astype(str).iloc[::7].tolist()
    return sample + scenarios.all_items()["text"].astype(str).tolist() + TRICKY


def char_reference(model) -> CountVectorizer:
    return CountVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=True,
                           vocabulary={t: i for i, t in enumerate(model.char_terms)})


def word_reference(model) -> CountVectorizer:
    return CountVectorizer(preprocessor=normalise, tokenizer=tokenize, token_pattern=None, lowercase=False,
                           ngram_range=(1, 2), vocabulary={t: i for i, t in enumerate(model.word_terms)})


def test_char_counts_equal_sklearn_char_wb(model, texts):
    counter = CharCounter({t: i for i, t in enumerate(model.char_terms)})
    assert abs(char_reference(model).transform(texts) - counter.counts(texts)).sum() == 0


def test_char_counts_through_the_hash_index_equal_the_direct_table(model, texts, monkeypatch):
    monkeypatch.setattr(CharCounter, "DENSE_UP_TO", 10)  # every n-gram looked up by hash instead
    counter = CharCounter({t: i for i, t in enumerate(model.char_terms)})
    assert abs(char_reference(model).transform(texts) - counter.counts(texts)).sum() == 0


def test_char_counts_one_text_at_a_time_and_across_blocks(model, texts, monkeypatch):
    counter = CharCounter({t: i for i, t in enumerate(model.char_terms)})
    whole = counter.counts(texts)
    monkeypatch.setattr(textmodel, "BLOCK", 7)
    assert abs(counter.counts(texts) - whole).sum() == 0
    assert abs(sp.vstack([counter.counts([t]) for t in texts[-len(TRICKY):]])
               - whole[-len(TRICKY):]).sum() == 0


def test_char_counter_handles_a_vocabulary_without_space_or_astral_characters():
    vocabulary = {t: i for i, t in enumerate(["a", "ab", "abc", "b", "bc", "😀"])}
    docs = ["abc ABC", "cab bab", "😀😀 a😀", "", "ab\u00a0ab"]
    reference = CountVectorizer(analyzer="char_wb", ngram_range=(1, 3), vocabulary=vocabulary)
    assert abs(reference.transform(docs) - CharCounter(vocabulary).counts(docs)).sum() == 0


def test_word_counts_equal_sklearn(model, texts):
    counter = WordCounter({t: i for i, t in enumerate(model.word_terms)})
    assert abs(word_reference(model).transform(texts) - counter.counts(texts)).sum() == 0


def test_word_counter_accepts_bigrams_whose_words_are_not_in_the_vocabulary():
    vocabulary = {"ya min": 0, "min": 1, "kapan buka": 2}
    docs = ["Kapan buka ya min?", "ya min ya min", "buka"]
    reference = CountVectorizer(preprocessor=normalise, tokenizer=tokenize, token_pattern=None,
                                lowercase=False, ngram_range=(1, 2), vocabulary=vocabulary)
    assert abs(reference.transform(docs) - WordCounter(vocabulary).counts(docs)).sum() == 0


def test_triage_features_equal_the_trained_vectorisers(model, texts):
    word, char = model.vectorisers()
    reference = sp.hstack([word.transform(texts), char.transform(texts)]).tocsr()
    mine = model.features(texts)
    assert mine.shape == reference.shape
    assert np.allclose(mine.toarray(), reference.toarray(), atol=1e-6)


def test_triage_labels_unchanged_on_corpus_and_scenario_items(model, data_dir):
    comments = pd.read_csv(data_dir / "comments.csv")
    texts = comments["text"].fillna("").astype(str).tolist() + scenarios.all_items()["text"].tolist()
    word, char = model.vectorisers()
    scores = np.asarray(sp.hstack([word.transform(texts), char.transform(texts)]) @ model.coef.T)
    reference = np.asarray(model.classes)[(scores + model.intercept).argmax(axis=1)]
    assert (model.predict(texts) == reference).all()


def test_count_matrix_sums_pairs_and_keeps_empty_rows():
    rows, cols = np.array([2, 0, 2, 2, 0]), np.array([1, 3, 1, 0, 3])
    m = textmodel.count_matrix(rows, cols, (4, 5))
    assert m.has_sorted_indices and m.dtype == np.float32
    assert m.toarray().tolist() == [[0, 0, 0, 2, 0], [0] * 5, [1, 2, 0, 0, 0], [0] * 5]
    assert textmodel.count_matrix(np.array([], int), np.array([], int), (3, 2)).shape == (3, 2)


def test_tfidf_equals_sklearn_transformer():
    from sklearn.feature_extraction.text import TfidfTransformer

    counts = sp.csr_matrix(np.array([[1, 0, 3], [0, 0, 0], [2, 2, 0]], dtype=np.float32))
    idf = np.array([1.5, 2.0, 1.1])
    reference = TfidfTransformer(sublinear_tf=True).fit(counts)
    reference.idf_ = idf
    assert np.allclose(textmodel.tfidf(counts.copy(), idf).toarray(), reference.transform(counts).toarray())


def test_links_are_replaced_chunk_by_chunk_in_linear_time():
    assert tokenize(normalise("lihat www.x.go.id/abc dan kpp.go.id, juga http://a.b/c?d=1 ok")) == [
        "lihat", "tautanurl", "dan", "tautanurl", "juga", "tautanurl", "ok"]
    # one chunk of a million characters holding 200,000 domains (was quadratic: hours)
    assert tokenize(normalise("awal " + "a.com/" * 200_000 + " akhir")) == ["awal", "tautanurl", "akhir"]
    assert tokenize(normalise("x" * 1_000_000 + ".id y")) == ["tautanurl", "y"]
