"""JupyterLab as `python3 kit.py lab` starts it, for trainees and for trainers (--pelatih).

Each server runs on a free 127.0.0.1 port with token auth, its own Jupyter config, data and
runtime folders, and the kit's trainee settings installed into a temporary environment prefix
(`humaskit lab setup --prefix`): the test must not change the environment it runs in. JupyterLab
reads that prefix's labconfig through JUPYTER_CONFIG_PATH and its settings folder through
--LabApp.app_settings_dir, where an installed kit has them under sys.prefix.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from services import free_port
from support import ROOT

from humaskit.course import grading, lab, workspace

pytestmark = pytest.mark.slow

spec = importlib.util.spec_from_file_location("kit", ROOT / "kit.py")
assert spec and spec.loader
kit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kit)

JUPYTER = Path(sys.executable).parent / "jupyter"
AID = "00-latihan-orientasi"
TOKEN = "uji-humaskit"
AUTH = {"Authorization": f"token {TOKEN}"}


@dataclass
class Server:
    base: str
    work: Path

    def get(self, path: str, **kw) -> requests.Response:
        return requests.get(f"{self.base}{path}", headers=AUTH, timeout=120, **kw)

    def post(self, path: str, **kw) -> requests.Response:
        return requests.post(f"{self.base}{path}", headers=AUTH, timeout=300, **kw)

    def page_config(self, path: str = "/lab") -> dict:
        html = self.get(path).text
        match = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                          html, re.S)
        assert match, html[:2000]
        return json.loads(match.group(1))


@contextlib.contextmanager
def _start(home: Path, argv: list[str], env: dict[str, str], work: Path) -> Iterator[Server]:
    """Start JupyterLab (retrying if another process takes the port first) and stop it afterwards."""
    prefix = home / "env"
    lab.install(prefix)
    for name in ("config", "data", "runtime"):
        (home / name).mkdir(exist_ok=True)
    config_path = os.pathsep.join(p for p in (env.get("JUPYTER_CONFIG_PATH"), str(prefix / "etc" / "jupyter"))
                                  if p)
    full_env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
                "JUPYTER_DATA_DIR": str(home / "data"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
                "JUPYTER_CONFIG_PATH": config_path, "HUMASKIT_DATA": str(ROOT / "datasets")}
    full_env.pop("JUPYTER_PREFER_ENV_PATH", None)
    for _attempt in range(3):
        port = free_port()
        extra = [f"--port={port}", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
                 f"--IdentityProvider.token={TOKEN}", f"--LabApp.app_settings_dir={lab.settings_dir(prefix)}"]
        allowed, _message, args = kit.root_decision(os.geteuid() if hasattr(os, "geteuid") else None,
                                                    [*argv, *extra], container=True)
        assert allowed
        log_path = home / f"lab-{port}.log"
        with open(log_path, "w", encoding="utf-8") as log:
            proc = subprocess.Popen(args, cwd=home, env=full_env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 90
        while time.time() < deadline and proc.poll() is None:
            try:
                if requests.get(f"{base}/api/status", headers=AUTH, timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        if proc.poll() is None and time.time() < deadline:
            break
        proc.kill()
        proc.wait()
    else:
        logs = "\n".join(f.read_text(encoding="utf-8")[-3000:] for f in sorted(home.glob("lab-*.log")))
        raise RuntimeError("JupyterLab did not start:\n" + logs)
    try:
        yield Server(base, work)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _exchange_with(home: Path, work: Path) -> None:
    """Release the orientation assignment to an exchange in ``home``, as Binder's postBuild does,
    with the user's nbgrader config (in JUPYTER_CONFIG_DIR) pointing the Assignments tab at it."""
    course, exchange = home / "course", home / "exchange"
    course.mkdir()
    shutil.copy2(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(ROOT / "solutions" / AID, course / "solutions" / AID)
    shutil.copytree(ROOT / "assignments" / AID, course / "assignments" / AID)
    exchange.mkdir()
    result = grading.nbgrader(["release_assignment", AID, "--force", f"--Exchange.root={exchange}",
                               "--log-level=WARN"], cwd=course)
    assert result.returncode == 0, result.stderr
    (home / "config").mkdir()
    (home / "config" / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        "c.CourseDirectory.course_id = 'humaskit'\n"
        f"c.Exchange.assignment_dir = {str(work / 'assignments')!r}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def trainee(tmp_path_factory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("peserta")
    work = home / "kerja"
    workspace.prepare(ROOT, work)
    _exchange_with(home, work)
    argv, env = kit.lab_command(["--no-browser"], JUPYTER, work=work)
    with _start(home, argv, env, work) as server:
        yield server


def test_no_news_pop_up_and_no_update_checks(trainee):
    settings = trainee.get(f"/lab/api/settings/{lab.NEWS_PLUGIN}").json()
    properties = settings["schema"]["properties"]
    assert properties["fetchNews"]["default"] == "false"
    assert properties["checkForUpdates"]["default"] is False


def test_trainees_do_not_get_formgrader_or_create_assignment(trainee):
    config = trainee.page_config()
    assert set(lab.TRAINER_PLUGINS) <= set(config["disabledExtensions"])
    assert not {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:validate-assignment",
                "@jupyter/nbgrader:menu"} & set(config["disabledExtensions"])
    assert "@jupyter/nbgrader" in {e["name"] for e in config["federated_extensions"]}


def test_jupyterlab_opens_the_working_folder_not_the_repository(trainee):
    listing = {item["name"] for item in trainee.get("/api/contents").json()["content"]}
    assert {"modules", "assignments"} <= listing and "solutions" not in listing and "kit.py" not in listing
    modules = {item["name"] for item in trainee.get("/api/contents/modules").json()["content"]}
    assert modules == {p.name for p in (ROOT / "modules").iterdir() if p.is_dir()}


def test_assignments_tab_lists_the_copy_as_fetched(trainee):
    answer = trainee.get("/assignments", params={"course_id": "humaskit"}).json()
    assert answer["success"], answer
    [released] = [a for a in answer["value"] if a["assignment_id"] == AID and a["status"] != "submitted"]
    assert released["status"] == "fetched"
    assert released["path"] == f"assignments/{AID}"


def test_validate_still_works_on_the_working_copy(trainee):
    answer = trainee.post("/assignments/validate", data={"path": f"assignments/{AID}/{AID}.ipynb"}).json()
    assert answer["success"], answer
    failed = answer["value"]["failed"]  # the blank copy: both checkers fail, in the trainee's words
    assert any("belum dijawab" in cell["raw_error"] for cell in failed)


def test_trainers_get_formgrader_and_create_assignment(tmp_path):
    argv, env = kit.lab_command(["--pelatih", "--no-browser"], JUPYTER)
    # The trainer's server opens the repository; here a scratch folder stands in for it.
    argv = [f"--ServerApp.root_dir={tmp_path}" if a.startswith("--ServerApp.root_dir=") else a for a in argv]
    with _start(tmp_path, argv, env, tmp_path) as server:
        disabled = set(server.page_config()["disabledExtensions"])
        assert not set(lab.TRAINER_PLUGINS) & disabled
        settings = server.get(f"/lab/api/settings/{lab.NEWS_PLUGIN}").json()
        assert settings["schema"]["properties"]["fetchNews"]["default"] == "false"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not CHROMIUM or importlib.util.find_spec("playwright") is None,
                    reason="needs playwright and a chromium")
def test_in_the_browser_no_news_toast_and_only_the_assignment_list(trainee):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{trainee.base}/lab/tree/modules?token={TOKEN}")
            page.wait_for_selector("#jp-main-dock-panel", timeout=90_000)
            page.wait_for_selector(".jp-DirListing-item", timeout=60_000)
            # Without the kit's settings JupyterLab asks about news within about a second.
            page.wait_for_timeout(4000)
            toasts = [t.inner_text() for t in page.query_selector_all(".Toastify__toast")]
            assert not [t for t in toasts if "news" in t.lower()], toasts
            page.click("#jp-menu-panel >> text=Nbgrader")
            page.wait_for_selector("#jp-mainmenu-nbgrader", timeout=10_000)
            labels = page.query_selector_all("#jp-mainmenu-nbgrader .lm-Menu-itemLabel")
            items = [i.inner_text() for i in labels]
            assert [i for i in items if i.strip()] == ["Assignment List"]
        finally:
            browser.close()
