import copy
import datetime as dt

import pytest

from humaskit.core.errors import DataError
from humaskit.response import plans


@pytest.fixture(scope="module")
def example(data_dir):
    return plans.load(data_dir / "plans" / "hoaks-pajak.yaml")


def fields(plan):
    return {p.field for p in plans.validate(plan)}


def messages(plan):
    return " | ".join(p.message for p in plans.validate(plan))


@pytest.mark.parametrize("sid", ["hoaks-pajak", "keluhan-viral-layanan", "akun-diretas"])
def test_skeleton_parses_and_does_not_validate(sid):
    plan = plans.parse(plans.skeleton(sid))
    problems = plans.validate(plan)
    assert len(problems) > 20
    assert plan["scenario"] == sid and plan["schema"] == plans.SCHEMA


def test_high_risk_without_mitigation_or_owner(example):
    p = copy.deepcopy(example)
    risk = next(r for r in p["risks"] if r["likelihood"] * r["impact"] >= 15)
    i = p["risks"].index(risk)
    risk["mitigation"], risk["owner"] = "", None
    assert {f"risks[{i}].mitigation", f"risks[{i}].owner"} <= fields(p)
    assert "belum punya mitigasi" in messages(p)


def test_risk_scores_must_be_whole_numbers_1_to_5(example):
    p = copy.deepcopy(example)
    p["risks"][0]["likelihood"], p["risks"][0]["impact"] = 6, "tinggi"
    assert {"risks[0].likelihood", "risks[0].impact"} <= fields(p)


def test_complaint_deadline_counts_working_days_and_holidays(example):
    p = copy.deepcopy(example)
    p["responses"].append({"channel": "sp4n_lapor", "audience": "pelapor", "message": "jawaban",
                           "owner": "pengelola", "lapor_type": "complaint",
                           "received_at": dt.datetime(2026, 3, 17, 10, 0, tzinfo=plans.WIB),
                           "due": dt.date(2026, 4, 1)})
    text = messages(p)
    assert "paling lambat 31 Maret 2026" in text and "Hari Suci Nyepi" in text
    p["responses"][-1]["due"] = dt.date(2026, 3, 31)  # the last working day is fine
    assert plans.validate(p) == []


def test_lapor_item_needs_the_time_it_was_received(example):
    p = copy.deepcopy(example)
    p["responses"][0]["lapor_type"] = "information_request"
    assert "responses[0].received_at" in fields(p)


def test_holding_statement_must_come_within_two_hours_of_a_crisis(example):
    p = copy.deepcopy(example)
    p["holding_statement"]["publish_by"] = p["issue"]["detected_at"] + dt.timedelta(hours=5)
    assert "holding_statement.publish_by" in fields(p)
    p["holding_statement"] = None
    assert "holding_statement" in fields(p)
    p["crisis"]["is_crisis"] = False  # an ordinary issue does not need one
    assert "holding_statement" not in fields(p)


def test_approval_chain_must_fit_before_the_holding_statement(example):
    p = copy.deepcopy(example)
    p["approval_chain"].append({"role": "Kepala Kanwil", "minutes": 240})
    assert "Rantai persetujuan butuh" in messages(p)


def test_scct_posture_and_cluster_are_checked(example):
    p = copy.deepcopy(example)
    p["crisis"]["posture"] = "rebuild"
    assert "rumor" in messages(p)
    p = copy.deepcopy(example)
    p["crisis"]["cluster"] = "preventable"
    assert "crisis.cluster" in fields(p)
    p = copy.deepcopy(example)
    p["instructing_information"] = ""
    assert "instructing_information" in fields(p)


def test_cerc_answers_and_placeholders(example):
    p = copy.deepcopy(example)
    p["cerc"]["express_empathy"] = "..."
    p["key_messages"].append("TODO")
    assert {"cerc.express_empathy", "key_messages[4]"} <= fields(p)


def test_personal_data_anywhere_in_the_plan_is_a_problem(example):
    p = copy.deepcopy(example)
    p["responses"][0]["message"] += " Hubungi Bu Ani di 081298765432."
    assert "UU 27/2022" in messages(p)


def test_unknown_keys_and_wrong_shapes_are_reported_not_crashed(example):
    p = copy.deepcopy(example)
    p["riskss"] = []
    p["risks"] = "banyak"
    p["memo"] = ["x"]
    p["responses"] = [None, "teks"]
    got = fields(p)
    assert {"riskss", "risks", "memo", "responses[0]", "responses[1]"} <= got


@pytest.mark.parametrize("text, needle", [
    ("title: [tidak ditutup\n", "YAML tidak sah di baris"),
    ("- hanya\n- daftar\n", "kunci: nilai"),
])
def test_malformed_yaml(text, needle):
    with pytest.raises(DataError, match=needle.split()[0]):
        plans.parse(text)


def test_load_refuses_binary_wrong_encoding_and_huge_files(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "b.yaml").write_bytes("judul: café".encode("latin-1"))
    (tmp_path / "c.yaml").write_bytes(b"a: b\n" * 500_000)
    for name, needle in (("a.yaml", "bukan teks"), ("b.yaml", "UTF-8"), ("c.yaml", "terlalu besar"),
                         ("d.yaml", "tidak ditemukan")):
        with pytest.raises(DataError, match=needle):
            plans.load(tmp_path / name)


def test_empty_file_lists_every_section():
    problems = plans.validate(plans.parse(""))
    assert len(problems) >= 15


def test_dump_round_trips(example):
    assert plans.parse(plans.dump(example)) == example


def test_an_unquoted_colon_in_a_cerc_answer_is_explained(example):
    p = copy.deepcopy(example)
    p["cerc"]["be_first"] = {"Pernyataan sementara": "pukul 09.30"}
    assert "tanda kutip" in messages(p)
