"""Every id a trainee meets has one Indonesian name, in humaskit.data.names, and only one."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from humaskit.data import frameworks, names, schema
from humaskit.response import plans, workdays


@pytest.mark.parametrize("ids, shown", [
    (schema.LABEL_IDS, names.LABELS), (schema.TRIAGE_LABELS, names.TRIAGE),
    (schema.COMMENT_KINDS, names.COMMENT_KINDS), (schema.AUTHOR_ROLES, names.AUTHOR_ROLES),
    (schema.PLATFORMS, names.PLATFORMS), (schema.MEDIA_TYPES, names.MEDIA_TYPES),
    (tuple(frameworks.CRISIS_KINDS), names.CRISIS_KINDS), (frameworks.CLUSTERS, names.CLUSTERS),
    (frameworks.POSTURES, names.POSTURES), (frameworks.REPUTATIONS, names.REPUTATIONS),
    (frameworks.LIFE_CYCLE, names.LIFE_CYCLE_STAGES), (frameworks.LIFE_CYCLE, names.LIFE_CYCLE),
    (frameworks.CERC_PHASES, names.CERC_PHASES), (frameworks.CERC_PRINCIPLES, names.CERC_PRINCIPLES),
    (frameworks.RISK_CATEGORIES, names.RISK_CATEGORIES), (frameworks.RISK_LEVELS, names.RISK_LEVELS),
    (plans.CHANNELS, names.CHANNELS), (plans.MEMO_NATURES, names.MEMO_NATURE),
    (plans.LAPOR_TYPES, names.LAPOR_TYPES), (tuple(workdays.LAPOR_LIMITS), names.LAPOR),
])
def test_every_id_has_a_name(ids, shown):
    assert set(ids) == set(shown)


def test_every_agency_kind_of_the_corpus_has_a_name(data_dir):
    agencies = json.loads((data_dir / "agencies.json").read_text(encoding="utf-8"))
    rows = agencies if isinstance(agencies, list) else agencies.get("agencies", list(agencies.values()))
    assert {a["kind"] for a in rows} <= set(names.AGENCY_KINDS)


def test_choices_and_options_put_the_code_beside_the_name():
    assert (names.choices(["pre_crisis", "initial"], names.CERC_PHASES)
            == "pra-krisis (pre_crisis), awal (initial)")
    assert names.choices(["x", "lain"], {"x": "X (Twitter)"}) == "X (Twitter) (x), lain"
    assert names.options(names.CLUSTERS)[0] == ("korban", "victim")
    assert names.options(names.CLUSTERS, ["preventable"], code=True) == [("dapat dicegah (preventable)",
                                                                         "preventable")]
    assert names.platform("x") == "X (Twitter)" and names.platform("mastodon") == "mastodon"


def test_columns_are_renamed_for_trainees():
    frame = pd.DataFrame({"gold_label": ["a"], "posts_per_week": [1.0], "unknown": [0]})
    frame = frame.rename_axis("account")
    shown = names.columns(frame)
    assert list(shown.columns) == ["label rujukan", "unggahan per minggu", "unknown"]
    assert shown.index.name == "akun"


def test_conservation_of_visitors_and_the_reference_subset_have_one_name(root):
    """One name per concept: no second name for the label or the gold subset where trainees read."""
    assert names.LABELS["conservation_of_visitors"] == "Menjaga pengunjung di kanal resmi"
    assert names.COLUMNS["gold_label"] == names.COLUMNS["reference"] == "label rujukan"
    retired = re.compile(r"konservasi pengunjung|subset emas|label acuan|label kunci|unggahan kunci",
                         re.IGNORECASE)
    templates = (p for p in root.glob("src/humaskit/templates/**/*") if p.is_file())
    files = [*root.glob("modules/*/*.ipynb"), *root.glob("src/humaskit/**/*.py"), *templates,
             *root.glob("datasets/*.md"), root / "README.md"]
    found = [f"{p.relative_to(root)}: {m.group(0)}" for p in files
             for m in retired.finditer(p.read_text(encoding="utf-8"))]
    assert found == []
