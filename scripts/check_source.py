"""Check one hand-written agency folder of the corpus source (datasets/source/<account>/).

Usage: python3 scripts/check_source.py datasets/source/<account> [--min-posts N] [--min-comments N]

Prints every problem found, the label spread and near-duplicate texts; exits 1 when a
problem must be fixed. Uses only the standard library so writers can run it anywhere.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path

POST_LABELS = (
    "dialogic_loop",
    "return_visits",
    "useful_information",
    "conservation_of_visitors",
    "non_dialogic",
)
TRIAGE_LABELS = ("misguided", "unhappy_customer", "question", "troll", "rager", "positive")
PLATFORMS = ("instagram", "x", "facebook", "tiktok", "youtube")
MEDIA = ("text", "image", "carousel", "video", "link")
PLACEHOLDERS = ("{NIK}", "{KK}", "{NPWP}", "{HP}", "{EMAIL}")
START, END = dt.date(2025, 1, 1), dt.date(2026, 8, 31)
PROFILE_KEYS = (
    "account", "name", "kind", "region", "platforms", "bio", "website", "contact",
    "service_hours", "pinned_post", "alt_text_on_images", "consistent_handle",
    "crisis_periods", "notes",
)
# Personal-looking identifiers that must be written as placeholders instead.
RAW_PII = [
    ("16-digit number (NIK/KK)", re.compile(r"(?<!\d)\d{16}(?!\d)")),
    ("mobile number", re.compile(r"(?<![\d-])(?:\+62|62|0)8\d{2}[- ]?\d{3,4}[- ]?\d{3,5}(?!\d)")),
    ("e-mail address", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
]


def shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 1))}


def check(folder: Path, min_posts: int, min_comments: int) -> int:
    problems: list[str] = []
    warnings: list[str] = []
    account = folder.name
    profile_path = folder / "profile.json"
    if not profile_path.exists():
        problems.append("profile.json is missing")
    else:
        try:
            profile = json.loads(profile_path.read_text(encoding="utf-8"))
            missing = [k for k in PROFILE_KEYS if k not in profile]
            if missing:
                problems.append(f"profile.json lacks keys: {missing}")
            if profile.get("account") != account:
                problems.append(f"profile.json account {profile.get('account')!r} != folder {account!r}")
            for p in profile.get("platforms", {}):
                if p not in PLATFORMS:
                    problems.append(f"profile.json platform {p!r} not one of {PLATFORMS}")
            for c in profile.get("crisis_periods", []):
                for k in ("start", "end", "type", "summary"):
                    if k not in c:
                        problems.append(f"profile.json crisis period lacks {k!r}")
        except json.JSONDecodeError as exc:
            problems.append(f"profile.json is not valid JSON: {exc}")

    files = sorted(folder.glob("posts_*.jsonl"))
    if not files:
        problems.append("no posts_*.jsonl files")
    posts = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                posts.append((f"{f.name}:{n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                problems.append(f"{f.name}:{n}: invalid JSON: {exc}")

    labels = collections.Counter()
    kinds = collections.Counter()
    n_comments = n_agency = n_placeholders = 0
    last = None
    texts: list[tuple[str, str]] = []
    comment_texts = collections.defaultdict(list)
    for where, post in posts:
        for key in ("date", "time", "platform", "media_type", "label", "text", "comments"):
            if key not in post:
                problems.append(f"{where}: missing {key!r}")
        try:
            when = dt.datetime.strptime(f"{post.get('date')} {post.get('time')}", "%Y-%m-%d %H:%M")
            if not START <= when.date() <= END:
                problems.append(f"{where}: date {post.get('date')} outside {START}..{END}")
            if last and when < last:
                problems.append(f"{where}: not chronological ({when} before {last})")
            last = when
        except (ValueError, TypeError):
            problems.append(f"{where}: bad date/time {post.get('date')!r} {post.get('time')!r}")
        platform, media = post.get("platform"), post.get("media_type")
        if platform not in PLATFORMS:
            problems.append(f"{where}: platform {platform!r}")
        if media not in MEDIA:
            problems.append(f"{where}: media_type {media!r}")
        if platform in ("tiktok", "youtube") and media != "video":
            problems.append(f"{where}: {platform} posts must be video")
        if platform == "instagram" and media == "text":
            problems.append(f"{where}: instagram posts cannot be text-only")
        if post.get("label") not in POST_LABELS:
            problems.append(f"{where}: label {post.get('label')!r}")
        labels[post.get("label")] += 1
        text = post.get("text") or ""
        if len(text.strip()) < 15:
            problems.append(f"{where}: post text too short")
        texts.append((where, text))
        comments = post.get("comments") or []
        for i, c in enumerate(comments):
            cw = f"{where} comment {i}"
            who, kind, ctext = c.get("who"), c.get("kind"), c.get("text") or ""
            reply_to = c.get("reply_to")
            if not who:
                problems.append(f"{cw}: missing who")
            if who == "agency":
                n_agency += 1
                if kind != "agency_reply":
                    problems.append(f"{cw}: agency comment must have kind agency_reply")
            elif kind not in TRIAGE_LABELS:
                problems.append(f"{cw}: kind {kind!r} not a triage label")
            if reply_to is not None and not (isinstance(reply_to, int) and 0 <= reply_to < i):
                problems.append(f"{cw}: reply_to {reply_to!r} must be null or an earlier index")
            if not ctext.strip():
                problems.append(f"{cw}: empty text")
            for name, rx in RAW_PII:
                # The agency's own fictional numbers carry 555 and are not personal data.
                if any("555" not in m.group(0) for m in rx.finditer(ctext)):
                    problems.append(f"{cw}: raw {name}; write a placeholder such as {{HP}} instead")
            for ph in re.findall(r"\{[A-Z]+\}", ctext):
                if ph not in PLACEHOLDERS:
                    problems.append(f"{cw}: unknown placeholder {ph}")
                n_placeholders += 1
            kinds[kind] += 1
            n_comments += 1
            if len(ctext) > 25 and kind != "troll":
                comment_texts[re.sub(r"\W+", " ", ctext.lower()).strip()].append(cw)

    if len(posts) < min_posts:
        problems.append(f"only {len(posts)} posts; at least {min_posts} required")
    if n_comments < min_comments:
        problems.append(f"only {n_comments} comments; at least {min_comments} required")
    for text, where in comment_texts.items():
        if len(where) > 1:
            problems.append(f"identical comment text in {where}: {text[:60]!r}")

    sh = [(w, shingles(t)) for w, t in texts]
    for i in range(len(sh)):
        for j in range(i + 1, len(sh)):
            a, b = sh[i][1], sh[j][1]
            if a and b:
                jac = len(a & b) / len(a | b)
                if jac > 0.5:
                    problems.append(f"near-duplicate posts {sh[i][0]} ~ {sh[j][0]} (overlap {jac:.2f})")
                elif jac > 0.3:
                    warnings.append(f"similar posts {sh[i][0]} ~ {sh[j][0]} (overlap {jac:.2f})")

    print(f"{account}: {len(posts)} posts, {n_comments} comments ({n_agency} agency replies), "
          f"{n_placeholders} identifier placeholders")
    print("post labels:", dict(labels.most_common()))
    print("comment kinds:", dict(kinds.most_common()))
    for w in warnings:
        print("warning:", w)
    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s) to fix")
    return 1 if problems else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--min-posts", type=int, default=180)
    ap.add_argument("--min-comments", type=int, default=650)
    args = ap.parse_args()
    return check(args.folder, args.min_posts, args.min_comments)


if __name__ == "__main__":
    sys.exit(main())
