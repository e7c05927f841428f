"""Property-based fuzzing of every importer and of the lenient reader: random bytes, corrupted
sample exports, random JSON shaped like each format, and random tables end in canonical tables
the kit's loaders accept, or in the kit's own DataError (an Indonesian message), never in
another exception."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from humaskit.core.errors import DataError
from humaskit.core.tables import read_table
from humaskit.data import corpus
from humaskit.importers import FORMATS, import_files, tabular

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
SAMPLE_FILES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".csv", ".txt", ".json", ".xlsx"))
ACCOUNT = "pemkablembahhijau"
FORMAT_OR_NONE = st.sampled_from([None, *FORMATS])


def imported_or_data_error(files, fmt=None, mapping=None):
    """The import, whose tables must pass the loaders; or a DataError with a message."""
    try:
        got = import_files(files, ACCOUNT, fmt=fmt, mapping=mapping)
    except DataError as exc:
        assert str(exc)
        return None
    posts = corpus.validate_posts(got.posts, require_label=False)
    corpus.validate_comments(got.comments, post_ids=posts["post_id"], require_kind=False)
    assert got.report.rows_read >= len(got.posts)
    return got


@FUZZ
@given(raw=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".txt", ".xlsx", ".json", ".jsonl"]),
       fmt=FORMAT_OR_NONE)
def test_random_bytes(tmp_path, raw, suffix, fmt):
    f = tmp_path / f"x{suffix}"
    f.write_bytes(raw)
    mapping = tabular.parse_mapping(pairs=["post_id=a", "created_at=b", "text=c", "platform=x"]) \
        if fmt == "mapped" else None
    imported_or_data_error([f], fmt, mapping)


@FUZZ
@given(name=st.sampled_from(SAMPLE_FILES), data=st.data())
def test_corrupted_samples(tmp_path, name, data):
    """A sample with bytes flipped, cut short or repeated."""
    raw = bytearray((SAMPLES / name).read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert", "repeat"]))
        at = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if action == "flip" and raw:
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[at:at + data.draw(st.integers(1, 200))]
        elif action == "insert":
            raw[at:at] = data.draw(st.sampled_from([b",", b";", b'"', b"\n", b"\x00", b"{", b"]", b"\xff",
                                                    b"0", b"\xe2\x80"]))
        else:
            raw[at:at] = raw[at:at + 80]
    f = tmp_path / name
    f.write_bytes(bytes(raw))
    imported_or_data_error([f])


JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                      st.text(max_size=12), st.sampled_from(["2024-03-14T02:30:00Z", "1717390800", "IMAGE",
                                                              "replied_to", "youtube#commentThread"]))
KEYS = st.sampled_from(["data", "includes", "users", "media", "tweets", "id", "text", "author_id",
                        "conversation_id", "referenced_tweets", "type", "public_metrics", "created_at",
                        "username", "attachments", "media_keys", "media_key", "caption", "media_type",
                        "timestamp", "comments", "replies", "from", "title", "creation_timestamp", "uri",
                        "string_map_data", "comments_v2", "post", "external_context", "kind", "items",
                        "snippet", "topLevelComment", "videoId", "channelId", "authorChannelId", "value",
                        "authorDisplayName", "textOriginal", "publishedAt", "statistics", "viewCount",
                        "resourceId", "contentDetails", "note_tweet", "entities", "urls", "parent_id"])
JSONISH = st.recursive(JSON_LEAF, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(KEYS, inner, max_size=6)),
                       max_leaves=40)


@FUZZ
@example(payload=[{"data": None, "includes": None, "string_map_data": None}], fmt=None)
@given(payload=JSONISH, fmt=st.sampled_from([None, "x-api", "instagram-dyi", "facebook-dyi",
                                             "instagram-graph", "youtube"]))
def test_random_json_in_each_format(tmp_path, payload, fmt):
    f = tmp_path / "x.json"
    f.write_text(json.dumps(payload), encoding="utf-8")
    imported_or_data_error([f], fmt)


CELL = st.one_of(st.none(), st.text(max_size=10), st.sampled_from(
    ["2024-03-14T02:30:00.000Z", "Thu Mar 14 02:30:00 +0000 2024", "45365.5", "14/03/2024 09:30",
     "1,76826E+18", "1768260000000000001", "-3", "1.234", "pemkablembahhijau", "photo", "x", "🙏"]))
COLUMNS = st.sampled_from(list(tabular.TWEET_HARVEST_COLUMNS) + ["post_id", "comment_id", "text",
                                                                  "created_at", "platform", "likes"])


@FUZZ
@given(columns=st.lists(COLUMNS, min_size=1, max_size=8, unique=True),
       rows=st.lists(st.lists(CELL, min_size=8, max_size=8), max_size=6),
       sep=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16",
                                                                        "cp1252"]))
def test_random_tables(tmp_path, columns, rows, sep, encoding):
    frame = pd.DataFrame([r[:len(columns)] for r in rows], columns=columns)
    f = tmp_path / "x.csv"
    try:
        f.write_bytes(frame.to_csv(index=False, sep=sep).encode(encoding))
    except UnicodeEncodeError:
        return
    imported_or_data_error([f])
    try:
        read_table(f, lenient=True)
    except DataError as exc:
        assert str(exc)


@FUZZ
@given(spec=JSONISH, pairs=st.lists(st.text(max_size=15), max_size=4))
def test_random_mappings(spec, pairs):
    for call in (lambda: tabular.parse_mapping(spec=spec), lambda: tabular.parse_mapping(pairs=pairs)):
        try:
            mapping = call()
        except DataError as exc:
            assert str(exc)
            continue
        assert mapping["tables"]
