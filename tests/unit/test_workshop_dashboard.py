"""The facilitator's dashboard: agreement among the room's coders, levels, plans, export, token."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from humaskit.coding.agreement import krippendorff_alpha
from humaskit.response import plans
from humaskit.workshop import dashboard as db
from humaskit.workshop import store as st

# Fleiss (1971) as reworked in the literature's standard example: 10 subjects, 14 raters,
# 5 categories; P-bar 0.378, P_e 0.213, kappa 0.210.
FLEISS_EXAMPLE = np.array([[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
                           [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
                           [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]])


@pytest.fixture
def session(store):
    return store.create_session("Uji")


def coded_room(store, session, table: dict[str, list[str]]):
    """Participants p1..pn; ``table`` maps post ids to the labels the participants gave, in order."""
    n = max(len(v) for v in table.values())
    people = [store.join(session.code, f"Peserta Nama {i}") for i in range(n)]
    for post, labels in table.items():
        for p, label in zip(people, labels, strict=False):
            if label:
                store.submit(p, "code", post, label)
    return people


def test_fleiss_kappa_reproduces_the_published_example():
    assert db.fleiss_kappa(FLEISS_EXAMPLE) == pytest.approx(0.210, abs=0.001)


def test_fleiss_kappa_is_one_for_full_agreement_and_needs_two_ratings():
    assert db.fleiss_kappa(np.array([[3, 0], [0, 3], [3, 0]])) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        db.fleiss_kappa(np.array([[1, 0], [2, 0]]))


def test_alpha_from_counts_equals_alpha_from_two_coders_codes():
    a = ["dialogic_loop", "useful_information", "non_dialogic", "useful_information", "return_visits"]
    b = ["dialogic_loop", "non_dialogic", "non_dialogic", "useful_information", "useful_information"]
    codes = pd.DataFrame({"post_id": [f"P{i}" for i in range(5)] * 2, "coder": ["K01"] * 5 + ["K02"] * 5,
                          "label": a + b, "session": "S"})
    assert db.agreement(codes, resamples=50)["alpha"] == pytest.approx(krippendorff_alpha(a, b))


def test_room_codes_are_anonymised_and_pooled_by_session(store, session):
    coded_room(store, session, {"P1": ["dialogic_loop", "dialogic_loop"], "P2": ["non_dialogic", None]})
    codes = db.codes_frame(store, session)
    assert list(codes.columns) == ["session", "post_id", "coder", "label"]
    assert set(codes["coder"]) == {"K01", "K02"} and set(codes["session"]) == {session.code}
    assert not codes.astype(str).apply(lambda col: col.str.contains("Nama")).any().any()


def test_only_the_newest_code_of_a_participant_counts(store, session):
    (p,) = coded_room(store, session, {"P1": ["dialogic_loop"]})
    store.submit(p, "code", "P1", "non_dialogic")
    assert db.codes_frame(store, session)["label"].tolist() == ["non_dialogic"]


def test_agreement_has_intervals_around_the_figures_and_says_its_source(store, session):
    rng = np.random.default_rng(1)
    labels = ["dialogic_loop", "useful_information", "non_dialogic"]
    table = {}
    for i in range(12):  # mostly agreeing coders
        truth = labels[i % 3]
        table[f"P{i:02d}"] = [truth if rng.random() < 0.8 else labels[(i + 1) % 3] for _ in range(6)]
    coded_room(store, session, table)
    result = db.agreement(db.codes_frame(store, session), resamples=300)
    assert result["posts"] == 12 and result["coders"] == 6 and result["codes"] == 72
    assert result["source"] == "manusia di ruang lokakarya"
    for key in ("alpha", "kappa"):
        low, high = result[f"{key}_ci"]
        assert low <= result[key] <= high and 0 < result[key] < 1


def test_per_post_puts_the_most_disputed_first(store, session):
    coded_room(store, session, {
        "calm": ["non_dialogic"] * 4,
        "split": ["dialogic_loop", "useful_information", "non_dialogic", "return_visits"],
        "mostly": ["useful_information"] * 3 + ["non_dialogic"],
    })
    posts = db.per_post(db.codes_frame(store, session), resamples=200)
    assert posts["post_id"].tolist() == ["split", "mostly", "calm"]
    calm = posts.set_index("post_id").loc["calm"]
    assert calm["agreement"] == 1 and calm["kappa"] == 1 and calm["alpha"] == 1
    split = posts.set_index("post_id").loc["split"]
    assert split["agreement"] == 0 and split["agreement_low"] <= split["agreement"] <= split["agreement_high"]
    assert split["counts"] == {"dialogic_loop": 1, "useful_information": 1, "return_visits": 1,
                               "non_dialogic": 1}


def test_agreement_waits_for_enough_data(store, session):
    coded_room(store, session, {"P1": ["dialogic_loop", "dialogic_loop"]})
    codes = db.codes_frame(store, session)
    assert np.isnan(db.agreement(codes)["alpha"])
    assert "Belum cukup data" in db.agreement_html(codes)


def test_agreement_html_names_labels_in_indonesian_and_writes_numbers_the_indonesian_way(store, session):
    coded_room(store, session, {"P1": ["dialogic_loop", "useful_information", "dialogic_loop"],
                                "P2": ["non_dialogic"] * 3,
                                "P3": ["useful_information"] * 2 + ["non_dialogic"]})
    text = db.agreement_html(db.codes_frame(store, session), {"P1": "Apa pendapat Anda?"})
    assert "Alfa Krippendorff" in text and "Kappa Fleiss" in text and "manusia di ruang lokakarya" in text
    assert "dialogic_loop " not in text and "Apa pendapat Anda?" in text
    assert "0." not in text.split("Alfa Krippendorff")[1].split("</b>")[0]


def test_export_csv_and_xlsx_hold_the_same_anonymised_codes(store, session, tmp_path):
    coded_room(store, session, {"P1": ["dialogic_loop", "non_dialogic"], "P2": ["non_dialogic"] * 2})
    codes = db.codes_frame(store, session)
    from_csv = pd.read_csv(db.export(codes, tmp_path / "kode.csv"))
    from_xlsx = pd.read_excel(io.BytesIO(db.export_bytes(codes, "xlsx")))
    pd.testing.assert_frame_equal(from_csv, codes)
    pd.testing.assert_frame_equal(from_xlsx, codes)
    with pytest.raises(st.DataError):
        db.export_bytes(codes, "pdf")


def test_maturity_distribution_counts_tables_per_level(store, session):
    a = store.join(session.code, "meja1")
    b = store.join(session.code, "meja2")
    from humaskit.data import instrument

    inst = instrument.load()
    capability = next(s for s in inst["sections"] if s["id"] == "lee_kwak_capability")
    store.submit(a, "maturity", "self_assessment", {"answers": {i["id"]: 5 for i in capability["items"]},
                                                    "profile": {}})
    store.submit(b, "estimate", "akun", {"account": "akun", "level": 2, "capability_level": 2,
                                         "outcome_level": 2})
    rows = db.maturity_rows(store, session)
    assert sorted(rows["name"]) == ["meja1", "meja2"]
    dist = db.level_distribution(rows)
    assert dist["capability_level"].sum() == 1 and dist.loc[5, "capability_level"] == 1
    assert dist.loc[2, "estimated_level"] == 1
    assert "Transparansi data" in db.maturity_html(rows)


def test_plan_rows_show_completeness_and_problems(store, session):
    a = store.join(session.code, "meja1")
    b = store.join(session.code, "meja2")
    example = plans.example_path("hoaks-pajak").read_text(encoding="utf-8")
    store.submit(a, "plan", "hoaks-pajak", {"text": example})
    store.submit(b, "plan", "hoaks-pajak", {"text": plans.skeleton("hoaks-pajak")})
    rows = db.plan_rows(store, session).set_index("name")
    assert rows.loc["meja1", "passes"] and rows.loc["meja1", "sections_filled"] == len(db.PLAN_SECTIONS)
    assert not rows.loc["meja2", "passes"] and rows.loc["meja2", "problems"] > 0
    assert rows.loc["meja2", "sections_filled"] < rows.loc["meja1", "sections_filled"]
    assert "dari 11" in db.plans_html(db.plan_rows(store, session))


def test_the_token_is_checked_and_never_open_without_one():
    assert db.check_token("rahasia", "rahasia")
    assert not db.check_token("salah", "rahasia")
    assert not db.check_token("", "")


def test_dashboard_shows_nothing_before_the_right_token(store, session, monkeypatch):
    monkeypatch.delenv(db.TOKEN_ENV, raising=False)
    app = db.dashboard_app(store, refresh_seconds=0)
    app.token.value = "apa saja"
    app.enter.click()
    assert "belum diatur" in app.gate_note.value and not app.body.children
    monkeypatch.setenv(db.TOKEN_ENV, "rahasia")
    app.token.value = "salah"
    app.enter.click()
    assert "Token salah" in app.gate_note.value and not app.body.children
    coded_room(store, session, {"P1": ["dialogic_loop", "dialogic_loop"], "P2": ["non_dialogic"] * 2})
    app.token.value = "rahasia"
    app.enter.click()
    shown = " ".join(getattr(c, "value", "") for c in app.body.children if hasattr(c, "value"))
    assert session.code in shown and "kode_lokakarya_" in shown


def test_participants_table_shows_names_and_personal_codes_but_the_export_does_not(store, session):
    (p,) = coded_room(store, session, {"P1": ["dialogic_loop"]})
    codes = db.codes_frame(store, session)
    shown = db.participants_html(store, session, codes)
    assert p.display_name in shown and p.pin in shown and "K01" in shown
    exported = pd.read_csv(io.BytesIO(db.export_bytes(codes, "csv")), dtype=str)
    assert list(exported.columns) == db.EXPORT_COLUMNS
    assert not exported.isin([p.display_name, p.pin]).any().any()
