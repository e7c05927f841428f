#!/usr/bin/env python3
"""Set up humaskit in a project-local virtual environment and run it.

    python3 kit.py lab     install the kit (first time only) and open it in JupyterLab
    python3 kit.py test    install the kit with test tools (first time only), then lint, type
                           check and run every test lane in parallel

For developers:

    python3 kit.py quick   the unit lane only (under a minute)
    python3 kit.py lint    ruff (code and notebooks) and mypy, nothing else
    python3 kit.py lock    re-resolve requirements/lock*.txt after changing pyproject.toml

Extra arguments go to JupyterLab or pytest, e.g. ``python3 kit.py lab --no-browser`` or
``python3 kit.py test -k corpus``. Packages come from the lock files in requirements/ (exact
versions); they are installed again only when pyproject.toml or a lock file changed. Uses only
the standard library, so it runs on a bare Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
LOCKS = {"": ROOT / "requirements" / "lock.txt", "dev": ROOT / "requirements" / "lock-dev.txt"}
WORKERS = "2"  # pytest-xdist processes: the kit's machines have two cores


def say(message: str) -> None:
    print(f"[humaskit] {message}", flush=True)


def fail(message: str) -> None:
    print(f"[humaskit] GAGAL / FAILED: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def install(extra: str) -> None:
    """Create .venv and install the locked packages plus the kit (editable), unless current."""
    if sys.version_info < (3, 11):  # noqa: UP036 (kit.py runs on whatever python3 is there)
        fail(f"perlu Python 3.11 atau lebih baru; ini Python {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say("membuat lingkungan virtual .venv ...")
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except (subprocess.CalledProcessError, OSError) as exc:
            fail(
                "tidak bisa membuat lingkungan virtual (paket python3-venv belum terpasang?). "
                "Di Debian/Ubuntu: sudo apt install python3-venv. "
                f"Detail: {exc}"
            )
    lock = LOCKS[extra]
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + lock.read_bytes()
                            + extra.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"memasang paket dari {lock.relative_to(ROOT)}; pertama kali butuh beberapa menit ...")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if subprocess.call([*pip, "-r", str(lock)], cwd=ROOT) != 0:
        fail("pemasangan paket gagal; lihat pesan pip di atas (perlu akses ke PyPI sekali saja).")
    if subprocess.call([*pip, "--no-deps", "-e", "."], cwd=ROOT) != 0:
        fail("pemasangan humaskit gagal; lihat pesan pip di atas.")
    for other in VENV.glob(".installed-*"):
        other.unlink()  # a different lock was installed over it
    stamp.write_text(digest)


def run(argv: list[str]) -> int:
    return subprocess.call(argv, cwd=ROOT, env={**os.environ, "PATH": f"{BIN}{os.pathsep}"
                                                 f"{os.environ.get('PATH', '')}"})


def lint() -> int:
    """Lint (code and notebooks) and type check, each as its own step with the locked versions."""
    say("lint: ruff check (src, tests, scripts, benchmarks, notebooks) ...")
    if run([str(BIN / "ruff"), "check", "."]) != 0:
        return 1
    say("types: mypy src/humaskit ...")
    return run([str(BIN / "mypy")])


def main(args: list[str]) -> int:
    if not args or args[0] not in ("lab", "test", "quick", "lint", "lock"):
        print(__doc__)
        return 2
    command, rest = args[0], args[1:]
    if command == "lab":
        install("")
        say("membuka JupyterLab di folder modules/ (hentikan dengan Ctrl+C) ...")
        return run([str(BIN / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT}",
                    "--LabApp.default_url=/lab/tree/modules", *rest])
    install("dev")
    if command == "lock":
        compile_ = [str(BIN / "uv"), "pip", "compile", "pyproject.toml", "--universal", "--quiet",
                    "--python-version", "3.11"]
        return (run([*compile_, "-o", str(LOCKS[""].relative_to(ROOT)), *rest])
                or run([*compile_, "--extra", "dev", "-o", str(LOCKS["dev"].relative_to(ROOT)), *rest]))
    if command == "lint":
        return lint()
    if command == "quick":
        return run([str(PYTHON), "-m", "pytest", "-m", "unit", "-n", WORKERS, *rest])
    if not rest and lint() != 0:
        fail("lint atau pemeriksaan tipe gagal; lihat pesan di atas.")
    return run([str(PYTHON), "-m", "pytest", "-n", WORKERS, "--durations=15", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
