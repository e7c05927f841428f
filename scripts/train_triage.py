"""Train the shipped comment-triage model from datasets/ (deterministic).

    python scripts/train_triage.py           write src/humaskit/models/triage.npz
    python scripts/train_triage.py --check   fail if the shipped model is not what training gives

The model is trained on the citizen comments of four corpus threads in five, the scenario
timeline items and the other writers' training-only comments (datasets/triage_extra/); every fifth
corpus thread (by a stable hash of its post id) stays held out for
evaluation (benchmarks/triage_benchmark.py).
"""

from __future__ import annotations

import sys

from humaskit.core.textmodel import train_command
from humaskit.response.triage import MODEL_FILE, train_default


def describe(m) -> str:
    return f"trained on {m.info['n_train']} comments of {m.info['corpus_version']}"


if __name__ == "__main__":
    sys.exit(train_command(train_default, MODEL_FILE, describe))
