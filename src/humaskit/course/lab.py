"""JupyterLab for trainees and trainers: the kit's settings, installed into a Python environment.

The files live in ``humaskit/jupyter/`` and are plain JupyterLab configuration, readable by an
administrator:

``peserta/`` (trainees), laid out like an environment prefix and copied into one by :func:`install`:
    ``etc/jupyter/labconfig/page_config.d/humaskit.json`` disables nbgrader's trainer plugins
    (formgrader, create assignment, course list); the Assignments list and Validate stay.
    ``share/jupyter/lab/settings/overrides.d/humaskit.json`` turns off the English news pop-up
    ("Would you like to receive official Jupyter news?") and update checks.

``pelatih/`` (trainers), a Jupyter configuration folder that re-enables the trainer plugins when
    it comes first on ``JUPYTER_CONFIG_PATH`` (``python3 kit.py lab --pelatih`` does that). On
    JupyterHub a trainer can instead run ``jupyter labextension enable --level=user`` with
    the plugin names in :data:`TRAINER_PLUGINS`.

Both ``.d`` folders are read by JupyterLab next to any ``page_config.json`` or ``overrides.json``
an administrator wrote, so installing never replaces someone else's settings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from humaskit.core.storage import write_bytes_atomic

FILES = Path(__file__).resolve().parents[1] / "jupyter"
TRAINEE = FILES / "peserta"
TRAINER_CONFIG = FILES / "pelatih"
TRAINER_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
)
NEWS_PLUGIN = "@jupyterlab/apputils-extension:notification"


def trainee_files() -> dict[str, Path]:
    """Path relative to an environment prefix -> the kit's file to put there."""
    return {p.relative_to(TRAINEE).as_posix(): p for p in sorted(TRAINEE.rglob("*.json"))}


def page_config_path(prefix: Path) -> Path:
    return prefix / "etc" / "jupyter" / "labconfig" / "page_config.d" / "humaskit.json"


def settings_dir(prefix: Path) -> Path:
    """JupyterLab's application settings folder in an environment (where overrides are read)."""
    return prefix / "share" / "jupyter" / "lab" / "settings"


def install(prefix: Path | None = None) -> list[Path]:
    """Copy the trainee settings into the environment ``prefix`` (default: this Python's).

    Returns the files written (none when they are already current).
    """
    prefix = Path(sys.prefix) if prefix is None else prefix
    written = []
    for rel, source in trainee_files().items():
        target = prefix / rel
        data = source.read_bytes()
        json.loads(data)  # a broken file would silently switch JupyterLab's settings off
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(target, data)
        written.append(target)
    return written


def missing(prefix: Path | None = None) -> list[str]:
    """The trainee settings files absent from (or different in) the environment ``prefix``."""
    prefix = Path(sys.prefix) if prefix is None else prefix
    return [rel for rel, source in trainee_files().items()
            if not (prefix / rel).is_file() or (prefix / rel).read_bytes() != source.read_bytes()]
