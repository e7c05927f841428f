"""Issue and crisis scenarios for module 3, stored as YAML in ``datasets/scenarios/``.

Each scenario names a fictional agency, the SCCT crisis type, what the agency knows (facts) and
does not know, its stakeholders, and a timeline of incoming posts, comments and messages with
the reference triage label and a one-sentence reason (the feedback a trainee sees).

Authors in the timeline are pseudonymised on loading (``warga_<hash>``, stable within a
scenario, under privacy's public ``DEMO_SALT``: the people are fictional); media outlets (keys
starting ``m_``) keep their outlet name. Identifier placeholders
(``{NIK}``, ``{HP}``, ``{EMAIL}``) become the scrubber's markers: no personal data is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from humaskit.core.errors import DataError
from humaskit.core.files import parse_yaml, read_text
from humaskit.core.paths import data_dir
from humaskit.core.privacy import DEMO_SALT, MARKERS, pseudonym
from humaskit.core.wib import to_wib
from humaskit.data.frameworks import CRISIS_KINDS, LIFE_CYCLE, REPUTATIONS
from humaskit.data.schema import PLATFORMS, TRIAGE_LABELS

ITEM_TYPES = ("comment", "post", "message")
MAX_SCENARIO_BYTES = 1_000_000
REQUIRED = ("id", "title", "title_en", "agency", "kind", "cluster", "history", "prior_reputation",
            "life_cycle_stage", "start", "channels", "summary", "facts", "unknowns", "stakeholders",
            "timeline")
_PLACEHOLDERS = {"{NIK}": MARKERS["nik"], "{KK}": MARKERS["kk"], "{NPWP}": MARKERS["npwp"],
                 "{HP}": MARKERS["hp"], "{EMAIL}": MARKERS["email"]}
_AT = re.compile(r"^(\d{1,3}):([0-5]\d)$")


def scenario_dir(base: Path | None = None) -> Path:
    return Path(base or data_dir()) / "scenarios"


def _check(doc: dict, file: str) -> dict:
    """Validate one scenario document; raise DataError (Indonesian) naming file and field."""
    if not isinstance(doc, dict):
        raise DataError("isi file bukan pemetaan YAML (kunci: nilai).", file=file)
    missing = [k for k in REQUIRED if k not in doc]
    if missing:
        raise DataError(f"kunci wajib tidak ada: {', '.join(missing)}.", file=file)
    if doc["id"] != Path(file).stem:
        raise DataError(f"id '{doc['id']}' harus sama dengan nama file.", file=file)
    if doc["kind"] not in CRISIS_KINDS:
        raise DataError(f"jenis krisis '{doc['kind']}' tidak dikenal.", file=file)
    if CRISIS_KINDS[doc["kind"]] != doc["cluster"]:
        raise DataError(f"klaster '{doc['cluster']}' tidak cocok dengan jenis '{doc['kind']}'.", file=file)
    if doc["prior_reputation"] not in REPUTATIONS or doc["life_cycle_stage"] not in LIFE_CYCLE:
        raise DataError("prior_reputation atau life_cycle_stage bernilai tidak sah.", file=file)
    if not isinstance(doc["start"], dt.datetime) or doc["start"].tzinfo is None:
        raise DataError("start harus tanggal-waktu ISO dengan zona waktu, mis. "
                        "2026-03-16T07:40:00+07:00.", file=file)
    bad_channels = set(doc["channels"]) - set(PLATFORMS)
    if bad_channels:
        raise DataError(f"kanal tidak dikenal: {', '.join(sorted(bad_channels))}.", file=file)
    for i, item in enumerate(doc["timeline"], start=1):
        where = f"timeline butir {i}"
        for key in ("at", "channel", "type", "who", "text", "triage", "why"):
            if not str(item.get(key) or "").strip():
                raise DataError(f"{where}: '{key}' kosong.", file=file)
        if not _AT.match(str(item["at"])):
            raise DataError(f"{where}: 'at' harus jam:menit setelah start, mis. \"02:15\".", file=file)
        if item["triage"] not in TRIAGE_LABELS:
            raise DataError(f"{where}: label triase '{item['triage']}' tidak dikenal.", file=file)
        if item["type"] not in ITEM_TYPES:
            raise DataError(f"{where}: type '{item['type']}' tidak dikenal.", file=file)
        if item["channel"] not in PLATFORMS:
            raise DataError(f"{where}: kanal '{item['channel']}' tidak dikenal.", file=file)
    return doc


@lru_cache(maxsize=8)
def _load_all(folder: str) -> dict[str, dict]:
    out = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        doc = parse_yaml(read_text(path, MAX_SCENARIO_BYTES, "file skenario"), path.name)
        out[path.stem] = _check(doc, path.name)
    return out


def all_scenarios(base: Path | None = None) -> dict[str, dict]:
    """Every scenario, by id, in file-name order."""
    return _load_all(str(scenario_dir(base)))


def list_scenarios(base: Path | None = None) -> list[dict]:
    """One summary row per scenario: id, title, title_en, agency, kind, cluster, items."""
    return [{"id": s["id"], "title": s["title"], "title_en": s["title_en"], "agency": s["agency"],
             "kind": s["kind"], "cluster": s["cluster"], "items": len(s["timeline"])}
            for s in all_scenarios(base).values()]


def get(scenario_id: str, base: Path | None = None) -> dict:
    scenarios = all_scenarios(base)
    if scenario_id not in scenarios:
        known = ", ".join(scenarios)
        raise DataError(f"skenario '{scenario_id}' tidak ada. Pilihan: {known}.")
    return scenarios[scenario_id]


def _clean_text(text: str) -> str:
    for placeholder, marker in _PLACEHOLDERS.items():
        text = text.replace(placeholder, marker)
    return text.strip()


def timeline(scenario_id: str, base: Path | None = None) -> pd.DataFrame:
    """The scenario's incoming items as a table, oldest first.

    Columns: item_id, created_at (WIB), hours (since the start), channel, type, author, text,
    triage (reference label), why (reason shown as feedback).
    """
    s = get(scenario_id, base)
    rows = []
    for i, item in enumerate(s["timeline"], start=1):
        at = _AT.match(str(item["at"]))
        assert at is not None  # _check() refused every scenario whose 'at' does not match
        h, m = (int(x) for x in at.groups())
        who = str(item["who"])
        fictional = f"{s['id']}|{who}"
        author = ("media_" + who[2:]) if who.startswith("m_") else pseudonym(fictional, salt=DEMO_SALT)
        rows.append({
            "item_id": f"{s['id']}-{i:03d}",
            "created_at": s["start"] + dt.timedelta(hours=h, minutes=m),
            "hours": round(h + m / 60, 2),
            "channel": item["channel"], "type": item["type"], "author": author,
            "text": _clean_text(str(item["text"])), "triage": item["triage"],
            "why": str(item["why"]).strip(),
        })
    df = pd.DataFrame(rows)
    df["created_at"] = to_wib(df["created_at"])
    return df.sort_values("created_at", kind="stable").reset_index(drop=True)


def all_items(base: Path | None = None) -> pd.DataFrame:
    """Every scenario's timeline in one table, with a ``scenario`` column."""
    frames = [timeline(sid, base).assign(scenario=sid) for sid in all_scenarios(base)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
