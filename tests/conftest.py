"""Shared fixtures: the repository root, the kit's corpus, the real-world data (optional)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REALWORLD = SHARED / "realworld"

# Notebooks and kernels started by tests must not try to open a browser or reach the network.
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return ROOT / "datasets"


@pytest.fixture(scope="session")
def realworld_tweets() -> Path:
    folder = REALWORLD / "id-public-opinion-tweets"
    if not folder.is_dir():
        pytest.skip("../shared/realworld is absent")
    return folder
