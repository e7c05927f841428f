"""The trainee's working folder: copies of the kit's notebooks that the trainee may change freely.

JupyterLab opens on the working folder (``kerja/`` next to the kit, ignored by git), never on the
tracked ``modules/`` and ``assignments/``, so that opening and saving a notebook never rewrites
a file of the kit. :func:`prepare` copies the kit's folders there and can run at every start:

* a file the working folder does not have yet is copied (new notebooks of a newer kit arrive);
* a copy the trainee has not changed since it was copied follows the kit's newer version;
* a copy the trainee changed is never touched. For learning notebooks (``offer``) the kit's
  newer version is put next to it under a new name (``<name>.versi-baru-<hash>.ipynb``); for
  assignments (``keep``) nothing is written, because nbgrader would submit an extra notebook in
  the assignment folder, and a notice says where the newer version is.

What was copied is remembered in ``.humaskit-salinan.json`` (a hidden file in the working folder):
the fingerprint of each kit file as it was when last copied. Only the standard library is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

MANIFEST = ".humaskit-salinan.json"
SKIP = {"__pycache__", ".ipynb_checkpoints"}
# Kit folder -> (folder in the working copy, what to do when the trainee changed a copy).
FOLDERS: dict[str, tuple[str, Literal["offer", "keep"]]] = {
    "modules": ("modules", "offer"),
    "assignments": ("assignments", "keep"),
}


@dataclass
class Report:
    """What :func:`sync` did, as paths relative to the working folder."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    offered: list[tuple[str, str]] = field(default_factory=list)  # (trainee's copy, new version)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (trainee's copy, kit's original)

    def extend(self, other: Report) -> None:
        self.added += other.added
        self.updated += other.updated
        self.offered += other.offered
        self.kept += other.kept


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_files(folder: Path) -> list[Path]:
    """The files of a kit folder, without caches, checkpoints and hidden files."""
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if path.is_file() and not any(p in SKIP or p.startswith(".") for p in rel):
            files.append(path)
    return files


def offered_name(path: Path, digest: str) -> Path:
    """Where the kit's newer version goes when the trainee changed ``path``."""
    return path.with_name(f"{path.stem}.versi-baru-{digest[:8]}{path.suffix}")


def _copy(source: Path, target: Path) -> None:
    """Copy atomically: the target is either the old file or the whole new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_manifest(work: Path) -> dict[str, str]:
    try:
        data = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_manifest(work: Path, manifest: dict[str, str]) -> None:
    tmp = work / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, work / MANIFEST)


def sync(source: Path, work: Path, prefix: str, on_change: Literal["offer", "keep"],
         manifest: dict[str, str]) -> Report:
    """Bring the kit folder ``source`` into ``work/prefix`` without overwriting a trainee's change.

    ``manifest`` (key: path relative to ``work``) is read and updated in place.
    """
    report = Report()
    for src in source_files(source):
        rel = (Path(prefix) / src.relative_to(source)).as_posix()
        target = work / rel
        new = fingerprint(src)
        if not target.exists():
            _copy(src, target)
            manifest[rel] = new
            report.added.append(rel)
            continue
        current = fingerprint(target) if target.is_file() else None
        if current == new:
            manifest[rel] = new
        elif current is not None and current == manifest.get(rel):  # unchanged copy: follow the kit
            _copy(src, target)
            manifest[rel] = new
            report.updated.append(rel)
        elif on_change == "offer":
            extra = offered_name(target, new)
            if not extra.exists():
                _copy(src, extra)
            report.offered.append((rel, extra.relative_to(work).as_posix()))
        else:
            report.kept.append((rel, src.as_posix()))
    return report


def prepare(root: Path, work: Path) -> Report:
    """Copy the kit's ``modules/`` and ``assignments/`` from ``root`` into the working folder."""
    work.mkdir(parents=True, exist_ok=True)
    manifest = load_manifest(work)
    report = Report()
    for folder, (prefix, on_change) in FOLDERS.items():
        report.extend(sync(root / folder, work, prefix, on_change, manifest))
    save_manifest(work, manifest)
    return report


def describe(report: Report, work: Path) -> list[str]:
    """Indonesian lines for the trainee about what :func:`prepare` did (empty: nothing new)."""
    lines = []
    if report.added:
        lines.append(f"{len(report.added)} berkas kit disalin ke folder kerja {work}.")
    if report.updated:
        lines.append(f"{len(report.updated)} salinan yang belum Anda ubah diperbarui ke versi kit terbaru.")
    for mine, extra in report.offered:
        lines.append(f"Versi baru {mine} ada di {extra}; salinan Anda tidak diubah.")
    for mine, original in report.kept:
        lines.append(f"Tugas {mine} sudah Anda ubah, jadi tidak diganti. Versi terbaru kit: {original}.")
    return lines
