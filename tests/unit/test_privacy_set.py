"""The synthetic PII set (tests/fixtures/pii/) is what its seeded script builds, and big enough."""

import importlib.util
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "fixtures" / "pii" / "pii_cases.csv"


def test_the_committed_set_is_what_the_script_builds():
    spec = importlib.util.spec_from_file_location("build_pii_set", ROOT / "scripts" / "build_pii_set.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build().to_csv(index=False, lineterminator="\n") == CASES.read_text(encoding="utf-8")
    for make, path in ((module.build_heldout, module.HELDOUT_OUT), (module.build_fresh, module.FRESH_OUT)):
        assert make().to_csv(index=False, lineterminator="\n") == path.read_text(encoding="utf-8")


def test_the_name_parts_hold_names_outside_the_scrubbers_given_name_list():
    from humaskit.core import privacy

    given = privacy._lists()[2]
    for path in (CASES.with_name("pii_names_heldout.csv"), CASES.with_name("pii_names_fresh.csv")):
        cases = pd.read_csv(path, keep_default_na=False)
        names = cases.loc[cases["expect"] == "mask", "value"]
        assert len(names) >= 80 and not {w for v in names for w in v.split()} & given
        assert set(cases.loc[cases["expect"] == "keep", "kind"]) == {"frasa"}


def test_the_set_has_500_cases_and_as_many_harmless_numbers_as_identifiers():
    cases = pd.read_csv(CASES, keep_default_na=False)
    counts = cases["expect"].value_counts()
    assert len(cases) >= 500 and counts["keep"] >= counts["mask"] >= 300
    assert set(cases.loc[cases["expect"] == "mask", "kind"]) == {"nik", "kk", "npwp", "hp", "email", "handle",
                                                                 "plat", "nama"}
    assert all(t[s:e] == v for t, s, e, v in cases[["text", "start", "end", "value"]].itertuples(index=False))
