"""The kit on real Indonesian tweets (../shared/realworld; skipped when that folder is absent)."""

import pandas as pd
from support import run_cli

from humaskit.core import privacy


def test_real_tweets_run(realworld_tweets, tmp_path):
    frames = [pd.read_csv(f, sep="\t") for f in sorted(realworld_tweets.glob("*.csv"))]
    src = tmp_path / "tweets.csv"
    pd.concat(frames).to_csv(src, index=False)
    r = run_cli("classify", str(src), "--text-column", "Tweet", "--output", str(tmp_path / "o.csv"))
    assert r.returncode == 0, r.stderr
    out = pd.read_csv(tmp_path / "o.csv")
    assert len(out) >= 7000 and out["label"].notna().all()


def test_realworld_tweets_rarely_trigger_the_scrubber(realworld_tweets):
    texts = pd.concat(pd.read_csv(p, sep="\t")["Tweet"] for p in realworld_tweets.glob("*Data.csv"))
    hits = [t for t in texts.astype(str) if privacy.find_identifiers(t)]
    assert len(texts) > 7000
    # the few hits are sellers' WhatsApp numbers, which are personal numbers too
    assert len(hits) / len(texts) < 0.005
