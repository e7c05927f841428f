"""Where the kit's files live, whether installed from a wheel or used from a clone.

Two kinds of checkout hold the package's source: the trainer's repository (with ``solutions/``,
the nbgrader sources with keys) and the trainees' distribution (``humaskit assignments bundle``:
everything a trainee needs, no keys). :func:`checkout_root` finds either; :func:`repo_root` (the
nbgrader course root) only the first, so nothing a trainee runs is led to the keys.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # the humaskit package folder


def checkout_root() -> Path | None:
    """The folder of the clone or trainee distribution this package runs from (editable
    install), else None (installed from a wheel)."""
    candidate = _PACKAGE.parents[1]
    if (candidate / "pyproject.toml").exists() and (candidate / "src" / "humaskit").is_dir():
        return candidate
    return None


def repo_root() -> Path | None:
    """The trainer's repository root (the nbgrader course root, with ``solutions/``) when running
    from it, else None: from a trainee distribution or a wheel there is no course root."""
    candidate = checkout_root()
    if candidate is not None and (candidate / "solutions").is_dir():
        return candidate
    return None


def data_dir() -> Path:
    """The kit's datasets folder.

    Order: the HUMASKIT_DATA environment variable, the checkout's ``datasets/``, then the
    copy bundled inside an installed wheel.
    """
    env = os.environ.get("HUMASKIT_DATA")
    if env:
        return Path(env)
    root = checkout_root()
    if root is not None and (root / "datasets").is_dir():
        return root / "datasets"
    return _PACKAGE / "_datasets"
