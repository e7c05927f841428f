"""Inter-coder agreement: thin wrappers over maintained libraries (scikit-learn, krippendorff)."""

from __future__ import annotations

from collections.abc import Sequence

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from humaskit.data.schema import LABEL_IDS


def percent_agreement(a: Sequence[str], b: Sequence[str]) -> float:
    a, b = _pair(a, b)
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two coders (nan when both used one single label throughout)."""
    a, b = _pair(a, b)
    return float(cohen_kappa_score(a, b, labels=_labels(a, b)))


def krippendorff_alpha(*coders: Sequence[str]) -> float:
    """Krippendorff's alpha (nominal) for two or more coders; missing codes may be None/NaN."""
    if len(coders) < 2:
        raise ValueError("Krippendorff's alpha perlu kode dari minimal dua pengode.")
    n = len(coders[0])
    if any(len(c) != n for c in coders):
        raise ValueError("Semua pengode harus memberi kode untuk jumlah unggahan yang sama.")
    labels = _labels(*[[x for x in c if isinstance(x, str)] for c in coders])
    if len(labels) < 2:
        return float("nan")  # one single label used throughout: alpha is undefined
    index = {lab: i for i, lab in enumerate(labels)}
    data = np.array([[index[x] if isinstance(x, str) else np.nan for x in c] for c in coders],
                    dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                    value_domain=list(range(len(labels)))))


def summary(a: Sequence[str], b: Sequence[str]) -> dict[str, float]:
    return {
        "n": len(a),
        "percent_agreement": percent_agreement(a, b),
        "kappa": cohen_kappa(a, b),
        "alpha": krippendorff_alpha(a, b),
    }


def disputed(a: Sequence[str], b: Sequence[str]) -> pd.DataFrame:
    """Counts of each disagreeing label pair (order-free), most frequent first."""
    a, b = _pair(a, b)
    pairs = [tuple(sorted(p)) for p in zip(a, b, strict=True) if p[0] != p[1]]
    if not pairs:
        return pd.DataFrame(columns=["label_1", "label_2", "count"])
    s = pd.Series(pairs).value_counts()
    return pd.DataFrame([(x, y, n) for (x, y), n in s.items()], columns=["label_1", "label_2", "count"])


def _pair(a, b):
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"Jumlah kode berbeda: {len(a)} dan {len(b)}. Kedua pengode harus "
                         "mengode unggahan yang sama.")
    if not a:
        raise ValueError("Tidak ada kode untuk dibandingkan.")
    return a, b


def _labels(*codes) -> list[str]:
    seen = {x for c in codes for x in c}
    ordered = [lab for lab in LABEL_IDS if lab in seen]
    return ordered + sorted(seen - set(ordered))
