"""Binder: the same pins as pyproject, and a fresh environment built the way repo2docker builds it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def _locked(lock: Path) -> dict[str, list[str]]:
    """Package -> every version pinned for it in a uv lock file (one per Python-version marker)."""
    pins: dict[str, list[str]] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split(";")[0].strip().split("==")
            pins.setdefault(canonicalize_name(name), []).append(version)
    return pins


def test_binder_installs_the_lock(root):
    lines = [line.strip() for line in (root / "binder" / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines == ["-r ../requirements/lock.txt"]
    assert (root / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


@pytest.mark.parametrize("lock, extra", [("lock.txt", None), ("lock-dev.txt", "dev")])
def test_locks_satisfy_every_range_in_pyproject(root, lock, extra):
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    pins = _locked(root / "requirements" / lock)
    for spec in map(Requirement, wanted):
        versions = pins.get(canonicalize_name(spec.name))
        assert versions, f"{spec.name} is not in {lock}: run `python3 kit.py lock`"
        assert all(spec.specifier.contains(v, prereleases=True) for v in versions), (spec, versions)


def test_postbuild_is_executable(root):
    assert os.access(root / "binder" / "postBuild", os.X_OK)


def test_binder_gives_trainees_the_working_folder(root):
    """Like `python3 kit.py lab`: trainee settings, copies in ~/kerja, fetches into kerja/assignments,
    and the badge opens the copies."""
    post = (root / "binder" / "postBuild").read_text(encoding="utf-8")
    assert 'humaskit lab setup --workspace "${HOME}/kerja"' in post
    assert '--assignment-dir "${HOME}/kerja/assignments"' in post
    assert "urlpath=lab/tree/kerja/modules" in (root / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_fresh_environment_from_binder_files(root, tmp_path):
    """requirements.txt into a new venv, then postBuild in a copy of the repository."""
    env_dir, repo, home = tmp_path / "env", tmp_path / "repo", tmp_path / "home"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    pip = subprocess.run([bin_dir / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check",
                          "-r", root / "binder" / "requirements.txt"], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr[-3000:]
    tracked = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=root,
                             capture_output=True, text=True).stdout.split()
    for rel in tracked:
        src = root / rel
        if src.is_file():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / rel)
    home.mkdir()
    env = {"PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    build = subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-3000:]
    # The kit imports, its command works, and the student versions are released for fetching.
    check = subprocess.run([bin_dir / "humaskit", "datasets", "stats", "--json"], cwd=home, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    outbound = home / ".humaskit" / "exchange" / "humaskit" / "outbound"
    released = sorted(p.name for p in outbound.iterdir())
    expected = sorted(p.name for p in (root / "assignments").iterdir() if p.is_dir())
    assert released == expected
    # Trainee JupyterLab settings in the environment, and the working folder with the copies.
    from humaskit.course import lab

    assert lab.missing(env_dir) == []
    assert sorted(p.name for p in (home / "kerja" / "assignments").iterdir()) == expected
    assert (home / "kerja" / "modules").is_dir()
    assert "kerja/assignments" in (home / ".jupyter" / "nbgrader_config.py").read_text(encoding="utf-8")
    listed = subprocess.run([bin_dir / "jupyter", "labextension", "list"], env=env,
                            capture_output=True, text=True)
    text = listed.stdout + listed.stderr
    assert "nbgrader" in text and "@jupyter-widgets/jupyterlab-manager" in text
    server = subprocess.run([bin_dir / "jupyter", "server", "extension", "list"], env=env,
                            capture_output=True, text=True)
    assert "voila.server_extension" in server.stdout + server.stderr
    assert sys.version_info >= (3, 10)
