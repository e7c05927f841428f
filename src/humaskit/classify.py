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

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from humaskit import parallel
from humaskit.codebook import LABEL_IDS
from humaskit.cues import CueRules
from humaskit.parallel import PARALLEL_FROM

MODEL_FILE = Path(__file__).resolve().parent / "models" / "dialogic.npz"

_LINK_MARK = re.compile(r"https?://|www\.|\.(?:go\.id|co\.id|com|org|net|id)\b")
_MENTION = re.compile(r"@\w+")
_SEP = "\x1e"  # record separator between texts when a batch is processed as one string
_SEP_TOKEN = "\u2042"  # what the separator becomes: not a word character, not whitespace


def _strip_links(text: str) -> str:
    """Replace every whitespace-delimited chunk that holds a link or a domain with 'tautanurl'."""
    spans = []
    n = len(text)
    for m in _LINK_MARK.finditer(text):
        start, end = m.start(), m.end()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < n and not text[end].isspace():
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts += [text[pos:start], " tautanurl "]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _char_class(c: int) -> int:
    """What one code point becomes: digits '0', word characters themselves, '?' itself,
    the batch separator the separator token, everything else a space."""
    ch = chr(c)
    if c == ord(_SEP):
        return ord(_SEP_TOKEN)
    if ch == "?":
        return c
    if ch.isdecimal():
        return ord("0")
    if c != ord(_SEP_TOKEN) and (ch.isalnum() or ch == "_"):
        return c
    return ord(" ")


_BMP_TABLE: np.ndarray | None = None


def _map_chars(text: str) -> str:
    """Apply _char_class to every character and collapse runs of '0', vectorised with numpy."""
    global _BMP_TABLE
    if _BMP_TABLE is None:
        _BMP_TABLE = np.fromiter((_char_class(c) for c in range(0x10000)), dtype=np.uint32,
                                 count=0x10000)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    high = codes > 0xFFFF
    mapped = _BMP_TABLE[np.where(high, 0, codes)]
    if high.any():  # emoji and other astral characters: few distinct values, classify each
        values = np.unique(codes[high])
        lookup = np.array([_char_class(int(v)) for v in values], dtype=np.uint32)
        mapped[high] = lookup[np.searchsorted(values, codes[high])]
    zero = mapped == ord("0")
    keep = ~(zero[1:] & zero[:-1])
    mapped = np.concatenate([mapped[:1], mapped[1:][keep]])
    out = mapped.tobytes().decode("utf-32-le")
    return out.replace("?", " ? ").replace(_SEP_TOKEN, f" {_SEP_TOKEN} ")


def normalise(text: str) -> str:
    """Lower-case; links, mentions and numbers become placeholders so the model learns their role."""
    return _normalise(str(text).replace(_SEP, " "))


def _normalise(text: str) -> str:
    """normalise() on one text or on many joined by the record separator (kept as a token)."""
    text = _strip_links(text.lower())
    text = _MENTION.sub(" akunmention ", text) if "@" in text else text
    return _map_chars(text)


def tokenize(text: str) -> list[str]:
    """Word tokens (runs of letters, digits, underscore) and '?' as a token of its own."""
    return text.split()


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


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise probabilities from a logistic regression's decision scores (in place)."""
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    return scores / scores.sum(axis=1, keepdims=True)


@dataclass
class DialogicModel:
    """TF-IDF (word 1-2 grams) + multinomial logistic regression, stored as plain arrays."""

    C: float = 30.0
    min_df: int = 1
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
        clf = LogisticRegression(C=self.C, max_iter=5000, solver="lbfgs")
        clf.fit(X, list(labels))
        order = [list(clf.classes_).index(c) for c in LABEL_IDS if c in clf.classes_]
        self.classes = tuple(clf.classes_[order])
        self.vocabulary = {term: int(i) for term, i in vec.vocabulary_.items()}
        self.idf = vec.idf_.astype(np.float32)
        self.coef = clf.coef_[order].astype(np.float32)
        self.intercept = clf.intercept_[order].astype(np.float32)
        self.info = dict(info or {})
        self._lookup = None
        return self

    # -- prediction ----------------------------------------------------------------------------
    def _tables(self):
        """Lookup tables for fast counting: unigram ids, and sorted codes of bigram id pairs."""
        if getattr(self, "_lookup", None) is None:
            unigrams = {t: i for t, i in self.vocabulary.items() if " " not in t}
            uni_index = pd.Index(list(unigrams))
            uni_cols = np.fromiter(unigrams.values(), dtype=np.int64, count=len(unigrams))
            width = np.int64(len(uni_index) + 1)
            codes, cols = [], []
            for term, col in self.vocabulary.items():
                if " " in term:
                    a, b = term.split(" ", 1)
                    codes.append(uni_index.get_loc(a) * width + uni_index.get_loc(b))
                    cols.append(col)
            self._lookup = (uni_index, uni_cols, width, pd.Index(np.asarray(codes, dtype=np.int64)),
                            np.asarray(cols, dtype=np.int64))
        return self._lookup

    def counts(self, texts) -> sp.csr_matrix:
        """Term counts per text, identical to CountVectorizer(ngram_range=(1, 2)) on this vocabulary.

        Instead of generating n-grams text by text in Python, all texts are normalised and
        tokenised as one string, tokens are looked up as a vector, and bigrams are found as
        pairs of neighbouring token ids within the same text.
        """
        texts = [str(t).replace(_SEP, " ") for t in texts]
        n = len(texts)
        if n == 0:
            return sp.csr_matrix((0, len(self.vocabulary)), dtype=np.float32)
        uni_index, uni_cols, width, bi_codes, bi_cols = self._tables()
        tokens = np.array(tokenize(_normalise(f" {_SEP} ".join(texts))), dtype=object)
        is_sep = tokens == _SEP_TOKEN
        doc = np.cumsum(is_sep)[~is_sep]
        ids = uni_index.get_indexer(tokens[~is_sep]).astype(np.int64)
        rows = [doc[ids >= 0]]
        cols = [uni_cols[ids[ids >= 0]]]
        if len(ids) > 1 and len(bi_codes):
            same_doc = doc[:-1] == doc[1:]
            valid = same_doc & (ids[:-1] >= 0) & (ids[1:] >= 0)
            pair = ids[:-1][valid] * width + ids[1:][valid]
            pos = bi_codes.get_indexer(pair)
            found = pos >= 0
            rows.append(doc[:-1][valid][found])
            cols.append(bi_cols[pos[found]])
        r, c = np.concatenate(rows), np.concatenate(cols)
        m = sp.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(n, len(self.vocabulary)))
        m.sum_duplicates()
        return m

    def features(self, texts) -> sp.csr_matrix:
        X = self.counts(texts)
        X.data = 1 + np.log(X.data)  # sublinear tf, as TfidfVectorizer(sublinear_tf=True)
        X = X.multiply(self.idf).tocsr()
        norms = np.sqrt(X.multiply(X).sum(axis=1)).A1
        norms[norms == 0] = 1
        return sp.diags(1 / norms).dot(X).tocsr()

    def decision_function(self, texts) -> np.ndarray:
        return np.asarray(self.features(texts) @ self.coef.T) + self.intercept

    def predict_proba(self, texts) -> np.ndarray:
        return softmax(self.decision_function(texts))

    def predict(self, texts) -> np.ndarray:
        return np.asarray(self.classes, dtype=object)[self.decision_function(texts).argmax(axis=1)]

    def explain(self, text: str, top: int = 8) -> pd.DataFrame:
        """The words and word pairs that pushed this post towards its predicted label.

        ``weight`` is the term's contribution to the predicted label's score minus its average
        contribution to the other labels: positive means it pulled towards the chosen label.
        """
        x = self.features([text])
        label_index = int(np.argmax(np.asarray(x @ self.coef.T) + self.intercept))
        present = set(x.indices.tolist())
        terms = {i: t for t, i in self.vocabulary.items() if i in present}
        others = np.delete(self.coef, label_index, axis=0).mean(axis=0)
        rows = []
        for col, value in zip(x.indices, x.data, strict=True):
            weight = float(value * (self.coef[label_index, col] - others[col]))
            rows.append({"kata": terms[col], "bobot": weight})
        df = pd.DataFrame(rows, columns=["kata", "bobot"])
        df = df.sort_values("bobot", ascending=False).head(top).reset_index(drop=True)
        df.attrs["label"] = self.classes[label_index]
        return df

    # -- storage -------------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        terms = sorted(self.vocabulary, key=self.vocabulary.get)
        meta = {"C": self.C, "min_df": self.min_df, "classes": list(self.classes), "info": self.info,
                "format": 1}
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            terms=np.array("\n".join(terms).encode("utf-8")),
            idf=self.idf.astype(np.float16),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            meta=np.array(json.dumps(meta, sort_keys=True).encode("utf-8")),
        )
        path.write_bytes(buf.getvalue())
        return path

    @classmethod
    def load(cls, path: str | Path = MODEL_FILE) -> DialogicModel:
        with np.load(Path(path), allow_pickle=False) as z:
            terms = bytes(z["terms"]).decode("utf-8").split("\n")
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            return cls(
                C=meta["C"], min_df=meta["min_df"],
                vocabulary={t: i for i, t in enumerate(terms)},
                idf=z["idf"].astype(np.float32), coef=z["coef"].astype(np.float32),
                intercept=z["intercept"].astype(np.float32), classes=tuple(meta["classes"]),
                info=meta["info"],
            )


_DEFAULT: DialogicModel | None = None


def default_model() -> DialogicModel:
    """The model shipped with the kit (trained by ``scripts/train_classifier.py``)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = DialogicModel.load(MODEL_FILE)
    return _DEFAULT


# ---------------------------------------------------------------------------------------------
# Whole tables

def label_texts(texts, model: DialogicModel | None = None, workers: int | None = None,
                progress: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Label and confidence for each text; large inputs are split over the CPU cores."""
    model = model or default_model()
    texts = ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in texts]
    workers = workers or parallel.default_workers()
    classes = np.asarray(model.classes, dtype=object)
    if len(texts) < PARALLEL_FROM or workers == 1:
        chunks = np.array_split(np.arange(len(texts)), max(1, len(texts) // 5000))
        idx_parts, conf_parts = [], []
        iterator = chunks
        if progress:
            from tqdm.auto import tqdm

            iterator = tqdm(chunks, desc="Mengode unggahan", unit="blok")
        for chunk in iterator:
            proba = model.predict_proba([texts[i] for i in chunk])
            idx_parts.append(proba.argmax(axis=1))
            conf_parts.append(proba.max(axis=1))
        idx = np.concatenate(idx_parts) if idx_parts else np.array([], dtype=int)
        conf = np.concatenate(conf_parts) if conf_parts else np.array([])
        return classes[idx], conf
    model._tables()  # build lookup tables once, before forking

    def best(chunk):
        proba = model.predict_proba(chunk)
        return proba.argmax(axis=1), proba.max(axis=1)

    results = parallel.map_slices(best, texts, workers)
    idx = np.concatenate([r[0] for r in results])
    conf = np.concatenate([r[1] for r in results])
    return classes[idx], conf


def classify_frame(df: pd.DataFrame, text_column: str, model: DialogicModel | None = None,
                   progress: bool = False) -> pd.DataFrame:
    """Every input column plus ``label`` and ``confidence`` (0-1, rounded to 3 decimals).

    Input columns already called ``label`` or ``confidence`` are kept as ``label_input`` and
    ``confidence_input`` (a trainee's own codes survive next to the model's).
    """
    labels, confidence = label_texts(df[text_column].tolist(), model, progress=progress)
    # An input that already has these columns keeps them, renamed, so nothing is lost.
    out = df.rename(columns={c: f"{c}_input" for c in ("label", "confidence") if c in df.columns})
    out["label"] = labels
    out["confidence"] = np.round(confidence, 3)
    return out


# ---------------------------------------------------------------------------------------------
# Training and evaluation on the kit's corpus


def split_corpus(data_dir: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Training posts and held-out posts.

    The held-out part is the gold subset, scored against the two coders' adjudicated labels:
    training never sees those posts, and the reference is not the writer's own label.
    """
    from humaskit import corpus

    posts = corpus.load_posts(data_dir)
    gold = corpus.load_gold(data_dir)
    held = posts[posts["post_id"].isin(gold["post_id"])].copy()
    held["label"] = held["post_id"].map(gold.set_index("post_id")["gold_label"])
    train = posts[~posts["post_id"].isin(gold["post_id"])].copy()
    return train.reset_index(drop=True), held.reset_index(drop=True)


def train_default(data_dir: Path | None = None) -> DialogicModel:
    """Train the shipped model reproducibly on the corpus minus the held-out gold subset."""
    import sklearn

    from humaskit import corpus

    train, held = split_corpus(data_dir)
    info = {
        "corpus_version": corpus.version(data_dir),
        "n_train": len(train),
        "held_out": "gold subset (datasets/gold.csv)",
        "n_held_out": len(held),
        "sklearn": sklearn.__version__,
    }
    return DialogicModel().fit(train["text"], train["label"].astype(str), info=info)


def evaluate(y_true, y_pred) -> pd.DataFrame:
    """Precision, recall and F1 per label present (Indonesian column names) plus the macro average."""
    from humaskit.agreement import label_scores

    return label_scores(y_true, y_pred, [lab for lab in LABEL_IDS if lab in set(y_true) | set(y_pred)])
