"""The text-model base shared by the post classifier (module 1) and the comment triage (module 3).

Both are a linear model over sparse text features: a TF-IDF of words, and for the triage also of
characters, into a logistic regression. What they share lives here once:

* text normalisation (links, mentions and numbers become placeholders) and tokenisation;
* scores, probabilities, labels and confidence, with large inputs split over the CPU cores;
* ``explain``: the features that pushed a text to its label;
* storage without pickle: a compressed ``.npz`` of plain arrays plus JSON metadata, so a model
  file is data, not code; the shipped model is loaded once per process (``default()``);
* ``same_as``: whether two models are the same model (arrays, not the library version).

A subclass sets ``MODEL_FILE`` and ``LABELS`` and implements ``features``, ``feature_name``,
``_arrays`` (what to store besides weights) and ``_restore`` (rebuild from stored arrays).
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
_MENTION = re.compile(r"@\w+")
SEP = "\x1e"  # record separator between texts when a batch is processed as one string
SEP_TOKEN = "\u2042"  # what the separator becomes: not a word character, not whitespace


def _strip_links(text: str) -> str:
    """Replace every whitespace-delimited chunk that holds a link or a domain with 'tautanurl'."""
    spans: list[tuple[int, int]] = []
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
    if c == ord(SEP):
        return ord(SEP_TOKEN)
    if ch == "?":
        return c
    if ch.isdecimal():
        return ord("0")
    if c != ord(SEP_TOKEN) and (ch.isalnum() or ch == "_"):
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
    CHUNK: ClassVar[int] = 5000  # texts per block when predicting in one process
    _defaults: ClassVar[dict[type, TextModel]] = {}

    classes: tuple[str, ...]
    coef: np.ndarray | None
    intercept: np.ndarray | None
    info: dict

    # -- what a subclass provides --------------------------------------------------------------
    def features(self, texts: list[str]) -> sp.csr_matrix:
        raise NotImplementedError

    def feature_name(self, column: int) -> str | None:
        """The readable name of a feature column, or None to leave it out of explanations."""
        raise NotImplementedError

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

    # -- prediction ----------------------------------------------------------------------------
    def decision_function(self, texts) -> np.ndarray:
        coef, intercept = fitted(self.coef), fitted(self.intercept)
        return np.asarray(self.features(clean_texts(texts)) @ coef.T) + intercept

    def predict_proba(self, texts) -> np.ndarray:
        return softmax(self.decision_function(texts))

    def predict(self, texts) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.array([], dtype=object)
        return np.asarray(self.classes, dtype=object)[self.decision_function(texts).argmax(axis=1)]

    def _best(self, texts) -> tuple[np.ndarray, np.ndarray]:
        proba = self.predict_proba(texts)
        return proba.argmax(axis=1), proba.max(axis=1)

    def label_texts(self, texts, workers: int | None = None, progress: str | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
        """Label and confidence (the label's probability) for each text.

        Inputs of ``parallel.PARALLEL_FROM`` texts or more are split over the CPU cores;
        smaller ones run here in blocks, with a progress bar titled ``progress`` if given.
        """
        texts = clean_texts(texts)
        workers = workers or parallel.default_workers()
        classes = np.asarray(self.classes, dtype=object)
        if not texts:
            return np.array([], dtype=object), np.array([])
        if len(texts) < parallel.PARALLEL_FROM or workers == 1:
            blocks = np.array_split(np.arange(len(texts)), max(1, len(texts) // self.CHUNK))
            if progress:
                from tqdm.auto import tqdm

                blocks = tqdm(blocks, desc=progress, unit="blok")
            results = [self._best([texts[i] for i in block]) for block in blocks]
        else:
            self._prepare()
            results = parallel.map_slices(self._best, texts, workers)
        return classes[np.concatenate([r[0] for r in results])], np.concatenate([r[1] for r in results])

    def explain(self, text: str, top: int = 8) -> pd.DataFrame:
        """The features that pushed this text towards its predicted label, strongest first.

        Columns ``feature`` and ``weight``: the feature's contribution to the predicted label's
        score minus its average contribution to the other labels (positive pulls towards the
        chosen label). ``attrs["label"]`` is the predicted label.
        """
        coef, intercept = fitted(self.coef), fitted(self.intercept)
        x = self.features(clean_texts([text]))
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
        buf = io.BytesIO()
        # allow_pickle is numpy's default, named so the type checker cannot take it from the arrays
        np.savez_compressed(buf, allow_pickle=True, **self._arrays(),
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
        if self.classes != other.classes or mine.keys() != theirs.keys():
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
