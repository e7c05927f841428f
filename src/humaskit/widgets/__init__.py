"""ipywidgets building blocks shared by the notebooks and the Voila apps."""

from humaskit.widgets.quiz import multiple_choice

__all__ = ["multiple_choice"]
