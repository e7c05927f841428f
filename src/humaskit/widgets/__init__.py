"""ipywidgets building blocks shared by the notebooks and the Voila apps."""

from humaskit.widgets.coding import coding_practice
from humaskit.widgets.explain import explain_box
from humaskit.widgets.plan_form import plan_form
from humaskit.widgets.quiz import multiple_choice
from humaskit.widgets.risk import risk_scorer
from humaskit.widgets.scenario import scenario_card
from humaskit.widgets.survey import self_assessment_form
from humaskit.widgets.triage import triage_practice

__all__ = ["coding_practice", "explain_box", "multiple_choice", "plan_form", "risk_scorer",
           "scenario_card", "self_assessment_form", "triage_practice"]
