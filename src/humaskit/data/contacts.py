"""The kit's official contacts, which the privacy scrubber leaves readable.

Official numbers are the agencies' contacts (``agencies.json``) and the numbers a scenario's
facts give as an office's own (a unit's complaint line); official handles are the agencies'
accounts. None of them is a citizen's personal data. A data folder without these files simply
has none.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from humaskit.core.errors import DataError
from humaskit.core.paths import data_dir as default_dir
from humaskit.core.privacy import Allowlist, mobile_numbers
from humaskit.data import corpus, scenarios


def official(data_dir: Path | str | None = None) -> Allowlist:
    """The allow-list built from the data folder ``data_dir`` (default: the kit's datasets)."""
    return _official(str(Path(data_dir) if data_dir is not None else default_dir()))


@lru_cache(maxsize=8)
def _official(folder: str) -> Allowlist:
    numbers, handles = [], []
    try:
        agencies = corpus.load_agencies(folder).to_dict("records")
    except (OSError, DataError):
        agencies = []
    for agency in agencies:
        handles.append(agency.get("account", ""))
        handles += [p.get("handle", "") for p in (agency.get("platforms") or {}).values()]
        numbers += [str(v) for v in (agency.get("contact") or {}).values()]
    try:
        facts = [fact for s in scenarios.all_scenarios(Path(folder)).values() for fact in s["facts"]]
    except (OSError, DataError):
        facts = []
    for fact in facts:
        numbers += mobile_numbers(fact)
    return Allowlist.of(numbers, handles)
