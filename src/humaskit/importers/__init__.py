"""Real exports in, canonical tables out: one reader per export format (tweet-harvest CSV/XLSX,
X API v2, Instagram and Facebook "download your information", Instagram Graph API, YouTube Data
API, any table with a column mapping), a check of every row, and personal data scrubbed before
anything is written (see :mod:`humaskit.importers.pipeline`). ``humaskit import`` is the command
(:mod:`humaskit.importers.command`)."""

from humaskit.importers.pipeline import FORMATS, Imported, detect, import_files, scrub, summary, write

__all__ = ["FORMATS", "Imported", "detect", "import_files", "scrub", "summary", "write"]
