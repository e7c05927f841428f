"""The sample export the "bring your own data" notebooks use, and the importers on real tweets
(../shared/realworld; those tests skip when the folder is absent)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from humaskit.importers import import_files, scrub, tabular

ROOT = Path(__file__).resolve().parents[2]


def test_sample_export_is_up_to_date():
    r = subprocess.run([sys.executable, "scripts/make_import_sample.py", "--check"], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_sample_export_imports_whole():
    got = import_files([ROOT / "datasets" / "contoh-ekspor" / "tweet-harvest-bpbdtirtamaya.csv"],
                       "bpbdtirtamaya")
    corpus_posts = pd.read_csv(ROOT / "datasets" / "posts.csv")
    x_posts = corpus_posts[(corpus_posts["account"] == "bpbdtirtamaya") & (corpus_posts["platform"] == "x")]
    assert len(got.posts) == len(x_posts) and got.report.rows_skipped == 0 and not got.report.fixed
    assert (got.comments["author_role"] == "agency").sum() == (got.comments["kind"] == "agency_reply").sum()


def test_real_tweets_as_replies_in_a_tweet_harvest_export(realworld_tweets, tmp_path):
    """Every real tweet survives the import as a reply's text, and the scrubber touches few."""
    texts = pd.concat(pd.read_csv(p, sep="\t")["Tweet"] for p in sorted(realworld_tweets.glob("*Data.csv")))
    texts = texts.dropna().astype(str).reset_index(drop=True)
    n = len(texts)
    post = {"conversation_id_str": "1", "created_at": "2024-01-01T00:00:00.000Z", "favorite_count": "0",
            "full_text": "Apa pendapat Anda?", "id_str": "1", "username": "akunresmi",
            "in_reply_to_screen_name": ""}
    replies = pd.DataFrame({"conversation_id_str": "1", "created_at": "Mon Jan 01 01:00:00 +0000 2024",
                            "favorite_count": "0", "full_text": "@akunresmi " + texts,
                            "id_str": (1000 + pd.RangeIndex(n)).astype(str),
                            "username": "warga" + texts.index.astype(str),
                            "in_reply_to_screen_name": "akunresmi"})
    table = pd.concat([pd.DataFrame([post]), replies]).reindex(columns=tabular.TWEET_HARVEST_COLUMNS)
    source = tmp_path / "tweets.csv"
    table.to_csv(source, index=False, sep=";", encoding="utf-8-sig")
    got = scrub(import_files([source], "akunresmi"), tmp_path, "akunresmi")
    assert len(got.comments) == n and got.report.rows_skipped == 0
    changed = (got.comments.sort_values("comment_id")["text"].to_numpy() !=
               texts.str.strip().to_numpy()).mean()
    assert changed < 0.01  # identifiers masked in well under 1% of real tweets
