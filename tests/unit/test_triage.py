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
    assert list(out.columns) == ["teks", "triage_input", "triage", "action"]
    assert out["triage"].iloc[0] == "positive" and out["action"].iloc[0] == triage.ACTIONS["positive"]
    assert out["triage"].iloc[1:].isna().all()


def test_explain_lists_words_not_character_ngrams():
    table = triage.default_model().explain("kok sudah 2 minggu KTP saya belum jadi, kecewa")
    assert len(table) > 0 and not table["feature"].str.startswith("huruf").any()
    assert table.attrs["label"] in TRIAGE_LABELS


@pytest.mark.parametrize("label", TRIAGE_LABELS)
def test_every_label_has_name_definition_and_action(label):
    assert names.TRIAGE[label] and names.TRIAGE_DEFINITIONS[label] and triage.ACTIONS[label]
