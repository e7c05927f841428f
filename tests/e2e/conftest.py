"""Fixtures shared by the end-to-end tests: a Voila server on a copy of apps/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from support import APPS, FACILITATOR_TOKEN, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_voila(workdir: Path, apps: Path) -> tuple[subprocess.Popen, str] | None:
    """Voila serving ``apps`` on a free port, once it answers; None if it exited first (another
    process may have taken the port between our check and its bind)."""
    port = _free_port()
    # No workshop server: the apps run for one person each, the dashboard opens with this token.
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
           "HUMASKIT_DATA": str(ROOT / "datasets"), "HUMASKIT_WORKSHOP_TOKEN": FACILITATOR_TOKEN}
    for key in ("HUMASKIT_WORKSHOP_DIR", "HUMASKIT_WORKSHOP_DB"):
        env.pop(key, None)
    with open(workdir / f"voila-{port}.log", "w", encoding="utf-8") as log:  # a file cannot fill up
        proc = subprocess.Popen(
            [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
             "--Voila.port_retries=0", "--show_tracebacks=False", str(apps)],
            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            if requests.get(base, timeout=2).status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        time.sleep(0.5)
    proc.kill()
    proc.wait()
    return None


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory):
    """The base URL of a Voila server serving a copy of apps/ (one per test module and worker)."""
    workdir = tmp_path_factory.mktemp("voila")
    # A copy of apps/: what the apps write for a trainee (hasil_lokakarya/) stays out of the repository.
    apps = workdir / "apps"
    apps.mkdir()
    for app in APPS:
        shutil.copy2(app, apps / app.name)
    for _ in range(3):
        started = _start_voila(workdir, apps)
        if started:
            break
    else:
        logs = "\n".join(f.read_text(encoding="utf-8")[-3000:] for f in sorted(workdir.glob("voila-*.log")))
        raise RuntimeError("voila did not start:\n" + logs)
    proc, base = started
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
