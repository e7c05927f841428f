"""Real servers for the tests that need one (importable as ``services``): PostgreSQL, Voila on a
copy of apps/, and stopping a server with everything under it.

:func:`postgres` starts a throw-away PostgreSQL server from the Debian package (``postgresql``):
its own data folder and Unix socket in a temporary folder, a free TCP port on 127.0.0.1, run as the
``postgres`` system user when the tests run as root (PostgreSQL refuses to run as root). It is
stopped and its folder removed when the ``with`` block ends. Where the package is missing and the
tests run as root with apt available, it is installed first (CI machines start without it);
otherwise the calling test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from support import APPS

PG_ROOT = Path("/usr/lib/postgresql")


def _pg_bin() -> Path | None:
    versions = sorted((p for p in PG_ROOT.glob("*/bin") if (p / "initdb").exists()),
                      key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    return versions[-1] if versions else None


def _apt_install(*packages: str) -> bool:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    lock = Path(tempfile.gettempdir()) / "humaskit-apt.lock"
    with open(lock, "w") as handle:  # xdist workers install one at a time
        import fcntl
        fcntl.flock(handle, fcntl.LOCK_EX)
        done = subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
                              env=env, capture_output=True, text=True)
        if done.returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
            done = subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends",
                                   *packages], env=env, capture_output=True, text=True)
    return done.returncode == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as(user: str | None, args: list[str], **kwargs) -> subprocess.CompletedProcess:
    if user is None:
        return subprocess.run(args, capture_output=True, text=True, **kwargs)
    entry = pwd.getpwnam(user)

    def demote() -> None:
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)

    return subprocess.run(args, capture_output=True, text=True, preexec_fn=demote,
                          cwd=tempfile.gettempdir(), **kwargs)


@contextlib.contextmanager
def postgres(database: str = "humaskit") -> Iterator[str]:
    """Start PostgreSQL, create ``database`` and yield its SQLAlchemy URL (psycopg driver)."""
    bindir = _pg_bin()
    if bindir is None and _apt_install("postgresql"):
        bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL (Debian package postgresql) is not installed and cannot be installed here")
    user = "postgres" if os.geteuid() == 0 else None
    if user is not None:
        try:
            pwd.getpwnam(user)
        except KeyError:
            pytest.skip("running as root without the postgres system user")
    folder = Path(tempfile.mkdtemp(prefix="humaskit-pg-"))
    data, sock = folder / "data", folder / "sock"
    sock.mkdir()
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        os.chown(sock, entry.pw_uid, entry.pw_gid)
    port = free_port()
    try:
        done = _run_as(user, [str(bindir / "initdb"), "-D", str(data), "-U", "humaskit", "--auth=trust",
                              "-E", "UTF8", "--locale=C"])
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr[-2000:]}")
        done = _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w",
                              "-t", "60", "-o", f"-p {port} -k {sock} -h 127.0.0.1 -c fsync=on", "start"])
        if done.returncode != 0:
            log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr[-1000:]} {log[-2000:]}")
        deadline = time.monotonic() + 30
        while True:
            made = _run_as(user, [str(bindir.parent / "bin" / "createdb") if (bindir / "createdb").exists()
                                  else "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "humaskit",
                                  database])
            if made.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        if made.returncode != 0:
            raise RuntimeError(f"createdb failed: {made.stderr[-1000:]}")
        yield f"postgresql+psycopg://humaskit@127.0.0.1:{port}/{database}"
    finally:
        if (data / "postmaster.pid").exists():
            _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


def stop_tree(proc: subprocess.Popen, timeout: float = 60) -> list[int]:
    """Stop a server started with Popen and every process under it (its kernels): terminate, wait,
    kill what is left. Returns the pids of children that had to be killed (a server that leaves
    kernels behind is a defect the caller may assert on)."""
    import psutil

    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    _, alive = psutil.wait_procs(children, timeout=30)
    for child in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
    return [child.pid for child in alive]


def copy_apps(workdir: Path) -> Path:
    """A copy of apps/ in ``workdir``: what the apps write (hasil_lokakarya/, a workshop store)
    stays out of the repository."""
    apps = workdir / "apps"
    apps.mkdir()
    for app in APPS:
        shutil.copy2(app, apps / app.name)
    return apps


VOILA_LOGS: dict[str, Path] = {}  # base URL of a running test Voila: its log file


def voila_log_tail(base: str, chars: int = 3000) -> str:
    """The end of the log of the Voila at ``base`` (its kernels write there too), for a failure."""
    path = VOILA_LOGS.get(base)
    if path is None or not path.exists():
        return "(no Voila log)"
    return path.read_text(encoding="utf-8", errors="replace")[-chars:]


def start_voila(workdir: Path, apps: Path, env: dict[str, str], *, timeout: float = 60,
                attempts: int = 3) -> tuple[subprocess.Popen, str]:
    """Voila serving ``apps`` with ``env`` on a free port, once it answers. A server that exits
    first (another process took the port between our check and its bind) or never answers is
    killed and started again on another port, up to ``attempts`` times."""
    for _ in range(attempts):
        started = _start_voila_once(workdir, apps, env, timeout)
        if started:
            return started
    logs = "\n".join(f.read_text(encoding="utf-8")[-3000:] for f in sorted(workdir.glob("voila-*.log")))
    raise RuntimeError("voila did not start:\n" + logs)


def _start_voila_once(workdir: Path, apps: Path, env: dict[str, str],
                      timeout: float) -> tuple[subprocess.Popen, str] | None:
    port = free_port()
    with open(workdir / f"voila-{port}.log", "w", encoding="utf-8") as log:  # a file cannot fill up
        proc = subprocess.Popen(
            [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
             "--Voila.port_retries=0", "--show_tracebacks=False", str(apps)],
            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            if requests.get(base, timeout=2).status_code == 200:
                VOILA_LOGS[base] = workdir / f"voila-{port}.log"
                return proc, base
        except requests.RequestException:
            pass
        time.sleep(0.5)
    proc.kill()
    proc.wait()
    return None
