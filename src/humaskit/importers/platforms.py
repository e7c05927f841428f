"""JSON exports: the X API v2, Instagram and Facebook "download your information", the Instagram
Graph API, and the YouTube Data API. Each reader walks the documented layout and yields
canonical rows; anything it cannot place is reported, never dropped silently."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from humaskit.core.errors import DataError
from humaskit.core.files import check_input, decode_text
from humaskit.importers.common import Report, handle_of, strip_reply_mentions, text_of
from humaskit.importers.rows import Row

MAX_JSON_BYTES = 200 * 1024 * 1024


def load_json(path: Path) -> Any:
    """A JSON file (or JSON Lines: one object per line, as twarc writes) as Python values."""
    path = check_input(path, MAX_JSON_BYTES, "file JSON")
    raw = path.read_bytes()
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else None
    if encoding:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            raise DataError("file UTF-16 rusak.", file=path.name) from None
    else:
        text = decode_text(raw, path.name, "Simpan ulang sebagai UTF-8.")
    try:
        return json.loads(text)
    except RecursionError:
        raise DataError("JSON bersarang terlalu dalam.", file=path.name) from None
    except json.JSONDecodeError as first:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            records = []
            for number, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except (json.JSONDecodeError, RecursionError):
                    raise DataError("JSON Lines rusak (satu objek JSON per baris).", file=path.name,
                                    row=number) from None
            return records
        raise DataError(f"JSON rusak ({first.msg}, kolom {first.colno}). Unduh ulang file-nya.",
                        file=path.name, row=first.lineno) from None


def _dicts(value) -> list[dict]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def _obj(value) -> dict:
    return value if isinstance(value, dict) else {}


def _pages(payload) -> list[dict]:
    """API responses: one response, a list of pages, or JSON Lines of pages."""
    return _dicts(payload)


# ---------------------------------------------------------------------------------------------
# Meta's "download your information" exports write UTF-8 bytes as if each were a Latin-1
# character ("Terima kasih ðŸ™"); read back, they become the text again.

def meta_text(value) -> str | None:
    text = text_of(value) if not isinstance(value, dict | list) else None
    if text is None:
        return None
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _stable_id(prefix: str, *parts) -> str:
    return f"{prefix}-" + hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# X API v2

_MEDIA = {"photo": "image", "video": "video", "animated_gif": "video"}


def read_x_api(payload, file: str, account: str, report: Report, progress) -> tuple[list[Row], list[Row]]:
    """Tweets from GET /2/tweets, /2/users/:id/tweets or search responses (``data`` plus
    ``includes.users``, ``includes.media``, ``includes.tweets``). The agency's own tweets that
    start a conversation are posts; replies in those conversations are comments."""
    pages = _pages(payload)
    users: dict[str, dict] = {}
    media: dict[str, str] = {}
    tweets: list[tuple[dict, int | None]] = []
    extra: list[dict] = []
    record = 0
    for page in pages:
        includes = _obj(page.get("includes"))
        for user in _dicts(includes.get("users")):
            users[str(user.get("id"))] = user
        for item in _dicts(includes.get("media")):
            media[str(item.get("media_key"))] = str(item.get("type", ""))
        extra += _dicts(includes.get("tweets"))
        for tweet in _dicts(page.get("data")):
            record += 1
            tweets.append((tweet, record))
    if not tweets and pages and not any("data" in p for p in pages):
        raise DataError("tidak ada 'data' berisi tweet; apakah ini respons X API v2?", file=file)
    seen = {str(t.get("id")) for t, _ in tweets}
    tweets += [(t, None) for t in extra if str(t.get("id")) not in seen]  # a conversation's root
    agency_ids = {uid for uid, u in users.items() if handle_of(u.get("username")) == account}
    followers = None
    for uid in agency_ids:
        metrics = users[uid].get("public_metrics")
        if isinstance(metrics, dict):
            followers = metrics.get("followers_count")
    if followers is not None:
        report.notes.append(f"{file}: jumlah pengikut diambil dari profil saat data diunduh (X API "
                            "tidak memberi jumlah pengikut pada waktu unggahan).")
    posts: list[Row] = []
    comments: list[Row] = []
    for tweet, line in progress(tweets, total=len(tweets)):
        tid = text_of(tweet.get("id"))
        if tid is None:
            report.skip("tweet tanpa id", file, line)
            continue
        refs = {str(r.get("type")): text_of(r.get("id")) for r in _dicts(tweet.get("referenced_tweets"))}
        if "retweeted" in refs:
            report.skip("retweet (bukan unggahan atau komentar baru)", file, line)
            continue
        author_id = text_of(tweet.get("author_id"))
        user = users.get(str(author_id), {})
        author = handle_of(user.get("username")) or (f"id{author_id}" if author_id else None)
        is_agency = author == account or author_id in agency_ids
        conversation = text_of(tweet.get("conversation_id"))
        top_level = "replied_to" not in refs and (conversation in (None, tid))
        note = tweet.get("note_tweet")
        text = text_of(note.get("text")) if isinstance(note, dict) else None
        text = text or text_of(tweet.get("text"))
        metrics = _obj(tweet.get("public_metrics"))
        if is_agency and top_level:
            kinds = [_MEDIA.get(media.get(str(k), ""), "image")
                     for k in (tweet.get("attachments") or {}).get("media_keys", []) or []] \
                if isinstance(tweet.get("attachments"), dict) else []
            urls = [u for u in _dicts((tweet.get("entities") or {}).get("urls"))
                    if not u.get("media_key")] if isinstance(tweet.get("entities"), dict) else []
            media_type = ("video" if "video" in kinds else "carousel" if len(kinds) > 1 else kinds[0]) \
                if kinds else ("link" if urls else "text")
            shares = metrics.get("retweet_count")
            if shares is not None and metrics.get("quote_count") is not None:
                try:
                    shares = int(shares) + int(metrics["quote_count"])
                except (TypeError, ValueError):
                    pass
            posts.append(Row({
                "post_id": tid, "account": account, "platform": "x",
                "created_at": tweet.get("created_at"), "text": text, "media_type": media_type,
                "likes": metrics.get("like_count"), "comments": metrics.get("reply_count"),
                "shares": shares, "views": metrics.get("impression_count"), "followers": followers},
                file, line))
        elif top_level:
            report.skip("tweet akun lain yang bukan balasan dalam percakapan akun ini", file, line)
        else:
            parent = refs.get("replied_to")
            comments.append(Row({
                "comment_id": tid, "post_id": conversation or parent,
                "parent_id": parent if parent and parent != conversation else None,
                "author": author, "author_role": "agency" if is_agency else "citizen",
                "created_at": tweet.get("created_at"),
                "text": strip_reply_mentions(text) if text else text,
                "kind": "agency_reply" if is_agency else None}, file, line))
    return posts, comments


def looks_like_x_api(payload) -> bool:
    for page in _pages(payload)[:3]:
        if isinstance(page.get("includes"), dict) and ("users" in page["includes"] or
                                                       "tweets" in page["includes"]):
            return True
        for tweet in _dicts(page.get("data"))[:5]:
            if {"public_metrics", "conversation_id", "edit_history_tweet_ids", "author_id"} & set(tweet):
                return True
    return False


# ---------------------------------------------------------------------------------------------
# Instagram Graph API: /{ig-user-id}/media and /{media-id}/comments

_IG_MEDIA = {"IMAGE": "image", "VIDEO": "video", "CAROUSEL_ALBUM": "carousel", "REELS": "video"}


def _graph_items(payload) -> list[dict]:
    items: list[dict] = []
    for page in _pages(payload):
        data = page.get("data")
        if isinstance(data, list):
            items += _dicts(data)
        elif "id" in page:  # a single object (GET /{media-id})
            items.append(page)
    return items


def _is_media(item: dict) -> bool:
    return bool({"media_type", "caption", "permalink", "media_url", "comments_count"} & set(item))


def read_instagram_graph(payload, file: str, account: str, report: Report,
                         progress) -> tuple[list[Row], list[Row]]:
    """Media (with ``comments`` and their ``replies`` expanded, or not) and comment lists. A
    comment list needs each comment's ``media`` field (ask for fields=...,media) to know its
    post."""
    posts: list[Row] = []
    comments: list[Row] = []
    items = _graph_items(payload)
    for number, item in progress(list(enumerate(items, 1)), total=len(items)):
        if _is_media(item):
            kind = str(item.get("media_product_type", "")).upper()
            word = "REELS" if kind == "REELS" else str(item.get("media_type", "")).upper()
            media_type = _IG_MEDIA.get(word, item.get("media_type"))
            mid = text_of(item.get("id"))
            posts.append(Row({
                "post_id": mid, "account": handle_of(item.get("username")) or account,
                "platform": "instagram", "created_at": item.get("timestamp"),
                "text": text_of(item.get("caption")), "media_type": media_type,
                "likes": item.get("like_count"), "comments": item.get("comments_count"),
                "shares": None, "views": item.get("view_count", item.get("plays")), "followers": None},
                file, number))
            nested = item.get("comments")
            for comment in _dicts(nested.get("data") if isinstance(nested, dict) else nested):
                comments += _ig_comment(comment, mid, None, account, file, number)
        elif "text" in item:
            media = item.get("media")
            mid = text_of(media.get("id")) if isinstance(media, dict) else text_of(media)
            if mid is None:
                report.skip("komentar Graph API tanpa field 'media' (minta fields=id,text,timestamp,"
                            "username,media,replies): unggahannya tidak diketahui", file, number)
                continue
            comments += _ig_comment(item, mid, text_of(item.get("parent_id")), account, file, number)
        else:
            report.skip("objek JSON yang bukan media atau komentar Instagram", file, number)
    return posts, comments


def _ig_comment(comment: dict, media_id, parent, account: str, file: str, number: int) -> list[Row]:
    author = comment.get("username")
    if author is None and isinstance(comment.get("from"), dict):
        author = comment["from"].get("username")
    author = handle_of(author)
    cid = text_of(comment.get("id"))
    rows = [Row({
        "comment_id": cid, "post_id": media_id, "parent_id": parent, "author": author,
        "author_role": "agency" if author == account else "citizen",
        "created_at": comment.get("timestamp"), "text": text_of(comment.get("text")),
        "kind": "agency_reply" if author == account else None}, file, number)]
    replies = comment.get("replies")
    for reply in _dicts(replies.get("data") if isinstance(replies, dict) else replies):
        rows += _ig_comment(reply, media_id, cid, account, file, number)
    return rows


def looks_like_instagram_graph(payload) -> bool:
    items = _graph_items(payload)[:5]
    return bool(items) and all(_is_media(i) or ({"text", "timestamp"} <= set(i) and
                                                  ("username" in i or "from" in i or "media" in i))
                               for i in items)


# ---------------------------------------------------------------------------------------------
# Instagram "download your information" (posts_1.json, reels.json, post_comments_1.json)

def _ig_dyi_entries(payload) -> Iterator[tuple[dict, bool]]:
    """(entry, is_reel) for each post entry; comment entries come as (entry, False) too."""
    if isinstance(payload, dict):
        for key, value in payload.items():
            if key.startswith("ig_") or key.startswith("comments_"):
                for entry in _dicts(value):
                    yield entry, "reel" in key
        return
    for entry in _dicts(payload):
        yield entry, False


def read_instagram_dyi(payload, file: str, account: str, report: Report,
                       progress) -> tuple[list[Row], list[Row]]:
    """Posts of the account's own export. Its comments file lists the comments the account
    wrote, without saying on which post: they are reported, not guessed."""
    posts: list[Row] = []
    entries = list(_ig_dyi_entries(payload))
    for number, (entry, is_reel) in progress(list(enumerate(entries, 1)), total=len(entries)):
        if "string_map_data" in entry:
            report.skip("komentar di ekspor 'unduh informasi' Instagram tidak menyebut unggahannya "
                        "(pakai ekspor Graph API untuk komentar)", file, number)
            continue
        media = _dicts(entry.get("media"))
        if not media:
            report.skip("entri tanpa media (bukan unggahan)", file, number)
            continue
        first = media[0]
        uris = [str(m.get("uri", "")) for m in media]
        video = is_reel or any(u.lower().endswith((".mp4", ".mov")) for u in uris)
        media_type = "video" if video else "carousel" if len(media) > 1 else "image"
        created = entry.get("creation_timestamp", first.get("creation_timestamp"))
        caption = meta_text(entry.get("title")) or meta_text(first.get("title"))
        stem = Path(uris[0]).stem if uris[0] else None
        posts.append(Row({
            "post_id": f"ig-{stem}" if stem else _stable_id("ig", created, caption),
            "account": account, "platform": "instagram", "created_at": created, "text": caption,
            "media_type": media_type, "likes": None, "comments": None, "shares": None, "views": None,
            "followers": None}, file, number))
    return posts, []


def looks_like_instagram_dyi(payload) -> bool:
    if isinstance(payload, dict):
        return any(k.startswith(("ig_", "comments_reels", "comments_media")) for k in payload)
    entries = _dicts(payload)[:5]
    return bool(entries) and all(
        ("media" in e and "creation_timestamp" in json.dumps(e)[:4000]) or
        (isinstance(e.get("string_map_data"), dict) and ("Media Owner" in e["string_map_data"] or
                                                          "Comment" in e["string_map_data"]))
        for e in entries)


# ---------------------------------------------------------------------------------------------
# Facebook "download your information" (your_posts_*.json, comments.json)

_FB_VIDEO = re.compile(r"\.(mp4|mov)$", re.I)


def read_facebook_dyi(payload, file: str, account: str, report: Report,
                      progress) -> tuple[list[Row], list[Row]]:
    posts: list[Row] = []
    if isinstance(payload, dict) and "comments_v2" in payload:
        for number, _ in enumerate(_dicts(payload["comments_v2"]), 1):
            report.skip("komentar di ekspor 'unduh informasi' Facebook tidak menyebut unggahannya "
                        "(pakai ekspor Graph API untuk komentar)", file, number)
        return [], []
    entries = _dicts(payload.get("status_updates_v2", payload) if isinstance(payload, dict) else payload)
    for number, entry in progress(list(enumerate(entries, 1)), total=len(entries)):
        texts = [meta_text(d.get("post")) for d in _dicts(entry.get("data")) if d.get("post")]
        media: list[dict] = []
        links = 0
        for attachment in _dicts(entry.get("attachments")):
            for item in _dicts(attachment.get("data")):
                if isinstance(item.get("media"), dict):
                    media.append(item["media"])
                elif isinstance(item.get("external_context"), dict):
                    links += 1
        if not texts and not media and not links:
            report.skip("entri tanpa teks, media atau tautan (mis. hanya 'memperbarui foto "
                        "profil')", file, number)
            continue
        if any(_FB_VIDEO.search(str(m.get("uri", ""))) for m in media):
            media_type = "video"
        else:
            media_type = "carousel" if len(media) > 1 else "image" if media else \
                "link" if links else "text"
        text = "\n".join(t for t in texts if t) or (meta_text(media[0].get("description"))
                                                    if media else None)
        created = entry.get("timestamp")
        posts.append(Row({
            "post_id": _stable_id("fb", created, text, number if text is None else ""),
            "account": account, "platform": "facebook", "created_at": created, "text": text,
            "media_type": media_type, "likes": None, "comments": None, "shares": None, "views": None,
            "followers": None}, file, number))
    return posts, []


def looks_like_facebook_dyi(payload) -> bool:
    if isinstance(payload, dict):
        return "comments_v2" in payload or "status_updates_v2" in payload
    entries = _dicts(payload)[:5]
    return bool(entries) and all("timestamp" in e and ("data" in e or "attachments" in e or "title" in e)
                                 for e in entries)


# ---------------------------------------------------------------------------------------------
# YouTube Data API: videos.list / playlistItems.list (posts), commentThreads.list (comments)

def _items(payload, kinds: Iterable[str]) -> list[dict]:
    wanted = set(kinds)
    out = []
    for page in _pages(payload):
        if str(page.get("kind", "")) in wanted:
            out.append(page)
        out += [i for i in _dicts(page.get("items")) if str(i.get("kind", "")) in wanted]
    return out


def read_youtube(payload, file: str, account: str, report: Report,
                 progress) -> tuple[list[Row], list[Row]]:
    posts: list[Row] = []
    comments: list[Row] = []
    items = _items(payload, ("youtube#video", "youtube#playlistItem", "youtube#commentThread",
                             "youtube#comment"))
    if not items:
        raise DataError("tidak ada 'items' video atau komentar YouTube di file ini.", file=file)
    for number, item in progress(list(enumerate(items, 1)), total=len(items)):
        snippet = _obj(item.get("snippet"))
        kind = str(item.get("kind"))
        if kind in ("youtube#video", "youtube#playlistItem"):
            details = _obj(item.get("contentDetails"))
            resource = _obj(snippet.get("resourceId"))
            vid = text_of(details.get("videoId")) or text_of(resource.get("videoId")) \
                if kind == "youtube#playlistItem" else text_of(item.get("id"))
            stats = _obj(item.get("statistics"))
            title, description = text_of(snippet.get("title")), text_of(snippet.get("description"))
            posts.append(Row({
                "post_id": vid, "account": account, "platform": "youtube",
                "created_at": details.get("videoPublishedAt") or snippet.get("publishedAt"),
                "text": "\n\n".join(t for t in (title, description) if t) or None,
                "media_type": "video", "likes": stats.get("likeCount"),
                "comments": stats.get("commentCount"), "shares": None,
                "views": stats.get("viewCount"), "followers": None}, file, number))
        elif kind == "youtube#commentThread":
            owner = text_of(snippet.get("channelId"))
            top = _obj(snippet.get("topLevelComment"))
            video = text_of(snippet.get("videoId")) or text_of((top.get("snippet") or {}).get("videoId"))
            comments.append(_yt_comment(top, video, None, owner, account, file, number))
            replies = _obj(item.get("replies"))
            for reply in _dicts(replies.get("comments")):
                comments.append(_yt_comment(reply, video, text_of(top.get("id")), owner, account, file,
                                            number))
        else:  # comments.list (replies of one thread)
            video = text_of(snippet.get("videoId"))
            comments.append(_yt_comment(item, video, text_of(snippet.get("parentId")), None, account,
                                        file, number))
    return posts, comments


def _yt_comment(comment: dict, video, parent, owner, account: str, file: str, number: int) -> Row:
    snippet = _obj(comment.get("snippet"))
    channel = snippet.get("authorChannelId")
    channel_id = text_of(channel.get("value")) if isinstance(channel, dict) else text_of(channel)
    author = handle_of(snippet.get("authorDisplayName")) or (f"id{channel_id}" if channel_id else None)
    agency = author == account or (owner is not None and channel_id == owner)
    return Row({
        "comment_id": text_of(comment.get("id")), "post_id": video,
        "parent_id": parent or text_of(snippet.get("parentId")),
        "author": author, "author_role": "agency" if agency else "citizen",
        "created_at": snippet.get("publishedAt"),
        "text": text_of(snippet.get("textOriginal")) or text_of(snippet.get("textDisplay")),
        "kind": "agency_reply" if agency else None}, file, number)


def looks_like_youtube(payload) -> bool:
    return any(str(p.get("kind", "")).startswith("youtube#") for p in _pages(payload)[:3])
