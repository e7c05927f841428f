"""Module 1: coding posts by dialogic principle (classifier, inter-coder agreement, timelines)."""
