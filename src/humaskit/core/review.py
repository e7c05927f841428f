"""When not to trust a text model: calibration, an out-of-domain signal and the ``needs_review`` flag.

A text model's raw probabilities are over-confident on the texts it learnt from and say nothing
about texts unlike them (a citizen's tweet given to the post classifier still gets a label). Three
checks, fitted once when the shipped model is trained and stored with it:

* **calibration**: one temperature ``T`` divides the decision scores before the softmax
  (Guo et al. 2017, "On Calibration of Modern Neural Networks"), fitted by minimising the
  log-loss on out-of-fold predictions of the training set, so a confidence of 0.8 means right
  about 8 times in 10 on texts like the training texts;
* **vocabulary coverage**: the share of a text's word tokens that are in the model's vocabulary;
* **similarity**: the text's highest cosine similarity to the mean feature vector of one label's
  training texts.

A text ``needs_review`` when its calibrated confidence is below ``min_confidence`` or its coverage
or similarity is below the lowest 2% of in-domain out-of-fold texts. ``min_confidence`` is the
lowest threshold at which the unflagged out-of-fold predictions are right at least
``target_accuracy`` of the time while no more than ``max_flagged`` of in-domain texts are flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

TextModel = Any  # a humaskit.core.textmodel.TextModel (not imported: textmodel imports this module)

DOMAIN_QUANTILE = 0.02  # in-domain texts flagged by each domain check (out-of-fold)
TARGET_ACCURACY = 0.96  # unflagged predictions right at least this often (out-of-fold; issue: 0.95)
MAX_FLAGGED = 0.22  # in-domain texts flagged at most this often (out-of-fold; issue: 0.25)
BINS = 10


def log_softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def fit_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """The temperature minimising the mean log-loss of ``softmax(scores / T)`` (``truth``: the
    right column per row)."""
    from scipy.optimize import minimize_scalar

    rows = np.arange(len(truth))

    def loss(log_t: float) -> float:
        return float(-log_softmax(scores / np.exp(log_t))[rows, truth].mean())

    best = minimize_scalar(loss, bounds=(np.log(0.05), np.log(20.0)), method="bounded")
    return float(np.exp(best.x))


def reliability(confidence: np.ndarray, correct: np.ndarray, bins: int = BINS) -> pd.DataFrame:
    """Per equal-width confidence bin: ``n``, mean ``confidence`` and ``accuracy`` (empty bins left out)."""
    confidence, correct = np.asarray(confidence, dtype=float), np.asarray(correct, dtype=float)
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        mask = which == b
        if mask.any():
            rows.append({"low": b / bins, "high": (b + 1) / bins, "n": int(mask.sum()),
                         "confidence": float(confidence[mask].mean()),
                         "accuracy": float(correct[mask].mean())})
    return pd.DataFrame(rows, columns=["low", "high", "n", "confidence", "accuracy"])


def expected_calibration_error(confidence, correct, bins: int = BINS) -> float:
    """ECE: the n-weighted mean gap between confidence and accuracy over equal-width bins."""
    table = reliability(confidence, correct, bins)
    if table.empty:
        return float("nan")
    return float((table["n"] * (table["confidence"] - table["accuracy"]).abs()).sum() / table["n"].sum())


def centroids(features: sp.csr_matrix, labels: Sequence[str], classes: Sequence[str]) -> np.ndarray:
    """One unit-length mean feature vector per class (rows in ``classes`` order)."""
    names = np.asarray(labels)
    rows = [np.asarray(features[names == c].mean(axis=0)).ravel() for c in classes]
    out = np.vstack(rows).astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1)


def similarity(features: sp.csr_matrix, centres: np.ndarray) -> np.ndarray:
    """Each row's highest cosine similarity to one of the centroids (0 for an empty row)."""
    sq = features.multiply(features).sum(axis=1)
    norms = np.sqrt(np.asarray(sq, dtype=np.float64).ravel())
    best = np.asarray(features @ centres.T).max(axis=1) if features.shape[0] else np.zeros(0)
    return np.where(norms > 0, best / np.where(norms > 0, norms, 1), 0.0)


def needs_review(confidence: np.ndarray, coverage: np.ndarray, closeness: np.ndarray,
                 review: dict) -> np.ndarray:
    """The flag from calibrated confidence, coverage (NaN: no word token, not judged) and similarity."""
    with np.errstate(invalid="ignore"):
        low_coverage = np.nan_to_num(coverage, nan=1.0) < review["min_coverage"]
    return (confidence < review["min_confidence"]) | low_coverage | (closeness < review["min_similarity"])


def out_of_fold(make: Callable[[], TextModel], texts: list[str], labels: Sequence[str],
                groups: Sequence | None = None, folds: int = 5) -> pd.DataFrame:
    """Scores, coverage and similarity of every training text from a model that never saw it.

    Columns: ``label`` (reference), ``predicted``, ``scores`` (raw decision scores, an array per
    row), ``coverage``, ``similarity``, ``fold``. Folds are stratified by label, or keep whole
    groups (threads) together when ``groups`` is given.
    """
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    y = np.asarray(labels, dtype=object)
    if groups is None:
        splitter = StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, y)
    else:
        splitter = GroupKFold(folds).split(texts, y, np.asarray(groups))
    parts = []
    for fold, (train, test) in enumerate(splitter):
        model = make().fit([texts[i] for i in train], y[train])
        chunk = [texts[i] for i in test]
        x, coverage = model.features_and_coverage(model.clip(chunk))
        centres = centroids(model.features(model.clip([texts[i] for i in train])), y[train],
                            model.classes)
        scores = np.asarray(x @ fitted_array(model.coef).T) + fitted_array(model.intercept)
        parts.append(pd.DataFrame({
            "index": test, "label": y[test],
            "predicted": np.asarray(model.classes, dtype=object)[scores.argmax(axis=1)],
            "scores": list(scores), "coverage": coverage,
            "similarity": similarity(x, centres), "fold": fold,
            "classes": [tuple(model.classes)] * len(test),
        }))
    return pd.concat(parts).sort_values("index").set_index("index")


def fitted_array(part: np.ndarray | None) -> np.ndarray:
    if part is None:
        raise ValueError("model not fitted")
    return part


def choose(oof: pd.DataFrame, target_accuracy: float = TARGET_ACCURACY,
           max_flagged: float = MAX_FLAGGED) -> dict:
    """Temperature and thresholds from out-of-fold predictions, with the figures they give there."""
    classes = oof["classes"].iloc[0]
    scores = np.vstack(oof["scores"].to_numpy())
    truth = np.array([classes.index(lab) for lab in oof["label"]])
    correct = scores.argmax(axis=1) == truth
    temperature = fit_temperature(scores, truth)
    raw = np.exp(log_softmax(scores)).max(axis=1)
    calibrated = np.exp(log_softmax(scores / temperature)).max(axis=1)
    review: dict = {
        "temperature": round(temperature, 4),
        "min_coverage": round(float(np.nanquantile(oof["coverage"], DOMAIN_QUANTILE)), 4),
        "min_similarity": round(float(np.quantile(oof["similarity"], DOMAIN_QUANTILE)), 4),
    }
    best = None
    for threshold in np.round(np.arange(0.20, 0.995, 0.01), 2):
        review["min_confidence"] = float(threshold)
        flag = needs_review(calibrated, oof["coverage"].to_numpy(), oof["similarity"].to_numpy(), review)
        share = float(flag.mean())
        accuracy = float(correct[~flag].mean()) if (~flag).any() else 1.0
        if share > max_flagged:
            break
        best = (float(threshold), share, accuracy)
        if accuracy >= target_accuracy:
            break
    assert best is not None, "even the lowest confidence threshold flags too many texts"
    review["min_confidence"] = best[0]
    review["out_of_fold"] = {
        "n": len(oof), "accuracy": round(float(correct.mean()), 4),
        "ece_before": round(expected_calibration_error(raw, correct), 4),
        "ece_after": round(expected_calibration_error(calibrated, correct), 4),
        "flagged": round(best[1], 4), "unflagged_accuracy": round(best[2], 4),
    }
    return review


def calibrate(model: TextModel, make: Callable[[], TextModel], texts: list[str], labels: Sequence[str],
              groups: Sequence | None = None, folds: int = 5) -> TextModel:
    """Fit ``review`` (temperature, thresholds) out of fold and the centroids of ``model`` (already
    fitted on ``texts``); returns the model."""
    oof = out_of_fold(make, texts, labels, groups, folds)
    model.review = choose(oof)
    model.centroids = centroids(model.features(model.clip(list(texts))), labels, model.classes)
    return model
