"""Transparent cue rules: regular expressions per label, resolved by a precedence order.

Module 1's keyword baseline (post labels) and module 3's rule triage (comment labels) are both
this: a reader can see which words made it choose, and the first label in the order wins.
"""

from __future__ import annotations

import re

import numpy as np


class CueRules:
    """Cue lists per label; the first label in ``order`` with a cue wins, none -> ``default``."""

    def __init__(self, rules: dict[str, tuple[str, ...]], order: tuple[str, ...], default: str):
        self.rules = {label: [re.compile(p) for p in patterns] for label, patterns in rules.items()}
        self.order, self.default = tuple(order), default

    def matches(self, text: str) -> dict[str, list[str]]:
        """Which cues of which label a text contains (its explanation)."""
        low = str(text).lower()
        found = {}
        for label, patterns in self.rules.items():
            hits = [m.group(0) for p in patterns if (m := p.search(low))]
            if hits:
                found[label] = hits
        return found

    def predict_one(self, text: str) -> str:
        found = self.matches(text)
        return next((label for label in self.order if label in found), self.default)

    def predict(self, texts) -> np.ndarray:
        return np.array([self.predict_one(t) for t in texts], dtype=object)
