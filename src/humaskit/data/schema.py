"""The canonical schema: the ids every layer shares (label sets, platforms, kinds) and the column
schemas of posts and comments. The two label sets are contracts (see the reference sheet).

Indonesian names for these ids live in :mod:`humaskit.data.names`, not here.
"""

from __future__ import annotations

from dataclasses import replace

from humaskit.core.tables import Column

# Post principles, in precedence order (Kent & Taylor 1998; the codebook's rules 1-5).
LABEL_IDS: tuple[str, ...] = ("dialogic_loop", "return_visits", "useful_information",
                              "conservation_of_visitors", "non_dialogic")
# Comment triage, in precedence order (US Air Force web posting assessment, adapted).
TRIAGE_LABELS: tuple[str, ...] = ("misguided", "unhappy_customer", "question", "troll", "rager",
                                  "positive")

PLATFORMS = ("instagram", "x", "facebook", "tiktok", "youtube")
MEDIA_TYPES = ("text", "image", "carousel", "video", "link")
COMMENT_KINDS = (*TRIAGE_LABELS, "agency_reply")
AUTHOR_ROLES = ("citizen", "agency")

POST_COLUMNS = ("post_id", "account", "platform", "created_at", "text", "media_type", "likes",
                "comments", "shares", "views", "followers", "label")
# Platform vocabularies: the words exports and tools use, mapped onto the kit's ids (matched
# without regard to case). X and most tools say "photo"; the Instagram Graph API says IMAGE,
# CAROUSEL_ALBUM and VIDEO (media_product_type REELS); Facebook says "album", "status", "share".
MEDIA_ALIASES: tuple[tuple[str, str], ...] = (
    ("photo", "image"), ("photos", "image"), ("picture", "image"), ("gambar", "image"),
    ("foto", "image"), ("album", "carousel"), ("carousel_album", "carousel"), ("sidecar", "carousel"),
    ("graphsidecar", "carousel"), ("reels", "video"), ("reel", "video"), ("animated_gif", "video"),
    ("gif", "video"), ("short", "video"), ("shorts", "video"), ("live", "video"), ("igtv", "video"),
    ("status", "text"), ("teks", "text"), ("share", "link"), ("tautan", "link"), ("article", "link"),
)
PLATFORM_ALIASES: tuple[tuple[str, str], ...] = (
    ("twitter", "x"), ("x.com", "x"), ("ig", "instagram"), ("fb", "facebook"), ("yt", "youtube"),
)

COMMENT_COLUMNS = ("comment_id", "post_id", "parent_id", "author", "author_role", "created_at",
                   "text", "kind")
COUNT_COLUMNS = ("likes", "comments", "shares", "views", "followers")

POST_SCHEMA: tuple[Column, ...] = (
    Column("post_id", unique=True),
    Column("account"),
    Column("platform", "category", choices=PLATFORMS, aliases=PLATFORM_ALIASES),
    Column("created_at", "time"),
    Column("text"),
    Column("media_type", "category", choices=MEDIA_TYPES, aliases=MEDIA_ALIASES),
    *(Column(name, "count", required=False) for name in COUNT_COLUMNS),
    Column("label", "category", choices=LABEL_IDS),
)
COMMENT_SCHEMA: tuple[Column, ...] = (
    Column("comment_id", unique=True),
    Column("post_id"),
    Column("parent_id", required=False),
    Column("author"),
    Column("author_role", "category", choices=AUTHOR_ROLES),
    Column("created_at", "time"),
    Column("text"),
    Column("kind", "category", choices=COMMENT_KINDS),
)

GOLD_SCHEMA: tuple[Column, ...] = (
    Column("post_id", unique=True),
    *(Column(name, choices=LABEL_IDS) for name in ("coder_a", "coder_b", "gold_label")),
)


def unlabelled(schema: tuple[Column, ...], column: str) -> tuple[Column, ...]:
    """The schema with ``column`` optional (absent or empty allowed): an agency's own export has
    no codes yet."""
    return tuple(replace(c, required=False, optional=True) if c.name == column else c for c in schema)
