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
import tempfile
from pathlib import Path

import numpy as np

from humaskit.triage import MODEL_FILE, TriageModel, train_default


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    model = train_default()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = TriageModel.load(model.save(Path(tmp) / "m.npz"))
    if args.check:
        shipped = TriageModel.load(MODEL_FILE)
        same = (shipped.info == fresh.info and np.array_equal(shipped.coef, fresh.coef)
                and list(shipped._word.get_feature_names_out()) == list(fresh._word.get_feature_names_out()))
        print("shipped model is current" if same else "shipped model is out of date: retrain")
        return 0 if same else 1
    model.save(MODEL_FILE)
    print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size / 1e6:.2f} MB), trained on "
          f"{model.info['n_train']} comments of {model.info['corpus_version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
