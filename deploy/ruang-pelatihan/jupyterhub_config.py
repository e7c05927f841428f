"""JupyterHub for one training room: the humaskit kit for every trainee, on one machine.

Read PANDUAN.md (Indonesian) beside this file first. In short:

* JupyterHub runs as a systemd unit (systemd/jupyterhub.service) from the kit's virtual environment
  built from requirements/lock.txt; each trainee's server is a transient systemd unit
  (SystemdSpawner) with its own dynamic Unix user, a memory and CPU ceiling, and the nbgrader
  exchange as its only writable path outside its home.
* Login: NativeAuthenticator (trainees sign up, a trainer approves them at /hub/authorize).
* Every server starts through ``humaskit-singleuser``, which copies the trainee material
  (``modules/``, ``assignments/``, ``apps/``; never ``solutions/``) into ``~/kerja`` without ever
  overwriting a trainee's change, then starts ``jupyterhub-singleuser``.
* Voila apps open through the hub at ``/user/<name>/voila/render/kerja/aplikasi/<app>.ipynb``
  (Voila's server extension in each trainee's server); the workshop server runs as the hub service
  ``lokakarya`` (``humaskit workshop --host 127.0.0.1 --port P``).
* nbgrader: one course (``humaskit``) and one exchange folder; trainers (``HUMASKIT_PELATIH``) get
  the formgrader and the gradebook URL, trainees get neither.

Everything a site changes is an environment variable (systemd/humaskit-hub.env); a test loads this
file with ``load_subconfig`` and replaces only the login, the spawner and the ports.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent
STATE = Path(os.environ.get("HUMASKIT_HUB_STATE", "/srv/humaskit"))
# Trainee material: a folder with modules/, assignments/ and apps/ only (PANDUAN.md, step 3).
MATERI = os.environ.get("HUMASKIT_MATERI", str(STATE / "materi"))
EXCHANGE = os.environ.get("HUMASKIT_EXCHANGE", "/srv/nbgrader/exchange")
COURSE = os.environ.get("HUMASKIT_KURSUS_ID", "humaskit")
TRAINERS = {name.strip() for name in os.environ.get("HUMASKIT_PELATIH", "pelatih").split(",") if name.strip()}
# The trainers' gradebook (SQLAlchemy URL); empty: nbgrader's SQLite file in the course folder.
GRADEBOOK_URL = os.environ.get("HUMASKIT_GRADEBOOK_URL", "")
# The kit's clone on this machine: a trainer's course folder (~/kursus-humaskit) starts as a copy.
KIT = os.environ.get("HUMASKIT_KIT", "/opt/humaskit/kit")
# Memory and CPU ceiling per trainee server; deploy/kapasitas.md explains the figure.
MEM_LIMIT = os.environ.get("HUMASKIT_MEM_LIMIT", "1G")
CPU_LIMIT = float(os.environ.get("HUMASKIT_CPU_LIMIT", "1.0"))
WORKSHOP_PORT = os.environ.get("HUMASKIT_LOKAKARYA_PORT", "8765")  # "mati": no workshop service
WORKSHOP_PARTICIPANTS = os.environ.get("HUMASKIT_LOKAKARYA_PESERTA", "40")
WORKSHOP_DB = os.environ.get("HUMASKIT_WORKSHOP_DB", "")
BIN = Path(sys.executable).parent  # the kit's virtual environment (jupyterhub runs from it)
ETC = HERE / "jupyter"

# --- the hub -------------------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("HUMASKIT_HUB_URL", "http://127.0.0.1:8000")  # TLS: see PANDUAN
c.JupyterHub.db_url = os.environ.get("HUMASKIT_HUB_DB", f"sqlite:///{STATE / 'jupyterhub.sqlite'}")
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [os.environ.get("HUMASKIT_CHP", "configurable-http-proxy")]
c.JupyterHub.template_vars = {
    "announcement_login": "Pelatihan humaskit: masuk dengan akun yang sudah disetujui pelatih."}

# --- login: trainees sign up, a trainer approves -------------------------------------------------
c.JupyterHub.authenticator_class = "native"
c.NativeAuthenticator.open_signup = False  # a trainer approves each new account at /hub/authorize
c.NativeAuthenticator.minimum_password_length = 8
c.NativeAuthenticator.check_common_password = True
c.Authenticator.admin_users = TRAINERS
c.Authenticator.allow_all = True  # every approved account may log in

# --- each trainee's server -----------------------------------------------------------------------
c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
c.SystemdSpawner.dynamic_users = True  # no Unix accounts to create; home is /var/lib/<name>
c.SystemdSpawner.mem_limit = MEM_LIMIT
c.SystemdSpawner.cpu_limit = CPU_LIMIT
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.isolate_devices = True
c.SystemdSpawner.disable_user_sudo = True
c.SystemdSpawner.readwrite_paths = [EXCHANGE]
c.SystemdSpawner.unit_name_template = "jupyter-{USERNAME}"
c.Spawner.cmd = [str(HERE / "humaskit-singleuser")]
c.Spawner.default_url = "/lab/tree/kerja"
c.Spawner.http_timeout = 120  # a cold start on a busy machine
c.Spawner.start_timeout = 180
c.Spawner.environment = {
    "HUMASKIT_MATERI": MATERI,
    "HUMASKIT_BIN": str(BIN),
    "JUPYTER_CONFIG_PATH": str(ETC / "semua"),
    "HUMASKIT_EXCHANGE": EXCHANGE,
    "HUMASKIT_KURSUS_ID": COURSE,
    "MPLBACKEND": "Agg",
}


def is_trainer(spawner) -> bool:
    return spawner.user.name in TRAINERS


def per_user_environment(spawner) -> None:
    """Trainers get the formgrader (the kit's trainer lab settings first on JUPYTER_CONFIG_PATH) and
    the gradebook URL; trainees never see the gradebook's address or credentials.

    A new dict each time: the configured ``environment`` is shared by every spawner."""
    if not is_trainer(spawner):
        return
    from humaskit.course import lab

    env = dict(spawner.environment)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(ETC / "pelatih"), str(lab.TRAINER_CONFIG), str(ETC / "semua")])
    if GRADEBOOK_URL:
        env["HUMASKIT_GRADEBOOK_URL"] = GRADEBOOK_URL
    env["HUMASKIT_KIT"] = KIT
    spawner.environment = env
    spawner.default_url = "/lab/tree/kursus-humaskit"


c.Spawner.pre_spawn_hook = per_user_environment

# --- services: the workshop server and idle culling ----------------------------------------------
services: list[dict] = []
roles: list[dict] = []
if WORKSHOP_PORT != "mati":
    humaskit_cmd = shutil.which("humaskit", path=str(BIN)) or "humaskit"
    services.append({
        "name": "lokakarya",
        "url": f"http://127.0.0.1:{WORKSHOP_PORT}",
        # JupyterHub gives a managed service JUPYTERHUB_SERVICE_PREFIX (/services/lokakarya/): the
        # proxy forwards that path unchanged, so the workshop server must serve under it.
        "command": [humaskit_cmd, "workshop", "--host", "127.0.0.1", "--port", WORKSHOP_PORT,
                    "--participants", WORKSHOP_PARTICIPANTS],
        "environment": {"HUMASKIT_WORKSHOP_DB": WORKSHOP_DB} if WORKSHOP_DB else {},
        "display": True,
        "oauth_no_confirm": True,
    })
if importlib.util.find_spec("jupyterhub_idle_culler") is not None:
    services.append({
        "name": "penghenti-sesi-diam",  # stops servers idle for an hour: memory back for the room
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600", "--cull-every=300"],
    })
    roles.append({"name": "penghenti-sesi-diam", "services": ["penghenti-sesi-diam"],
                  "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]})
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles
c.JupyterHub.load_groups = {f"formgrade-{COURSE}": {"users": sorted(TRAINERS)}}
