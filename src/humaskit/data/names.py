"""Every Indonesian name a trainee sees for the kit's ids, from one place.

Library functions return English ids and column names; notebooks, apps, widgets and exports turn
them into Indonesian here (numbers and dates: :mod:`humaskit.core.formats`). Each dictionary is
keyed by the ids in :mod:`humaskit.data.schema` and :mod:`humaskit.data.frameworks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from humaskit.data.codebook import LABELS as _CODEBOOK

# Post principles (module 1): the codebook's names.
LABELS = {label.id: label.name_id for label in _CODEBOOK}

TRIAGE = {  # comment triage (module 3)
    "misguided": "Keliru (salah informasi)",
    "unhappy_customer": "Pelanggan kecewa",
    "question": "Pertanyaan",
    "troll": "Troll (memancing keributan)",
    "rager": "Pelampiasan marah",
    "positive": "Positif",
}

TRIAGE_DEFINITIONS = {
    "misguided": "Menyatakan atau meneruskan fakta yang salah dengan itikad baik, atau percaya hoaks.",
    "unhappy_customer": "Pengalaman buruk nyata dengan layanan (terlambat, salah, ditolak, petugas "
                        "kasar, uang hilang) yang bisa diperbaiki instansi.",
    "question": "Permintaan informasi atau cara yang tulus, tanpa keluhan di dalamnya.",
    "troll": "Sengaja memancing: serangan politik di luar topik, spam, hinaan untuk memicu "
             "keributan, salin-tempel berulang.",
    "rager": "Melampiaskan marah, menyindir atau bercanda tentang instansi tanpa hal spesifik yang "
             "bisa diperbaiki atau dikoreksi.",
    "positive": "Pujian, terima kasih, dukungan, atau komentar seimbang yang tidak perlu dikoreksi.",
}

# What to do with a comment of each label (shown with the triage feedback and in triage output).
TRIAGE_ACTIONS = {
    "misguided": "Koreksi dengan sopan: sampaikan fakta yang benar beserta sumber resminya; jangan "
                 "mempermalukan penulisnya.",
    "unhappy_customer": "Minta maaf, perbaiki masalahnya, minta data lewat DM/SP4N-LAPOR (bukan di "
                        "kolom komentar), lalu tindak lanjuti sampai selesai.",
    "question": "Jawab dengan jelas dan lengkap, sertakan tautan atau sumber resmi.",
    "troll": "Jangan ditanggapi. Pantau; sembunyikan atau laporkan sesuai kebijakan akun (spam, judi "
             "online, ujaran kebencian).",
    "rager": "Pantau. Paling banyak satu balasan yang tenang dan faktual; jangan berdebat.",
    "positive": "Ucapkan terima kasih; bagikan ulang bila bermanfaat bagi warga lain.",
}

COMMENT_KINDS = {**TRIAGE, "agency_reply": "Balasan instansi"}  # the comments' ``kind`` column
AUTHOR_ROLES = {"citizen": "warga", "agency": "instansi"}

ITEM_TYPES = {"comment": "komentar", "post": "unggahan", "message": "pesan/aduan"}

PLATFORMS = {"instagram": "Instagram", "x": "X (Twitter)", "facebook": "Facebook", "tiktok": "TikTok",
             "youtube": "YouTube"}
MEDIA_TYPES = {"text": "teks", "image": "gambar", "carousel": "carousel (geser)", "video": "video",
               "link": "tautan"}

AGENCY_KINDS = {  # the corpus agencies' ``kind``
    "policy_ministry": "kementerian kebijakan",
    "service_unit": "unit layanan",
    "regional_government": "pemerintah daerah",
    "disaster_agency": "badan penanggulangan bencana",
    "police": "kepolisian",
    "health_office": "dinas kesehatan",
}

# Where a post's labels came from (maturity evidence): coded by people, or by the model.
LABEL_SOURCES = {"label": "dikode manusia", "model": "dikode model"}

YES_NO = {True: "ya", False: "tidak"}

# What the privacy scrubber changed (``privacy.scrub_frame``), UU 27/2022
SCRUBBED = {"handles": "nama akun disamarkan", "identifiers": "nomor identitas dihapus"}
# What privacy.scrub_table counts, by type (``privacy.KINDS``), UU 27/2022
SCRUBBED_KINDS = {"nik": "NIK", "kk": "nomor KK", "npwp": "NPWP", "hp": "nomor HP", "email": "alamat email",
                  "plat": "plat nomor", "nama": "nama orang", "alamat": "alamat",
                  "handle": "nama akun"}

CRISIS_KINDS = {  # SCCT crisis types
    "natural_disaster": "bencana alam",
    "rumour": "rumor / hoaks",
    "malevolence": "serangan pihak luar (peretasan, sabotase)",
    "workplace_violence": "kekerasan di tempat kerja",
    "challenge": "tantangan / penolakan publik atas kebijakan",
    "technical_error": "kesalahan teknis",
    "human_error": "kesalahan manusia",
    "organisational_misdeed": "pelanggaran oleh organisasi atau pejabatnya",
}

CLUSTERS = {"victim": "korban", "accidental": "tidak disengaja", "preventable": "dapat dicegah"}
CLUSTER_DESCRIPTIONS = {
    "victim": "korban: instansi juga menjadi korban (atribusi tanggung jawab sangat rendah)",
    "accidental": "tidak disengaja: instansi tidak bermaksud (atribusi tanggung jawab rendah)",
    "preventable": "dapat dicegah: instansi tahu risikonya atau lalai (atribusi tanggung jawab tinggi)",
}

POSTURES = {"instructing": "instruksi dan penyesuaian", "deny": "menyangkal", "diminish": "mengecilkan",
            "rebuild": "membangun kembali"}
POSTURE_DESCRIPTIONS = {
    "instructing": "informasi instruksi dan penyesuaian saja (tanpa strategi reputasi tambahan)",
    "deny": "menyangkal: membantah rumor atau tuduhan yang tidak benar, dengan bukti",
    "diminish": "mengecilkan: menjelaskan bahwa instansi tidak berniat atau tidak mampu mengendalikan",
    "rebuild": "membangun kembali: meminta maaf, menanggung akibat, memberi kompensasi atau perbaikan",
}

REPUTATIONS = {
    "good": "baik",
    "neutral": "netral",
    "poor": "buruk",
}

LIFE_CYCLE_STAGES = {  # Hainsworth & Meng: the stages' short names
    "origin": "asal-mula",
    "mediation": "mediasi dan amplifikasi",
    "organisation": "pengorganisasian",
    "resolution": "resolusi",
}
LIFE_CYCLE = {  # Hainsworth & Meng, with what each stage means
    "origin": "asal-mula: isu muncul, baru segelintir orang yang membicarakan",
    "mediation": "mediasi dan amplifikasi: media dan akun besar menyebarkannya",
    "organisation": "pengorganisasian: kelompok publik terbentuk dan menuntut sikap",
    "resolution": "resolusi: isu mereda atau menjadi kebijakan/keputusan",
}

CERC_PRINCIPLES = {  # name, and the question a plan answers
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

RISK_LEVELS = {"low": "rendah", "medium": "sedang", "high": "tinggi", "very_high": "sangat tinggi"}
LIKELIHOOD = {1: "jarang", 2: "kecil", 3: "mungkin", 4: "besar", 5: "hampir pasti"}  # risk scores 1-5
IMPACT = {1: "tidak berarti", 2: "kecil", 3: "sedang", 4: "besar", 5: "sangat besar"}

CHANNELS = {"instagram": "Instagram", "x": "X (Twitter)", "facebook": "Facebook", "tiktok": "TikTok",
            "youtube": "YouTube", "whatsapp": "WhatsApp", "sp4n_lapor": "SP4N-LAPOR",
            "website": "Situs web", "email": "Email", "press": "Media massa", "dm": "Pesan langsung (DM)"}
MEMO_NATURE = {"biasa": "Biasa", "segera": "Segera", "sangat_segera": "Sangat Segera",
               "rahasia": "Rahasia"}

LAPOR = {
    "first_response": "tanggapan awal",
    "information_request": "permintaan informasi",
    "complaint": "pengaduan",
    "case_no_field_check": "tindak lanjut tanpa pemeriksaan lapangan",
    "case_field_check": "tindak lanjut dengan pemeriksaan lapangan",
}
LAPOR_TYPES = {"none": "bukan laporan SP4N-LAPOR", **LAPOR}  # a response's ``lapor_type``

# Lee & Kwak (2012) maturity levels
LEVELS = {1: "Kondisi awal", 2: "Transparansi data", 3: "Partisipasi terbuka", 4: "Kolaborasi terbuka",
          5: "Keterlibatan menyeluruh"}
ADOPTION_STAGES = {1: "eksperimen informal", 2: "kekacauan yang terkoordinasi", 3: "pelembagaan"}  # Mergel
# Khan: the STOC culture elements and the management stages of the self-assessment
CULTURE_ELEMENTS = {"sharing": "Berbagi", "transparency": "Transparansi", "openness": "Keterbukaan",
                    "collaboration": "Kolaborasi", "leadership": "Komitmen pimpinan",
                    "structure": "Struktur dan peran", "culture": "Budaya", "goals": "Keselarasan tujuan",
                    "monitoring": "Pemantauan dan evaluasi", "resources": "Sumber daya"}
CAPABILITY_SOURCES = {"self_assessment": "penilaian diri", "data": "data"}
ANOMALIES = {  # messy data the maturity evidence sets aside
    "deleted_parent": "balasan ke komentar yang sudah dihapus",
    "agency_answering_itself": "instansi membalas dirinya sendiri",
    "reply_before_question": "balasan tercatat sebelum pertanyaannya",
}

# Column names the library returns, as a trainee reads them in a table.
COLUMNS = {
    # scores (humaskit.core.evaluation, practice sessions)
    "precision": "presisi", "recall": "recall", "f1": "F1", "support": "jumlah",
    "macro_average": "rata-rata makro", "reference": "label rujukan", "predicted": "label hasil",
    "answered": "dijawab", "correct": "benar", "total": "total", "percent_correct": "persen benar",
    # model explanations and training notes
    "feature": "kata atau ciri", "weight": "bobot", "probability": "peluang",
    "corpus_version": "sidik jari data latih", "n_train": "jumlah data latih",
    "n_held_out": "jumlah data uji",
    "n_train_corpus": "data latih dari korpus", "n_train_scenarios": "data latih dari skenario",
    "n_train_extra": "data latih dari penulis lain",
    "sklearn": "versi scikit-learn",
    # tables of posts and comments
    "post_id": "id unggahan", "account": "akun", "platform": "platform", "created_at": "waktu (WIB)",
    "text": "teks", "media_type": "jenis media", "likes": "suka", "comments": "komentar",
    "shares": "dibagikan", "views": "dilihat", "followers": "pengikut", "label": "label",
    "label_model": "label dari model", "confidence": "keyakinan", "month": "bulan",
    "needs_review": "perlu ditinjau",
    "flagged": "ditandai perlu ditinjau", "right_unflagged": "benar, di antara yang tidak ditandai",
    "right_flagged": "benar, di antara yang ditandai", "share": "bagian",
    "low": "batas bawah (IK 95%)", "high": "batas atas (IK 95%)",
    "triage": "triase", "action": "tindakan", "author": "akun penulis", "channel": "kanal",
    "type": "jenis", "why": "alasan",
    # timeline figures (module 1)
    "posts_per_week_crisis": "unggahan per minggu (krisis)",
    "posts_per_week_normal": "unggahan per minggu (biasa)",
    "dialogic_crisis": "porsi dialogis (krisis)", "dialogic_normal": "porsi dialogis (biasa)",
    "information_crisis": "porsi informasi (krisis)", "information_normal": "porsi informasi (biasa)",
    "dialogic_share": "porsi lingkar dialog", "engagement_rate": "tingkat keterlibatan (%)",
    # the codebook as a table
    "order": "urutan", "id": "kode", "name": "nama", "name_en": "nama (Inggris)",
    "definition": "definisi", "rule": "aturan",
    # the course map
    "module": "modul", "question": "pertanyaan", "folder": "folder", "stage": "tahap",
    "activity": "kegiatan", "practised_in": "dilatih di",
    # posting times
    "weekday": "hari", "hour": "jam",
    # the reference (gold) subset and agreement (module 1)
    "gold_label": "label rujukan", "coder_a": "pengode A", "coder_b": "pengode B",
    "n": "jumlah unggahan", "percent_agreement": "kesepakatan", "kappa": "kappa Cohen",
    "alpha": "alpha Krippendorff", "label_1": "label", "label_2": "label lain", "count": "jumlah",
    # maturity evidence (module 2)
    "posts": "unggahan", "weeks": "rentang (minggu)", "posts_per_week": "unggahan per minggu",
    "active_week_share": "porsi minggu aktif", "platforms": "platform",
    "useful_information_share": "porsi informasi berguna", "data_post_share": "porsi unggahan data",
    "participation_post_share": "porsi ajakan partisipasi", "collaboration_posts": "unggahan kolaborasi",
    "collaboration_post_share": "porsi unggahan kolaborasi", "needs_answer": "perlu dijawab",
    "response_rate": "porsi dijawab", "median_first_response_hours": "median respons pertama (jam)",
    "p90_first_response_hours": "persentil-90 respons pertama (jam)",
    "engagement_rate_median": "median tingkat keterlibatan (%)", "label_source": "asal label",
    "anomalies": "data berantakan", "kind": "jenis", "level": "tingkat", "value": "nilai",
    "threshold": "ambang", "met": "terpenuhi", "reason": "alasan",
    # comments in the canonical schema
    "comment_id": "id komentar", "parent_id": "id induk", "author_role": "peran penulis",
    "answered_at": "dijawab pada", "response_hours": "waktu respons (jam)",
    # scenarios and plans (module 3)
    "item_id": "id butir", "hours": "jam ke-", "description": "uraian", "category": "kategori",
    "likelihood": "kemungkinan", "impact": "dampak", "score": "nilai risiko", "mitigation": "mitigasi",
    "owner": "penanggung jawab", "review": "tinjau", "date": "tanggal", "holiday": "libur",
}


def label(label_id: str) -> str:
    """A post label's name; other ids (a table's ``macro_average`` row) by their column name."""
    return LABELS.get(label_id) or COLUMNS.get(label_id, str(label_id))


def triage(label_id: str) -> str:
    """A triage label's name; other ids by their column name."""
    return TRIAGE.get(label_id) or COLUMNS.get(label_id, str(label_id))


def with_code(name: str, code: str) -> str:
    """A name with the code a trainee must also learn: "Pertanyaan (question)"."""
    return f"{name} ({code})"


def choices(codes: Iterable, shown: Mapping) -> str:
    """Allowed codes as a trainee reads them, each name with its code beside it:
    "pra-krisis (pre_crisis), awal (initial), ..." (a code without a name stays as it is)."""
    return ", ".join(with_code(str(shown[c]), str(c)) if c in shown else str(c) for c in codes)


def options(shown: Mapping, codes: Iterable | None = None, code: bool = False) -> list[tuple[str, Any]]:
    """(name, code) pairs for a dropdown, in the order of ``codes`` (default: the mapping's);
    ``code=True`` writes the code beside the name where a trainee must learn it."""
    return [(with_code(str(shown[c]), str(c)) if code else str(shown[c]), c)
            for c in (shown if codes is None else codes)]


def described_options(short: Mapping, described: Mapping) -> list[tuple[str, Any]]:
    """(label, code) pairs where the label is the short name with its code, then what it means:
    "korban (victim): instansi juga menjadi korban (...)" from CLUSTERS and CLUSTER_DESCRIPTIONS."""
    return [(f"{with_code(str(short[c]), str(c))}: {str(described[c]).split(': ', 1)[-1]}", c)
            for c in short]


def platform(platform_id: str) -> str:
    """A platform's name: "instagram" -> "Instagram"."""
    return PLATFORMS.get(platform_id, str(platform_id))


REVIEW_FLAG = "perlu ditinjau"  # how a flagged row (needs_review True) is shown to trainees


def review(flag) -> str:
    """'perlu ditinjau' for a row the model flags (needs_review True), else an empty string."""
    return REVIEW_FLAG if str(flag) == "True" else ""  # True or numpy's True; None and False: ""


def columns(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with column and index names in Indonesian (unknown names are kept)."""
    out = df.rename(columns=lambda c: COLUMNS.get(c, c), index=lambda i: COLUMNS.get(i, i)
                    if isinstance(i, str) else i)
    out.columns.name = COLUMNS.get(out.columns.name, out.columns.name)
    out.index.name = COLUMNS.get(out.index.name, out.index.name)
    return out
