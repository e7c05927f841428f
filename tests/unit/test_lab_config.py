"""The trainee JupyterLab settings the kit installs, and the trainer override."""

from __future__ import annotations

import json

from support import run_cli

from humaskit.course import lab


def test_install_writes_the_trainee_settings_once(tmp_path):
    written = lab.install(tmp_path)
    assert sorted(written) == sorted([lab.page_config_path(tmp_path),
                                      lab.settings_dir(tmp_path) / "overrides.d" / "humaskit.json"])
    assert lab.missing(tmp_path) == []
    assert lab.install(tmp_path) == []


def test_an_administrators_own_settings_are_kept(tmp_path):
    own = lab.settings_dir(tmp_path) / "overrides.json"
    own.parent.mkdir(parents=True)
    own.write_text('{"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}')
    lab.install(tmp_path)
    assert "Dark" in own.read_text()


def test_trainees_lose_the_trainer_plugins_only():
    page = json.loads(next(p for p in lab.TRAINEE.rglob("page_config.d/*.json")).read_text())
    assert page["disabledExtensions"] == {name: True for name in lab.TRAINER_PLUGINS}
    assert "@jupyter/nbgrader:assignment-list" not in page["disabledExtensions"]
    assert "@jupyter/nbgrader:validate-assignment" not in page["disabledExtensions"]


def test_no_news_and_no_update_checks():
    overrides = json.loads(next(p for p in lab.TRAINEE.rglob("overrides.d/*.json")).read_text())
    assert overrides[lab.NEWS_PLUGIN] == {"fetchNews": "false", "checkForUpdates": False}


def test_the_trainer_config_enables_exactly_what_trainees_lose():
    page = json.loads((lab.TRAINER_CONFIG / "labconfig" / "page_config.json").read_text())
    assert page["disabledExtensions"] == {name: False for name in lab.TRAINER_PLUGINS}


def test_trainer_config_command_prints_the_folder():
    r = run_cli("lab", "trainer-config")
    assert r.returncode == 0 and r.stdout.strip() == str(lab.TRAINER_CONFIG)
