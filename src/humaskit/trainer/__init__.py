"""The trainer's grading cycle: a course folder outside the repository, collect, autograde in a
sandbox, feedback, export (``humaskit trainer ...``; guide: docs/panduan-pelatih.md)."""
