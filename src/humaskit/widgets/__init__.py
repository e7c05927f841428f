"""ipywidgets building blocks shared by the notebooks and the Voila apps."""

from humaskit.widgets.coding import coding_practice
from humaskit.widgets.explain import explain_box
from humaskit.widgets.quiz import multiple_choice
from humaskit.widgets.survey import self_assessment_form

__all__ = ["coding_practice", "explain_box", "multiple_choice", "self_assessment_form"]
