"""Crisis communication frameworks as data: SCCT, CERC, the issue life cycle and risk levels.

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

CRISIS_KINDS = {
    # kind: (cluster, Indonesian name)
    "natural_disaster": ("victim", "bencana alam"),
    "rumour": ("victim", "rumor / hoaks"),
    "malevolence": ("victim", "serangan pihak luar (peretasan, sabotase)"),
    "workplace_violence": ("victim", "kekerasan di tempat kerja"),
    "challenge": ("accidental", "tantangan / penolakan publik atas kebijakan"),
    "technical_error": ("accidental", "kesalahan teknis"),
    "human_error": ("preventable", "kesalahan manusia"),
    "organisational_misdeed": ("preventable", "pelanggaran oleh organisasi atau pejabatnya"),
}

CLUSTERS = {
    "victim": "korban: instansi juga menjadi korban (atribusi tanggung jawab sangat rendah)",
    "accidental": "tidak disengaja: instansi tidak bermaksud (atribusi tanggung jawab rendah)",
    "preventable": "dapat dicegah: instansi tahu risikonya atau lalai (atribusi tanggung jawab tinggi)",
}

POSTURES = {
    "instructing": "informasi instruksi dan penyesuaian saja (tanpa strategi reputasi tambahan)",
    "deny": "menyangkal: membantah rumor atau tuduhan yang tidak benar, dengan bukti",
    "diminish": "mengecilkan: menjelaskan bahwa instansi tidak berniat atau tidak mampu mengendalikan",
    "rebuild": "membangun kembali: meminta maaf, menanggung akibat, memberi kompensasi atau perbaikan",
}
_STRENGTH = {"instructing": 0, "diminish": 1, "rebuild": 2}

REPUTATIONS = ("good", "neutral", "poor")
REPUTATION_NAMES = {"good": "baik", "neutral": "netral", "poor": "buruk"}

LIFE_CYCLE = {
    "origin": "asal-mula: isu muncul, baru segelintir orang yang membicarakan",
    "mediation": "mediasi dan amplifikasi: media dan akun besar menyebarkannya",
    "organisation": "pengorganisasian: kelompok publik terbentuk dan menuntut sikap",
    "resolution": "resolusi: isu mereda atau menjadi kebijakan/keputusan",
}

CERC_PRINCIPLES = {
    "be_first": ("Jadilah yang pertama", "Apa yang kita sampaikan paling awal, dan kapan?"),
    "be_right": ("Pastikan benar", "Fakta apa yang sudah pasti, dan apa yang belum kita ketahui?"),
    "be_credible": ("Jadilah kredibel", "Siapa juru bicaranya, dan sumber resmi apa yang kita tunjuk?"),
    "express_empathy": ("Tunjukkan empati", "Bagaimana kita mengakui kerugian dan perasaan warga?"),
    "promote_action": ("Dorong tindakan", "Apa yang harus dilakukan warga sekarang?"),
    "show_respect": ("Tunjukkan hormat", "Bagaimana kita menjaga martabat warga, termasuk yang marah?"),
}

CERC_PHASES = {
    "pre_crisis": "pra-krisis",
    "initial": "awal",
    "maintenance": "pemeliharaan",
    "resolution": "resolusi",
    "evaluation": "evaluasi",
}

RISK_CATEGORIES = {
    "reputation": "kerusakan reputasi",
    "confidential_information": "bocornya informasi rahasia",
    "legal": "pelanggaran hukum atau kepatuhan",
    "account_hijacking": "pembajakan akun atau pencurian identitas",
    "privacy": "pelanggaran data pribadi",
    "social_engineering": "rekayasa sosial (penipuan, phishing)",
    "malware": "perangkat lunak jahat",
    "intellectual_property": "kekayaan intelektual",
    "service_disruption": "gangguan layanan",
    "public_safety": "keselamatan publik",
}


def cluster_of(kind: str) -> str:
    return CRISIS_KINDS[kind][0]


def risk_level(score: int) -> str:
    """Indonesian band of a likelihood x impact score (1-25)."""
    if score >= 15:
        return "sangat tinggi"
    if score >= 10:
        return "tinggi"
    if score >= 5:
        return "sedang"
    return "rendah"


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
    reasons = [f"Jenis krisis '{CRISIS_KINDS[kind][1]}' termasuk klaster {cluster} ({CLUSTERS[cluster]})."]
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
    if _STRENGTH[posture] < _STRENGTH[want]:
        return (f"Postur '{posture}' terlalu lemah untuk krisis ini; SCCT menyarankan '{want}'. "
                + " ".join(rec["reasons"][1:-1]))
    return None  # a stronger posture than needed costs more but is not wrong
