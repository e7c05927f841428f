"""Crisis communication frameworks as data: SCCT, CERC, the issue life cycle and risk categories.

* Coombs' Situational Crisis Communication Theory (SCCT): crisis types, their clusters (victim,
  accidental, preventable), prior reputation, response postures and their order of strength.
* CDC Crisis and Emergency Risk Communication (CERC): six principles and the phases of a crisis.
* Hainsworth & Meng: the issue life cycle.
* Webber (2012): social media risk categories.

Only ids and structure are kept here; their Indonesian names and descriptions are in
:mod:`humaskit.data.names`. The decisions these feed (which posture fits a crisis, how high a
risk is) live in :mod:`humaskit.response.crisis`.
"""

from __future__ import annotations

# SCCT: each crisis type's cluster (Coombs 2007).
CRISIS_KINDS = {
    "natural_disaster": "victim",
    "rumour": "victim",
    "malevolence": "victim",
    "workplace_violence": "victim",
    "challenge": "accidental",
    "technical_error": "accidental",
    "human_error": "preventable",
    "organisational_misdeed": "preventable",
}
CLUSTERS = ("victim", "accidental", "preventable")
POSTURES = ("instructing", "deny", "diminish", "rebuild")
POSTURE_STRENGTH = {"instructing": 0, "diminish": 1, "rebuild": 2}
REPUTATIONS = ("good", "neutral", "poor")
LIFE_CYCLE = ("origin", "mediation", "organisation", "resolution")  # Hainsworth & Meng
CERC_PRINCIPLES = ("be_first", "be_right", "be_credible", "express_empathy", "promote_action",
                   "show_respect")
CERC_PHASES = ("pre_crisis", "initial", "maintenance", "resolution", "evaluation")
RISK_CATEGORIES = ("reputation", "confidential_information", "legal", "account_hijacking", "privacy",
                   "social_engineering", "malware", "intellectual_property", "service_disruption",
                   "public_safety")  # Webber (2012), extended for public services
RISK_LEVELS = ("low", "medium", "high", "very_high")
