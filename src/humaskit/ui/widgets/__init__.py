"""ipywidgets building blocks shared by the notebooks and the Voila apps.

The names below are imported on first use (PEP 562), so that an app's kernel loads only the
widgets it shows: the coding practice needs no matplotlib, and each workshop kernel stays small.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {
    "coding_practice": "coding", "explain_box": "explain", "page_style": "layout", "plan_form": "plan_form",
    "multiple_choice": "quiz", "quiz_from_bank": "quiz", "risk_scorer": "risk", "scenario_card": "scenario",
    "self_assessment_form": "survey", "triage_practice": "triage",
}

__all__ = ["coding_practice", "explain_box", "multiple_choice", "page_style", "plan_form", "quiz_from_bank",
           "risk_scorer", "scenario_card", "self_assessment_form", "triage_practice"]

if TYPE_CHECKING:
    from humaskit.ui.widgets.coding import coding_practice
    from humaskit.ui.widgets.explain import explain_box
    from humaskit.ui.widgets.layout import page_style
    from humaskit.ui.widgets.plan_form import plan_form
    from humaskit.ui.widgets.quiz import multiple_choice, quiz_from_bank
    from humaskit.ui.widgets.risk import risk_scorer
    from humaskit.ui.widgets.scenario import scenario_card
    from humaskit.ui.widgets.survey import self_assessment_form
    from humaskit.ui.widgets.triage import triage_practice


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
