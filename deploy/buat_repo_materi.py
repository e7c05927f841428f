#!/usr/bin/env python3
"""Build or update the trainees' material repository from a clone of the kit.

    python3 deploy/buat_repo_materi.py TUJUAN [--kit FOLDER]

TUJUAN becomes (or stays) a git repository with the kit's ``modules/``, ``assignments/`` and
``apps/`` and nothing else: never ``solutions/``, the trainers' nbgrader sources with keys and hidden
tests. The room's hub copies it into each trainee's ``~/kerja`` (HUMASKIT_MATERI); on the national
hub, nbgitpuller links pull it into each trainee's ``~/materi`` (deploy/nasional/PANDUAN.md).
Before copying, the kit's own leak check (``humaskit.course.grading.leaks``) must find no solution,
hidden test or mark scheme in the student versions. Each run that changes something makes one
commit on the branch ``main``. Uses the standard library and the ``git`` command; messages for the
IT staff who run it are in Indonesian.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

FOLDERS = ("modules", "assignments", "apps")
SKIP = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", ".*", "jawaban.json")
README = """# Materi pelatihan humaskit

Repositori ini hanya berisi bahan untuk peserta: `modules/` (notebook belajar), `assignments/`
(tugas untuk dikerjakan) dan `apps/` (aplikasi Voila). Dibuat otomatis dari kit humaskit dengan
`deploy/buat_repo_materi.py`; jangan diubah di sini, ubah di kit lalu jalankan lagi skrip itu.
Kunci jawaban dan tes tersembunyi tidak pernah ada di repositori ini.
"""


def git(target: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(target), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} gagal: {done.stderr.strip()}")
    return done.stdout


def check_no_leak(kit: Path) -> None:
    """Stop when a student version reveals a solution, hidden test or mark scheme."""
    try:
        from humaskit.course import grading
    except ImportError:
        raise SystemExit("humaskit tidak terpasang di Python ini: jalankan skrip ini dengan Python "
                         "lingkungan kit (mis. .venv/bin/python)") from None
    found = grading.leaks(kit)
    if found:
        raise SystemExit("Materi TIDAK dibuat: versi peserta membocorkan kunci:\n  " + "\n  ".join(found))


def build(kit: Path, target: Path, message: str | None = None) -> bool:
    """Copy the trainee folders of ``kit`` into the git repository ``target``; True if it committed."""
    missing = [name for name in FOLDERS if not (kit / name).is_dir()]
    if missing:
        raise SystemExit(f"{kit} bukan folder kit humaskit: tidak ada {', '.join(missing)}")
    check_no_leak(kit)
    target.mkdir(parents=True, exist_ok=True)
    if not (target / ".git").exists():
        git(target, "init", "-q", "-b", "main")
    for name in FOLDERS:
        shutil.rmtree(target / name, ignore_errors=True)
        shutil.copytree(kit / name, target / name, ignore=SKIP)
    (target / "README.md").write_text(README, encoding="utf-8")
    git(target, "add", "-A")
    if not git(target, "status", "--porcelain").strip():
        return False
    if message is None:
        head = subprocess.run(["git", "-C", str(kit), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        message = f"Materi humaskit dari kit {head or '(bukan repositori git)'}"
    git(target, "-c", "user.name=humaskit", "-c", "user.email=humaskit@localhost", "commit", "-q",
        "-m", message)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Buat/perbarui repositori materi peserta dari kit humaskit.")
    parser.add_argument("tujuan", help="folder repositori materi (dibuat bila belum ada)")
    parser.add_argument("--kit", default=str(Path(__file__).resolve().parents[1]),
                        help="folder kit humaskit (bawaan: kit tempat skrip ini berada)")
    args = parser.parse_args(argv)
    changed = build(Path(args.kit).resolve(), Path(args.tujuan).resolve())
    print("Materi diperbarui dan di-commit." if changed
          else "Materi sudah sama dengan kit; tidak ada commit baru.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
