"""The plan checker speaks to trainees: every option and id it mentions carries its Indonesian name,
with the code beside it (the code is what the plan file holds); the field path stays in front."""

from __future__ import annotations

import copy
import datetime as dt
import itertools

import pytest
from support import bare_ids, display_ids

from humaskit.data import frameworks, names
from humaskit.response import plans

# Every id a plan message may mention: the display ids, and the plan's own option lists.
PLAN_IDS = {**names.CHANNELS, **names.LAPOR_TYPES, **names.MEMO_NATURE, **names.REPUTATIONS,
            **names.LIFE_CYCLE_STAGES}


@pytest.fixture(scope="module")
def example(data_dir):
    return plans.load(data_dir / "plans" / "hoaks-pajak.yaml")


def broken_plans(example):
    """Copies of a sound plan with every option blank, unknown or contradicting the scenario."""
    enum_fields = [("memo", "nature"), ("issue", "stage"), ("crisis", "kind"), ("crisis", "cluster"),
                   ("crisis", "prior_reputation"), ("crisis", "posture"), ("crisis", "cerc_phase")]
    for (section, key), value in itertools.product(enum_fields, ("", "salah_ketik")):
        p = copy.deepcopy(example)
        p[section][key] = value
        yield p
    for key, value in (("category", ""), ("category", "reputasi")):
        p = copy.deepcopy(example)
        p["risks"][0][key] = value
        yield p
    for key, value in (("channel", ""), ("channel", "telegram"), ("lapor_type", "aduan")):
        p = copy.deepcopy(example)
        p["responses"][0][key] = value
        yield p
    p = copy.deepcopy(example)
    p["holding_statement"]["channels"] = ["telegram", "x"]
    yield p
    for kind in frameworks.CRISIS_KINDS:  # kinds not the scenario's, clusters not the kind's
        for cluster in frameworks.CLUSTERS:
            p = copy.deepcopy(example)
            p["crisis"]["kind"], p["crisis"]["cluster"] = kind, cluster
            yield p
    p = copy.deepcopy(example)
    p["responses"].append({"channel": "sp4n_lapor", "audience": "pelapor", "message": "jawaban",
                           "owner": "pengelola", "lapor_type": "complaint",
                           "received_at": dt.datetime(2026, 3, 17, 10, 0, tzinfo=plans.WIB),
                           "due": dt.date(2026, 4, 20)})
    yield p


def test_no_plan_message_shows_a_bare_id(example):
    ids = display_ids(PLAN_IDS)
    messages = {str(problem) for plan in broken_plans(example) for problem in plans.validate(plan)}
    assert len(messages) > 40
    bare = sorted({f"{code}: {line}" for m in messages for code, line in bare_ids(m, ids)})
    assert bare == []


@pytest.mark.parametrize("kind, history, reputation, posture",
                         list(itertools.product(frameworks.CRISIS_KINDS, (False, True),
                                                frameworks.REPUTATIONS, frameworks.POSTURES)))
def test_posture_messages_name_postures_and_clusters(kind, history, reputation, posture):
    message = plans.posture_message(kind, history, reputation, posture)
    if message is not None:
        assert bare_ids(message, display_ids()) == []
        assert names.POSTURES[posture] in message


def test_a_choice_list_gives_each_name_with_its_code(example):
    p = copy.deepcopy(example)
    p["crisis"]["cerc_phase"] = ""
    p["crisis"]["cluster"] = "korban"
    got = {problem.field: problem.message for problem in plans.validate(p)}
    assert got["crisis.cerc_phase"] == (
        "Fase CERC saat ini belum dipilih. Pilihan: pra-krisis (pre_crisis), awal (initial), pemeliharaan "
        "(maintenance), resolusi (resolution), evaluasi (evaluation).")
    assert ("'korban' tidak dikenal. Pilihan: korban (victim), tidak disengaja (accidental)"
            in got["crisis.cluster"])


def test_a_weaker_posture_is_explained_by_name(example):
    p = copy.deepcopy(example)  # a rumour: SCCT says deny
    p["crisis"]["posture"] = "rebuild"
    message = {problem.field: problem.message for problem in plans.validate(p)}["crisis.posture"]
    assert message.startswith("Untuk rumor, SCCT menyarankan postur menyangkal (deny)")
    assert "terlalu lemah" in plans.posture_message("human_error", False, "good", "diminish")
    assert "membangun kembali (rebuild)" in plans.posture_message("human_error", False, "good", "diminish")


def test_the_late_holding_statement_is_counted_in_indonesian_hours(example):
    p = copy.deepcopy(example)
    p["holding_statement"]["publish_by"] = p["issue"]["detected_at"] + dt.timedelta(hours=4, minutes=30)
    message = {problem.field: problem.message
               for problem in plans.validate(p)}["holding_statement.publish_by"]
    assert "baru terbit 4,5 jam setelah" in message


def test_the_skeleton_lists_options_by_name(example):
    text = plans.skeleton("hoaks-pajak")
    assert "pra-krisis (pre_crisis)" in text
    assert "rekayasa sosial (penipuan, phishing) (social_engineering)" in text
    assert plans.parse(text)["scenario"] == "hoaks-pajak"


def test_validate_exit_codes_are_unchanged(tmp_path, data_dir):
    from support import run_cli

    assert run_cli("plan", "validate", data_dir / "plans" / "hoaks-pajak.yaml").returncode == 0
    skeleton = tmp_path / "r.yaml"
    assert run_cli("plan", "new", "--scenario", "hoaks-pajak", "--output", skeleton).returncode == 0
    result = run_cli("plan", "validate", skeleton)
    assert result.returncode == 1 and "Pilihan: pra-krisis (pre_crisis)" in result.stdout
