"""Where the kit's files live, whether installed from a wheel or used from a clone."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # the humaskit package folder


def repo_root() -> Path | None:
    """The repository root when running from a clone (editable install), else None."""
    candidate = _PACKAGE.parents[1]
    if (candidate / "pyproject.toml").exists() and (candidate / "solutions").is_dir():
        return candidate
    return None


def data_dir() -> Path:
    """The kit's datasets folder.

    Order: the HUMASKIT_DATA environment variable, the clone's ``datasets/``, then the
    copy bundled inside an installed wheel.
    """
    env = os.environ.get("HUMASKIT_DATA")
    if env:
        return Path(env)
    root = repo_root()
    if root is not None and (root / "datasets").is_dir():
        return root / "datasets"
    return _PACKAGE / "_datasets"
