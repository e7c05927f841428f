import json

import pandas as pd
import pytest

from humaskit.core.errors import DataError
from humaskit.data import corpus, schema

GOOD_POST = {
    "post_id": "p1", "account": "dinkes", "platform": "instagram",
    "created_at": "2025-03-14T09:30:00+07:00", "text": "Jadwal posyandu minggu ini",
    "media_type": "image", "likes": "10", "comments": "2", "shares": "1", "views": "300",
    "followers": "1200", "label": "useful_information",
}


def _write(tmp_path, rows, name="posts.csv"):
    f = tmp_path / name
    pd.DataFrame(rows).to_csv(f, index=False)
    return f


def test_loads_typed_frame(tmp_path):
    df = corpus.load_posts(_write(tmp_path, [GOOD_POST]))
    assert str(df["created_at"].dt.tz) == "WIB"
    assert df["likes"].dtype == "int64"
    assert isinstance(df["label"].dtype, pd.CategoricalDtype)


@pytest.mark.parametrize(
    "column, value, fragment",
    [
        ("likes", "sepuluh", "bukan bilangan bulat"),
        ("likes", "-3", "bukan bilangan bulat"),
        ("platform", "friendster", "tidak sah"),
        ("label", "engagement", "tidak sah"),
        ("created_at", "2025-03-14 09:30", "tidak punya zona waktu"),
        ("created_at", "kemarin sore", "bukan tanggal-waktu"),
        ("text", "", "wajib diisi"),
    ],
)
def test_bad_value_names_file_row_and_column(tmp_path, column, value, fragment):
    rows = [GOOD_POST, {**GOOD_POST, "post_id": "p2", column: value}]
    with pytest.raises(DataError) as err:
        corpus.load_posts(_write(tmp_path, rows))
    e = err.value
    assert (e.file, e.row, e.column) == ("posts.csv", 3, column)
    assert fragment in str(e)
    assert str(e).startswith("File posts.csv, baris 3, kolom")


def test_duplicate_ids_and_missing_columns(tmp_path):
    with pytest.raises(DataError, match="lebih dari sekali"):
        corpus.load_posts(_write(tmp_path, [GOOD_POST, GOOD_POST]))
    rows = [{k: v for k, v in GOOD_POST.items() if k != "views"}]
    with pytest.raises(DataError, match="'views' tidak ada"):
        corpus.load_posts(_write(tmp_path, rows))


def test_unlabelled_posts_allowed_when_asked(tmp_path):
    row = {k: v for k, v in GOOD_POST.items() if k != "label"}
    df = corpus.load_posts(_write(tmp_path, [row]), require_label=False)
    assert df["label"].isna().all()


def test_comment_without_its_post(tmp_path):
    posts = corpus.load_posts(_write(tmp_path, [GOOD_POST]))
    c = [{"comment_id": "c1", "post_id": "p9", "parent_id": "", "author": "warga_1",
          "author_role": "citizen", "created_at": "2025-03-14T10:00:00+07:00", "text": "halo",
          "kind": "question"}]
    with pytest.raises(DataError, match="p9"):
        corpus.load_comments(_write(tmp_path, c, "comments.csv"), posts=posts)


def test_mini_fixture_is_a_small_canonical_corpus(mini_dir):
    """The unit lane's corpus loads through the same loaders and covers every label and kind."""
    posts = corpus.load_posts(mini_dir)
    comments = corpus.load_comments(mini_dir, posts=posts)
    gold = corpus.load_gold(mini_dir)
    assert len(posts) <= 40 and len(comments) <= 80 and len(gold) <= 20
    assert corpus.load_agencies(mini_dir)["account"].tolist() == sorted(posts["account"].unique())
    assert set(posts["label"]) == set(schema.LABEL_IDS)
    assert set(comments["kind"]) == set(schema.COMMENT_KINDS)
    assert (comments["kind"] == "agency_reply").eq(comments["author_role"] == "agency").all()
    parent_time = comments["parent_id"].map(comments.set_index("comment_id")["created_at"])
    has_parent = comments["parent_id"].notna()
    assert (comments.loc[has_parent, "created_at"] > parent_time[has_parent]).all()
    assert gold["post_id"].isin(posts["post_id"]).all()
    agreed = gold[gold["coder_a"] == gold["coder_b"]]
    assert agreed["gold_label"].value_counts().reindex(schema.LABEL_IDS).min() >= 3
    assert 0 < (gold["coder_a"] != gold["coder_b"]).sum() < len(gold)


def _thread(name, *comments):
    return json.dumps({"thread": name, "post": "jadwal vaksin",
                       "comments": [{"kind": k, "text": t} for k, t in comments]})


def test_triage_extra_loads_one_row_per_comment(tmp_path):
    (tmp_path / "triage_extra").mkdir()
    (tmp_path / "triage_extra" / "w1.jsonl").write_text(
        _thread("w1-t001", ("question", "kapan dibuka min?"), ("positive", "mantap 👍")) + "\n\n"
        + _thread("w1-t002", ("rager", "percuma lapor")) + "\n", encoding="utf-8")
    extra = corpus.load_triage_extra(tmp_path)
    assert list(extra.columns) == corpus.EXTRA_COLUMNS
    assert extra["comment_id"].tolist() == ["w1-t001-c01", "w1-t001-c02", "w1-t002-c01"]
    assert extra["kind"].tolist() == ["question", "positive", "rager"]
    assert set(extra["writer"]) == {"w1"}


def test_triage_extra_absent_is_empty(tmp_path):
    assert corpus.load_triage_extra(tmp_path).empty


@pytest.mark.parametrize("line, fragment", [
    ("{bukan json", "bukan utas JSON"),
    (json.dumps({"post": "x"}), "bukan utas JSON"),
    (_thread("w2-t001", ("spam", "slot gacor")), "perlu 'text' dan 'kind'"),
    (_thread("w2-t001", ("troll", "  ")), "perlu 'text' dan 'kind'"),
])
def test_triage_extra_bad_line_names_file_and_line(tmp_path, line, fragment):
    (tmp_path / "triage_extra").mkdir()
    (tmp_path / "triage_extra" / "w2.jsonl").write_text(_thread("w2-t000", ("positive", "ok")) + "\n"
                                                        + line + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        corpus.load_triage_extra(tmp_path)
    assert err.value.file == "w2.jsonl" and err.value.row == 2
    assert fragment in str(err.value)


def _extra_check_files(tmp_path, coded_rows: str) -> None:
    (tmp_path / "triage_extra").mkdir()
    (tmp_path / "triage_extra" / "w1.jsonl").write_text(
        _thread("w1-t001", ("question", "kapan dibuka min?"), ("rager", "percuma lapor")) + "\n",
        encoding="utf-8")
    (tmp_path / "triage_check").mkdir()
    (tmp_path / "triage_check" / "extra_to_code.csv").write_text(
        "item_id,text\nd001,kapan dibuka min?\nd002,percuma lapor\n", encoding="utf-8")
    (tmp_path / "triage_check" / "extra_coder_d.csv").write_text(
        "item_id,comment_id,label\n" + coded_rows, encoding="utf-8")


def test_extra_check_joins_the_writers_labels(tmp_path):
    from humaskit.response import triage

    _extra_check_files(tmp_path, "d001,w1-t001-c01,question\nd002,w1-t001-c02,troll\n")
    d = triage.extra_check(tmp_path)
    assert d["reference"].tolist() == ["question", "rager"] and d["coder_d"].tolist() == ["question", "troll"]


@pytest.mark.parametrize("rows, fragment", [
    ("d002,w1-t001-c02,troll\nd001,w1-t001-c01,question\n", "urutannya"),
    ("d001,w1-t001-c01,question\nd002,w9-t001-c01,troll\n", "w9-t001-c01"),
])
def test_extra_check_refuses_a_mismatched_coding(tmp_path, rows, fragment):
    from humaskit.response import triage

    _extra_check_files(tmp_path, rows)
    with pytest.raises(DataError) as err:
        triage.extra_check(tmp_path)
    assert err.value.file == "extra_coder_d.csv" and fragment in str(err.value)
