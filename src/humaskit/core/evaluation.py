"""Scoring a coder (a person or a model) against reference labels, for any label set."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

MACRO = "macro_average"


def label_scores(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> pd.DataFrame:
    """Precision, recall, F1 and support per label, plus the macro average as the last row
    (index ``"macro_average"``), rounded to 3 decimals."""
    from sklearn.metrics import precision_recall_fscore_support

    labels = list(labels)
    p, r, f, n = precision_recall_fscore_support(list(y_true), list(y_pred), labels=labels,
                                                 zero_division=0)
    table = pd.DataFrame({"precision": p, "recall": r, "f1": f, "support": n}, index=labels)
    table.loc[MACRO] = [p.mean(), r.mean(), f.mean(), n.sum()]
    return table.round(3)


def label_scores_with_intervals(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str],
                                n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """:func:`label_scores` with the 95% percentile bootstrap interval of every score beside it
    (``precision_low``, ``precision_high``, ``recall_low`` ... ``f1_high``), for each label and
    the macro average; rows resampled together, 1,000 times."""
    import numpy as np
    from sklearn.metrics import precision_recall_fscore_support

    labels = list(labels)
    table = label_scores(y_true, y_pred, labels)
    scores = ("precision", "recall", "f1")

    def per_label_and_macro(truth, pred):
        found = precision_recall_fscore_support(truth, pred, labels=labels, zero_division=0)[:3]
        return np.concatenate([np.r_[v, v.mean()] for v in found])

    bounds = bootstrap_bounds(per_label_and_macro, list(y_true), list(y_pred), n_boot=n_boot, seed=seed)
    size = len(table)
    low, high = bounds if bounds is not None else (np.full(3 * size, np.nan),) * 2
    for k, name in enumerate(scores):
        table[f"{name}_low"] = np.round(low[k * size:(k + 1) * size], 3)
        table[f"{name}_high"] = np.round(high[k * size:(k + 1) * size], 3)
    return table[[c for name in scores for c in (name, f"{name}_low", f"{name}_high")] + ["support"]]


def confusion_table(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> pd.DataFrame:
    """Counts: rows are the reference labels (``reference``), columns what the coder said
    (``predicted``)."""
    from sklearn.metrics import confusion_matrix

    labels = list(labels)
    m = confusion_matrix(list(y_true), list(y_pred), labels=labels)
    return pd.DataFrame(m, index=pd.Index(labels, name="reference"),
                        columns=pd.Index(labels, name="predicted"))


LEVEL = 0.95  # every interval the kit prints is a 95% interval


def proportion_interval(successes: int, n: int, level: float = LEVEL) -> tuple[float, float]:
    """Wilson score interval of a proportion (accuracy, agreement, a flag rate): sensible at 0%
    and 100%, where a bootstrap collapses to a point."""
    from scipy.stats import binomtest

    if n == 0:
        return float("nan"), float("nan")
    ci = binomtest(int(successes), int(n)).proportion_ci(confidence_level=level, method="wilson")
    return float(ci.low), float(ci.high)


def bootstrap_bounds(statistic, *columns: Sequence, n_boot: int = 1000, level: float = LEVEL,
                     seed: int = 0):
    """Percentile bootstrap bounds of ``statistic(*columns)``, a number or an array of numbers
    (one bound per element), resampling rows together; resamples with a NaN are skipped. Returns
    ``(low, high)`` as NumPy values, or ``None`` when there is nothing to resample or every
    resample gave NaN."""
    import numpy as np

    arrays = [np.asarray(c, dtype=object) for c in columns]
    n = len(arrays[0])
    if n == 0:
        return None
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n_boot):
        rows = rng.integers(0, n, n)
        value = np.asarray(statistic(*[a[rows] for a in arrays]), dtype=float)
        if not np.isnan(value).any():
            values.append(value)
    if not values:
        return None
    low, high = np.quantile(np.array(values), [(1 - level) / 2, 1 - (1 - level) / 2], axis=0)
    return low, high


def bootstrap_interval(statistic, *columns: Sequence, n_boot: int = 1000, level: float = LEVEL,
                       seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of ``statistic(*columns)``, resampling rows together
    (e.g. macro-F1 of reference and prediction, or kappa of two coders); NaN resamples skipped."""
    bounds = bootstrap_bounds(statistic, *columns, n_boot=n_boot, level=level, seed=seed)
    if bounds is None:
        return float("nan"), float("nan")
    return float(bounds[0]), float(bounds[1])


def macro_f1(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    """Macro-averaged F1 over the labels present in either column."""
    from sklearn.metrics import f1_score

    return float(f1_score(list(y_true), list(y_pred), average="macro", zero_division=0))


def macro_f1_interval(y_true: Sequence[str], y_pred: Sequence[str]) -> tuple[float, tuple[float, float]]:
    """Macro-F1 and its 95% bootstrap interval (texts resampled)."""
    return macro_f1(y_true, y_pred), bootstrap_interval(macro_f1, y_true, y_pred)


def share_interval(mask) -> tuple[float, tuple[float, float]]:
    """The share of True in ``mask`` and its 95% Wilson interval."""
    values = [bool(v) for v in mask]
    n = len(values)
    return (sum(values) / n if n else float("nan")), proportion_interval(sum(values), n)


def review_summary(right: Sequence[bool], flag: Sequence[bool]) -> pd.DataFrame:
    """What needs_review does on texts with a reference label: rows ``flagged`` (share of texts
    flagged), ``right_unflagged`` and ``right_flagged`` (share right among each); columns
    ``share``, ``low``, ``high`` (95% Wilson interval) and ``n``."""
    import numpy as np

    right_a, flag_a = np.asarray(right, dtype=bool), np.asarray(flag, dtype=bool)
    rows = {}
    for name, mask in (("flagged", flag_a), ("right_unflagged", right_a[~flag_a]),
                       ("right_flagged", right_a[flag_a])):
        value, (low, high) = share_interval(mask)
        rows[name] = {"share": value, "low": low, "high": high, "n": len(mask)}
    return pd.DataFrame.from_dict(rows, orient="index")
