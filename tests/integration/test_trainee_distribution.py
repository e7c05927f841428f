"""Keys out of the trainees' reach: the trainees' distribution (branch `peserta`: the README's clone,
Binder, nbgitpuller) and the wheel built from pyproject hold no solution, hidden test, rubric or
answer of any assignment, and the kit run from the distribution finds no course root."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from humaskit.course import distribution, grading

AIDS = grading.assignment_ids(ROOT)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("peserta") / "humaskit"
    distribution.build(ROOT, out)
    return out


@pytest.fixture(scope="module")
def keys() -> dict[str, list[str]]:
    return distribution.all_keys(ROOT)


def test_every_assignment_has_keys_and_the_scan_finds_them_in_the_repository(keys):
    assert set(keys) == set(AIDS) and all(len(lines) >= 10 for lines in keys.values())
    found = distribution.scan(ROOT / "solutions", keys)
    for aid in AIDS:  # the scanner is no test that cannot fail: the key pack itself is caught
        assert any(f.startswith(f"{aid}/") and f": {aid} key " in f for f in found), aid


def test_the_distribution_has_what_trainees_use_and_no_trainer_folder(bundle):
    for needed in ("README.md", "kit.py", "pyproject.toml", "binder/postBuild", "src/humaskit/cli.py",
                   "datasets/posts.csv", "nbgrader_config.py", distribution.MARK):
        assert (bundle / needed).is_file(), needed
    for aid in AIDS:
        assert (bundle / "assignments" / aid / f"{aid}.ipynb").is_file()
    assert sorted(p.name for p in (bundle / "modules").iterdir())
    for folder in ("solutions", "tests", "benchmarks", "scripts", ".ci"):
        assert not (bundle / folder).exists(), folder
    assert (bundle / "docs" / "panduan-pelatih.md").is_file()  # the README links it; it holds no key


def test_the_distribution_holds_no_key(bundle, keys):
    assert distribution.scan(bundle, keys) == []


def test_a_key_planted_in_the_distribution_is_found(bundle, keys, tmp_path):
    planted = tmp_path / "catatan.md"
    line = keys["03-rencana-respons"][0]
    planted.write_text("Kunci dari kakak kelas:\n" + line, encoding="utf-8")
    assert distribution.scan(tmp_path, keys) == [f"catatan.md: 03-rencana-respons key {line[:70]!r}"]


def test_the_wheel_holds_no_key(tmp_path, keys):
    """The installed package (pip install humaskit): built from pyproject with hatchling."""
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next(tmp_path.glob("humaskit-*.whl"))
    assert distribution.scan(wheel, keys) == []


def _run(bundle: Path, code: str, home: Path) -> subprocess.CompletedProcess:
    """Python with the distribution's package (as Binder's editable install has it)."""
    env = {**os.environ, "PYTHONPATH": str(bundle / "src"), "HOME": str(home)}
    env.pop("HUMASKIT_DATA", None)
    return subprocess.run([sys.executable, "-c", code], cwd=home, env=env, capture_output=True, text=True)


def test_the_kit_in_the_distribution_finds_its_data_but_no_course_root(bundle, tmp_path):
    result = _run(bundle, "import json; from humaskit.core import paths; print(json.dumps(["
                          "str(paths.repo_root()), str(paths.checkout_root()), str(paths.data_dir())]))",
                  tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["None", str(bundle), str(bundle / "datasets")]


def test_trainer_commands_explain_that_the_keys_are_not_here(bundle, tmp_path):
    for action in ("generate", "check", "verify"):
        result = _run(bundle, "from humaskit.cli import main; "
                              f"raise SystemExit(main(['assignments', '{action}']))", tmp_path)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and "repositori pelatih" in result.stderr


def test_binder_steps_work_in_the_distribution(bundle, tmp_path):
    """What binder/postBuild runs after installing the package: the working folder and the release."""
    work, exchange = tmp_path / "kerja", tmp_path / "exchange"
    code = ("from humaskit.cli import main; import sys; "
            f"sys.exit(main(['lab', 'workspace', {str(work)!r}]) or main(['assignments', 'release', "
            f"'--exchange', {str(exchange)!r}, '--assignment-dir', {str(work / 'assignments')!r}]))")
    result = _run(bundle, code, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for aid in AIDS:
        assert (work / "assignments" / aid / f"{aid}.ipynb").is_file()
        assert (exchange / "humaskit" / "outbound" / aid / f"{aid}.ipynb").is_file()


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def test_the_bundle_is_committed_to_its_branch_without_touching_the_checkout(bundle, tmp_path, monkeypatch):
    for name, value in (("GIT_AUTHOR_NAME", "Pelatih"), ("GIT_AUTHOR_EMAIL", "pelatih@example.org"),
                        ("GIT_COMMITTER_NAME", "Pelatih"), ("GIT_COMMITTER_EMAIL", "pelatih@example.org")):
        monkeypatch.setenv(name, value)
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "solutions").mkdir()
    (repo / "solutions" / "kunci.txt").write_text("kunci\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "trainer's repository")
    head, status = _git(repo, "rev-parse", "HEAD"), _git(repo, "status", "--porcelain")
    first = distribution.commit_branch(repo, bundle, "peserta")
    second = distribution.commit_branch(repo, bundle, "peserta")
    assert _git(repo, "rev-parse", "peserta").strip() == second
    assert _git(repo, "rev-parse", f"{second}^").strip() == first  # history grows, nothing is forced
    tree = set(_git(repo, "ls-tree", "-r", "--name-only", "peserta").split())
    assert {f"assignments/{aid}/{aid}.ipynb" for aid in AIDS} <= tree
    assert not [p for p in tree if p.startswith(("solutions/", "tests/"))]
    assert _git(repo, "rev-parse", "HEAD") == head and _git(repo, "status", "--porcelain") == status
    assert _git(repo, "branch", "--show-current").strip() == "main"
