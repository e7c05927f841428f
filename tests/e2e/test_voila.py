"""Voila serves every workshop app: the page renders, shows its text, and leaks no source code."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted((ROOT / "apps").glob("*.ipynb"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory):
    port = _free_port()
    workdir = tmp_path_factory.mktemp("voila")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(workdir / "runtime")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
         "--show_tracebacks=False", str(ROOT / "apps")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if requests.get(base, timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("voila did not start:\n" + (proc.stdout.read() if proc.stdout else ""))
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_there_are_apps():
    assert APPS


@pytest.mark.slow
@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_app_renders_without_source(voila_server, app):
    page = requests.get(f"{voila_server}/voila/render/{app.name}", timeout=180)
    assert page.status_code == 200
    html = page.text
    nb = json.loads(app.read_text(encoding="utf-8"))
    first_heading = next("".join(c["source"]).splitlines()[0].lstrip("# ").strip()
                         for c in nb["cells"] if c["cell_type"] == "markdown")
    assert first_heading[:30] in html
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            for line in "".join(cell["source"]).splitlines():
                if line.strip().startswith(("import ", "from ")):
                    assert line.strip() not in html, f"source leaked: {line}"
    assert "Traceback" not in html
    assert "There was an error when executing cell" not in html
