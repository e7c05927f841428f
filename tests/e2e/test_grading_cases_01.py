"""Simulated submissions of assignment 01-klasifikasi-unggahan: solution, blank, partial and every
adversarial case, graded once in a real course folder (the tests are in grading_suite.py)."""

import pytest
from grading_suite import *  # noqa: F403 (the suite's fixture and tests)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def aid() -> str:
    return "01-klasifikasi-unggahan"
