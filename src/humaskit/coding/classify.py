"""Coding posts by dialogic principle automatically (module 1).

Two coders a trainee can compare:

* :class:`KeywordBaseline` — transparent rules built from the codebook's cues, applied in the
  precedence order. Anyone can read why it chose a label.
* :class:`DialogicModel` — TF-IDF word unigrams and bigrams into a multinomial logistic
  regression, trained on the kit's corpus. It is stored without pickle (a compressed ``.npz`` of
  vocabulary, idf and weights), so a model file is data, not code, and loads in any environment.
  ``explain`` lists the words that pushed a post to its label.

Prediction is vectorised and, for large inputs, split over the machine's cores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from humaskit.core.cues import CueRules
from humaskit.core.evaluation import label_scores
from humaskit.core.textmodel import (
    TextModel,
    WordCounter,
    fitted,
    normalise,
    read_terms,
    stored_terms,
    tfidf,
    tokenize,
)
from humaskit.data import corpus
from humaskit.data.schema import LABEL_IDS

MODEL_FILE = Path(__file__).resolve().parents[1] / "models" / "dialogic.npz"

# ---------------------------------------------------------------------------------------------
# Keyword baseline

KEYWORD_RULES: dict[str, tuple[str, ...]] = {
    "dialogic_loop": (
        r"\bkomentar\b", r"\bkolom komentar\b", r"\bpendapat\b", r"\bmasukan\b", r"\bpolling\b",
        r"\bvote\b", r"\bpilih\b.*\?", r"\btanya(kan)?\b.*\blive\b", r"\bsesi tanya jawab\b",
        r"\bceritakan\b", r"\bbagaimana menurut\b", r"\bmenurut (sobat|kamu|anda|warga)\b",
        r"\bkeluhan\b.*\bsampaikan\b", r"\bsampaikan\b",
    ),
    "return_visits": (
        r"\bnantikan\b", r"\bbagian 2\b", r"\bbesok\b", r"\bsegera\b", r"\bjangan lewatkan\b",
        r"\bsaksikan\b", r"\bfollow\b", r"\bikuti (akun|terus)\b", r"\bnotifikasi\b",
        r"\bsetiap (senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b",
        r"\bjadwal\b", r"\bsiaran langsung\b", r"\bbatas (akhir|waktu)\b", r"\bdeadline\b",
    ),
    "useful_information": (
        r"\bsyarat\b", r"\bpersyaratan\b", r"\bcara\b", r"\blangkah\b", r"\bbiaya\b", r"\brp\s?\d",
        r"\bjam (layanan|operasional|buka)\b", r"\bpukul\b", r"\bwaspada\b", r"\bhoaks\b",
        r"\bperingatan\b", r"\bdata\b", r"\bgratis\b", r"\bdokumen\b", r"\bwajib\b", r"\btips\b",
    ),
    "conservation_of_visitors": (
        r"\blink (di )?bio\b", r"\bwebsite\b", r"\bsitus\b", r"\.go\.id\b", r"\baplikasi\b",
        r"\bunduh\b", r"\bkunjungi\b", r"\bklik\b", r"\btautan\b", r"\bselengkapnya\b",
    ),
}


class KeywordBaseline(CueRules):
    """Codebook cues as regular expressions, resolved with the precedence rule."""

    def __init__(self, rules: dict[str, tuple[str, ...]] | None = None):
        super().__init__(rules or KEYWORD_RULES, LABEL_IDS, "non_dialogic")


# ---------------------------------------------------------------------------------------------
# The trained model


@dataclass
class DialogicModel(TextModel):
    """TF-IDF (word 1-2 grams) + multinomial logistic regression, stored as plain arrays.

    Class-balanced, and only words seen in at least two training posts (``min_df=2``): chosen by
    5-fold cross-validation on the training posts (issue 15: out-of-fold macro-F1 0.930 -> 0.943,
    training hard cases 0.757 -> 0.829), never by the held-out posts.
    """

    MODEL_FILE = MODEL_FILE
    LABELS = LABEL_IDS

    C: float = 30.0
    min_df: int = 2
    class_weight: str | None = "balanced"
    vocabulary: dict[str, int] = field(default_factory=dict)
    idf: np.ndarray | None = None
    coef: np.ndarray | None = None
    intercept: np.ndarray | None = None
    classes: tuple[str, ...] = LABEL_IDS
    info: dict = field(default_factory=dict)

    # -- training ------------------------------------------------------------------------------
    def fit(self, texts, labels, info: dict | None = None) -> DialogicModel:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vec = TfidfVectorizer(preprocessor=normalise, tokenizer=tokenize, token_pattern=None,
                              lowercase=False, ngram_range=(1, 2),
                              min_df=self.min_df, sublinear_tf=True, dtype=np.float32)
        X = vec.fit_transform(list(texts))
        clf = LogisticRegression(C=self.C, max_iter=5000, solver="lbfgs", class_weight=self.class_weight)
        clf.fit(X, list(labels))
        self._take_weights(clf, info)
        self.vocabulary = {term: int(i) for term, i in vec.vocabulary_.items()}
        self.idf = vec.idf_.astype(np.float32)
        self._word_counter: WordCounter | None = None
        self._names: list[str] | None = None
        return self

    # -- prediction ----------------------------------------------------------------------------
    def _counter(self) -> WordCounter:
        counter: WordCounter | None = getattr(self, "_word_counter", None)  # absent on a loaded model
        if counter is None:
            counter = self._word_counter = WordCounter(self.vocabulary)
        return counter

    def counts(self, texts) -> sp.csr_matrix:
        """Term counts per text, identical to CountVectorizer(ngram_range=(1, 2)) on this vocabulary
        (see :class:`~humaskit.core.textmodel.WordCounter`)."""
        texts = [str(t) for t in texts]
        if not texts:
            return sp.csr_matrix((0, len(self.vocabulary)), dtype=np.float32)
        return self._counter().counts(texts)

    def features(self, texts) -> sp.csr_matrix:
        return tfidf(self.counts(texts), fitted(self.idf))

    def features_and_coverage(self, texts) -> tuple[sp.csr_matrix, np.ndarray]:
        """``features`` and the share of each text's words the model knows (NaN: no word)."""
        texts = [str(t) for t in texts]
        if not texts:
            return sp.csr_matrix((0, len(self.vocabulary)), dtype=np.float32), np.zeros(0)
        counts, coverage = self._counter().counts_and_coverage(texts)
        return tfidf(counts, fitted(self.idf)), coverage

    def _prepare(self) -> None:
        self._counter()

    def feature_name(self, column: int) -> str:
        names: list[str] | None = getattr(self, "_names", None)  # absent on a loaded model
        if names is None:
            names = self._names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return names[column]

    # -- storage -------------------------------------------------------------------------------
    def _meta(self) -> dict:
        return {"C": self.C, "min_df": self.min_df, "class_weight": self.class_weight}

    def _arrays(self) -> dict[str, np.ndarray]:
        return {"terms": stored_terms(sorted(self.vocabulary, key=self.vocabulary.__getitem__)),
                "idf": fitted(self.idf).astype(np.float16)}

    @classmethod
    def _restore(cls, arrays, meta: dict) -> DialogicModel:
        return cls(C=meta["C"], min_df=meta["min_df"], class_weight=meta.get("class_weight"),
                   vocabulary={t: i for i, t in enumerate(read_terms(arrays["terms"]))},
                   idf=arrays["idf"].astype(np.float32))


def default_model() -> DialogicModel:
    """The model shipped with the kit (trained by ``scripts/train_classifier.py``)."""
    return DialogicModel.default()


# ---------------------------------------------------------------------------------------------
# Whole tables

def label_texts(texts, model: DialogicModel | None = None, workers: int | None = None,
                progress: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Label and confidence for each text; large inputs are split over the CPU cores."""
    model = model or default_model()
    return model.label_texts(texts, workers, "Mengode unggahan" if progress else None)


def assess_texts(texts, model: DialogicModel | None = None, workers: int | None = None,
                 progress: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Label, calibrated confidence and needs_review for each text (see :mod:`humaskit.core.review`)."""
    model = model or default_model()
    return model.assess_texts(texts, workers, "Mengode unggahan" if progress else None)


OUTPUT_COLUMNS = ("label", "confidence", "needs_review")


def classify_frame(df: pd.DataFrame, text_column: str, model: DialogicModel | None = None,
                   progress: bool = False) -> pd.DataFrame:
    """Every input column plus ``label``, ``confidence`` (calibrated, 0-1, rounded to 3 decimals)
    and ``needs_review`` (True where the model is unsure or the text is unlike agency posts).

    Input columns already called ``label``, ``confidence`` or ``needs_review`` are kept as
    ``label_input`` and so on (a trainee's own codes survive next to the model's).
    """
    labels, confidence, flag = assess_texts(df[text_column].tolist(), model, progress=progress)
    # An input that already has these columns keeps them, renamed, so nothing is lost.
    out = df.rename(columns={c: f"{c}_input" for c in OUTPUT_COLUMNS if c in df.columns})
    out["label"] = labels
    out["confidence"] = np.round(np.asarray(confidence, dtype=float), 3)
    out["needs_review"] = flag.astype(bool)
    return out


# ---------------------------------------------------------------------------------------------
# Training and evaluation on the kit's corpus


def split_corpus(data_dir: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Training posts and held-out posts.

    The held-out part is the gold subset, scored against the two coders' adjudicated labels,
    plus the held-out half of the hard cases (``hard_gold.csv``), scored against their gold
    labels: training never sees those posts. Held-out posts carry ``hard`` (bool) and ``case``
    (the kind of hard case, empty for gold-subset posts).
    """
    posts = corpus.load_posts(data_dir)
    gold = corpus.load_gold(data_dir)
    hard = corpus.load_hard(data_dir)
    hard = hard[(hard["item"] == "post") & (hard["split"] == "held_out")].set_index("item_id")
    held_ids = set(gold["post_id"]) | set(hard.index)
    held = posts[posts["post_id"].isin(held_ids)].copy()
    reference = {**dict(zip(gold["post_id"], gold["gold_label"], strict=True)),
                 **hard["gold_label"].to_dict()}
    held["label"] = held["post_id"].map(reference)
    held["hard"] = held["post_id"].isin(hard.index)
    held["case"] = held["post_id"].map(hard["case"])
    train = posts[~posts["post_id"].isin(held_ids)].copy()
    return train.reset_index(drop=True), held.reset_index(drop=True)


def train_default(data_dir: Path | None = None) -> DialogicModel:
    """Train the shipped model reproducibly on the corpus minus the held-out gold subset."""
    import sklearn

    train, held = split_corpus(data_dir)
    info = {
        "corpus_version": corpus.version(data_dir),
        "n_train": len(train),
        "held_out": "gold subset (datasets/gold.csv) and held-out hard cases (datasets/hard_gold.csv)",
        "n_held_out": len(held),
        "sklearn": sklearn.__version__,
    }
    from humaskit.core import review

    texts, labels = train["text"].tolist(), train["label"].astype(str).tolist()
    model = DialogicModel().fit(texts, labels, info=info)
    return review.calibrate(model, DialogicModel, texts, labels)


def evaluate(y_true, y_pred) -> pd.DataFrame:
    """Precision, recall and F1 per label present (Indonesian column names) plus the macro average."""
    return label_scores(y_true, y_pred, [lab for lab in LABEL_IDS if lab in set(y_true) | set(y_pred)])
