"""Saving trainees' files so that nothing already saved is lost."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file and an atomic rename: a crash leaves the old or the new file."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: Path, payload: dict) -> None:
    write_text_atomic(path, json.dumps(payload, ensure_ascii=False, indent=1))


def set_aside(path: Path) -> Path:
    """Move a damaged file out of the way (never overwrite it) and return where it went."""
    backup = path.with_name(f"{path.stem}.rusak-{dt.datetime.now():%Y%m%d-%H%M%S}{path.suffix}")
    path.replace(backup)
    return backup
