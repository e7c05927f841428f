"""Simulated submissions of assignment 00-latihan-orientasi: solution, blank, partial and every
adversarial case, graded once in a real course folder (the tests are in grading_suite.py)."""

import pytest
from grading_suite import *  # noqa: F403 (the suite's fixture and tests)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def aid() -> str:
    return "00-latihan-orientasi"
