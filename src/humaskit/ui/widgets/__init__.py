"""ipywidgets building blocks shared by the notebooks and the Voila apps."""

from humaskit.ui.widgets.coding import coding_practice
from humaskit.ui.widgets.explain import explain_box
from humaskit.ui.widgets.layout import page_style
from humaskit.ui.widgets.plan_form import plan_form
from humaskit.ui.widgets.quiz import multiple_choice, quiz_from_bank
from humaskit.ui.widgets.risk import risk_scorer
from humaskit.ui.widgets.scenario import scenario_card
from humaskit.ui.widgets.survey import self_assessment_form
from humaskit.ui.widgets.triage import triage_practice

__all__ = ["coding_practice", "explain_box", "multiple_choice", "page_style", "plan_form", "quiz_from_bank",
           "risk_scorer", "scenario_card", "self_assessment_form", "triage_practice"]
