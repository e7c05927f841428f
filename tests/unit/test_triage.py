import numpy as np
import pandas as pd
import pytest

from humaskit.data import names
from humaskit.data.schema import TRIAGE_LABELS
from humaskit.response import triage


def test_model_round_trips_through_npz(tmp_path):
    model = triage.TriageModel().fit(["terima kasih min", "slot gacor cek bio", "kapan buka?",
                                      "kecewa sudah 2 minggu belum jadi", "percuma lapor",
                                      "katanya tabungan dipotong 10%"] * 3, list(TRIAGE_LABELS[::-1]) * 3)
    loaded = triage.TriageModel.load(model.save(tmp_path / "m.npz"))
    texts = ["terima kasih", "cek bio gacor", "kapan?"]
    assert np.allclose(model.predict_proba(texts), loaded.predict_proba(texts), atol=1e-2)
    assert "pickle" not in (tmp_path / "m.npz").read_bytes()[:200].decode("latin-1")


def test_rules_follow_the_precedence_and_explain_themselves():
    rules = triage.RuleTriage()
    assert rules.predict_one("katanya mulai bulan depan tabungan dipotong, sebarkan!") == "misguided"
    assert rules.predict_one("kok sudah 2 minggu belum jadi ya min?") == "unhappy_customer"
    assert rules.predict_one("syaratnya apa saja min?") == "question"
    assert rules.predict_one("slot gacor maxwin, cek bio") == "troll"
    assert rules.predict_one("terima kasih infonya") == "positive"
    assert "question" in rules.matches("gimana caranya?")


def test_triage_frame_adds_contract_columns_and_keeps_input():
    df = pd.DataFrame({"teks": ["makasih min, sangat membantu", "", None], "triage": ["x", "y", "z"]})
    out = triage.triage_frame(df, "teks")
    assert list(out.columns) == ["teks", "triage_input", "triage", "action", "confidence", "needs_review"]
    assert out["triage"].iloc[0] == "positive" and out["action"].iloc[0] == triage.ACTIONS["positive"]
    assert out["triage"].iloc[1:].isna().all()


def test_explain_lists_words_not_character_ngrams():
    table = triage.default_model().explain("kok sudah 2 minggu KTP saya belum jadi, kecewa")
    assert len(table) > 0 and not table["feature"].str.startswith("huruf").any()
    assert table.attrs["label"] in TRIAGE_LABELS


@pytest.mark.parametrize("label", TRIAGE_LABELS)
def test_every_label_has_name_definition_and_action(label):
    assert names.TRIAGE[label] and names.TRIAGE_DEFINITIONS[label] and triage.ACTIONS[label]


def test_model_reads_only_the_first_max_chars_of_a_text(data_dir):
    from humaskit.data import scenarios

    model = triage.default_model()
    longest = max(pd.read_csv(data_dir / "comments.csv")["text"].str.len().max(),
                  scenarios.all_items()["text"].str.len().max())
    assert model.MAX_CHARS == 5000 and 10 * longest < model.MAX_CHARS  # every kit text is read whole
    cell = "kok sudah 2 minggu KTP saya belum jadi, kecewa. " * 200_000  # a pasted 10 MB cell
    assert model.clip([cell, "terima kasih"]) == [cell[:5000], "terima kasih"]
    assert np.array_equal(model.predict_proba([cell]), model.predict_proba([cell[:5000]]))
    assert triage.triage_texts([cell, None])[0] == model.predict([cell[:5000]])[0]
    assert model.explain(cell).attrs["label"] == model.predict([cell[:5000]])[0]


def test_triage_in_worker_processes_equals_one_process(monkeypatch, data_dir):
    from humaskit.core import parallel

    texts = pd.read_csv(data_dir / "comments.csv")["text"].fillna("").tolist()[:300]
    model = triage.default_model()
    single = model.label_texts(texts, workers=1)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    monkeypatch.setattr(triage.TriageModel, "CHUNK", 64)
    labels, confidence = model.label_texts(texts, workers=2)
    assert (labels == single[0]).all() and np.array_equal(confidence, single[1])
