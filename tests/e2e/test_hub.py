"""The training room's JupyterHub, for real: a hub, a proxy, a trainer and ten trainees.

The hub runs the room's own configuration (deploy/ruang-pelatihan/jupyterhub_config.py) with only
the login, the spawner and the ports replaced (tests/hubrun.py says how). Its own database and the
trainer's nbgrader gradebook are in a real PostgreSQL server. Timings and memory per trainee are
printed (``-s`` shows them); benchmarks/hub_login.py records the same run in benchmarks/results/hub.txt.
"""

from __future__ import annotations

import json

import psutil
import pytest
from support import ROOT, solution_answers

ASSIGNMENT = "00-latihan-orientasi"

TRAINEES = 10


def _alive(started: list[tuple[int, float]]) -> list[str]:
    """The processes of ``started`` still running (a zombie waiting for its parent has ended)."""
    alive = []
    for pid, created in started:
        try:
            proc = psutil.Process(pid)
            if proc.create_time() == created and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(f"{pid} {' '.join(proc.cmdline())[:120]}")
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.fixture(scope="module")
def room(postgres_url):
    import hubrun

    gradebook = hubrun.create_database(postgres_url, "gradebook_hub")
    hub_db = hubrun.create_database(postgres_url, "jupyterhub_hub")
    key = solution_answers(ROOT / "solutions" / hubrun.ASSIGNMENT / f"{hubrun.ASSIGNMENT}.ipynb")
    assert key, "the assignment's key should have answers"
    # Odd trainees answer with the key, even ones submit the assignment unanswered.
    trainees = [hubrun.Trainee(f"peserta{i:02d}", key if i % 2 else None) for i in range(1, TRAINEES + 1)]
    try:
        with hubrun.running_hub(gradebook, hub_db) as hub:
            result = hubrun.room_cycle(hub, trainees, gradebook)
            started = [(p.pid, p.create_time()) for p in hubrun.started_processes(hub)]
            yield result, started
    except hubrun.Unavailable as exc:
        pytest.skip(str(exc))
    # The hub, the proxy, every server and kernel: all gone once the room is over.
    assert _alive(started) == []


@pytest.mark.slow
def test_every_trainee_logs_in_runs_a_module_and_opens_an_app(room):
    result, _ = room
    for line in result.summary():
        print(line)
    app = json.loads((ROOT / "apps" / "01-latihan-koding.ipynb").read_text(encoding="utf-8"))
    heading = next("".join(c["source"]).splitlines()[0].lstrip("# ").strip()
                   for c in app["cells"] if c["cell_type"] == "markdown")
    assert len(result.trainees) == TRAINEES
    for trainee in result.trainees:
        assert 0 < trainee.login_to_running < 240
        assert trainee.notebook_errors == [], trainee.name
        assert heading[:30] in trainee.voila_html, trainee.name  # the app, not the hub's login form
        assert "Traceback" not in trainee.voila_html
        assert trainee.memory["processes"] >= 3, trainee.memory  # server, notebook and Voila kernels
        assert trainee.memory["rss_mb"] > 100


@pytest.mark.slow
def test_trainees_get_the_material_and_never_a_key_or_the_gradebook(room, postgres_url):
    result, _ = room
    for trainee in result.trainees:
        files = trainee.home_files
        for folder in ("materi/modules/", "materi/assignments/", "kerja/modules/", "kerja/aplikasi/",
                       f"kerja/tugas/{ASSIGNMENT}/"):
            assert any(f.startswith(folder) for f in files), (trainee.name, folder)
        assert not [f for f in files if "solutions" in f.split("/")], trainee.name
        assert trainee.environment.get("JUPYTERHUB_USER") == trainee.name
        assert "HUMASKIT_GRADEBOOK_URL" not in trainee.environment
        assert postgres_url.rsplit("/", 1)[0] not in " ".join(trainee.environment.values())
    # The trainer's server has the gradebook and the trainer settings first on the config path.
    assert result.trainer_environment["HUMASKIT_GRADEBOOK_URL"].endswith("/gradebook_hub")
    assert "pelatih" in result.trainer_environment["JUPYTER_CONFIG_PATH"].split(":")[0]
    assert "HUMASKIT_KIT" not in " ".join(" ".join(t.environment) for t in result.trainees)


@pytest.mark.slow
def test_trainer_releases_trainees_submit_trainer_collects_and_autogrades(room):
    result, started = room
    assert len(started) > 2 * TRAINEES, "the hub, proxy, servers and kernels carry the run's marker"
    assert any(name.endswith(".ipynb") for name in result.released)
    assert result.submissions_in_gradebook == TRAINEES  # every submission is in PostgreSQL
    answered = [t for t in result.trainees if t.answers is not None]
    blank = [t for t in result.trainees if t.answers is None]
    for trainee in result.trainees:
        assert trainee.max_score and trainee.max_score > 0, trainee.name
        assert trainee.score is not None, trainee.name
    assert min(t.score for t in answered) > max(t.score for t in blank)
    assert all(t.score < t.max_score for t in blank)


@pytest.mark.slow
def test_workshop_server_runs_as_a_hub_service(postgres_url):
    """The room's hub starts `humaskit workshop --host 127.0.0.1 --port P` as its service
    `lokakarya`; its landing page answers through the hub's proxy at /services/lokakarya/."""
    import time

    import hubrun
    import requests
    from support import run_cli

    if run_cli("workshop", "--help").returncode != 0:
        pytest.skip("this humaskit has no `workshop` command yet")
    gradebook = hubrun.create_database(postgres_url, "gradebook_lokakarya")
    hub_db = hubrun.create_database(postgres_url, "jupyterhub_lokakarya")
    try:
        with hubrun.running_hub(gradebook, hub_db, workshop=True) as hub:
            services = hub.api("GET", "/services").json()  # name -> service model
            service = services["lokakarya"]
            assert service["command"][1:3] == ["workshop", "--host"]
            # First the server itself, on its own port and under the service prefix the hub gave it
            # (JUPYTERHUB_SERVICE_PREFIX): the hub started it from its command line.
            deadline, direct = time.monotonic() + 180, None
            while time.monotonic() < deadline:
                try:
                    direct = requests.get(f"{service['url']}/services/lokakarya/", timeout=30)
                    if direct.status_code == 200:
                        break
                except requests.RequestException:
                    pass
                time.sleep(1)
            assert direct is not None and direct.status_code == 200, hub.log_tail()
            # Then through the hub's proxy, which forwards /services/lokakarya/... unchanged.
            page = requests.get(f"{hub.url}/services/lokakarya/", timeout=60)
            assert page.status_code == 200, (
                "the workshop server must serve under JUPYTERHUB_SERVICE_PREFIX (/services/lokakarya/)")
            assert "voila/render/" in page.text
    except hubrun.Unavailable as exc:
        pytest.skip(str(exc))
