"""The export formats ``humaskit import`` reads, by id, with the name a user reads (light to import:
`humaskit --help` lists them without loading pandas)."""

from __future__ import annotations

FORMATS = {
    "tweet-harvest": "tweet-harvest (CSV/XLSX)",
    "x-api": "X API v2 (JSON)",
    "instagram-dyi": "Instagram 'unduh informasi Anda' (JSON)",
    "facebook-dyi": "Facebook 'unduh informasi Anda' (JSON)",
    "instagram-graph": "Instagram Graph API (JSON)",
    "youtube": "YouTube Data API (JSON)",
    "mapped": "tabel dengan peta kolom (CSV/XLSX)",
    "canonical": "skema kanonik kit (CSV/XLSX)",
}
JSON_FORMATS = ("x-api", "instagram-dyi", "facebook-dyi", "instagram-graph", "youtube")
TABLE_FORMATS = ("tweet-harvest", "mapped", "canonical")
