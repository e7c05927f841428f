"""The shipped post classifier (src/humaskit/models/dialogic.npz): contract, size, provenance,
reproducible training and its held-out score."""

import subprocess
import sys

import numpy as np
import pytest
from sklearn.metrics import f1_score

from humaskit.coding import classify
from humaskit.coding.classify import KeywordBaseline
from humaskit.data import corpus
from humaskit.data.schema import LABEL_IDS


@pytest.fixture(scope="module")
def model():
    return classify.default_model()


def test_shipped_model_predicts_contract_labels_with_probabilities(model):
    texts = ["Bagaimana pendapat Sobat? Tulis di kolom komentar ya!",
             "Selamat Hari Raya Idul Fitri 1447 H, mohon maaf lahir dan batin."]
    proba = model.predict_proba(texts)
    assert proba.shape == (2, 5) and np.allclose(proba.sum(axis=1), 1)
    assert set(model.classes) == set(LABEL_IDS)
    assert list(model.predict(texts)) == ["dialogic_loop", "non_dialogic"]


def test_shipped_model_is_small_and_records_its_training(model):
    assert classify.MODEL_FILE.stat().st_size < 5e6
    assert model.info["corpus_version"] == corpus.version()
    assert model.info["held_out"].startswith("gold subset")


def test_shipped_model_is_what_training_gives(root):
    r = subprocess.run([sys.executable, "scripts/train_classifier.py", "--check"], cwd=root,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_held_out_never_seen_and_beats_baseline():
    train, held = classify.split_corpus()
    assert not set(train["post_id"]) & set(held["post_id"])
    model = classify.default_model()
    f_model = f1_score(held["label"].astype(str), model.predict(held["text"]), average="macro")
    f_base = f1_score(held["label"].astype(str), KeywordBaseline().predict(held["text"]), average="macro")
    assert f_model >= 0.90 and f_model - f_base >= 0.15
