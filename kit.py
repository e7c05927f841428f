#!/usr/bin/env python3
"""Set up humaskit in a project-local virtual environment and run it.

    python3 kit.py lab     install the kit (first time only) and open it in JupyterLab
    python3 kit.py test    install the kit with test tools (first time only), then lint, type
                           check and run every test lane in parallel

``lab`` opens the trainee's working folder kerja/ (ignored by git): modules/ and assignments/
are copied there, and a copy the trainee changed is never overwritten. Options of ``lab``:

    --pelatih          trainer mode: JupyterLab on the whole repository, with nbgrader's
                       formgrader and "create assignment" (hidden from trainees)
    --izinkan-root     run JupyterLab as root (on a training server or in a container);
                       inside a container this is detected and a notice printed

For developers:

    python3 kit.py quick   the unit lane only (under a minute)
    python3 kit.py lint    ruff (code and notebooks) and mypy, nothing else
    python3 kit.py lock    re-resolve requirements/lock*.txt after changing pyproject.toml

Other arguments go to JupyterLab or pytest, e.g. ``python3 kit.py lab --no-browser`` or
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
WORK = ROOT / "kerja"  # the trainee's working folder (in .gitignore)
TRAINER_CONFIG = ROOT / "src" / "humaskit" / "jupyter" / "pelatih"  # re-enables the formgrader


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
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q",
           "--root-user-action=ignore"]
    if subprocess.call([*pip, "-r", str(lock)], cwd=ROOT) != 0:
        fail("pemasangan paket gagal; lihat pesan pip di atas (perlu akses ke PyPI sekali saja).")
    if subprocess.call([*pip, "--no-deps", "-e", "."], cwd=ROOT) != 0:
        fail("pemasangan humaskit gagal; lihat pesan pip di atas.")
    for other in VENV.glob(".installed-*"):
        other.unlink()  # a different lock was installed over it
    stamp.write_text(digest)


def run(argv: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.call(argv, cwd=ROOT, env={**os.environ, "PATH": f"{BIN}{os.pathsep}"
                                                 f"{os.environ.get('PATH', '')}", **(env or {})})


def in_container() -> bool:
    """Docker, Podman or Kubernetes: where root is the usual (often the only) user."""
    return (Path("/.dockerenv").exists() or Path("/run/.containerenv").exists()
            or bool(os.environ.get("container")) or bool(os.environ.get("KUBERNETES_SERVICE_HOST")))


ROOT_STOP = """\
Anda menjalankan kit sebagai root (akun administrator komputer ini).
JupyterLab menolak berjalan sebagai root: setiap notebook yang dibuka akan punya kuasa penuh
atas komputer, termasuk menghapus berkas sistem.

Pilih salah satu:
  1. Jalankan sebagai pengguna biasa (tanpa sudo):   python3 kit.py lab
  2. Bila di sini memang hanya ada akun root (server latihan atau kontainer) dan Anda paham
     risikonya, izinkan secara tegas:                  python3 kit.py lab --izinkan-root"""

ROOT_NOTICE = ("berjalan sebagai root {where}: JupyterLab dibuka dengan --allow-root. "
               "Di komputer biasa, sebaiknya jalankan kit sebagai pengguna biasa.")


def root_decision(euid: int | None, args: list[str], container: bool) -> tuple[bool, str | None, list[str]]:
    """Whether JupyterLab may start, the Indonesian message to print, and the JupyterLab arguments.

    ``euid`` is the effective user id (None where there is none, e.g. Windows). As root, JupyterLab
    refuses to start (in English) unless given --allow-root: the kit asks for --izinkan-root, or
    adds --allow-root by itself inside a container, and says so.
    """
    rest = [a for a in args if a != "--izinkan-root"]
    if euid != 0:
        return True, None, rest
    if "--allow-root" in rest:
        return True, ROOT_NOTICE.format(where="(diminta dengan --allow-root)"), rest
    if "--izinkan-root" in args:
        return True, ROOT_NOTICE.format(where="(diizinkan dengan --izinkan-root)"), [*rest, "--allow-root"]
    if container:
        return True, ROOT_NOTICE.format(where="di dalam kontainer"), [*rest, "--allow-root"]
    return False, ROOT_STOP, rest


def lab_command(args: list[str], jupyter: Path, work: Path = WORK) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and extra environment for ``kit.py lab`` (after the root check).

    Trainees: JupyterLab's root folder is the working folder, opening at its copy of modules/.
    Trainers (--pelatih): the repository itself (nbgrader's course root, so the formgrader finds
    nbgrader_config.py), with the trainer plugins enabled through JUPYTER_CONFIG_PATH.
    """
    rest = [a for a in args if a != "--pelatih"]
    if "--pelatih" in args:
        extra = os.environ.get("JUPYTER_CONFIG_PATH", "")
        paths = os.pathsep.join(p for p in (str(TRAINER_CONFIG), extra) if p)
        return ([str(jupyter), "lab", f"--ServerApp.root_dir={ROOT}", "--LabApp.default_url=/lab/tree",
                 *rest], {"JUPYTER_CONFIG_PATH": paths})
    return ([str(jupyter), "lab", f"--ServerApp.root_dir={work}", "--LabApp.default_url=/lab/tree/modules",
             *rest], {})


def lab(args: list[str]) -> int:
    allowed, message, args = root_decision(os.geteuid() if hasattr(os, "geteuid") else None, args,
                                           in_container())
    if not allowed:
        print(message, file=sys.stderr, flush=True)
        return 1
    install("")
    if message:
        say(message)
    trainer = "--pelatih" in args
    setup = [str(BIN / "humaskit"), "lab", "setup", "--root", str(ROOT)]
    if run(setup if trainer else [*setup, "--workspace", str(WORK)]) != 0:
        fail("menyiapkan JupyterLab atau folder kerja gagal; lihat pesan di atas.")
    argv, env = lab_command(args, BIN / "jupyter")
    if trainer:
        say("mode pelatih: JupyterLab di seluruh repositori, dengan formgrader nbgrader "
            "(hentikan dengan Ctrl+C) ...")
    else:
        say(f"membuka JupyterLab di folder kerja {WORK.relative_to(ROOT)}/ (salinan modules/ dan "
            "assignments/; hentikan dengan Ctrl+C) ...")
    return run(argv, env)


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
        return lab(rest)
    if command in ("test", "quick") and not (ROOT / "tests").is_dir():
        print("Distribusi peserta ini tidak memuat pengujian (pengujian membaca kunci tugas). Pengujian "
              "ada di repositori pelatih.", file=sys.stderr)
        return 2
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
