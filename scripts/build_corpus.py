"""Build the canonical corpus from the hand-written source in datasets/source/.

    python scripts/build_corpus.py            build posts.csv, comments.csv, agencies.json,
                                              pii_flags.csv, gold/to_code.csv, gold.csv,
                                              hard_cases.csv, gold/hard_to_code.csv,
                                              hard_gold.csv, VERSION
    python scripts/build_corpus.py --check    rebuild in memory and fail if the files differ

Writers wrote the words, labels and thread structure (datasets/source/BRIEF.md). This script adds
what a platform export would carry and writers should not invent by hand: ids, exact timestamps
(+07:00), engagement figures, follower counts, pseudonymous handles, and synthetic identifiers in
place of the placeholders. Everything random is drawn from generators seeded by the account name,
so the output is byte-for-byte reproducible and editing one agency leaves the others unchanged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from humaskit.core.wib import WIB

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datasets"
SOURCE = DATA / "source"
GOLD_PER_ACCOUNT = 44

# Median delay of the agency's first reply, in minutes, outside a crisis / inside one.
# Chosen to match each profile's notes (service units fast, ministry slow).
REPLY_MEDIAN_MIN = {
    "kppsukamaju": (35, 25),
    "samsatlembahhijau": (110, 60),
    "dinkessukamaju": (170, 90),
    "bpbdtirtamaya": (240, 12),
    "polrestirtamaya": (260, 300),
    "pemkablembahhijau": (900, 1400),
    "kemenpangizi": (2600, 4000),
}
ALWAYS_ON = {"bpbdtirtamaya"}  # 24-hour posko: replies at any hour

# Engagement per follower per post (Rival IQ 2022 medians for IG/FB/X; TikTok/YouTube estimates).
BASE_RATE = {"instagram": 0.0047, "facebook": 0.0006, "x": 0.00035, "tiktok": 0.012,
             "youtube": 0.002}
LABEL_FACTOR = {"dialogic_loop": 1.35, "useful_information": 1.15, "return_visits": 0.95,
                "conservation_of_visitors": 0.7, "non_dialogic": 0.85}
MEDIA_FACTOR = {"video": 1.45, "carousel": 1.25, "image": 1.0, "link": 0.6, "text": 0.75}
PLATFORM_SHARE = {"instagram": 1.0, "facebook": 0.55, "x": 0.35, "tiktok": 0.6, "youtube": 0.15}


def seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "little")


def read_lines(files) -> list[dict]:
    posts = []
    for f in sorted(files):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                posts.append(json.loads(line))
    posts.sort(key=lambda p: (p["date"], p["time"]))
    return posts


def read_source(folder: Path) -> tuple[dict, list[dict]]:
    """The profile, then the everyday posts in date order followed by the hard cases
    (``hard_*.jsonl``, each with a ``case``) in date order: hard cases are numbered after the
    everyday posts, so adding them leaves every earlier id, draw and gold sample unchanged."""
    profile = json.loads((folder / "profile.json").read_text(encoding="utf-8"))
    return profile, read_lines(folder.glob("posts_*.jsonl")) + read_lines(folder.glob("hard_*.jsonl"))


def in_periods(when: dt.datetime, periods: list[dict]) -> bool:
    d = when.date().isoformat()
    return any(p["start"] <= d <= p["end"] for p in periods)


def followers_at(profile: dict, platform: str, when: dt.datetime) -> int:
    platforms = profile["platforms"]
    info = platforms.get(platform) or {}
    ref = platforms.get("instagram") or next(iter(platforms.values()))
    start = info.get("followers_start") or int(ref["followers_start"] * PLATFORM_SHARE[platform])
    end = info.get("followers_end") or int(ref["followers_end"] * PLATFORM_SHARE[platform])
    t0, t1 = dt.datetime(2025, 1, 1, tzinfo=WIB), dt.datetime(2026, 9, 1, tzinfo=WIB)
    frac = (when - t0) / (t1 - t0)
    return int(round(start + (end - start) * frac))


def office_hours(when: dt.datetime, rng: np.random.Generator) -> dt.datetime:
    """Move a reply that would fall at night or on a weekend to the next working morning."""
    moved = when
    if moved.hour >= 21 or moved.hour < 7:
        if moved.hour >= 21:
            moved += dt.timedelta(days=1)
        moved = moved.replace(hour=7, minute=30) + dt.timedelta(minutes=int(rng.integers(0, 150)))
    while moved.weekday() >= 5 and rng.random() < 0.8:
        moved = (moved + dt.timedelta(days=1)).replace(hour=8) + dt.timedelta(
            minutes=int(rng.integers(0, 120)))
    return moved


class Identifiers:
    """Synthetic personal identifiers for the placeholders, recorded for the scrubber tests."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng

    def digits(self, n: int) -> str:
        return "".join(str(d) for d in self.rng.integers(0, 10, n))

    def make(self, kind: str) -> str:
        r = self.rng
        if kind in ("NIK", "KK"):
            region = r.choice(["3374", "3201", "1371", "3578", "3172", "7371"])
            day = int(r.integers(1, 29)) + (40 if kind == "NIK" and r.random() < 0.5 else 0)
            return f"{region}{self.digits(2)}{day:02d}{int(r.integers(1, 13)):02d}" \
                   f"{int(r.integers(60, 100)):02d}{self.digits(4)}"[:16]
        if kind == "NPWP":
            d = self.digits(15)
            return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
        if kind == "HP":
            d = "8" + r.choice(["12", "13", "21", "22", "52", "53", "57", "77", "78", "95"]) + \
                self.digits(int(r.choice([7, 8, 9])))
            style = r.integers(0, 4)
            if style == 0:
                return "0" + d
            if style == 1:
                return f"0{d[:3]}-{d[3:7]}-{d[7:]}"
            if style == 2:
                return f"+62 {d[:3]} {d[3:7]} {d[7:]}"
            return f"62{d}"
        if kind == "EMAIL":
            name = r.choice(["warga", "pelapor", "wajibpajak", "ortu", "sobat", "akun"])
            domain = r.choice(["gmail.com", "yahoo.co.id", "ymail.com", "outlook.com"])
            return f"{name}{self.digits(4)}@{domain}"
        raise ValueError(kind)


def build_account(folder: Path):
    profile, source_posts = read_source(folder)
    account = profile["account"]
    rng = np.random.default_rng(seed(account))
    ids = Identifiers(np.random.default_rng(seed(account, "pii")))
    periods = profile.get("crisis_periods") or []
    slow, fast = REPLY_MEDIAN_MIN.get(account, (300, 300))
    posts, comments, flags, hard = [], [], [], []
    used_seconds: set[tuple[str, str]] = set()
    for n, sp in enumerate(source_posts, 1):
        post_id = f"{account}-{n:04d}"
        base = dt.datetime.strptime(f"{sp['date']} {sp['time']}", "%Y-%m-%d %H:%M").replace(tzinfo=WIB)
        created = base + dt.timedelta(seconds=int(rng.integers(0, 60)))
        crisis = in_periods(created, periods)
        platform, media, label = sp["platform"], sp["media_type"], sp["label"]
        followers = followers_at(profile, platform, created)
        rate = BASE_RATE[platform] * LABEL_FACTOR[label] * MEDIA_FACTOR[media]
        rate *= float(rng.lognormal(0, 0.55)) * (1.6 if crisis else 1.0)
        engagements = followers * rate
        likes = int(round(engagements * 0.86))
        thread = sp.get("comments") or []
        n_comments = max(len(thread), int(round(engagements * (0.09 if not crisis else 0.25)
                                               * (1.8 if label == "dialogic_loop" else 1.0))))
        shares = int(round(engagements * (0.12 if label == "useful_information" else 0.04)
                           * float(rng.lognormal(0, 0.4))))
        reach = {"video": 0.9, "carousel": 0.35, "image": 0.28, "link": 0.15, "text": 0.2}[media]
        views = int(round(followers * reach * float(rng.lognormal(0, 0.5))))
        if platform in ("tiktok", "youtube"):
            views = int(views * 2.5)
        posts.append({
            "post_id": post_id, "account": account, "platform": platform,
            "created_at": created.isoformat(timespec="seconds"), "text": sp["text"].strip(),
            "media_type": media, "likes": likes, "comments": n_comments, "shares": shares,
            "views": max(views, likes + n_comments), "followers": followers, "label": label,
        })
        if sp.get("case"):
            hard.append({"item_id": post_id, "item": "post", "account": account, "case": sp["case"],
                         "writer_label": label})
        times: list[dt.datetime] = []
        for i, c in enumerate(thread):
            parent = c.get("reply_to")
            anchor = created if parent is None else times[parent]
            if c["who"] == "agency":
                median = fast if crisis else slow
                when = anchor + dt.timedelta(minutes=float(rng.lognormal(np.log(median), 0.9)) + 1)
                if account not in ALWAYS_ON and not crisis:
                    when = office_hours(when, rng)
            elif parent is None:
                when = anchor + dt.timedelta(minutes=float(rng.lognormal(np.log(45), 1.3)) + 0.5)
            else:
                when = anchor + dt.timedelta(minutes=float(rng.lognormal(np.log(90), 1.1)) + 1)
            when = when.replace(microsecond=0)
            times.append(when)
            comment_id = f"{post_id}-c{i + 1:02d}"
            if c["who"] == "agency":
                author, role = account, "agency"
            else:
                scope = account if c["who"].startswith("r_") else post_id
                author = "warga_" + hashlib.sha256(f"{scope}|{c['who']}".encode()).hexdigest()[:8]
                role = "citizen"
            text, found = fill_placeholders(c["text"].strip(), ids)
            for kind, start, end, value in found:
                flags.append({"comment_id": comment_id, "type": kind, "start": start, "end": end,
                              "value": value})
            comments.append({
                "comment_id": comment_id, "post_id": post_id,
                "parent_id": None if parent is None else f"{post_id}-c{parent + 1:02d}",
                "author": author, "author_role": role,
                "created_at": when.isoformat(timespec="seconds"), "text": text, "kind": c["kind"],
            })
            if c.get("case"):
                hard.append({"item_id": comment_id, "item": "comment", "account": account,
                             "case": c["case"], "writer_label": c["kind"]})
        used_seconds.add((account, post_id))
    profile_out = {k: v for k, v in profile.items()}
    profile_out["n_posts"] = len(posts)
    return profile_out, posts, comments, flags, hard_split(account, hard)


def hard_split(account: str, hard: list[dict]) -> list[dict]:
    """Half of an agency's hard posts (seeded, label-blind) are held out with their threads;
    a hard comment follows its post."""
    posts = [h["item_id"] for h in hard if h["item"] == "post"]
    order = np.random.default_rng(seed(account, "hard")).permutation(len(posts))
    held = {posts[i] for i in order[:len(posts) // 2]}
    for h in hard:
        post_id = h["item_id"] if h["item"] == "post" else h["item_id"].rsplit("-c", 1)[0]
        h["split"] = "held_out" if post_id in held else "train"
    return hard


PLACEHOLDER = re.compile(r"\{(NIK|KK|NPWP|HP|EMAIL)\}")


def fill_placeholders(text: str, ids: Identifiers):
    found, out, pos = [], [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append(text[pos:m.start()])
        value = ids.make(m.group(1))
        start = sum(len(s) for s in out)
        out.append(value)
        found.append((m.group(1).lower(), start, start + len(value), value))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), found


def gold_sample(posts: pd.DataFrame) -> pd.DataFrame:
    """A fixed sample of posts per account for double coding (seeded, label-blind)."""
    parts = []
    for account, group in posts.groupby("account"):
        order = np.random.default_rng(seed(account, "gold")).permutation(len(group))
        parts.append(group.iloc[np.sort(order[:GOLD_PER_ACCOUNT])])
    sample = pd.concat(parts)
    rng = np.random.default_rng(seed("gold-order"))
    return sample.iloc[rng.permutation(len(sample))][["post_id", "text"]].reset_index(drop=True)


def hard_to_code(hard: pd.DataFrame, posts: pd.DataFrame, comments: pd.DataFrame) -> pd.DataFrame:
    """The held-out hard cases (posts and comments) as a coder sees them: seeded order, no label."""
    held = hard[hard["split"] == "held_out"]
    texts = dict(zip(posts["post_id"], posts["text"], strict=True))
    texts.update(zip(comments["comment_id"], comments["text"], strict=True))
    out = pd.DataFrame({"item_id": held["item_id"], "item": held["item"],
                        "text": held["item_id"].map(texts)})
    order = np.random.default_rng(seed("hard-order")).permutation(len(out))
    return out.iloc[order].reset_index(drop=True)


def merge_hard_gold(hard: pd.DataFrame) -> pd.DataFrame | None:
    """hard_gold.csv: each held-out hard case's writer label, coder B's code and the gold label
    (agreement, else gold/hard_adjudication.csv), and, where gold/hard_coder_c.csv exists, the code
    of coder C: an independent coder (another agent session, blind to the labels), reported apart
    and not used for the gold label."""
    b_file = DATA / "gold" / "hard_coder_b.csv"
    if not b_file.exists():
        return None
    b = pd.read_csv(b_file, dtype=str)[["item_id", "label"]].rename(columns={"label": "coder_b"})
    gold = hard[hard["split"] == "held_out"][["item_id", "item", "case", "writer_label"]].merge(
        b, on="item_id", how="inner")
    adj_file = DATA / "gold" / "hard_adjudication.csv"
    adjudicated = {}
    if adj_file.exists():
        adj = pd.read_csv(adj_file, dtype=str)
        adjudicated = dict(zip(adj["item_id"], adj["label"], strict=True))
    gold["gold_label"] = [w if w == c else adjudicated.get(i) for i, w, c in
                          zip(gold["item_id"], gold["writer_label"], gold["coder_b"], strict=True)]
    missing = gold[gold["gold_label"].isna()]
    if len(missing):
        raise SystemExit(f"{len(missing)} hard-case disagreements lack a label in {adj_file}")
    c_file = DATA / "gold" / "hard_coder_c.csv"
    if c_file.exists():
        c = pd.read_csv(c_file, dtype=str).set_index("item_id")["label"]
        gold["coder_c"] = gold["item_id"].map(c)
        if gold["coder_c"].isna().any():
            raise SystemExit(f"{int(gold['coder_c'].isna().sum())} hard cases lack a code in {c_file}")
    return gold.sort_values("item_id").reset_index(drop=True)


def merge_gold(posts: pd.DataFrame) -> pd.DataFrame | None:
    """gold.csv from the two coders' raw files; disagreements resolved by adjudication."""
    a_file, b_file = DATA / "gold" / "coder_a.csv", DATA / "gold" / "coder_b.csv"
    if not (a_file.exists() and b_file.exists()):
        return None
    a = pd.read_csv(a_file, dtype=str)[["post_id", "label"]].rename(columns={"label": "coder_a"})
    b = pd.read_csv(b_file, dtype=str)[["post_id", "label"]].rename(columns={"label": "coder_b"})
    gold = a.merge(b, on="post_id", how="inner")
    adjudicated = {}
    adj_file = DATA / "gold" / "adjudication.csv"
    if adj_file.exists():
        adj = pd.read_csv(adj_file, dtype=str)
        adjudicated = dict(zip(adj["post_id"], adj["label"], strict=True))
    gold["gold_label"] = [
        a_ if a_ == b_ else adjudicated.get(pid)
        for pid, a_, b_ in zip(gold["post_id"], gold["coder_a"], gold["coder_b"], strict=True)
    ]
    missing = gold[gold["gold_label"].isna()]
    if len(missing):
        raise SystemExit(f"{len(missing)} disagreements lack an adjudicated label in {adj_file}")
    return gold.sort_values("post_id").reset_index(drop=True)


def csv_text(df: pd.DataFrame) -> str:
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def build() -> dict[str, str]:
    profiles, posts, comments, flags, hard = [], [], [], [], []
    for folder in sorted(p for p in SOURCE.iterdir() if (p / "profile.json").exists()):
        profile, p, c, f, h = build_account(folder)
        profiles.append(profile)
        posts += p
        comments += c
        flags += f
        hard += h
    posts_df = pd.DataFrame(posts)
    comments_df = pd.DataFrame(comments).sort_values(["post_id", "created_at", "comment_id"])
    hard_df = pd.DataFrame(hard, columns=["item_id", "item", "account", "case", "writer_label", "split"])
    everyday = posts_df[~posts_df["post_id"].isin(set(hard_df["item_id"]))]
    files = {
        "agencies.json": json.dumps(profiles, ensure_ascii=False, indent=1) + "\n",
        "posts.csv": csv_text(posts_df),
        "comments.csv": csv_text(comments_df),
        "pii_flags.csv": csv_text(pd.DataFrame(
            flags, columns=["comment_id", "type", "start", "end", "value"])),
        "gold/to_code.csv": csv_text(gold_sample(everyday)),
        "hard_cases.csv": csv_text(hard_df),
        "gold/hard_to_code.csv": csv_text(hard_to_code(hard_df, posts_df, comments_df)),
    }
    gold = merge_gold(posts_df)
    if gold is not None:
        files["gold.csv"] = csv_text(gold)
    hard_gold = merge_hard_gold(hard_df)
    if hard_gold is not None:
        files["hard_gold.csv"] = csv_text(hard_gold)
    digest = hashlib.sha256()
    for f in sorted(SOURCE.rglob("*")):
        if f.is_file() and f.suffix in (".json", ".jsonl"):
            digest.update(f.relative_to(SOURCE).as_posix().encode())
            digest.update(f.read_bytes())
    for name in ("coder_a.csv", "coder_b.csv", "adjudication.csv", "hard_coder_b.csv",
                 "hard_adjudication.csv"):
        if (DATA / "gold" / name).exists():
            digest.update((DATA / "gold" / name).read_bytes())
    files["VERSION"] = f"corpus-{digest.hexdigest()[:12]}\n"
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the built files are out of date")
    args = ap.parse_args()
    files = build()
    stale = [name for name, text in files.items()
             if not (DATA / name).exists() or (DATA / name).read_text(encoding="utf-8") != text]
    if args.check:
        if stale:
            print("out of date: " + ", ".join(stale) + " (run python scripts/build_corpus.py)")
            return 1
        print("corpus files are up to date")
        return 0
    for name in stale:
        (DATA / name).parent.mkdir(parents=True, exist_ok=True)
        (DATA / name).write_text(files[name], encoding="utf-8")
    print(f"wrote {', '.join(stale) or 'nothing (up to date)'}; {files['VERSION'].strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
