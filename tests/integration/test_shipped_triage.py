"""The shipped comment-triage model (src/humaskit/models/triage.npz): its held-out target, its
training split, reproducible training, and a model trained without one scenario."""

import subprocess
import sys

import pandas as pd

from humaskit.core import privacy
from humaskit.core.paths import data_dir
from humaskit.core.textmodel import normalise
from humaskit.data import corpus, scenarios
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


def test_extra_comments_are_training_only_and_hold_no_held_out_text():
    extra = triage.extra_comments()
    assert len(extra) > 4000 and set(extra["kind"]) == set(TRIAGE_LABELS)
    assert extra["comment_id"].is_unique
    _, held = triage.split_comments()
    held_texts = {normalise(t).strip() for t in held["text"]}
    assert not {normalise(t).strip() for t in extra["text"]} & held_texts
    assert triage.default_model().info["n_train_extra"] == len(extra)
    assert len(corpus.load_triage_extra()) > len(extra)  # the guard did leave some out


def test_extra_comments_hold_no_personal_data():
    extra = corpus.load_triage_extra()
    kinds = {kind for text in extra["text"] for kind, _, _ in privacy.find_identifiers(text)}
    assert kinds <= {"nama"}  # two false positives: a fictional office and a verb


def test_extra_comments_second_coding_is_a_blind_stratified_sample():
    d = triage.extra_check()
    extra = corpus.load_triage_extra().set_index("comment_id")
    assert len(d) == 480 and d["comment_id"].is_unique
    assert d["reference"].value_counts().to_dict() == dict.fromkeys(TRIAGE_LABELS, 80)
    assert (extra.loc[d["comment_id"], "text"].to_numpy() == d["text"].to_numpy()).all()
    assert set(d["coder_d"]) <= set(TRIAGE_LABELS)
    seen = pd.read_csv(data_dir() / "triage_check" / "extra_to_code.csv")
    assert list(seen.columns) == ["item_id", "text"]  # what coder D saw: no label, no comment_id


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
