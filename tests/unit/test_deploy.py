"""deploy/: the national Helm values pass the Zero to JupyterHub chart's own schema, the image is
built from the lock file without the keys, the room's configuration gives the gradebook to
trainers only, and the guides' nbgitpuller links deliver folders that exist.

The chart's values.schema.json and default values.yaml are vendored in tests/fixtures/z2jh/ (BSD
licence, README there), because the chart repository cannot be reached from CI. Helm validates the
user's values merged over the chart's defaults, and so does :func:`helm_merge` here.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import types
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import jsonschema
import pytest
import yaml
from support import ROOT

DEPLOY = ROOT / "deploy"
Z2JH = ROOT / "tests" / "fixtures" / "z2jh"
VALUES = DEPLOY / "nasional" / "values.yaml"


def helm_merge(base: dict, override: dict) -> dict:
    """Helm's coalescing of values: maps merge key by key, a null removes the key, anything else
    (lists included) replaces."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def chart_values(values: dict) -> dict:
    defaults = yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))
    return helm_merge(defaults, values)


def schema_errors(values: dict) -> list[str]:
    schema = json.loads((Z2JH / "values.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(values)]


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


def test_national_values_pass_the_chart_schema(values):
    assert schema_errors(chart_values(values)) == []


@pytest.mark.parametrize("path, bad", [
    (("singleuser", "memory", "limt"), "1G"),  # a typo in a key
    (("cull", "timeout"), "setengah jam"),  # a wrong type
    (("scheduling", "userPlaceholder", "replica"), 3),
])
def test_the_schema_check_catches_a_mistake(values, path, bad):
    broken = copy.deepcopy(values)
    node = broken
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = bad
    assert schema_errors(chart_values(broken))


def test_values_set_what_the_issue_asks_for(values):
    merged = chart_values(values)
    assert merged["cull"]["enabled"] and merged["cull"]["timeout"] <= 3600
    assert merged["scheduling"]["userPlaceholder"]["enabled"]
    assert merged["scheduling"]["userPlaceholder"]["replicas"] > 0
    assert merged["scheduling"]["podPriority"]["enabled"]  # placeholders are evicted for real users
    assert merged["prePuller"]["hook"]["enabled"] and merged["prePuller"]["continuous"]["enabled"]
    assert merged["hub"]["db"]["type"] == "postgres"
    assert merged["hub"]["config"]["JupyterHub"]["authenticator_class"] == "generic-oauth"
    mounts = merged["singleuser"]["storage"]["extraVolumeMounts"]
    assert any(m["mountPath"] == "/srv/nbgrader/exchange" for m in mounts)
    assert "lokakarya" in merged["hub"]["services"]


def _bytes(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)\s*([KMG]i?)?", str(text)).groups()
    scale = {"K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, None: 1}[unit]
    return float(number) * scale


def test_memory_guarantee_covers_the_measured_trainee(values):
    """The scheduler packs by the guarantee: it must hold what a trainee was measured to use
    (benchmarks/results/hub.txt, written by benchmarks/hub_login.py from a real hub)."""
    measured = (ROOT / "benchmarks" / "results" / "hub.txt").read_text(encoding="utf-8")
    pss = max(float(x) for x in re.findall(r"PSS median (\d+)", measured)) * 2**20  # largest room
    rss = max(float(x) for x in re.findall(r"RSS median (\d+)", measured)) * 2**20
    memory = values["singleuser"]["memory"]
    assert _bytes(memory["guarantee"]) >= max(pss, rss)
    assert _bytes(memory["limit"]) >= 2 * rss  # room for more kernels than the measured two


def test_the_image_is_built_from_the_lock_file_without_the_keys():
    dockerfile = (DEPLOY / "nasional" / "Dockerfile").read_text(encoding="utf-8")
    assert "-r /tmp/kit/requirements/lock.txt" in dockerfile
    copied = [line.split()[1:-1] for line in dockerfile.splitlines() if line.startswith("COPY ")]
    sources = [src for sources in copied for src in sources]
    assert sources and all((ROOT / src).exists() for src in sources), sources
    assert not [s for s in sources if s.split("/")[0] in ("solutions", "assignments", "modules", "apps")]


def _load_room_config(monkeypatch, tmp_path):
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("HUMASKIT_HUB_STATE", str(tmp_path))
    monkeypatch.setenv("HUMASKIT_PELATIH", "pelatih,pelatih2")
    monkeypatch.setenv("HUMASKIT_GRADEBOOK_URL", "postgresql+psycopg://grader@db/gradebook")
    path = DEPLOY / "ruang-pelatihan" / "jupyterhub_config.py"
    config = PyFileConfigLoader(path.name, str(path.parent)).load_config()
    return config


class _Spawner:
    def __init__(self, name: str, environment: dict):
        self.user = types.SimpleNamespace(name=name)
        self.environment = environment
        self.default_url = "/lab"


def test_room_gives_the_gradebook_and_formgrader_to_trainers_only(monkeypatch, tmp_path):
    config = _load_room_config(monkeypatch, tmp_path)
    hook = config.Spawner.pre_spawn_hook
    base = dict(config.Spawner.environment)
    trainee, trainer = _Spawner("peserta01", base), _Spawner("pelatih2", base)
    hook(trainee)
    hook(trainer)
    assert "HUMASKIT_GRADEBOOK_URL" not in trainee.environment
    assert trainer.environment["HUMASKIT_GRADEBOOK_URL"].endswith("/gradebook")
    assert trainer.environment["JUPYTER_CONFIG_PATH"].split(":")[0].endswith("jupyter/pelatih")
    assert "HUMASKIT_KIT" in trainer.environment and "HUMASKIT_KIT" not in trainee.environment
    assert base == config.Spawner.environment  # the shared default was not changed in place
    assert set(config.Authenticator.admin_users) == {"pelatih", "pelatih2"}
    assert config.SystemdSpawner.readwrite_paths == ["/srv/nbgrader/exchange"]
    assert config.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"


def test_room_runs_the_workshop_server_as_a_hub_service(monkeypatch, tmp_path):
    config = _load_room_config(monkeypatch, tmp_path)
    service = next(s for s in config.JupyterHub.services if s["name"] == "lokakarya")
    command = service["command"]
    port = service["url"].rsplit(":", 1)[1]
    assert command[1:] == ["workshop", "--host", "127.0.0.1", "--port", port, "--participants", "40"]


def test_room_wrapper_is_a_valid_shell_script():
    script = DEPLOY / "ruang-pelatihan" / "humaskit-singleuser"
    assert script.stat().st_mode & 0o111
    if shutil.which("sh"):
        assert subprocess.run(["sh", "-n", str(script)]).returncode == 0


GUIDE_LINK = re.compile(r"https://[^\s)>`]*git-pull\?[^\s)>`]+")


@pytest.mark.parametrize("guide", ["nasional/PANDUAN.md"])
def test_nbgitpuller_links_deliver_modules_and_assignments(guide):
    text = (DEPLOY / guide).read_text(encoding="utf-8")
    links = GUIDE_LINK.findall(text)
    assert links
    opened = set()
    for link in links:
        url = urlparse(link)
        assert url.path.endswith("/hub/user-redirect/git-pull"), link
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert query["branch"] == "main" and query["targetpath"] == "materi", link
        assert query["repo"].startswith("https://"), link
        target = query["urlpath"]
        for prefix in ("lab/tree/", "voila/render/", "materi/"):
            target = target.removeprefix(prefix)
        assert (ROOT / target).exists(), link  # the folder or notebook is in the material
        opened.add(target.split("/")[0])
    assert {"modules", "assignments"} <= opened


def _group(name: str) -> types.SimpleNamespace:
    return types.SimpleNamespace(name=name)


def test_national_hub_code_gives_each_user_a_uid_and_trainers_their_courses(values, monkeypatch):
    """hub.extraConfig.humaskit runs in the hub pod: run it here on a Config, with spawner stand-ins."""
    from traitlets.config import Config

    monkeypatch.setenv("HUMASKIT_GRADEBOOK_URL_TEMPLATE", "postgresql+psycopg://grader:x@pg:5432/gradebook_{course}")
    c = Config()
    exec(compile(values["hub"]["extraConfig"]["humaskit"], "extraConfig.humaskit", "exec"), {"c": c})
    uid, profiles = c.KubeSpawner.uid, c.KubeSpawner.profile_list

    def spawner(user_id: int, *groups: str):
        user = types.SimpleNamespace(id=user_id, groups=[_group(g) for g in groups])
        return types.SimpleNamespace(user=user)

    trainee = spawner(7, "nbgrader-angkatan-1", "humaskit-peserta")
    trainer = spawner(8, "formgrade-angkatan-1", "formgrade-angkatan-2", "humaskit-pelatih")
    assert uid(trainee) != uid(trainer) and uid(trainee) >= 100000
    assert profiles(trainee) == []
    offered = profiles(trainer)
    assert [p["slug"] for p in offered] == ["pelatih-angkatan-1", "pelatih-angkatan-2"]
    assert sum(p["default"] for p in offered) == 1
    env = offered[1]["kubespawner_override"]["environment"]
    assert env["HUMASKIT_GRADEBOOK_URL"].endswith("/gradebook_angkatan-2")
    assert env["HUMASKIT_KURSUS_ID"] == "angkatan-2"


def _nbgrader_config(path: Path, monkeypatch, **env: str):
    from traitlets.config.loader import PyFileConfigLoader

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return PyFileConfigLoader(path.name, str(path.parent)).load_config()


@pytest.mark.parametrize("place", ["ruang-pelatihan", "nasional"])
def test_trainees_submit_under_their_hub_name_and_trainers_grade_everyone(place, monkeypatch, tmp_path):
    folder = DEPLOY / place / "jupyter"
    everyone = _nbgrader_config(folder / "semua" / "nbgrader_config.py", monkeypatch,
                                JUPYTERHUB_USER="peserta07", HUMASKIT_EXCHANGE=str(tmp_path / "tukar"))
    assert everyone.CourseDirectory.student_id == "peserta07"
    assert everyone.Exchange.root == str(tmp_path / "tukar")
    course = tmp_path / "kursus"
    course.mkdir()
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.source_directory = 'solutions'\n", encoding="utf-8")
    trainer = _nbgrader_config(folder / "pelatih" / "nbgrader_config.py", monkeypatch,
                               HUMASKIT_KURSUS=str(course),
                               HUMASKIT_GRADEBOOK_URL="postgresql+psycopg://grader@pg/gradebook_x")
    assert trainer.CourseDirectory.student_id == "*"
    assert trainer.CourseDirectory.root == str(course)
    assert trainer.CourseDirectory.source_directory == "solutions"  # the kit's own course config
    assert trainer.CourseDirectory.db_url.endswith("/gradebook_x")
