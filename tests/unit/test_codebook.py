import re

import pytest
from markupsafe import escape

from humaskit.data import codebook
from humaskit.data.schema import LABEL_IDS


def test_label_ids_are_the_contract_in_precedence_order(root):
    assert LABEL_IDS == ("dialogic_loop", "return_visits", "useful_information",
                         "conservation_of_visitors", "non_dialogic")
    reference = root.parent / "shared" / "reference" / "frameworks.md"
    if not reference.exists():
        pytest.skip("../shared/reference is absent")
    section = reference.read_text(encoding="utf-8").split("label set (a contract")[1].split("##")[0]
    assert tuple(re.findall(r"^\d\. `(\w+)`", section, flags=re.M)) == LABEL_IDS


def test_every_label_is_complete_in_both_languages():
    for lab in codebook.LABELS:
        assert lab.name_id and lab.name_en and lab.definition and lab.decision_rule
        assert lab.cues and lab.not_this


@pytest.mark.parametrize(
    "applicable, expected",
    [
        ({"useful_information", "dialogic_loop"}, "dialogic_loop"),
        ({"conservation_of_visitors", "useful_information"}, "useful_information"),
        ({"return_visits", "conservation_of_visitors"}, "return_visits"),
        (set(), "non_dialogic"),
    ],
)
def test_precedence(applicable, expected):
    assert codebook.resolve(applicable) == expected


def test_unknown_label_is_explained():
    with pytest.raises(ValueError, match="tidak dikenal"):
        codebook.label("engagement")
    with pytest.raises(ValueError, match="tidak dikenal"):
        codebook.resolve({"nonsense"})


def test_table_in_precedence_order():
    t = codebook.table()
    assert t["id"].tolist() == list(LABEL_IDS)


def test_printable_page_has_every_label_and_corpus_examples(mini_dir):
    page = codebook.render_html(mini_dir)
    for lab in codebook.LABELS:
        assert lab.name_id in page and lab.id in page
    assert "@page" in page  # print stylesheet
    examples = codebook.examples_from_corpus(2, mini_dir)
    for label_id in LABEL_IDS:
        assert len(examples[label_id]["positive"]) == 2
        for text in examples[label_id]["positive"]:
            assert str(escape(text)) in page
