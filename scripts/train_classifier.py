"""Train the shipped dialogic-principle model from datasets/ (deterministic).

    python scripts/train_classifier.py           write src/humaskit/models/dialogic.npz
    python scripts/train_classifier.py --check   fail if the shipped model is not what training gives

The model is trained on every post except the gold subset, which stays held out for evaluation
(benchmarks/classify_benchmark.py). The file records the corpus version it was trained on.
"""

from __future__ import annotations

import argparse
import sys

from humaskit.coding.classify import MODEL_FILE, train_default
from humaskit.core.textmodel import is_current


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    model = train_default()
    if args.check:
        same = is_current(model, MODEL_FILE)
        print("shipped model is current" if same else "shipped model is out of date: retrain")
        return 0 if same else 1
    model.save(MODEL_FILE)
    print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size / 1e6:.2f} MB), "
          f"{len(model.vocabulary)} terms, trained on {model.info['n_train']} posts "
          f"of {model.info['corpus_version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
