"""Train the shipped comment-triage model from datasets/ (deterministic).

    python scripts/train_triage.py           write src/humaskit/models/triage.npz
    python scripts/train_triage.py --check   fail if the shipped model is not what training gives

The model is trained on the citizen comments of four corpus threads in five plus the scenario
timeline items; every fifth corpus thread (by a stable hash of its post id) stays held out for
evaluation (benchmarks/triage_benchmark.py).
"""

from __future__ import annotations

import argparse
import sys

from humaskit.core.textmodel import is_current
from humaskit.response.triage import MODEL_FILE, train_default


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
    print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size / 1e6:.2f} MB), trained on "
          f"{model.info['n_train']} comments of {model.info['corpus_version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
