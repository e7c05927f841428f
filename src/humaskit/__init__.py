"""humaskit: a training kit for Indonesian government PR officers (humas).

Trainees learn to run social media as a dialogue with citizens: classifying posts by
dialogic principle, estimating an agency's maturity, and drafting response plans.
"""

__version__ = "0.1.0"
