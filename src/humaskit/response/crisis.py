"""Crisis communication decisions: SCCT posture for a crisis, risk level of a score.

The frameworks themselves (SCCT, CERC, life cycle, risk categories) are data in
:mod:`humaskit.data.frameworks`.

* Coombs' Situational Crisis Communication Theory (SCCT): the crisis type places a crisis in a
  cluster (victim, accidental, preventable); crisis history and a poor prior reputation intensify
  it; the cluster and intensifiers give the response posture. Every crisis response starts with
  instructing information (what people must do to protect themselves) and adjusting information
  (expressions of concern, corrective action).
* CDC Crisis and Emergency Risk Communication (CERC): six principles used as a checklist, and
  the phases of a crisis.
* Hainsworth & Meng: the issue life cycle.
* Webber (2012): social media risk = likelihood x impact, managed in a loop of identify, assess,
  mitigate, evaluate.
"""

from __future__ import annotations

from humaskit.data import names
from humaskit.data.frameworks import CRISIS_KINDS, POSTURE_STRENGTH


def cluster_of(kind: str) -> str:
    return CRISIS_KINDS[kind]


def risk_level(score: int) -> str:
    """The band of a likelihood x impact score (1-25): low, medium, high or very_high."""
    if score >= 15:
        return "very_high"
    if score >= 10:
        return "high"
    if score >= 5:
        return "medium"
    return "low"


def recommend_posture(kind: str, history: bool = False, prior_reputation: str = "neutral") -> dict:
    """SCCT's recommended posture for a crisis, with the reasoning in Indonesian.

    Returns ``{"posture", "bolstering", "reasons"}``. Rules (Coombs 2007):
    rumours are denied with evidence; the victim cluster needs instructing and adjusting
    information, and diminish when history or a poor reputation intensifies it; the accidental
    cluster needs diminish, and rebuild when intensified; the preventable cluster needs rebuild.
    Bolstering (reminding of past good work) supplements any posture when intensifiers are present.
    """
    cluster = cluster_of(kind)
    intensified = bool(history) or prior_reputation == "poor"
    meaning = names.CLUSTER_DESCRIPTIONS[cluster].split(": ", 1)[-1]
    reasons = [f"Jenis krisis '{names.CRISIS_KINDS[kind]}' termasuk klaster "
               f"{names.with_code(names.CLUSTERS[cluster], cluster)}: {meaning}."]
    if intensified:
        why = []
        if history:
            why.append("pernah terjadi krisis serupa")
        if prior_reputation == "poor":
            why.append("reputasi sebelumnya buruk")
        reasons.append("Ada faktor penguat: " + " dan ".join(why) + ".")
    if kind == "rumour":
        posture = "deny"
        reasons.append("Rumor yang tidak benar dibantah dengan bukti dan sumber resmi (menyangkal).")
    elif cluster == "victim":
        posture = "diminish" if intensified else "instructing"
        reasons.append("Klaster korban cukup dengan informasi instruksi dan penyesuaian"
                       + ("; faktor penguat menaikkannya ke 'mengecilkan'." if intensified else "."))
    elif cluster == "accidental":
        posture = "rebuild" if intensified else "diminish"
        reasons.append("Klaster tidak disengaja memakai 'mengecilkan'"
                       + ("; faktor penguat menaikkannya ke 'membangun kembali'." if intensified else "."))
    else:
        posture = "rebuild"
        reasons.append("Klaster dapat dicegah memerlukan 'membangun kembali': minta maaf dan perbaiki.")
    reasons.append("Apa pun posturnya, respons dimulai dengan informasi instruksi dan penyesuaian.")
    return {"posture": posture, "bolstering": intensified, "reasons": reasons}


def posture_problem(kind: str, history: bool, prior_reputation: str, posture: str) -> str | None:
    """An Indonesian sentence when a chosen posture does not fit SCCT, else None."""
    rec = recommend_posture(kind, history, prior_reputation)
    want = rec["posture"]
    if posture == want:
        return None
    if want == "deny":
        return (f"Untuk rumor, SCCT menyarankan postur 'deny' (membantah dengan bukti), bukan "
                f"'{posture}'.")
    if posture == "deny":
        return (f"Postur 'deny' hanya untuk rumor atau tuduhan yang tidak benar; krisis ini nyata "
                f"(klaster {cluster_of(kind)}), SCCT menyarankan '{want}'.")
    if POSTURE_STRENGTH[posture] < POSTURE_STRENGTH[want]:
        return (f"Postur '{posture}' terlalu lemah untuk krisis ini; SCCT menyarankan '{want}'. "
                + " ".join(rec["reasons"][1:-1]))
    return None  # a stronger posture than needed costs more but is not wrong
