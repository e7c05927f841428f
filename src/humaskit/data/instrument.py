"""The maturity self-assessment instrument (module 2) and a team's saved answers to it.

The instrument (``maturity_instrument.yaml`` beside this file) holds the statements, their
sources, and each level's next steps.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from humaskit.core.errors import DataError
from humaskit.core.files import parse_yaml, read_text

INSTRUMENT_FILE = Path(__file__).resolve().parent / "maturity_instrument.yaml"
MAX_SURVEY_BYTES = 1_000_000


@lru_cache(maxsize=1)
def load() -> dict:
    """The self-assessment instrument (statements, sources, levels' next steps)."""
    return parse_yaml(INSTRUMENT_FILE.read_text(encoding="utf-8"), INSTRUMENT_FILE.name)


def item_ids() -> set[str]:
    return {it["id"] for s in load()["sections"] for it in s["items"]}


def load_survey(path: str | Path) -> dict:
    """A saved self-assessment (JSON or YAML: {"answers": {item_id: 1-5}, "profile": {key: bool}})."""
    path = Path(path)
    if not path.exists():
        raise DataError("file penilaian diri tidak ditemukan.", file=str(path))
    text = read_text(path, MAX_SURVEY_BYTES, "file penilaian diri")
    try:
        data = parse_yaml(text, path.name)
    except DataError as problem:
        raise DataError(f"file penilaian diri rusak (bukan JSON/YAML yang sah): {problem.detail}",
                        file=path.name) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers", {}), dict):
        raise DataError("file penilaian diri harus berisi 'answers': {id_butir: skor}.", file=path.name)
    profile = data.get("profile", {})
    if profile is None:
        profile = {}
    if not isinstance(profile, dict) or not all(isinstance(v, bool) for v in profile.values()):
        raise DataError("bagian 'profile' harus berisi pasangan butir: true/false.", file=path.name)
    known = item_ids()
    for item, score in data.get("answers", {}).items():
        if item not in known:
            raise DataError(f"butir '{item}' tidak ada di instrumen.", file=path.name)
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise DataError(f"skor butir '{item}' harus 1-5, bukan {score!r}.", file=path.name)
    return data
