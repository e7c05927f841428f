"""A real JupyterHub for a room of simulated trainees (importable as ``hubrun``).

Used by tests/e2e/test_hub.py and benchmarks/hub_login.py. :func:`running_hub` starts JupyterHub on
127.0.0.1 with the room's own configuration (deploy/ruang-pelatihan/jupyterhub_config.py, loaded
with ``load_subconfig``) and replaces only what a test machine cannot have: the login (JupyterHub's
DummyAuthenticator, one shared password), the spawner (SimpleLocalProcessSpawner: every server is a
local process with its home in a temporary folder), ports and databases. configurable-http-proxy
comes from npm: the one on PATH, else a copy installed once into ``~/.cache/humaskit/chp``.

The trainees' material is a git repository made by deploy/buat_repo_materi.py (the room's server
wrapper copies it into ``~/kerja``); the trainer's course folder starts as a copy of a cut-down kit
(HUMASKIT_KIT). :func:`room_cycle` then plays a room: every trainee logs in through the login form
and their server starts (timed: login to running), pulls the material with nbgitpuller's API into
``~/materi``, runs a module notebook from it through the server's kernel API (websocket, kernel
protocol v1), opens a Voila app through the hub; the trainer generates and releases an
assignment with the formgrader's API, trainees fetch it, answer (jawaban.json) and submit it through
their servers' nbgrader Assignments API, the trainer collects and autogrades every submission, the
gradebook living in PostgreSQL. Memory per trainee is the sum over that trainee's processes (server,
notebook kernel, Voila kernel), measured with psutil (RSS and PSS).

Everything started is stopped when the ``with`` block ends: the servers through the hub's API, the
hub (which stops the proxy), then any process still carrying this run's marker in its environment.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests
from services import free_port

ROOT = Path(__file__).resolve().parents[1]
ROOM_CONFIG = ROOT / "deploy" / "ruang-pelatihan" / "jupyterhub_config.py"
CHP_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "humaskit" / "chp"
PASSWORD = "sandi-uji-ruang"
TRAINER = "pelatih"
COURSE = "humaskit"
ASSIGNMENT = "00-latihan-orientasi"
MODULE = "materi/modules/00-orientasi/00-orientasi.ipynb"  # delivered by nbgitpuller
APP = "kerja/aplikasi/01-latihan-koding.ipynb"
MARKER = "HUMASKIT_UJI_HUB"
WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"


class Unavailable(RuntimeError):
    """Something the hub needs (node/npm, configurable-http-proxy, jupyterhub) is not on this machine."""


def proxy_command() -> str:
    """configurable-http-proxy: the one on PATH, else npm's into a cache folder outside the repo."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    cached = CHP_CACHE / "node_modules" / ".bin" / "configurable-http-proxy"
    if not cached.exists():
        if shutil.which("npm") is None or shutil.which("node") is None:
            raise Unavailable("node and npm are needed to install configurable-http-proxy")
        CHP_CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--prefix", str(CHP_CACHE), "--no-audit", "--no-fund",
                               "configurable-http-proxy@5"], capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not cached.exists():
            raise Unavailable(f"npm could not install configurable-http-proxy: {done.stderr[-500:]}")
    return str(cached)


def create_database(url: str, name: str) -> str:
    """A new database ``name`` on the server of the SQLAlchemy ``url``; its URL."""
    import sqlalchemy as sa

    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return str(sa.make_url(url).set(database=name).render_as_string(hide_password=False))


@dataclass
class Hub:
    url: str  # the proxy's public URL, e.g. http://127.0.0.1:PORT
    token: str  # the test service's API token (admin scopes)
    workdir: Path
    homes: Path
    exchange: Path
    proc: subprocess.Popen
    log: Path
    run_id: str
    material: Path  # the trainees' material repository (deploy/buat_repo_materi.py)

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers, timeout=120,
                                **kwargs)

    def server(self, method: str, user: str, path: str, **kwargs) -> requests.Response:
        """A request to ``user``'s own server through the proxy, authenticated by the service token."""
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        timeout = kwargs.pop("timeout", 300)
        return requests.request(method, f"{self.url}/user/{user}{path}", headers=headers,
                                timeout=timeout, **kwargs)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def _test_config(workdir: Path, port: int, token: str, chp: str, allow_root: bool, run_id: str) -> Path:
    lines = [
        "c = get_config()  # noqa: F821",
        f"load_subconfig({str(ROOM_CONFIG)!r})  # noqa: F821",
        "# What a test machine cannot have: real logins, systemd units, the room's ports.",
        f"c.JupyterHub.bind_url = 'http://127.0.0.1:{port}'",
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{free_port()}'",
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{free_port()}'",
        f"c.ConfigurableHTTPProxy.command = [{chp!r}]",
        "c.JupyterHub.authenticator_class = 'dummy'",
        f"c.DummyAuthenticator.password = {PASSWORD!r}",
        "c.JupyterHub.spawner_class = 'simple'",
        f"c.SimpleLocalProcessSpawner.home_dir_template = {str(workdir / 'homes' / '{username}')!r}",
        f"c.Spawner.args = {['--ServerApp.allow_root=True'] if allow_root else []!r}",
        "c.JupyterHub.concurrent_spawn_limit = 200",
        "# Every server and kernel carries the run's marker, so that cleanup finds what is left.",
        f"c.Spawner.environment = {{**c.Spawner.environment, {MARKER!r}: {run_id!r}}}",
        "c.JupyterHub.services = c.JupyterHub.services + "
        f"[{{'name': 'uji', 'api_token': {token!r}}}]",
        "c.JupyterHub.load_roles = c.JupyterHub.load_roles + [{'name': 'uji', 'services': ['uji'], "
        "'scopes': ['admin:users', 'admin:servers', 'access:servers', 'list:users', 'read:users', "
        "'read:servers', 'tokens', 'list:services', 'read:services']}]",
    ]
    path = workdir / "jupyterhub_config.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _prepare_kit(workdir: Path) -> Path:
    """The kit as the room's machine holds it (HUMASKIT_KIT), cut to what the trainer's cycle uses:
    the kit's nbgrader configuration and the assignment's source (solutions/) and student version
    (assignments/). The trainer's server copies it to ~/kursus-humaskit on its first start."""
    course = workdir / "kit"
    course.mkdir()
    shutil.copy2(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    for folder in ("solutions", "assignments"):
        shutil.copytree(ROOT / folder / ASSIGNMENT, course / folder / ASSIGNMENT)
    return course


def build_material(target: Path) -> None:
    """The trainees' material repository, made by the deployment's own script."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("buat_repo_materi", ROOT / "deploy" / "buat_repo_materi.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(ROOT, target, message="Materi untuk uji hub")


@contextlib.contextmanager
def running_hub(gradebook_url: str, hub_db_url: str, workshop: bool = False) -> Iterator[Hub]:
    chp = proxy_command()
    try:
        import jupyterhub  # noqa: F401
    except ImportError as exc:
        raise Unavailable("jupyterhub is not installed (pip install -e .[dev])") from exc
    workdir = Path(tempfile.mkdtemp(prefix="humaskit-hub-"))
    run_id = uuid.uuid4().hex
    homes, exchange, state = workdir / "homes", workdir / "exchange", workdir / "state"
    for folder in (homes, exchange, state):
        folder.mkdir()
    exchange.chmod(0o1777)
    kit = _prepare_kit(workdir)
    material = workdir / "materi.git"
    build_material(material)
    port, token = free_port(), uuid.uuid4().hex
    config = _test_config(workdir, port, token, chp, allow_root=os.geteuid() == 0, run_id=run_id)
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": os.pathsep.join([bindir, os.environ.get("PATH", "")]),
           "HUMASKIT_HUB_STATE": str(state), "HUMASKIT_MATERI": str(material), "HUMASKIT_KIT": str(kit),
           "HUMASKIT_EXCHANGE": str(exchange), "HUMASKIT_PELATIH": TRAINER,
           "HUMASKIT_GRADEBOOK_URL": gradebook_url, "HUMASKIT_HUB_DB": hub_db_url,
           "HUMASKIT_LOKAKARYA_PORT": str(free_port()) if workshop else "mati",
           "HUMASKIT_LOKAKARYA_PESERTA": "1", MARKER: run_id}
    log = workdir / "jupyterhub.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=state,
                                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{port}", token, workdir, homes, exchange, proc, log, run_id, material)
    try:
        _wait_for_hub(hub)
        yield hub
    finally:
        _stop(hub, run_id)
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_for_hub(hub: Hub, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if hub.proc.poll() is not None:
            raise RuntimeError("JupyterHub exited:\n" + hub.log_tail())
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{hub.url}/hub/health", timeout=5).status_code == 200:
                return
        time.sleep(0.5)
    raise RuntimeError("JupyterHub did not answer:\n" + hub.log_tail())


def started_processes(hub: Hub) -> list[psutil.Process]:
    """The processes of this run: the hub, the proxy, the servers and their kernels."""
    return _marked(hub.run_id)


def _marked(run_id: str) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["pid"]):
        with contextlib.suppress(psutil.Error):
            if proc.environ().get(MARKER) == run_id:
                found.append(proc)
    return found


def _stop(hub: Hub, run_id: str) -> None:
    """Stop the servers through the hub, then the hub, then whatever of this run is left."""
    if hub.proc.poll() is None:
        with contextlib.suppress(requests.RequestException):
            users = hub.api("GET", "/users").json()
            for user in users if isinstance(users, list) else []:
                if user.get("servers"):
                    hub.api("DELETE", f"/users/{user['name']}/server")
        hub.proc.send_signal(signal.SIGTERM)
        try:
            hub.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            hub.proc.kill()
            hub.proc.wait()
    left = _marked(run_id)
    for proc in left:
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _, alive = psutil.wait_procs(left, timeout=10)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(alive, timeout=10)


# --- one trainee ----------------------------------------------------------------------------------

def login_and_spawn(hub: Hub, name: str, timeout: float = 240) -> tuple[requests.Session, float]:
    """Log in through the hub's form as a browser does and wait until the server runs.

    Returns the browser session (hub cookies) and the seconds from the login form to a running server.
    """
    session = requests.Session()
    start = time.monotonic()
    session.get(f"{hub.url}/hub/login", timeout=60).raise_for_status()
    xsrf = session.cookies.get("_xsrf", path="/hub/")
    answer = session.post(f"{hub.url}/hub/login?next=%2Fhub%2Fspawn",
                          data={"username": name, "password": PASSWORD, "_xsrf": xsrf},
                          timeout=120, allow_redirects=False)
    if answer.status_code != 302:
        raise AssertionError(f"login of {name} refused: {answer.status_code} {answer.text[:300]}")
    session.get(f"{hub.url}/hub/spawn", timeout=120, allow_redirects=False)  # what the browser opens next
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        model = hub.api("GET", f"/users/{name}").json()
        server = (model.get("servers") or {}).get("")
        if server and server.get("ready"):
            return session, time.monotonic() - start
        time.sleep(0.25)
    raise AssertionError(f"the server of {name} did not start in {timeout} s:\n{hub.log_tail()}")


def pull_material(hub: Hub, name: str, timeout: float = 180) -> float:
    """What a trainee's nbgitpuller link does: clone (later: merge) the material repository into
    ``~/materi`` through the server's ``git-pull`` API (the page behind the link streams the same
    events). Seconds taken."""
    start = time.monotonic()
    params = {"repo": f"file://{hub.material}", "branch": "main", "targetpath": "materi"}
    with hub.server("GET", name, "/git-pull/api", params=params, stream=True, timeout=timeout) as answer:
        answer.raise_for_status()
        phase = ""
        for line in answer.iter_lines(decode_unicode=True):
            if line and line.startswith("data: "):
                event = json.loads(line[len("data: "):])
                phase = event.get("phase", phase)
                if phase == "error":
                    raise AssertionError(f"nbgitpuller for {name}: {event}")
                if phase == "finished":
                    break
    if phase != "finished":
        raise AssertionError(f"nbgitpuller for {name} did not finish")
    return time.monotonic() - start


def _message(msg_type: str, content: dict, session_id: str) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "uji",
                       "session": session_id, "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"}


async def _execute_cells(ws_url: str, token: str, cells: list[str], cell_timeout: float) -> list[str]:
    """Execute ``cells`` one by one in a kernel over its websocket; the errors they raised."""
    from jupyter_server.services.kernels.connection.base import (
        deserialize_msg_from_ws_v1,
        serialize_msg_to_ws_v1,
    )
    from tornado.httpclient import HTTPRequest
    from tornado.iostream import StreamClosedError
    from tornado.websocket import WebSocketClosedError, websocket_connect

    request = HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}, request_timeout=120)
    session_id = uuid.uuid4().hex
    errors: list[str] = []

    async def request_reply(conn, msg_type: str, content: dict, timeout: float = cell_timeout) -> None:
        msg = _message(msg_type, content, session_id)
        parts = [json.dumps(msg[key]).encode() for key in ("header", "parent_header", "metadata", "content")]
        await conn.write_message(serialize_msg_to_ws_v1(parts, "shell"), binary=True)
        reply = msg_type.replace("_request", "_reply")
        while True:
            raw = await asyncio.wait_for(conn.read_message(), timeout)
            if raw is None:
                raise WebSocketClosedError()
            if isinstance(raw, str):
                continue  # only the v1 protocol was asked for
            channel, frames = deserialize_msg_from_ws_v1(raw)
            header, parent, body = json.loads(frames[0]), json.loads(frames[1]), json.loads(frames[3])
            if parent.get("msg_id") != msg["header"]["msg_id"]:
                continue
            if header["msg_type"] == "error":
                errors.append(f"{body.get('ename')}: {body.get('evalue')}")
            if channel == "shell" and header["msg_type"] == reply:
                return

    # A kernel that starts slowly on a loaded machine may miss the server's first-reply deadline,
    # and the server then closes the new websocket: ask for kernel_info until the kernel answers.
    for attempt in range(4):
        conn = await websocket_connect(request, subprotocols=[WS_PROTOCOL])
        try:
            await request_reply(conn, "kernel_info_request", {}, timeout=60)
            break
        except (TimeoutError, WebSocketClosedError, StreamClosedError):
            conn.close()
            if attempt == 3:
                raise
            await asyncio.sleep(2)
    try:
        for code in cells:
            await request_reply(conn, "execute_request", {"code": code, "silent": False,
                                                          "store_history": True, "user_expressions": {},
                                                          "allow_stdin": False, "stop_on_error": True})
    finally:
        conn.close()
    return errors


def run_notebook(hub: Hub, name: str, path: str, cell_timeout: float = 180) -> tuple[float, list[str]]:
    """Run every code cell of the notebook ``path`` (relative to the server's root) in a new kernel of
    ``name``'s server, through its REST and websocket API; (seconds, errors raised)."""
    start = time.monotonic()
    nb = hub.server("GET", name, f"/api/contents/{path}").json()
    cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
             for c in nb["content"]["cells"] if c["cell_type"] == "code"]
    made = hub.server("POST", name, "/api/sessions",
                      json={"path": path, "type": "notebook", "kernel": {"name": "python3"}})
    made.raise_for_status()
    kernel = made.json()["kernel"]["id"]
    ws_url = f"{hub.url.replace('http', 'ws', 1)}/user/{name}/api/kernels/{kernel}/channels"
    errors = asyncio.run(_execute_cells(ws_url, hub.token, cells, cell_timeout))
    return time.monotonic() - start, errors


def open_voila_app(hub: Hub, session: requests.Session, name: str, app: str = APP,
                   attempts: int = 2) -> tuple[float, str, int]:
    """Open a Voila app of ``name``'s server through the hub with the trainee's own browser login
    (the hub's OAuth redirects included); (seconds, page HTML, reloads needed).

    A page that sends nothing for two minutes is reloaded once, as a trainee would: seen here when
    a Voila kernel died at start on a loaded machine ("Kernel died before replying to kernel_info")
    and Voila then never answered the request."""
    start = time.monotonic()
    problem = ""
    for attempt in range(attempts):
        try:
            page = session.get(f"{hub.url}/user/{name}/voila/render/{app}", timeout=(30, 120))
        except requests.RequestException as exc:
            problem = repr(exc)
            continue
        if page.status_code == 200:
            return time.monotonic() - start, page.text, attempt
        problem = f"HTTP {page.status_code} {page.text[:300]}"
    raise AssertionError(f"Voila app for {name} after {attempts} attempts: {problem}")


def memory_of(hub: Hub, name: str) -> dict[str, float]:
    """MB of memory held by ``name``'s processes (server and kernels): RSS and PSS summed; and the
    CPU seconds they have used since they started."""
    rss = pss = cpu = 0.0
    count = 0
    for proc in psutil.process_iter(["pid"]):
        with contextlib.suppress(psutil.Error):
            env = proc.environ()
            if env.get("JUPYTERHUB_USER") == name and env.get("JUPYTERHUB_API_URL"):
                info = proc.memory_full_info()
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
                times = proc.cpu_times()
                cpu += times.user + times.system
                count += 1
    return {"rss_mb": rss / 2**20, "pss_mb": pss / 2**20, "cpu_seconds": cpu, "processes": count}


def server_environment(name: str) -> dict[str, str]:
    """The environment ``name``'s Jupyter server runs with (what a kernel of theirs can read)."""
    for proc in psutil.process_iter(["pid", "cmdline"]):
        with contextlib.suppress(psutil.Error):
            env = proc.environ()
            if env.get("JUPYTERHUB_USER") == name and "ipykernel" not in " ".join(proc.info["cmdline"] or []):
                return env
    return {}


# --- the room -------------------------------------------------------------------------------------

@dataclass
class Trainee:
    name: str
    answers: dict | None  # None: submits the assignment unanswered
    login_to_running: float = 0.0
    pull_seconds: float = 0.0
    home_files: list[str] = field(default_factory=list)  # every file in the trainee's home
    environment: dict[str, str] = field(default_factory=dict)  # their server's
    notebook_seconds: float = 0.0
    notebook_errors: list[str] = field(default_factory=list)
    voila_seconds: float = 0.0
    voila_html: str = ""
    voila_reloads: int = 0
    memory: dict[str, float] = field(default_factory=dict)
    score: float | None = None
    max_score: float | None = None


@dataclass
class Room:
    trainees: list[Trainee]
    trainer_login: float
    trainer_environment: dict[str, str]
    total_seconds: float
    phase_seconds: dict[str, float]
    submissions_in_gradebook: int
    released: list[str]

    def summary(self) -> list[str]:
        logins = [t.login_to_running for t in self.trainees]
        rss = [t.memory["rss_mb"] for t in self.trainees]
        pss = [t.memory["pss_mb"] for t in self.trainees]
        lines = [
            f"trainees: {len(self.trainees)} (+1 trainer), all logging in at once",
            "login to running server, s: " + ", ".join(f"{x:.1f}" for x in logins),
            f"  median {statistics.median(logins):.1f}, max {max(logins):.1f}; "
            f"trainer {self.trainer_login:.1f}",
            "nbgitpuller link (material into ~/materi), s: median "
            f"{statistics.median(t.pull_seconds for t in self.trainees):.1f}, "
            f"max {max(t.pull_seconds for t in self.trainees):.1f}",
            "module notebook through the kernel API, s: median "
            f"{statistics.median(t.notebook_seconds for t in self.trainees):.1f}, "
            f"max {max(t.notebook_seconds for t in self.trainees):.1f}",
            "Voila app through the hub, s: median "
            f"{statistics.median(t.voila_seconds for t in self.trainees):.1f}, "
            f"max {max(t.voila_seconds for t in self.trainees):.1f}; pages reloaded after two silent "
            f"minutes: {sum(t.voila_reloads for t in self.trainees)}",
            "memory per trainee (server + notebook kernel + Voila kernel), MB: RSS median "
            f"{statistics.median(rss):.0f} (max {max(rss):.0f}), PSS median {statistics.median(pss):.0f} "
            f"(max {max(pss):.0f})",
            "CPU per trainee for all of that (server and kernels), s: median "
            f"{statistics.median(t.memory['cpu_seconds'] for t in self.trainees):.1f}, "
            f"max {max(t.memory['cpu_seconds'] for t in self.trainees):.1f}",
            "phases, s: " + ", ".join(f"{k} {v:.1f}" for k, v in self.phase_seconds.items()),
            f"total, s: {self.total_seconds:.1f}",
        ]
        return lines


def _trainee_flow(hub: Hub, trainee: Trainee) -> requests.Session:
    session, trainee.login_to_running = login_and_spawn(hub, trainee.name)
    trainee.pull_seconds = pull_material(hub, trainee.name)
    trainee.notebook_seconds, trainee.notebook_errors = run_notebook(hub, trainee.name, MODULE)
    opened = open_voila_app(hub, session, trainee.name)
    trainee.voila_seconds, trainee.voila_html, trainee.voila_reloads = opened
    trainee.memory = memory_of(hub, trainee.name)
    trainee.environment = server_environment(trainee.name)
    return session


def _succeeded(answer, what: str, detail: str) -> dict | list:
    """The JSON of a formgrader or assignments-extension answer; an AssertionError naming ``what``
    (with the answer's ``error`` or ``detail`` field) when it says it did not succeed."""
    answer.raise_for_status()
    result = answer.json()
    if isinstance(result, dict) and result.get("success") is False:
        raise AssertionError(f"{what}: {result.get('error') or result.get(detail)}")
    return result


def _formgrader(hub: Hub, path: str) -> dict | list:
    return _succeeded(hub.server("POST", TRAINER, f"/formgrader/api{path}", timeout=600),
                      f"formgrader {path}", "log")


def _assignments(hub: Hub, name: str, action: str) -> object:
    return _succeeded(hub.server("POST", name, f"/assignments/{action}",
                                 data={"assignment_id": ASSIGNMENT, "course_id": COURSE}),
                      f"{action} for {name}", "value")


def _write_answers(hub: Hub, name: str, answers: dict) -> None:
    body = {"type": "file", "format": "text",
            "content": json.dumps({"version": 1, "answers": answers}, ensure_ascii=False)}
    path = f"/api/contents/kerja/tugas/{ASSIGNMENT}/jawaban.json"
    hub.server("PUT", name, path, json=body).raise_for_status()


def room_cycle(hub: Hub, trainees: list[Trainee], gradebook_url: str) -> Room:
    """Play a room on ``hub``: see the module docstring."""
    phases: dict[str, float] = {}
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(trainees) + 1) as pool:
        trainer_future = pool.submit(login_and_spawn, hub, TRAINER)
        futures = [pool.submit(_trainee_flow, hub, t) for t in trainees]
        _, trainer_login = trainer_future.result()
        for future in futures:
            future.result()
    trainer_env = server_environment(TRAINER)
    phases["log in, notebook, Voila"] = time.monotonic() - start

    mark = time.monotonic()
    _formgrader(hub, f"/assignment/{ASSIGNMENT}/assign")
    _formgrader(hub, f"/assignment/{ASSIGNMENT}/release")
    released = sorted(p.name for p in (hub.exchange / COURSE / "outbound" / ASSIGNMENT).iterdir())
    phases["generate and release"] = time.monotonic() - mark

    mark = time.monotonic()

    def fetch_answer_submit(trainee: Trainee) -> None:
        _assignments(hub, trainee.name, "fetch")
        if trainee.answers is not None:
            _write_answers(hub, trainee.name, trainee.answers)
        _assignments(hub, trainee.name, "submit")
        home = hub.homes / trainee.name
        trainee.home_files = sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file())

    with ThreadPoolExecutor(max_workers=len(trainees)) as pool:
        list(pool.map(fetch_answer_submit, trainees))
    phases["fetch and submit"] = time.monotonic() - mark

    mark = time.monotonic()
    _formgrader(hub, f"/assignment/{ASSIGNMENT}/collect")
    for trainee in trainees:
        _formgrader(hub, f"/submission/{ASSIGNMENT}/{trainee.name}/autograde")
    phases["collect and autograde"] = time.monotonic() - mark
    answer = hub.server("GET", TRAINER, f"/formgrader/api/submissions/{ASSIGNMENT}")
    answer.raise_for_status()
    scores = {row["student"]: row for row in answer.json()}
    for trainee in trainees:
        row = scores.get(trainee.name, {})
        trainee.score, trainee.max_score = row.get("score"), row.get("max_score")

    import sqlalchemy as sa

    engine = sa.create_engine(gradebook_url)
    with engine.connect() as conn:
        stored = conn.execute(sa.text(
            "SELECT count(*) FROM submitted_assignment s JOIN assignment a ON s.assignment_id = a.id "
            "WHERE a.name = :name"), {"name": ASSIGNMENT}).scalar_one()
    engine.dispose()
    return Room(trainees, trainer_login, trainer_env, time.monotonic() - start, phases, int(stored), released)
