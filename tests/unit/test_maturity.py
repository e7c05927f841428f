"""Maturity estimate mechanics on the mini corpus; the shipped agencies' designed order is checked in
tests/integration/test_shipped_maturity.py."""

import json

import pytest
from support import run_cli

from humaskit.data import corpus, instrument
from humaskit.maturity import levels


@pytest.fixture(scope="module")
def mini_corpus(mini_dir):
    posts = corpus.load_posts(mini_dir)
    return posts, corpus.load_comments(mini_dir, posts=posts)


@pytest.fixture(scope="module")
def results(mini_corpus, mini_dir):
    posts, comments = mini_corpus
    return {a: levels.estimate(posts, comments, a, data_dir=mini_dir, resamples=50)
            for a in sorted(posts["account"].unique())}


def test_level_is_min_of_capability_and_outcome(results):
    for r in results.values():
        assert r["level"] == min(r["capability_level"], r["outcome_level"])
        assert 1 <= r["level"] <= 5


def test_recommendations_are_for_the_next_level_only(results):
    r = results["kemenpangizi"]
    failing_next = [c for c in r["outcome_criteria"] if c["level"] == r["level"] + 1 and not c["met"]]
    assert failing_next and all(c["name"] in " ".join(r["recommendations"]) for c in failing_next)
    beyond = [c for c in r["outcome_criteria"] if c["level"] > r["level"] + 1 and not c["met"]]
    assert not any(f"Perbaiki: {c['name']}" in " ".join(r["recommendations"]) for c in beyond
                   if c["name"] not in {x["name"] for x in failing_next})


def test_uncertainty_is_a_distribution(results):
    for r in results.values():
        dist = r["uncertainty"]["outcome_level_distribution"]
        assert abs(sum(dist.values()) - 1) < 0.01


def test_self_view_gap_is_explained(mini_corpus, mini_dir):
    posts, comments = mini_corpus
    items = [it for s in instrument.load()["sections"] if s["id"] == "lee_kwak_outcome"
             for it in s["items"]]
    survey = {"answers": {it["id"]: (5 if it["level"] <= 4 else 2) for it in items}}
    r = levels.estimate(posts, comments, "kemenpangizi", survey=survey, data_dir=mini_dir, resamples=0)
    assert r["self_assessment"]["outcome_level"] == 4
    gap = r["gaps"][0]
    assert "Anda menilai hasil Anda di tingkat 4" in gap and "data menunjukkan 2 karena" in gap


def test_instrument_items_have_sources_and_unique_ids():
    inst = instrument.load()
    ids = [it["id"] for s in inst["sections"] for it in s["items"]]
    assert len(ids) == len(set(ids)) and len(ids) >= 60
    for s in inst["sections"]:
        for it in s["items"]:
            assert it["text"] and (it.get("source") or s.get("source"))


def _maturity(mini_dir, *args):
    return run_cli("maturity", "--posts", mini_dir / "posts.csv", "--comments", mini_dir / "comments.csv",
                   *args)


def test_cli_json_and_html(mini_dir, tmp_path):
    r = _maturity(mini_dir, "--account", "kppsukamaju", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {"level", "capability_level", "outcome_level", "evidence"} <= set(data)
    out = tmp_path / "laporan.html"
    r = _maturity(mini_dir, "--account", "kppsukamaju", "--format", "html", "--output", out)
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 3 and "Tingkat" in html


def test_html_report_adds_culture_radar_with_a_survey(mini_dir, tmp_path):
    inst = instrument.load()
    answers = {it["id"]: 4 for sec in inst["sections"] if sec["id"] in ("stoc_culture", "management")
               for it in sec["items"]}
    survey = tmp_path / "penilaian_diri.json"
    survey.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    out = tmp_path / "r.html"
    r = _maturity(mini_dir, "--account", "kemenpangizi", "--survey", survey, "--format", "html",
                  "--output", out)
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 4 and "Radar budaya dan manajemen" in html


def test_cli_bad_survey_and_account(mini_dir, tmp_path):
    bad = tmp_path / "s.json"
    bad.write_text('{"answers": {"tidak_ada": 3}}', encoding="utf-8")
    r = _maturity(mini_dir, "--account", "kppsukamaju", "--survey", bad)
    assert r.returncode == 2 and "tidak ada di instrumen" in r.stderr and "Traceback" not in r.stderr
    r = _maturity(mini_dir, "--account", "tidak_ada")
    assert r.returncode == 2 and "Akun yang ada" in r.stderr
