"""Shared fixtures and the three test lanes.

tests/unit/         fast and in-process, on the small corpus in tests/fixtures/mini (``-m unit``)
tests/integration/  the shipped corpus, models and example plans, real-world data, one real
                    process (``-m integration``)
tests/e2e/          notebooks in fresh kernels, nbgrader, Voila, a Binder-style environment
                    (``-m e2e``)

Each test gets its lane's marker from the folder it is in; a test file outside the three
folders is a collection error, so that no test silently drops out of every lane.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import MINI, ROOT, TESTS

import humaskit

SHARED = ROOT.parent / "shared"
REALWORLD = SHARED / "realworld"
LANES = ("unit", "integration", "e2e")

# Notebooks and kernels started by tests must not try to open a browser or reach the network.
os.environ.setdefault("MPLBACKEND", "Agg")


def _child_pythonpath() -> str:
    """PYTHONPATH for processes the tests start (scripts, nbgrader, kernels, Voila): the humaskit
    under test first, every other entry made absolute, so that a child started in another folder
    (a notebook's copy in tmp_path) imports the same code, not another installed copy."""
    package_parent = str(Path(humaskit.__file__).resolve().parents[1])
    entries = [str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join(dict.fromkeys([package_parent, *entries]))


os.environ["PYTHONPATH"] = _child_pythonpath()


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = Path(item.path).resolve().relative_to(TESTS).parts
        lane = parts[0] if len(parts) > 1 else None
        if lane not in LANES:
            raise pytest.UsageError(f"{item.path}: put test files in tests/unit, tests/integration or "
                                    "tests/e2e so that a lane marker selects them")
        item.add_marker(getattr(pytest.mark, lane))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The kit's shipped corpus (datasets/)."""
    return ROOT / "datasets"


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    """A tiny corpus in the canonical schema (see tests/fixtures/mini/README.md)."""
    return MINI


@pytest.fixture(scope="session")
def realworld_tweets() -> Path:
    folder = REALWORLD / "id-public-opinion-tweets"
    if not folder.is_dir():
        pytest.skip("../shared/realworld is absent")
    return folder


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server for this test worker (tests/services.py); its SQLAlchemy URL."""
    from services import postgres

    with postgres() as url:
        yield url
