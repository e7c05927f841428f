"""Train the shipped dialogic-principle model from datasets/ (deterministic).

    python scripts/train_classifier.py           write src/humaskit/models/dialogic.npz
    python scripts/train_classifier.py --check   fail if the shipped model is not what training gives

The model is trained on every post except the gold subset, which stays held out for evaluation
(benchmarks/classify_benchmark.py). The file records the corpus version it was trained on.
"""

from __future__ import annotations

import sys

from humaskit.coding.classify import MODEL_FILE, train_default
from humaskit.core.textmodel import train_command


def describe(m) -> str:
    return (f"{len(m.vocabulary)} terms, trained on {m.info['n_train']} posts of {m.info['corpus_version']}")


if __name__ == "__main__":
    sys.exit(train_command(train_default, MODEL_FILE, describe))
