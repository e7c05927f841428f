"""Voila serves every workshop app: the page renders, shows its text, and leaks no source code."""

from __future__ import annotations

import json

import pytest
import requests
from support import APPS


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
