"""Triage of incoming comments (module 3), adapted from the US Air Force web posting assessment.

Six labels, a contract shared with the corpus (``schema.TRIAGE_LABELS``); when several apply the
first in this order wins: misguided, unhappy_customer, question, troll, rager, positive.

Two triagers a trainee can compare:

* :class:`RuleTriage` — transparent cue lists per label, resolved by the precedence. Anyone can
  read which words made it choose.
* :class:`TriageModel` — TF-IDF of words (1-2 grams) and characters (1-3 grams within words, which
  copes with slang and typos: "gmn", "udh", "bgt") into a class-balanced linear SVM
  trained on the kit's labelled comments: the corpus's training threads, the scenario items and
  4,006 training-only comments by eight other writers (``datasets/triage_extra/``), which raised
  held-out macro-F1 from 0.849 to 0.885. Stored without pickle, as plain arrays
  (``models/triage.npz``). Its settings are compared with other candidates by cross-validation
  on the training threads only (``benchmarks/triage_cv.py``, ``benchmarks/results/triage_cv.txt``);
  the held-out threads score the chosen model, never the choice. An earlier measurement, on an
  older corpus and against held-out threads, found the rule cues as extra features no help, so
  the model does not use them.

:func:`triage_frame` adds the contract columns ``triage`` and ``action`` to a table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd
import scipy.sparse as sp

from humaskit.core.cues import CueRules
from humaskit.core.errors import DataError
from humaskit.core.evaluation import confusion_table, label_scores
from humaskit.core.paths import data_dir as default_dir
from humaskit.core.tables import read_table
from humaskit.core.textmodel import (
    CharCounter,
    TextModel,
    WordCounter,
    clean_texts,
    fitted,
    normalise,
    read_terms,
    stored_terms,
    tfidf,
    tokenize,
)
from humaskit.data import corpus, names, scenarios
from humaskit.data.schema import TRIAGE_LABELS

MODEL_FILE = Path(__file__).resolve().parents[1] / "models" / "triage.npz"

ACTIONS = names.TRIAGE_ACTIONS  # what to do with each label (Indonesian, shown to trainees)

# Transparent cues per label (lower-cased text). They serve as a rule triager of their own and
# as features of the model. Each is short and means one thing; read them as the codebook's cues.
RULES: dict[str, tuple[str, ...]] = {
    "misguided": (
        r"\bkatanya\b", r"\bkabarnya\b", r"\bdenger(-dengar|2)?\b", r"\bkata (orang|bidan|tetangga|temen)",
        r"\bdi ?grup\b", r"\b(udah|sudah) rame di\b", r"\bsebarkan\b", r"\bviralkan\b",
        r"\b(udah|sudah) pasti\b", r"\bpasti aman\b", r"\bmengandung (babi|chip|racun)\b",
        r"\bdari orang dalam\b", r"\bkonspirasi\b", r"\bsudah terbukti\b",
    ),
    "unhappy_customer": (
        r"\b(sudah|udah|udh|dah) \d+ ?(hari|minggu|bulan|jam)\b", r"\b(belum|blm|ga|gak|tidak) "
        r"(pernah )?(jadi|cair|datang|keluar|dibalas|dibales|diproses|sampai|masuk|didata|direalisasi)\b",
        r"\bditolak\b", r"\bnunggu \d+ jam\b", r"\bbolak[- ]balik\b", r"\bkecewa\b",
        r"\b(kasar|judes|jutek|galak|cuek)\b", r"\bdipersulit\b", r"\bdirugikan\b", r"\bdipungut\b",
        r"\b(hilang|kepotong|terpotong|ketarik)\b", r"\berror\b", r"\bloading terus\b",
        r"\b(ga|gak|tidak) bisa (dibuka|login|masuk|bayar)\b", r"\bgagal\b", r"\bpungli\b",
        r"\b(ga|gak|tidak) ada (balasan|respon|yg datang|yang datang)\b", r"\bkuota habis\b",
        r"\bsampai? (sekarang|skrg|hari ini) (belum|blm|masih|ga|gak)\b",
        r"\bstatus(nya)? (masih )?'?diproses\b",
    ),
    "question": (
        r"\?", r"\b(bagaimana|gimana|gmn|gmana)\b", r"\bapakah\b", r"\b(kapan|kpn)\b",
        r"\b(dimana|di mana|dmn)\b", r"\bsyarat(nya)?\b", r"\bcara(nya)?\b", r"\bmohon info\b",
        r"\b(mau|ingin|izin) tanya\b", r"\bnanya\b", r"\bbolehkah\b",
    ),
    "troll": (
        r"\bslot\b", r"\bgacor\b", r"\bjudi\b", r"\bmaxwin\b", r"\b(cek|link di|klik|info klik) "
        r"(bio|sorotan)\b", r"\bwa\.me\b", r"\bpinjol\b", r"\bfoll?(ow)? ?back\b", r"\bfollback\b",
        r"\bjasa\b", r"\bpromo\b", r"\btanpa (antri|antre|tes)\b", r"\bcebong\b", r"\bkadrun\b",
        r"\brezim\b", r"\boligarki\b", r"\bboneka\b", r"\bbuzzer\b", r"\b(pemilu|pilpres|pilkada|"
        r"kampanye|capres|partai)\b", r"\bdibayar berapa\b", r"#\w*(ganti|bongkar)\w*", r"\bhayo\b",
        r"\brakyat bangkit\b", r"\bkorupsi\b",
    ),
    "rager": (
        r"\bpercuma\b", r"\bgaji buta\b", r"\bwkwk+\b", r"\b(ga|gak|nggak|tidak) becus\b",
        r"\bomong kosong\b", r"\bpencitraan\b", r"\bmuak\b", r"\bcapek\b", r"\bkonoha\b",
        r"\bwakanda\b", r"\bdoang\b", r"\balesan\b", r"\bya udahlah\b", r"\bribet\b", r"\blieur\b",
        r"\bdiem (aja|2 aja)\b", r"\btiap tahun\b", r"\bmantap\W*$", r"🙂|🙃|🤡|🙄|😒|🤦", r"!{2,}",
    ),
    "positive": (
        r"\bterima ?kasih\b", r"\bmakasih\b", r"\bthanks?\b", r"\bmksh\b", r"\bmantap\b", r"\bkeren\b",
        r"\bsemangat\b", r"\bsukses\b", r"\bapresiasi\b", r"\bmembantu\b", r"\balhamdulillah\b",
        r"\bcepat tanggap\b", r"\bgercep\b", r"\bsehat selalu\b", r"\baamiin\b", r"👍|🙏|👏|❤",
    ),
}


class RuleTriage(CueRules):
    """Cue lists resolved by the precedence: the first label with a cue wins; none -> positive."""

    def __init__(self, rules: dict[str, tuple[str, ...]] | None = None):
        super().__init__(rules or RULES, TRIAGE_LABELS, "positive")


class Vectorizer(Protocol):
    """What the triage model uses of a scikit-learn TfidfVectorizer."""

    idf_: np.ndarray

    def fit_transform(self, raw_documents: list[str]) -> sp.csr_matrix: ...

    def transform(self, raw_documents: list[str]) -> sp.csr_matrix: ...

    def get_feature_names_out(self) -> np.ndarray: ...

    def set_params(self, **params: Any) -> Vectorizer: ...


def _char_analyzer() -> Vectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), min_df=2, sublinear_tf=True,
                           lowercase=True, dtype=np.float32)


def _word_analyzer() -> Vectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(preprocessor=normalise, tokenizer=tokenize, token_pattern=None,
                           lowercase=False, ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)


def _restore(make: Callable[[], Vectorizer], vocabulary: list[str], idf: np.ndarray) -> Vectorizer:
    """A fitted TfidfVectorizer rebuilt from its vocabulary and idf (no pickle involved)."""
    vec = make()
    vec.set_params(vocabulary={t: i for i, t in enumerate(vocabulary)}, min_df=1)
    vec.idf_ = idf.astype(np.float64)  # the setter validates the fixed vocabulary first
    return vec


@dataclass
class TriageModel(TextModel):
    """Word and character TF-IDF into a class-balanced linear SVM (one against the rest).

    Chosen over the logistic regression used before by cross-validation on the training threads
    (``benchmarks/triage_cv.py``: out-of-fold macro-F1 0.840 against 0.833, paired difference
    +0.007 [+0.001, +0.013]). Its scores become probabilities by the calibrated softmax every
    text model uses (:mod:`humaskit.core.review`).

    Only the first ``MAX_CHARS`` (5,000) characters of a text are read when predicting or
    explaining. The kit's comments are far shorter (corpus: longest 378 characters, 99th
    percentile 236; scenario items: longest 439), as are the platforms' own limits for a comment
    (Instagram 2,200, X 280 without a subscription), so every normal text is read whole and
    labelled exactly as before; a pasted document of megabytes is labelled by its beginning in
    milliseconds instead of holding the batch up. Scrubbing personal data
    (:mod:`humaskit.core.privacy`) still covers the whole cell.

    Prediction counts n-grams with :class:`~humaskit.core.textmodel.WordCounter` and
    :class:`~humaskit.core.textmodel.CharCounter`, vectorised and equal to the scikit-learn
    vectorisers the model was trained with (which are used for training only).
    """

    MODEL_FILE = MODEL_FILE
    LABELS = TRIAGE_LABELS
    MAX_CHARS = 5000

    C: float = 0.5
    classes: tuple[str, ...] = TRIAGE_LABELS
    coef: np.ndarray | None = None
    intercept: np.ndarray | None = None
    info: dict = field(default_factory=dict)
    word_terms: list[str] = field(default_factory=list, repr=False)
    word_idf: np.ndarray | None = field(default=None, repr=False)
    char_terms: list[str] = field(default_factory=list, repr=False)
    char_idf: np.ndarray | None = field(default=None, repr=False)

    def _counters(self) -> tuple[WordCounter, CharCounter]:
        counters: tuple[WordCounter, CharCounter] | None = getattr(self, "_counter_pair", None)
        if counters is None:
            fitted(self.word_idf)
            counters = self._counter_pair = (WordCounter({t: i for i, t in enumerate(self.word_terms)}),
                                             CharCounter({t: i for i, t in enumerate(self.char_terms)}))
        return counters

    def _prepare(self) -> None:
        self._counters()

    def features(self, texts) -> sp.csr_matrix:
        """Word TF-IDF columns, then character TF-IDF columns (each part of unit length), equal to
        the trained scikit-learn vectorisers' ``transform``. Reads texts whole: the ``MAX_CHARS``
        cap is applied by prediction and ``explain``."""
        texts = [str(t) for t in texts]
        words, chars = self._counters()
        if not texts:
            return sp.csr_matrix((0, words.size + chars.size), dtype=np.float32)
        return sp.hstack([tfidf(words.counts(texts), fitted(self.word_idf)),
                          tfidf(chars.counts(texts), fitted(self.char_idf))], format="csr")

    def features_and_coverage(self, texts) -> tuple[sp.csr_matrix, np.ndarray]:
        """``features`` and the share of each text's words in the word vocabulary (NaN: no word)."""
        texts = [str(t) for t in texts]
        words, chars = self._counters()
        if not texts:
            return sp.csr_matrix((0, words.size + chars.size), dtype=np.float32), np.zeros(0)
        counts, coverage = words.counts_and_coverage(texts)
        return sp.hstack([tfidf(counts, fitted(self.word_idf)),
                          tfidf(chars.counts(texts), fitted(self.char_idf))], format="csr"), coverage

    def fit(self, texts, labels, info: dict | None = None) -> TriageModel:
        from sklearn.svm import LinearSVC

        texts = clean_texts(texts)
        word, char = _word_analyzer(), _char_analyzer()
        X = sp.hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
        clf = LinearSVC(C=self.C, class_weight="balanced", random_state=0, max_iter=5000)
        clf.fit(X, list(labels))
        self._take_weights(clf, info)
        self.word_terms, self.word_idf = [str(t) for t in word.get_feature_names_out()], word.idf_
        self.char_terms, self.char_idf = [str(t) for t in char.get_feature_names_out()], char.idf_
        self.__dict__.pop("_counter_pair", None)  # built again from the new vocabularies when needed
        return self

    def feature_name(self, column: int) -> str | None:
        """Words and word pairs; character n-grams count in the score but are left out of
        explanations: a trainee learns little from "huruf 'gm'"."""
        return self.word_terms[column] if column < len(self.word_terms) else None

    def vectorisers(self) -> tuple[Vectorizer, Vectorizer]:
        """The scikit-learn word and character vectorisers the model was trained with, rebuilt
        from the stored vocabularies and idf (the reference :meth:`features` equals)."""
        return (_restore(_word_analyzer, self.word_terms, fitted(self.word_idf)),
                _restore(_char_analyzer, self.char_terms, fitted(self.char_idf)))

    # -- storage -------------------------------------------------------------------------------
    def _meta(self) -> dict:
        return {"C": self.C}

    def _arrays(self) -> dict[str, np.ndarray]:
        return {"word_terms": stored_terms(self.word_terms),
                "word_idf": fitted(self.word_idf).astype(np.float32),
                "char_terms": stored_terms(self.char_terms),
                "char_idf": fitted(self.char_idf).astype(np.float32)}

    @classmethod
    def _restore(cls, arrays, meta: dict) -> TriageModel:
        return cls(C=meta["C"], word_terms=read_terms(arrays["word_terms"]),
                   word_idf=arrays["word_idf"].astype(np.float64),
                   char_terms=read_terms(arrays["char_terms"]),
                   char_idf=arrays["char_idf"].astype(np.float64))


def default_model() -> TriageModel:
    """The triage model shipped with the kit (trained by ``scripts/train_triage.py``)."""
    return TriageModel.default()


def assess_texts(texts, model: TriageModel | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Triage label, calibrated confidence and needs_review per text (empty texts: None each)."""
    texts = list(texts)
    empty = np.array([t is None or (isinstance(t, float) and np.isnan(t)) or not str(t).strip()
                      for t in texts], dtype=bool)
    labels = np.full(len(texts), None, dtype=object)
    confidence = np.full(len(texts), None, dtype=object)
    flag = np.full(len(texts), None, dtype=object)
    if (~empty).any():
        model = model or default_model()
        found = model.assess_texts([t for t, e in zip(texts, empty, strict=True) if not e])
        labels[~empty] = found[0]
        confidence[~empty] = np.round(np.asarray(found[1], dtype=float), 3)
        flag[~empty] = found[2].astype(bool)
    return labels, confidence, flag


def triage_texts(texts, model: TriageModel | None = None) -> np.ndarray:
    """One triage label per text (empty texts get None)."""
    return assess_texts(texts, model)[0]


OUTPUT_COLUMNS = ("triage", "action", "confidence", "needs_review")


def triage_frame(df: pd.DataFrame, text_column: str, model: TriageModel | None = None) -> pd.DataFrame:
    """Every input column plus ``triage`` (label id), ``action`` (what to do, Indonesian),
    ``confidence`` (calibrated, 0-1) and ``needs_review`` (True where the model is unsure or the
    text is unlike citizens' comments; empty texts: None).

    Input columns already called so are kept as ``triage_input``, ``action_input`` and so on
    (a trainee's own labels survive next to the model's).
    """
    labels, confidence, flag = assess_texts(df[text_column].tolist(), model)
    out = df.rename(columns={c: f"{c}_input" for c in OUTPUT_COLUMNS if c in df.columns})
    out["triage"] = labels
    out["action"] = [ACTIONS.get(lab) if lab else None for lab in labels]
    out["confidence"] = confidence
    out["needs_review"] = flag
    return out


# ---------------------------------------------------------------------------------------------
# Training and evaluation


def held_out(post_ids: pd.Series, share: int = 5) -> pd.Series:
    """True for comments whose thread is in the held-out fifth (by a stable hash of the post id).

    Whole threads are held out, so the model is never tested on a reply whose siblings it saw.
    """
    return post_ids.map(lambda p: int(hashlib.sha1(str(p).encode()).hexdigest(), 16) % share == 0)


def split_comments(data_dir: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Citizen comments of the corpus: training threads and held-out threads.

    Held out: every fifth thread (:func:`held_out`) and the threads of the held-out hard-case
    posts. Held-out hard comments are scored against their gold label (``hard_gold.csv``); both
    parts carry ``hard`` (bool) and ``case``.
    """
    c = corpus.load_comments(data_dir)
    c = c[c["author_role"] == "citizen"].copy()
    c["kind"] = c["kind"].astype(str)
    hard = corpus.load_hard(data_dir)
    held_posts = set(hard.loc[(hard["item"] == "post") & (hard["split"] == "held_out"), "item_id"])
    cases = hard[hard["item"] == "comment"].set_index("item_id")
    c["hard"] = c["comment_id"].isin(cases.index)
    c["case"] = c["comment_id"].map(cases["case"])
    gold = cases["gold_label"].dropna()
    c.loc[c["comment_id"].isin(gold.index), "kind"] = c["comment_id"].map(gold)
    mask = held_out(c["post_id"]) | c["post_id"].isin(held_posts)
    return c[~mask].reset_index(drop=True), c[mask].reset_index(drop=True)


def extra_comments(data_dir: Path | None = None, held: pd.DataFrame | None = None) -> pd.DataFrame:
    """The training-only comments (``corpus.load_triage_extra``) the model may learn from: those
    whose normalised text equals a held-out comment's are left out, so no held-out text is ever
    seen in training, whoever wrote it. ``held``: the held-out comments when the caller has
    already split them (:func:`split_comments`)."""
    extra = corpus.load_triage_extra(data_dir)
    if held is None:
        _, held = split_comments(data_dir)
    seen = {normalise(t).strip() for t in held["text"].astype(str)}
    known = np.array([normalise(t).strip() in seen for t in extra["text"]], dtype=bool)
    return extra[~known].reset_index(drop=True)


def training_set(data_dir: Path | None = None) -> pd.DataFrame:
    """Texts and labels the shipped model learns from: the corpus's training threads, every
    scenario timeline item (crisis-time language the everyday corpus lacks) and the training-only
    comments of other writers (:func:`extra_comments`). Columns: text, label, source ("corpus", the
    scenario id, or "extra"), thread (the post id, scenario id or extra thread: kept whole when
    calibrating or cross-validating)."""
    train, held = split_comments(data_dir)
    items = scenarios.all_items(data_dir)
    extra = extra_comments(data_dir, held)
    return pd.concat([
        pd.DataFrame({"text": train["text"], "label": train["kind"], "source": "corpus",
                      "thread": train["post_id"]}),
        pd.DataFrame({"text": items["text"], "label": items["triage"], "source": items["scenario"],
                      "thread": items["scenario"]}),
        pd.DataFrame({"text": extra["text"], "label": extra["kind"], "source": "extra",
                      "thread": extra["thread"]}),
    ], ignore_index=True)


def train_without(scenario_id: str, data_dir: Path | None = None) -> TriageModel:
    """A model trained like the shipped one but without one scenario: the fair test of how the
    model does on a crisis it never saw (about 8 seconds)."""
    data = training_set(data_dir)
    data = data[data["source"] != scenario_id]
    return TriageModel().fit(data["text"], data["label"], info={"without_scenario": scenario_id})


def train_default(data_dir: Path | None = None) -> TriageModel:
    """Train the shipped triage model reproducibly (see :func:`training_set`)."""
    import sklearn

    data = training_set(data_dir)
    _, test = split_comments(data_dir)
    info = {"corpus_version": corpus.version(data_dir), "n_train": len(data),
            "n_train_corpus": int((data["source"] == "corpus").sum()),
            "n_train_scenarios": int((~data["source"].isin(["corpus", "extra"])).sum()),
            "n_train_extra": int((data["source"] == "extra").sum()),
            "held_out": "every fifth corpus thread by hash of post_id and the held-out hard-case threads",
            "n_held_out": len(test),
            "sklearn": sklearn.__version__}
    from humaskit.core import review

    texts, labels = clean_texts(data["text"]), data["label"].astype(str).tolist()
    model = TriageModel().fit(texts, labels, info=info)
    groups = data["thread"].tolist()
    return review.calibrate(model, TriageModel, texts, labels, groups=groups, folds=4)


def evaluate(y_true, y_pred) -> pd.DataFrame:
    """Precision, recall and F1 for all six labels plus the macro average (``macro_average``)."""
    return label_scores(y_true, y_pred, TRIAGE_LABELS)


def confusion(y_true, y_pred) -> pd.DataFrame:
    """Confusion matrix: rows are the reference labels, columns what the triager said."""
    return confusion_table(y_true, y_pred, TRIAGE_LABELS)


def _coded_sample(data_dir: Path | None, sample_file: str,
                  coded_file: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A coder's sample in ``triage_check/``: the items as the coder saw them and the coder's codes,
    refused (:class:`DataError`) unless both list the same item_ids in the same order."""
    folder = Path(data_dir or default_dir()) / "triage_check"
    sample = read_table(folder / sample_file)
    coded = read_table(folder / coded_file)
    if list(coded["item_id"]) != list(sample["item_id"]):
        raise DataError(f"item_id tidak sama urutannya dengan {sample_file}.", file=coded_file)
    return sample, coded


def independent_check(data_dir: Path | None = None) -> pd.DataFrame:
    """The independent coder's sample (``datasets/triage_check/``) beside the reference labels.

    Columns: item_id, text, reference (the writers' label), coder_b (the independent coder's),
    source ("corpus" for held-out corpus threads, else the scenario id).
    """
    sample, coded = _coded_sample(data_dir, "to_code.csv", "coder_b.csv")
    comments = corpus.load_comments(data_dir)
    items = scenarios.all_items(data_dir)
    reference = dict(zip(comments["comment_id"], comments["kind"].astype(str), strict=True))
    reference.update(zip(items["item_id"], items["triage"], strict=True))
    source = dict.fromkeys(comments["comment_id"], "corpus")
    source.update(zip(items["item_id"], items["scenario"], strict=True))
    return pd.DataFrame({"item_id": sample["item_id"], "text": sample["text"],
                         "reference": sample["item_id"].map(reference), "coder_b": coded["label"],
                         "source": sample["item_id"].map(source)})


def extra_check(data_dir: Path | None = None) -> pd.DataFrame:
    """Coder D's blind second coding of a sample of the training-only comments (``triage_extra/``).

    480 comments, 80 per writer's label (``triage_check/extra_to_code.csv``, as the coder saw them,
    and ``extra_coder_d.csv``). Columns: item_id, comment_id, text, reference (the writer's label),
    coder_d."""
    sample, coded = _coded_sample(data_dir, "extra_to_code.csv", "extra_coder_d.csv")
    extra = corpus.load_triage_extra(data_dir).set_index("comment_id")
    missing = sorted(set(coded["comment_id"]) - set(extra.index))
    if missing:
        raise DataError(f"comment_id tidak ada di triage_extra/: {', '.join(missing[:5])}.",
                        file="extra_coder_d.csv")
    return pd.DataFrame({"item_id": sample["item_id"], "comment_id": coded["comment_id"],
                         "text": sample["text"],
                         "reference": coded["comment_id"].map(extra["kind"]).astype(str),
                         "coder_d": coded["label"]})
