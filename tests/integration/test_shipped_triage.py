"""The shipped comment-triage model (src/humaskit/models/triage.npz): its held-out target, its
training split, reproducible training, and a model trained without one scenario."""

import subprocess
import sys

from humaskit.data import scenarios
from humaskit.data.schema import TRIAGE_LABELS
from humaskit.response import triage


def test_shipped_model_meets_the_target_on_held_out_threads():
    _, held = triage.split_comments()
    table = triage.evaluate(held["kind"], triage.default_model().predict(held["text"].tolist()))
    assert table.loc["macro_average", "f1"] >= 0.80
    assert (table.loc[list(TRIAGE_LABELS), "support"] > 40).all()


def test_held_out_threads_are_never_in_training():
    train, held = triage.split_comments()
    assert not set(train["post_id"]) & set(held["post_id"])
    assert len(train) + len(held) > 4000
    assert triage.default_model().info["n_train_corpus"] == len(train)


def test_shipped_model_is_what_training_gives():
    r = subprocess.run([sys.executable, "scripts/train_triage.py", "--check"], capture_output=True,
                       text=True, cwd=triage.MODEL_FILE.parents[3])
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_model_without_a_scenario_never_saw_its_items():
    model = triage.train_without("akun-diretas")
    items = scenarios.timeline("akun-diretas")
    assert model.info["without_scenario"] == "akun-diretas"
    table = triage.evaluate(items["triage"], model.predict(items["text"].tolist()))
    assert 0.3 < table.loc["macro_average", "f1"] < 1.0
