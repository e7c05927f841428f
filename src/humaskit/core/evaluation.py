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


def confusion_table(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> pd.DataFrame:
    """Counts: rows are the reference labels (``reference``), columns what the coder said
    (``predicted``)."""
    from sklearn.metrics import confusion_matrix

    labels = list(labels)
    m = confusion_matrix(list(y_true), list(y_pred), labels=labels)
    return pd.DataFrame(m, index=pd.Index(labels, name="reference"),
                        columns=pd.Index(labels, name="predicted"))
