#!/usr/bin/env python3
"""Set up humaskit in a project-local virtual environment and run it.

    python3 kit.py lab     install the kit (first time only) and open it in JupyterLab
    python3 kit.py test    install the kit with test tools (first time only) and run all tests

Extra arguments go to JupyterLab or pytest, e.g. ``python3 kit.py lab --no-browser`` or
``python3 kit.py test -k corpus``. Re-running is quick: packages are installed again only when
pyproject.toml changed. Uses only the standard library, so it runs on a bare Python 3.10+.
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


def say(message: str) -> None:
    print(f"[humaskit] {message}", flush=True)


def fail(message: str) -> None:
    print(f"[humaskit] GAGAL / FAILED: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def install(extra: str) -> None:
    """Create .venv and install the package (editable) with an extra, unless already current."""
    if sys.version_info < (3, 10):  # noqa: UP036 (kit.py runs on whatever python3 is there)
        fail(f"perlu Python 3.10 atau lebih baru; ini Python {sys.version.split()[0]}.")
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
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extra}]" if extra else "."
    say(f"memasang humaskit dan dependensinya ({target}); pertama kali butuh beberapa menit ...")
    cmd = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target]
    if subprocess.call(cmd, cwd=ROOT) != 0:
        fail("pemasangan paket gagal; lihat pesan pip di atas (perlu akses ke PyPI sekali saja).")
    stamp.write_text(digest)


def run(argv: list[str]) -> int:
    return subprocess.call(argv, cwd=ROOT, env={**os.environ, "PATH": f"{BIN}{os.pathsep}"
                                                 f"{os.environ.get('PATH', '')}"})


def main(args: list[str]) -> int:
    if not args or args[0] not in ("lab", "test"):
        print(__doc__)
        return 2
    command, rest = args[0], args[1:]
    if command == "lab":
        install("")
        say("membuka JupyterLab di folder modules/ (hentikan dengan Ctrl+C) ...")
        return run([str(BIN / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT}",
                    "--LabApp.default_url=/lab/tree/modules", *rest])
    install("dev")
    return run([str(PYTHON), "-m", "pytest", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
