"""Real exports in, canonical tables out: one reader per export format (tweet-harvest CSV/XLSX,
X API v2, Instagram and Facebook "download your information", Instagram Graph API, YouTube Data
API, any table with a column mapping), a check of every row, and personal data scrubbed before
anything is written (see :mod:`humaskit.importers.pipeline`). ``humaskit import`` is the command
(:mod:`humaskit.importers.command`)."""

from __future__ import annotations

from typing import Any

__all__ = ["FORMATS", "Imported", "detect", "import_files", "scrub", "summary", "write"]


def __getattr__(name: str) -> Any:
    """The pipeline's names, imported on first use (it loads pandas; `humaskit --help` must not)."""
    if name in __all__:
        from humaskit.importers import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
