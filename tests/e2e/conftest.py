"""Fixtures shared by the end-to-end tests: a Voila server on a copy of apps/, the headless
browser (Debian chromium through Playwright), axe-core and the screenshot folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browsing import AXE_DIR, CHROMIUM
from services import copy_apps, start_voila, stop_tree
from support import FACILITATOR_TOKEN, ROOT


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory):
    """The base URL of a Voila server serving a copy of apps/ (one per test module and worker)."""
    workdir = tmp_path_factory.mktemp("voila")
    # No workshop server: the apps run for one person each, the dashboard opens with this token.
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
           "HUMASKIT_DATA": str(ROOT / "datasets"), "HUMASKIT_WORKSHOP_TOKEN": FACILITATOR_TOKEN}
    for key in ("HUMASKIT_WORKSHOP_DIR", "HUMASKIT_WORKSHOP_DB"):
        env.pop(key, None)
    proc, base = start_voila(workdir, copy_apps(workdir), env)
    yield base
    stop_tree(proc, timeout=20)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian chromium driven by Playwright (skipped where either is absent)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (Debian package chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright; the browser is Debian's chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def axe_script() -> str:
    """axe-core's script, installed with npm into ~/.cache/humaskit/axe (outside the repository)
    the first time."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        if not shutil.which("npm"):
            pytest.skip("npm is absent: axe-core cannot be installed")
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(AXE_DIR), "axe-core@4", "--no-audit", "--no-fund"],
                       check=True, capture_output=True, timeout=600)
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory, request) -> Path:
    """Where screenshots go: $HUMASKIT_ARTIFACTS if set (the committed sets are docs/screenshots/
    and docs/screenshots/workshop/), else pytest's tmp dir."""
    folder = os.environ.get("HUMASKIT_ARTIFACTS") or tmp_path_factory.mktemp("screenshots")
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots of {request.module.__name__}: {folder}")
    return folder
