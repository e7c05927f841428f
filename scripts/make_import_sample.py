"""Writes datasets/contoh-ekspor/: the kit's own corpus threads of one account on X, laid out as
tweet-harvest 2.7.1 writes a crawl (columns sorted by name, times in UTC in the legacy X form,
numeric ids, replies starting with the @handle they answer), so that the "bring your own data"
notebooks can show the whole path (import, scrub, analysis) without a trainee's file and without
network. Deterministic: ``--check`` fails when the committed file is out of date.

    python scripts/make_import_sample.py [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
ACCOUNT = "bpbdtirtamaya"
TARGET = ROOT / "datasets" / "contoh-ekspor" / f"tweet-harvest-{ACCOUNT}.csv"
COLUMNS = ["conversation_id_str", "created_at", "favorite_count", "full_text", "id_str", "image_url",
           "in_reply_to_screen_name", "lang", "location", "quote_count", "reply_count", "retweet_count",
           "tweet_url", "user_id_str", "username"]


def handle(author: str) -> str:
    """A fictional, real-looking handle for a corpus pseudonym (the import pseudonymises it again)."""
    if author == ACCOUNT:
        return ACCOUNT
    digest = hashlib.sha256(author.encode()).hexdigest()
    names = ["sari", "budi", "dewi", "agus", "rina", "eko", "fitri", "joko", "nur", "yuni"]
    first = names[int(digest[0], 16) % 10]
    return f"{first}_{digest[1:6]}"


def build() -> str:
    posts = pd.read_csv(ROOT / "datasets" / "posts.csv", dtype=str)
    comments = pd.read_csv(ROOT / "datasets" / "comments.csv", dtype=str, keep_default_na=False)
    mine = posts[(posts["account"] == ACCOUNT) & (posts["platform"] == "x")].reset_index(drop=True)
    ids = {pid: str(1_850_000_000_000_000_000 + i * 1000) for i, pid in enumerate(mine["post_id"])}
    thread = comments[comments["post_id"].isin(ids)].reset_index(drop=True)
    for post_id, group in thread.groupby("post_id", sort=False):
        for n, cid in enumerate(group["comment_id"], 1):
            ids[cid] = str(int(ids[post_id]) + n)
    authors = dict(zip(thread["comment_id"], thread["author"], strict=True))

    def when(value: str) -> str:
        return pd.Timestamp(value).tz_convert("UTC").strftime("%a %b %d %H:%M:%S +0000 %Y")

    rows = []
    for p in mine.itertuples():
        tid = ids[p.post_id]
        rows.append({"conversation_id_str": tid, "created_at": when(p.created_at), "favorite_count": p.likes,
                     "full_text": p.text, "id_str": tid,
                     "image_url": f"https://pbs.twimg.com/media/{tid[-8:]}.jpg"
                     if p.media_type in ("image", "carousel") else "",
                     "in_reply_to_screen_name": "", "quote_count": "0", "reply_count": p.comments,
                     "retweet_count": p.shares, "username": ACCOUNT})
    for c in thread.itertuples():
        answered = handle(authors[c.parent_id]) if c.parent_id else ACCOUNT
        rows.append({"conversation_id_str": ids[c.post_id], "created_at": when(c.created_at),
                     "favorite_count": "0", "full_text": f"@{answered} {c.text}", "id_str": ids[c.comment_id],
                     "image_url": "", "in_reply_to_screen_name": answered, "quote_count": "0",
                     "reply_count": "0", "retweet_count": "0", "username": handle(c.author)})
    out = pd.DataFrame(rows)
    out["lang"] = "in"
    out["location"] = "Kota Tirtamaya"
    out["tweet_url"] = "https://x.com/" + out["username"] + "/status/" + out["id_str"]
    out["user_id_str"] = out["username"].map(
        lambda h: str(int(hashlib.sha256(h.encode()).hexdigest()[:12], 16)))
    out = out.sort_values(["conversation_id_str", "id_str"]).reset_index(drop=True)
    buffer = io.StringIO()
    out[COLUMNS].to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail when the committed file differs")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.relative_to(ROOT)}: {'up to date' if same else 'OUT OF DATE'}")
        return 0 if same else 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
