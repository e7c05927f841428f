import pytest

from humaskit.response import crisis


@pytest.mark.parametrize("kind, history, reputation, posture", [
    ("rumour", False, "good", "deny"),
    ("rumour", True, "poor", "deny"),
    ("natural_disaster", False, "good", "instructing"),
    ("natural_disaster", True, "good", "diminish"),
    ("malevolence", False, "poor", "diminish"),
    ("technical_error", False, "neutral", "diminish"),
    ("challenge", False, "poor", "rebuild"),
    ("human_error", False, "good", "rebuild"),
    ("organisational_misdeed", False, "neutral", "rebuild"),
])
def test_scct_recommendations(kind, history, reputation, posture):
    rec = crisis.recommend_posture(kind, history, reputation)
    assert rec["posture"] == posture
    assert rec["bolstering"] == (history or reputation == "poor")
    assert "instruksi" in rec["reasons"][-1]


def test_posture_problems():
    assert crisis.posture_problem("human_error", False, "good", "rebuild") is None
    assert "terlalu lemah" in crisis.posture_problem("human_error", False, "good", "diminish")
    assert "hanya untuk rumor" in crisis.posture_problem("technical_error", False, "good", "deny")
    assert "rumor" in crisis.posture_problem("rumour", False, "good", "rebuild")
    assert crisis.posture_problem("natural_disaster", False, "good", "rebuild") is None  # stronger is allowed


def test_risk_levels():
    assert [crisis.risk_level(s) for s in (1, 4, 5, 9, 10, 14, 15, 25)] == [
        "low", "low", "medium", "medium", "high", "high", "very_high", "very_high"]
