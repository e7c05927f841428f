"""The text-model base shared by the post classifier (module 1) and the comment triage (module 3).

Both are a linear model over sparse text features: a TF-IDF of words, and for the triage also of
characters, into a logistic regression. What they share lives here once:

* text normalisation (links, mentions and numbers become placeholders) and tokenisation;
* counting n-grams against a fixed vocabulary, vectorised with numpy and equal to scikit-learn's
  ``CountVectorizer``: :class:`WordCounter` (word 1-2 grams of the normalised text) and
  :class:`CharCounter` (``analyzer="char_wb"`` character 1-3 grams), and :func:`tfidf` on top;
* scores, probabilities, labels and confidence, with large inputs split over the CPU cores;
* ``explain``: the features that pushed a text to its label;
* storage without pickle: a compressed ``.npz`` of plain arrays plus JSON metadata, so a model
  file is data, not code; the shipped model is loaded once per process (``default()``);
* ``same_as``: whether two models are the same model (arrays, not the library version).

A subclass sets ``MODEL_FILE`` and ``LABELS`` (and ``MAX_CHARS`` to read only the start of very
long texts) and implements ``features``, ``feature_name``, ``_arrays`` (what to store besides
weights) and ``_restore`` (rebuild from stored arrays).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, TypeVar

import numpy as np
import pandas as pd
import scipy.sparse as sp

from humaskit.core import parallel
from humaskit.core.storage import write_bytes_atomic

_LINK_MARK = re.compile(r"https?://|www\.|\.(?:go\.id|co\.id|com|org|net|id)\b")
_LAST_SPACE = re.compile(r"\s\S*\Z")  # the last whitespace character (searched up to an endpos)
_CHUNK_REST = re.compile(r"\S*")
_MENTION = re.compile(r"@\w+")
SEP = "\x1e"  # record separator between texts when a batch is processed as one string
SEP_TOKEN = "\u2042"  # what the separator becomes: not a word character, not whitespace


def _chunk_start(text: str, floor: int, mark: int) -> int:
    """Where the whitespace-delimited chunk holding position ``mark`` starts (not before
    ``floor``): the last whitespace before it is searched in windows growing fourfold, so the
    work is proportional to the chunk's length, not to the text before it."""
    size = 64
    while True:
        low = max(floor, mark - size)
        space = _LAST_SPACE.search(text, low, mark)
        if space:
            return space.start() + 1
        if low == floor:
            return floor
        size *= 4


def _strip_links(text: str) -> str:
    """Replace every whitespace-delimited chunk that holds a link or a domain with 'tautanurl'.

    Linear in the text: a chunk is found from its first link mark (its end by one
    regular-expression step, its start by :func:`_chunk_start`) and further marks inside it are
    skipped."""
    spans: list[tuple[int, int]] = []
    pos = 0  # the end of the last chunk found
    for m in _LINK_MARK.finditer(text):
        if m.start() < pos:
            continue
        start = _chunk_start(text, pos, m.start())
        pos = _CHUNK_REST.match(text, m.end()).end()  # type: ignore[union-attr]  # \S* always matches
        spans.append((start, pos))
    if not spans:
        return text
    parts, done = [], 0
    for start, end in spans:
        parts += [text[done:start], " tautanurl "]
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _char_class(c: int) -> int:
    """What one code point becomes: digits '0', word characters themselves, '?' itself,
    the batch separator the separator token, everything else a space."""
    ch = chr(c)
    if c == ord(SEP):
        return ord(SEP_TOKEN)
    if ch == "?":
        return c
    if ch.isdecimal():
        return ord("0")
    if c != ord(SEP_TOKEN) and (ch.isalnum() or ch == "_"):
        return c
    return ord(" ")


def _code_points(text: str) -> np.ndarray:
    """The code points of a string (lone surrogates included) as a uint32 array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


_BMP_TABLE: np.ndarray | None = None


def _bmp_table() -> np.ndarray:
    """_char_class of every BMP code point (built once per process)."""
    global _BMP_TABLE
    if _BMP_TABLE is None:
        _BMP_TABLE = np.fromiter((_char_class(c) for c in range(0x10000)), dtype=np.uint32,
                                 count=0x10000)
    return _BMP_TABLE


def _map_chars(text: str) -> str:
    """Apply _char_class to every character and collapse runs of '0', vectorised with numpy."""
    codes = _code_points(text)
    high = codes > 0xFFFF
    mapped = _bmp_table()[np.where(high, 0, codes)]
    if high.any():  # emoji and other astral characters: few distinct values, classify each
        values = np.unique(codes[high])
        lookup = np.array([_char_class(int(v)) for v in values], dtype=np.uint32)
        mapped[high] = lookup[np.searchsorted(values, codes[high])]
    zero = mapped == ord("0")
    keep = ~(zero[1:] & zero[:-1])
    mapped = np.concatenate([mapped[:1], mapped[1:][keep]])
    out = mapped.tobytes().decode("utf-32-le")
    return out.replace("?", " ? ").replace(SEP_TOKEN, f" {SEP_TOKEN} ")


def normalise(text: str) -> str:
    """Lower-case; links, mentions and numbers become placeholders so the model learns their role."""
    return normalise_batch(str(text).replace(SEP, " "))


def normalise_batch(text: str) -> str:
    """normalise() on one text or on many joined by the record separator (kept as a token)."""
    text = _strip_links(text.lower())
    text = _MENTION.sub(" akunmention ", text) if "@" in text else text
    return _map_chars(text)


def tokenize(text: str) -> list[str]:
    """Word tokens (runs of letters, digits, underscore) and '?' as a token of its own."""
    return text.split()


BLOCK = 5000  # texts counted at once: keeps the arrays of one block small whatever the input size


def key_type(shape: tuple[int, int]) -> np.dtype:
    """The integer type that holds ``row * width + column`` for a matrix of this shape."""
    return np.dtype(np.int64 if shape[0] * shape[1] >= 2**31 else np.int32)


def count_matrix(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """How often each (row, column) pair occurs, as a float32 CSR matrix with sorted indices."""
    keys: np.ndarray = rows.astype(key_type(shape))
    keys *= shape[1]
    keys += cols
    return count_keys(keys, shape)


def count_keys(keys: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """How often each ``row * width + column`` key occurs, as a float32 CSR matrix with sorted
    indices. The keys are sorted in place (numpy's vectorised sort), which is several times
    faster than letting scipy sum duplicate entries row by row."""
    n, width = shape
    if len(keys) == 0:
        return sp.csr_matrix(shape, dtype=np.float32)
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(keys))).astype(np.float32)
    row, col = np.divmod(keys[starts], keys.dtype.type(width))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
    return sp.csr_matrix((counts, col, indptr), shape=shape)


def _in_blocks(count: Callable[[list[str]], sp.csr_matrix], texts: list[str]) -> sp.csr_matrix:
    """``count`` applied to blocks of at most BLOCK texts, stacked."""
    if len(texts) <= BLOCK:
        return count(texts)
    return sp.vstack([count(texts[i:i + BLOCK]) for i in range(0, len(texts), BLOCK)], format="csr")


def tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """TfidfVectorizer(sublinear_tf=True, norm="l2") applied to a count matrix, in place:
    1 + log(count), times the column's idf, each row scaled to unit length."""
    data = counts.data
    np.log(data, out=data)
    data += 1
    data *= idf[counts.indices]
    square = (data * data).astype(np.float64)
    lengths = np.diff(counts.indptr)
    norms = np.sqrt(np.add.reduceat(square, counts.indptr[:-1][lengths > 0])) if len(data) else square
    divisor = np.ones(len(lengths))
    divisor[lengths > 0] = norms
    divisor[divisor == 0] = 1
    counts.data = (data / np.repeat(divisor, lengths)).astype(np.float32)
    return counts


class WordCounter:
    """Counts of the word 1-2 grams of a fixed vocabulary, equal to
    ``CountVectorizer(preprocessor=normalise, tokenizer=tokenize, lowercase=False, ngram_range=(1, 2))``.

    Instead of generating n-grams text by text in Python, all texts of a block are normalised and
    tokenised as one string, tokens are looked up as a vector, and bigrams are found as pairs of
    neighbouring token ids within the same text.
    """

    def __init__(self, vocabulary: dict[str, int]):
        _bmp_table()  # built here, before prediction forks worker processes, not in each of them
        self.size = len(vocabulary)
        parts: dict[str, int] = {}  # every unigram and bigram half -> its unigram column or -1
        for term, col in vocabulary.items():
            if " " in term:
                for half in term.split(" ", 1):
                    parts.setdefault(half, -1)
            else:
                parts[term] = col
        # the separator token is looked up with the words (its id: self.sep) and never counted
        self.sep = len(parts)
        self.unigrams = pd.Index([*parts, SEP_TOKEN])
        self.unigram_cols = np.fromiter([*parts.values(), -1], dtype=np.int64, count=len(parts) + 1)
        self.width = np.int64(len(parts) + 1)
        codes, cols = [], []
        for term, col in vocabulary.items():
            if " " in term:
                a, b = term.split(" ", 1)
                codes.append(self.unigrams.get_loc(a) * self.width + self.unigrams.get_loc(b))
                cols.append(col)
        self.bigrams = pd.Index(np.asarray(codes, dtype=np.int64))
        self.bigram_cols = np.asarray(cols, dtype=np.int64)

    def counts(self, texts: list[str]) -> sp.csr_matrix:
        return _in_blocks(self._counts, texts)

    def counts_and_coverage(self, texts: list[str]) -> tuple[sp.csr_matrix, np.ndarray]:
        """:meth:`counts` and, per text, the share of its word tokens that are in the vocabulary
        (NaN for a text without any word token, e.g. emoji only): the out-of-domain signal."""
        if len(texts) <= BLOCK:
            return self._counts(texts, coverage=True)
        parts = [self._counts(texts[i:i + BLOCK], coverage=True) for i in range(0, len(texts), BLOCK)]
        return (sp.vstack([p[0] for p in parts], format="csr"),
                np.concatenate([p[1] for p in parts]))

    def _counts(self, texts: list[str], coverage: bool = False):
        n = len(texts)
        joined = f" {SEP} ".join(texts)
        if joined.count(SEP) != n - 1:  # a text holds the separator itself: it becomes a space
            joined = f" {SEP} ".join(t.replace(SEP, " ") for t in texts)
        found = self.unigrams.get_indexer(np.array(tokenize(normalise_batch(joined)), dtype=object))
        is_sep = found == self.sep
        doc = np.cumsum(is_sep)[~is_sep]
        ids = found[~is_sep].astype(np.int64)
        cols = np.where(ids >= 0, self.unigram_cols[ids], -1)
        if coverage:
            total = np.bincount(doc, minlength=n).astype(np.float64)
            known = np.bincount(doc[cols >= 0], minlength=n)
            with np.errstate(invalid="ignore", divide="ignore"):
                share = np.where(total > 0, known / total, np.nan)
            return self._counted(n, doc, ids, cols), share
        return self._counted(n, doc, ids, cols)

    def _counted(self, n: int, doc: np.ndarray, ids: np.ndarray, cols: np.ndarray) -> sp.csr_matrix:
        rows, found = [doc[cols >= 0]], [cols[cols >= 0]]
        if len(ids) > 1 and len(self.bigrams):
            valid = (doc[:-1] == doc[1:]) & (ids[:-1] >= 0) & (ids[1:] >= 0)
            pos = self.bigrams.get_indexer(ids[:-1][valid] * self.width + ids[1:][valid])
            rows.append(doc[:-1][valid][pos >= 0])
            found.append(self.bigram_cols[pos[pos >= 0]])
        return count_matrix(np.concatenate(rows), np.concatenate(found), (n, self.size))


_SPACE: np.ndarray | None = None  # str.isspace() of every BMP code point (no astral one is space)


def _hash_lookup(codes: np.ndarray, cols: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """code -> column (-1 when absent) through a hash index, for tables too large to hold whole."""
    index = pd.Index(codes)

    def lookup(wanted: np.ndarray) -> np.ndarray:
        pos = index.get_indexer(wanted)
        return np.where(pos >= 0, cols[pos], -1)

    return lookup


class CharCounter:
    """Counts of the character 1-3 grams of a fixed vocabulary, equal to scikit-learn's
    ``CountVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=True)``.

    That analyzer lower-cases a text, splits it at whitespace (``str.split()``) and takes the
    n-grams of each word padded with one space on either side. Here a block of texts becomes one
    array of symbol ids laid out as ``" word "`` plus a break per word; an n-gram is one integer
    (the ids in base ``len(alphabet) + 1``) looked up in a table of the vocabulary's codes. Id 0
    stands for the break and for every character outside the vocabulary's alphabet, and no
    vocabulary n-gram contains it, so n-grams across words or with unknown characters are never
    found.
    """

    DENSE_UP_TO = 1 << 24  # table entries: a direct-lookup table up to this size, else a hash index

    def __init__(self, vocabulary: dict[str, int]):
        global _SPACE
        if _SPACE is None:
            _SPACE = np.array([chr(c).isspace() for c in range(0x10000)], dtype=bool)
        if any(not 1 <= len(term) <= 3 for term in vocabulary):
            raise ValueError("CharCounter counts 1-3 character n-grams only")
        self.size = len(vocabulary)
        alphabet = np.array(sorted({ord(ch) for term in vocabulary for ch in term}), dtype=np.uint32)
        # ids and n-gram codes in 32 bits while a trigram code fits (an alphabet of up to 1,290)
        self.dtype = np.dtype(np.int32 if (len(alphabet) + 1) ** 3 < 2**31 else np.int64)
        self.base = self.dtype.type(len(alphabet) + 1)
        self.bmp = np.zeros(0x10000, dtype=self.dtype)
        small = alphabet <= 0xFFFF
        self.bmp[alphabet[small]] = np.flatnonzero(small) + 1
        self.astral, self.astral_ids = alphabet[~small], np.flatnonzero(~small) + 1
        self.space = int(self.bmp[ord(" ")])  # 0 when no vocabulary term holds a space
        self.lookups: list[Callable[[np.ndarray], np.ndarray]] = []
        for n in (1, 2, 3):
            terms = [(t, c) for t, c in vocabulary.items() if len(t) == n]
            codes = np.zeros(len(terms), dtype=self.dtype)
            for ch in range(n):
                codes = codes * self.base + self._ids(np.array([ord(t[ch]) for t, _ in terms], np.uint32))
            cols = np.array([c for _, c in terms], dtype=np.int64)
            if int(self.base) ** n <= self.DENSE_UP_TO:
                table = np.full(int(self.base) ** n, -1, dtype=np.int32 if self.size < 2**31 else np.int64)
                table[codes] = cols
                self.lookups.append(table.__getitem__)
            else:
                self.lookups.append(_hash_lookup(codes, cols))

    def _ids(self, codes: np.ndarray) -> np.ndarray:
        """Alphabet id of each code point, 0 outside the alphabet."""
        high = codes > 0xFFFF
        ids = self.bmp[np.where(high, 0, codes)]
        if high.any():
            found = np.zeros(int(high.sum()), dtype=self.dtype)
            if len(self.astral):
                pos = np.searchsorted(self.astral, codes[high]).clip(0, len(self.astral) - 1)
                hit = self.astral[pos] == codes[high]
                found[hit] = self.astral_ids[pos[hit]]
            ids[high] = found
        return ids

    def counts(self, texts: list[str]) -> sp.csr_matrix:
        return _in_blocks(self._counts, texts)

    def _counts(self, texts: list[str]) -> sp.csr_matrix:
        n = len(texts)
        # SEP is whitespace to str.split(), so it ends a word exactly as the spaces it replaces.
        # Lower-casing the joined string equals lower-casing each text: SEP and the space are
        # neither cased nor case-ignorable, so they stop the final-sigma context as a text's end does.
        joined = SEP.join(t.replace(SEP, " ") for t in texts).lower()
        codes = _code_points(f" {joined} ")
        high = codes > 0xFFFF
        assert _SPACE is not None
        word = ~_SPACE[np.where(high, 0, codes)] | high
        start = word[1:] & ~word[:-1]  # a word starts at i + 1
        starts = np.flatnonzero(start) + 1
        if not len(starts):
            return sp.csr_matrix((n, self.size), dtype=np.float32)
        chars = np.flatnonzero(word)
        word_of = np.cumsum(start)[chars - 1] - 1
        lengths = np.bincount(word_of, minlength=len(starts))
        before = np.cumsum(lengths) - lengths  # characters in earlier words
        k3 = 3 * np.arange(len(starts))
        # word k occupies [before_k + 3k, before_k + lengths_k + 3k + 2]: space, characters, space, break
        seq = np.zeros(len(chars) + 3 * len(starts), dtype=self.dtype)
        seq[np.arange(len(chars)) + 3 * word_of + 1] = self._ids(codes[chars])
        seq[before + k3] = self.space
        seq[before + lengths + k3 + 1] = self.space
        shape = (n, self.size)
        first_key = np.cumsum(codes == ord(SEP), dtype=key_type(shape))[starts] * self.size  # doc * width
        row_key = np.repeat(first_key, lengths + 3)
        base = self.base
        pair = seq[:-1] * base + seq[1:]
        grams = (seq, pair, pair[:-1] * base + seq[2:])
        keys = []
        for code, lookup in zip(grams, self.lookups, strict=True):
            col = lookup(code)
            hit = col >= 0
            keys.append(row_key[:len(code)][hit] + col[hit])
        return count_keys(np.concatenate(keys), shape)


def clean_texts(texts) -> list[str]:
    """Texts as strings; None and NaN become empty strings."""
    return ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in texts]


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise probabilities from a logistic regression's decision scores (in place)."""
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    return scores / scores.sum(axis=1, keepdims=True)


class NotFittedError(ValueError, AttributeError):
    """A model used before it was fitted or loaded (like scikit-learn's, both a ValueError and
    an AttributeError, so code that caught the AttributeError of a missing weight still does)."""


_T = TypeVar("_T")


def fitted(part: _T | None) -> _T:
    """A part of a fitted model (weights, a vectoriser); NotFittedError while the model has none."""
    if part is None:
        raise NotFittedError("Model belum dilatih atau dimuat: panggil fit() atau load() dahulu.")
    return part


class TextModel:
    """A linear text model: ``features(texts) @ coef.T + intercept`` scores one class each."""

    MODEL_FILE: ClassVar[Path]
    LABELS: ClassVar[tuple[str, ...]]
    CHUNK: ClassVar[int] = 5000  # texts per block when predicting (in each worker process too)
    MAX_CHARS: ClassVar[int | None] = None  # a model that reads only the start of long texts sets it
    _defaults: ClassVar[dict[type, TextModel]] = {}

    classes: tuple[str, ...]
    coef: np.ndarray | None
    intercept: np.ndarray | None
    info: dict
    review: dict | None = None  # temperature and needs_review thresholds (core.review.calibrate)
    centroids: np.ndarray | None = None  # one unit mean feature vector per class, for similarity

    # -- what a subclass provides --------------------------------------------------------------
    def features(self, texts: list[str]) -> sp.csr_matrix:
        raise NotImplementedError

    def feature_name(self, column: int) -> str | None:
        """The readable name of a feature column, or None to leave it out of explanations."""
        raise NotImplementedError

    def features_and_coverage(self, texts: list[str]) -> tuple[sp.csr_matrix, np.ndarray]:
        """``features`` and each text's vocabulary coverage (NaN where not measured)."""
        x = self.features(texts)
        return x, np.full(x.shape[0], np.nan)

    def _arrays(self) -> dict[str, np.ndarray]:
        raise NotImplementedError

    @classmethod
    def _restore(cls, arrays, meta: dict) -> TextModel:
        raise NotImplementedError

    def _prepare(self) -> None:
        """Build lazily computed tables before worker processes are forked (optional)."""

    def _order(self, fitted_classes) -> list[int]:
        """Rows of a fitted classifier's weights in the label set's precedence order."""
        return [list(fitted_classes).index(c) for c in self.LABELS if c in fitted_classes]

    def _take_weights(self, clf, info: dict | None) -> None:
        order = self._order(clf.classes_)
        self.classes = tuple(clf.classes_[order])
        self.coef = clf.coef_[order].astype(np.float32)
        self.intercept = clf.intercept_[order].astype(np.float32)
        self.info = dict(info or {})
        self.review = None  # a new fit needs a new calibration
        self.centroids = None

    # -- prediction ----------------------------------------------------------------------------
    def clip(self, texts: list[str]) -> list[str]:
        """The part of each text the model reads: the first ``MAX_CHARS`` characters, if set."""
        limit = self.MAX_CHARS
        if limit is None:
            return texts
        return [t[:limit] if len(t) > limit else t for t in texts]

    def decision_function(self, texts) -> np.ndarray:
        coef, intercept = fitted(self.coef), fitted(self.intercept)
        return np.asarray(self.features(self.clip(clean_texts(texts))) @ coef.T) + intercept

    @property
    def temperature(self) -> float:
        """The calibration temperature (1 for a model not calibrated)."""
        return float((self.review or {}).get("temperature", 1.0))

    def predict_proba(self, texts) -> np.ndarray:
        """Calibrated probabilities: softmax of the scores divided by :attr:`temperature`."""
        return softmax(self.decision_function(texts) / self.temperature)

    def predict(self, texts) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.array([], dtype=object)
        return np.asarray(self.classes, dtype=object)[self.decision_function(texts).argmax(axis=1)]

    def _best(self, texts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Label index, calibrated confidence and needs_review of each text."""
        from humaskit.core import review

        coef, intercept = fitted(self.coef), fitted(self.intercept)
        x, coverage = self.features_and_coverage(self.clip(clean_texts(texts)))
        proba = softmax((np.asarray(x @ coef.T) + intercept) / self.temperature)
        confidence = proba.max(axis=1)
        if self.review is None or self.centroids is None:
            flag = np.zeros(len(confidence), dtype=bool)
        else:
            flag = review.needs_review(confidence, coverage, review.similarity(x, self.centroids),
                                       self.review)
        return proba.argmax(axis=1), confidence, flag

    def _best_in_blocks(self, texts: list[str], progress: str | None = None
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """_best over blocks of CHUNK texts (small arrays whatever the input size)."""
        starts = range(0, len(texts), self.CHUNK)
        if progress:
            from tqdm.auto import tqdm

            starts = tqdm(starts, desc=progress, unit="blok")
        results = [self._best(texts[i:i + self.CHUNK]) for i in starts]
        return tuple(np.concatenate([r[k] for r in results]) for k in range(3))  # type: ignore[return-value]

    def assess_texts(self, texts, workers: int | None = None, progress: str | None = None
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Label, calibrated confidence and ``needs_review`` (bool) for each text.

        A text needs review when the model is unsure or the text is unlike its training texts
        (see :mod:`humaskit.core.review`); a model without calibration flags nothing.
        Inputs of ``parallel.PARALLEL_FROM`` texts or more are split over the CPU cores;
        smaller ones run here in blocks, with a progress bar titled ``progress`` if given.
        """
        texts = clean_texts(texts)
        workers = workers or parallel.default_workers()
        classes = np.asarray(self.classes, dtype=object)
        if not texts:
            return np.array([], dtype=object), np.array([]), np.array([], dtype=bool)
        if len(texts) < parallel.PARALLEL_FROM or workers == 1:
            results = [self._best_in_blocks(texts, progress)]
        else:
            self._prepare()
            results = parallel.map_slices(self._best_in_blocks, texts, workers)
        index, confidence, flag = (np.concatenate([r[k] for r in results]) for k in range(3))
        return classes[index], confidence, flag

    def label_texts(self, texts, workers: int | None = None, progress: str | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
        """Label and confidence (the label's calibrated probability) for each text."""
        labels, confidence, _ = self.assess_texts(texts, workers, progress)
        return labels, confidence

    def explain(self, text: str, top: int = 8) -> pd.DataFrame:
        """The features that pushed this text towards its predicted label, strongest first.

        Columns ``feature`` and ``weight``: the feature's contribution to the predicted label's
        score minus its average contribution to the other labels (positive pulls towards the
        chosen label). ``attrs["label"]`` is the predicted label.
        """
        coef, intercept = fitted(self.coef), fitted(self.intercept)
        x = self.features(self.clip(clean_texts([text])))
        label_index = int(np.argmax(np.asarray(x @ coef.T) + intercept))
        others = np.delete(coef, label_index, axis=0).mean(axis=0)
        rows = []
        for col, value in zip(x.indices, x.data, strict=True):
            name = self.feature_name(int(col))
            if name is not None:
                rows.append({"feature": name,
                             "weight": float(value * (coef[label_index, col] - others[col]))})
        df = pd.DataFrame(rows, columns=["feature", "weight"])
        df = df.sort_values("weight", ascending=False).head(top).reset_index(drop=True)
        df.attrs["label"] = self.classes[label_index]
        return df

    # -- storage -------------------------------------------------------------------------------
    def save(self, path: str | Path | None = None) -> Path:
        """Write the model as a compressed .npz of plain arrays (atomically)."""
        path = Path(path or self.MODEL_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {**self._meta(), "classes": list(self.classes), "info": self.info, "format": 1}
        extra = {}
        if self.review is not None:
            meta["review"] = self.review
        if self.centroids is not None:
            extra["review_centroids"] = self.centroids.astype(np.float16)
        buf = io.BytesIO()
        # allow_pickle is numpy's default, named so the type checker cannot take it from the arrays
        np.savez_compressed(buf, allow_pickle=True, **self._arrays(), **extra,
                            coef=fitted(self.coef).astype(np.float16),
                            intercept=fitted(self.intercept).astype(np.float32),
                            meta=np.array(json.dumps(meta, sort_keys=True).encode("utf-8")))
        write_bytes_atomic(path, buf.getvalue())
        return path

    def _meta(self) -> dict:
        return {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> TextModel:
        with np.load(Path(path or cls.MODEL_FILE), allow_pickle=False) as z:
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            model = cls._restore(z, meta)
            model.classes = tuple(meta["classes"])
            model.coef = z["coef"].astype(np.float32)
            model.intercept = z["intercept"].astype(np.float32)
            model.info = meta["info"]
            model.review = meta.get("review")
            model.centroids = (z["review_centroids"].astype(np.float32)
                               if "review_centroids" in z.files else None)
        return model

    @classmethod
    def default(cls):
        """The model shipped with the kit, loaded once per process."""
        if cls not in TextModel._defaults:
            TextModel._defaults[cls] = cls.load(cls.MODEL_FILE)
        return TextModel._defaults[cls]

    def same_as(self, other: TextModel, atol: float = 2e-3) -> bool:
        """The same model: same classes and stored arrays (weights within ``atol``, the float16
        rounding of a stored file); the training library's version is not compared."""
        mine, theirs = self._arrays(), other._arrays()
        if self.classes != other.classes or mine.keys() != theirs.keys() or self.review != other.review:
            return False
        if (self.centroids is None) != (other.centroids is None) or (
                self.centroids is not None and other.centroids is not None
                and not np.allclose(self.centroids, other.centroids, atol=atol)):
            return False
        for key, value in mine.items():
            if value.dtype.kind in "SUO" or value.ndim == 0:
                if not np.array_equal(value, theirs[key]):
                    return False
            elif value.shape != theirs[key].shape or not np.allclose(value, theirs[key], atol=atol):
                return False
        coef, other_coef = fitted(self.coef), fitted(other.coef)
        return (coef.shape == other_coef.shape
                and np.allclose(coef, other_coef, atol=atol)
                and np.allclose(fitted(self.intercept), fitted(other.intercept), atol=atol))


VERSION_KEYS = ("sklearn",)  # facts about the training library, not about the model


def is_current(trained: TextModel, shipped_file: Path | None = None) -> bool:
    """Whether the shipped model file holds ``trained`` (as stored: the float16 weights), with the
    same training facts in ``info`` apart from library versions."""
    import tempfile

    shipped = type(trained).load(shipped_file)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = type(trained).load(trained.save(Path(tmp) / "model.npz"))

    def facts(info: dict) -> dict:
        return {k: v for k, v in info.items() if k not in VERSION_KEYS}

    return facts(shipped.info) == facts(fresh.info) and shipped.same_as(fresh)


def train_command(train: Callable[[], TextModel], model_file: Path, describe: Callable[[TextModel], str],
                  argv: list[str] | None = None) -> int:
    """The command line of ``scripts/train_*.py``: train, then write ``model_file`` or, with
    ``--check``, exit 1 when the shipped file is not what training gives."""
    import argparse

    parser = argparse.ArgumentParser(description=f"Train {model_file.name} from datasets/ (deterministic).")
    parser.add_argument("--check", action="store_true",
                        help="fail if the shipped model is not what training gives")
    args = parser.parse_args(argv)
    model = train()
    if args.check:
        same = is_current(model, model_file)
        print("shipped model is current" if same else "shipped model is out of date: retrain")
        return 0 if same else 1
    model.save(model_file)
    print(f"wrote {model_file} ({model_file.stat().st_size / 1e6:.2f} MB), {describe(model)}")
    return 0


def stored_terms(terms) -> np.ndarray:
    """A list of strings as one UTF-8 byte array (no pickle needed to read it back)."""
    return np.array("\n".join(terms).encode("utf-8"))


def read_terms(array: np.ndarray) -> list[str]:
    return bytes(array).decode("utf-8").split("\n")
