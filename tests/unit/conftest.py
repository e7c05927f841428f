"""Fixtures shared by the unit tests of the workshop store, room and dashboard."""

from __future__ import annotations

import pytest

from humaskit.workshop import store as st


@pytest.fixture
def store(tmp_path):
    """An empty workshop store (SQLite) in the test's own folder."""
    s = st.Store(f"sqlite:///{tmp_path / 'lokakarya.sqlite'}")
    yield s
    s.close()


@pytest.fixture
def room(store):
    """A session in that store."""
    return store.create_session("Uji")
