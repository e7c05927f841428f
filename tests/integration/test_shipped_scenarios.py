"""The shipped scenarios (datasets/scenarios): enough of them, labelled timelines, no personal data."""

from humaskit.core.privacy import find_identifiers
from humaskit.data import contacts, scenarios
from humaskit.data.schema import TRIAGE_LABELS


def test_at_least_eight_scenarios_with_labelled_timelines():
    rows = scenarios.list_scenarios()
    assert len(rows) >= 8
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        s = scenarios.get(r["id"])
        assert len(s["facts"]) >= 5 and s["unknowns"] and s["stakeholders"]
        t = scenarios.timeline(r["id"])
        assert 30 <= len(t) <= 40
        counts = t["triage"].value_counts()
        assert set(counts.index) == set(TRIAGE_LABELS) and counts.min() >= 4
        assert t["created_at"].is_monotonic_increasing
        assert (t["why"].str.len() >= 15).all()


def test_timelines_show_no_personal_data_or_raw_placeholders():
    items = scenarios.all_items()
    assert not items["text"].str.contains(r"\{(?:NIK|HP|EMAIL|KK|NPWP)\}").any()
    assert not any(find_identifiers(t, contacts.official()) for t in items["text"])
    assert items["text"].str.contains("disamarkan").any()  # placeholders became markers
    assert items["author"].str.match(r"^(warga_[0-9a-f]{8}|media_\w+)$").all()

