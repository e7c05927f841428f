"""Property-based fuzzing: whatever bytes or values arrive, every reader returns data or raises the
kit's own DataError (an Indonesian message), never another exception."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from humaskit.core.errors import DataError
from humaskit.core.files import parse_yaml
from humaskit.core.tables import read_table
from humaskit.course.practice import load_codes
from humaskit.data import corpus, instrument
from humaskit.response import plans

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CSVISH = st.lists(st.sampled_from(["a", "b", ",", ";", "\t", '"', "\n", "\r\n", "é", "=", "\x00", " ", "1"]),
                  max_size=80).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])


def ok_or_data_error(call):
    try:
        return call()
    except DataError as exc:
        assert str(exc)
        return None


@FUZZ
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".tsv", ".txt", ".xlsx", ".json"]))
def test_read_table_random_bytes(tmp_path, raw, suffix):
    f = tmp_path / f"x{suffix}"
    f.write_bytes(raw)
    result = ok_or_data_error(lambda: read_table(f))
    assert result is None or isinstance(result, pd.DataFrame)


@FUZZ
@given(text=CSVISH, encoding=ENCODINGS)
def test_read_table_csv_like_text(tmp_path, text, encoding):
    f = tmp_path / "x.csv"
    try:
        f.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        return
    ok_or_data_error(lambda: read_table(f))


@FUZZ
@given(text=st.text(max_size=200))
def test_yaml_text(text):
    ok_or_data_error(lambda: parse_yaml(text, "x.yaml"))
    doc = ok_or_data_error(lambda: plans.parse(text, "x.yaml"))
    if doc is not None:
        assert isinstance(doc, dict)
        assert isinstance(plans.validate(doc), list)


YAML_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20)
                           | st.dates(), lambda kids: st.lists(kids, max_size=4)
                           | st.dictionaries(st.text(max_size=10), kids, max_size=4), max_leaves=20)


@FUZZ
@given(plan=st.dictionaries(st.sampled_from(plans.TOP_LEVEL + ("x",)), YAML_VALUES, max_size=12))
def test_validate_any_plan_shape(plan):
    problems = plans.validate(plan)
    assert all(p.field and p.message for p in problems)


COLUMNS = st.sampled_from(["post_id", "account", "platform", "created_at", "text", "media_type", "likes",
                           "comments", "shares", "views", "followers", "label", "x"])


@FUZZ
@given(columns=st.lists(COLUMNS, min_size=1, max_size=12, unique=True),
       cells=st.lists(st.text(max_size=12) | st.none(), min_size=1, max_size=36))
def test_post_validation_on_random_frames(columns, cells):
    rows = [cells[i:i + len(columns)] for i in range(0, len(cells), len(columns))]
    rows = [r + [None] * (len(columns) - len(r)) for r in rows]
    df = pd.DataFrame(rows, columns=columns, dtype=object)
    ok_or_data_error(lambda: corpus.validate_posts(df, require_label=False))
    ok_or_data_error(lambda: corpus.validate_comments(df.rename(columns={"post_id": "comment_id"})))


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_survey_and_codes_files(tmp_path, raw):
    for name, reader in (("s.yaml", instrument.load_survey), ("k.json", load_codes), ("k.csv", load_codes)):
        f = tmp_path / name
        f.write_bytes(raw)
        ok_or_data_error(lambda f=f, reader=reader: reader(f))


@pytest.mark.parametrize("text", ["a: b: c", "- [", "{", "a: !!python/name:os.system", "? [a]\n: b"])
def test_known_awkward_yaml(text):
    ok_or_data_error(lambda: plans.parse(text))
