"""Charts with Indonesian titles and axis labels, shared by notebooks, apps and reports."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from humaskit.core import formats
from humaskit.data import names as display
from humaskit.data.schema import LABEL_IDS


def confusion_matrix(y_true, y_pred, title: str = "Matriks kebingungan",
                     true_name: str = "Kode rujukan", pred_name: str = "Kode pembanding", ax=None,
                     labels=None, label_names: dict | None = None):
    """A labelled confusion matrix (counts), rows = reference, columns = the other coder.

    ``labels`` (in order) and ``label_names`` (id -> Indonesian name) default to the post labels
    of module 1; for comment triage pass ``schema.TRIAGE_LABELS`` and ``names.TRIAGE``.
    """
    seen = set(y_true) | set(y_pred)
    order = list(labels) if labels is not None else list(LABEL_IDS)
    labels = [lab for lab in order if lab in seen] + sorted(str(x) for x in seen - set(order))
    table = pd.crosstab(pd.Categorical(list(y_true), categories=labels),
                        pd.Categorical(list(y_pred), categories=labels), dropna=False)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 6))
    ax.imshow(table.values, cmap="Blues")
    shown = [(label_names or {}).get(lab) or display.label(lab) for lab in labels]
    ax.set_xticks(range(len(labels)), shown, rotation=35, ha="right")
    ax.set_yticks(range(len(labels)), shown)
    top = table.values.max() or 1
    for i in range(len(labels)):
        for j in range(len(labels)):
            v = table.values[i, j]
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black")
    ax.set_xlabel(pred_name)
    ax.set_ylabel(true_name)
    ax.set_title(title)
    plt.tight_layout()
    return table


def most_confused(y_true, y_pred) -> tuple[str, str, int]:
    """The label pair (order-free) most often confused, with its count."""
    pairs = pd.Series([tuple(sorted(p)) for p in zip(y_true, y_pred, strict=True) if p[0] != p[1]])
    if pairs.empty:
        return ("", "", 0)
    (a, b), n = next(iter(pairs.value_counts().items()))
    return a, b, int(n)


def bars(series: pd.Series, title: str, xlabel: str, ylabel: str, percent: bool = False, ax=None):
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    values = series * 100 if percent else series
    ax.bar([str(i) for i in values.index], values.values, color="#3b6ea5")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel + (" (%)" if percent else ""))
    ax.tick_params(axis="x", rotation=30)
    formats.axes(ax)
    plt.tight_layout()
    return ax


def lines(frame: pd.DataFrame, title: str, xlabel: str, ylabel: str, percent: bool = False, ax=None):
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    data = frame * 100 if percent else frame
    for column in data.columns:
        ax.plot([str(i) for i in data.index], data[column].values, marker="o", label=str(column))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel + (" (%)" if percent else ""))
    ax.legend(fontsize=8, ncol=2)
    ax.tick_params(axis="x", rotation=45)
    ticks = ax.get_xticks()
    if len(ticks) > 12:
        ax.set_xticks(ticks[:: int(np.ceil(len(ticks) / 12))])
    formats.axes(ax)
    plt.tight_layout()
    return ax
