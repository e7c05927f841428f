import pytest

from humaskit.core.errors import DataError
from humaskit.data import scenarios
from humaskit.data.schema import TRIAGE_LABELS


def test_unknown_scenario_names_the_choices(mini_dir):
    with pytest.raises(DataError, match="hoaks-pajak"):
        scenarios.get("tidak-ada", mini_dir)


def test_malformed_scenario_file_gives_indonesian_error(tmp_path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "rusak.yaml").write_text("id: rusak\ntitle: [tidak ditutup\n", encoding="utf-8")
    with pytest.raises(DataError, match="YAML tidak sah"):
        scenarios.all_scenarios(tmp_path)


def test_a_scenario_file_becomes_an_ordered_pseudonymised_timeline(mini_dir):
    assert [r["id"] for r in scenarios.list_scenarios(mini_dir)] == ["hoaks-pajak"]
    t = scenarios.timeline("hoaks-pajak", mini_dir)
    assert set(t["triage"]) == set(TRIAGE_LABELS)
    assert t["created_at"].is_monotonic_increasing
    assert t["author"].str.match(r"^(warga_[0-9a-f]{8}|media_\w+)$").all()
