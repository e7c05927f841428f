"""kit.py's decisions that need no installation: running as root, and how JupyterLab is started."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from support import ROOT

spec = importlib.util.spec_from_file_location("kit", ROOT / "kit.py")
assert spec and spec.loader
kit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kit)


def test_a_normal_user_starts_without_a_word():
    assert kit.root_decision(1000, ["--no-browser"], container=False) == (True, None, ["--no-browser"])
    assert kit.root_decision(None, [], container=True) == (True, None, [])  # Windows: no euid


def test_root_outside_a_container_stops_with_an_indonesian_explanation():
    allowed, message, args = kit.root_decision(0, [], container=False)
    assert not allowed and "--allow-root" not in args
    assert "sebagai root" in message and "pengguna biasa" in message
    assert "python3 kit.py lab --izinkan-root" in message
    assert "Running as root is not recommended" not in message


@pytest.mark.parametrize("args, container, expected", [
    (["--izinkan-root"], False, "--izinkan-root"),
    ([], True, "kontainer"),
    (["--allow-root"], False, "--allow-root"),
])
def test_root_when_allowed_gets_allow_root_and_a_notice(args, container, expected):
    allowed, message, rest = kit.root_decision(0, args, container=container)
    assert allowed and rest.count("--allow-root") == 1 and "--izinkan-root" not in rest
    assert expected in message and "pengguna biasa" in message


def test_trainees_get_the_working_folder_not_the_repository(tmp_path):
    argv, env = kit.lab_command(["--no-browser"], Path("/env/bin/jupyter"), work=tmp_path / "kerja")
    assert argv[:2] == ["/env/bin/jupyter", "lab"]
    assert f"--ServerApp.root_dir={tmp_path / 'kerja'}" in argv
    assert "--LabApp.default_url=/lab/tree/modules" in argv and argv[-1] == "--no-browser"
    assert env == {}


def test_trainers_get_the_repository_and_the_formgrader(monkeypatch):
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "/etc/lain")
    argv, env = kit.lab_command(["--pelatih", "--port=9999"], Path("jupyter"))
    assert f"--ServerApp.root_dir={ROOT}" in argv and "--pelatih" not in argv and "--port=9999" in argv
    first, *others = env["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert Path(first) == ROOT / "src" / "humaskit" / "jupyter" / "pelatih" and others == ["/etc/lain"]
    assert (Path(first) / "labconfig" / "page_config.json").is_file()


def test_the_working_folder_is_ignored_by_git():
    assert "kerja/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert kit.WORK == ROOT / "kerja"
