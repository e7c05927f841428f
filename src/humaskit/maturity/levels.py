"""Estimating an agency's open-government maturity (module 2).

Lee & Kwak (2012) describe five levels (1 initial conditions, 2 data transparency, 3 open
participation, 4 open collaboration, 5 ubiquitous engagement) by capabilities and by outcomes;
an agency moves one level at a time. Following Indonesian applications that score capability
and outcome separately, the kit estimates:

* ``outcome_level`` from what the account's own posts and replies show (``humaskit.maturity.evidence``);
* ``capability_level`` from the team's self-assessment when one is given, otherwise from the
  processes visible in the data (regular posting, a reply routine within SP4N-LAPOR limits);
* ``level`` = the lower of the two: a level is reached when both capability and outcome are.

Each level's criteria are cumulative (a level counts only when all lower levels are met). The
thresholds and the reason for each are in ``OUTCOME_CRITERIA`` and ``CAPABILITY_CRITERIA``; they
are teaching thresholds for a training kit, stated openly so that trainees can argue with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from humaskit.core import formats
from humaskit.data import corpus, instrument, names
from humaskit.data.codebook import PROFILE_CHECKLIST
from humaskit.maturity.evidence import Evidence, measure, tables

AGREE = 3.5  # mean Likert score from which a level's statements count as true of the team
PER_YEAR = 52.0


@dataclass(frozen=True)
class Criterion:
    level: int
    key: str
    name: str
    threshold: str
    reason: str
    test: Callable[[dict], bool | None]
    value: Callable[[dict], object]


def _rr(e):
    return e.get("response_rate")


def _ge(key, x):
    return lambda e: None if e.get(key) is None else e[key] >= x


def _le(key, x):
    return lambda e: None if e.get(key) is None else e[key] <= x


OUTCOME_CRITERIA: tuple[Criterion, ...] = (
    Criterion(1, "posts_per_week", "unggahan per minggu", ">= 1",
              "Tingkat 1 adalah kehadiran: akun benar-benar dipakai untuk menyiarkan informasi.",
              _ge("posts_per_week", 1.0), lambda e: e["posts_per_week"]),
    Criterion(2, "useful_information_share", "porsi unggahan informasi berguna", ">= 25%",
              "Transparansi data berarti warga bisa memakai isinya; seperempat unggahan adalah batas "
              "bawah yang wajar untuk akun yang melayani.",
              _ge("useful_information_share", 0.25), lambda e: e["useful_information_share"]),
    Criterion(2, "data_post_share", "porsi unggahan yang memuat data", ">= 5%",
              "Lee & Kwak: tingkat 2 menerbitkan data yang bernilai, akurat, konsisten, tepat waktu.",
              _ge("data_post_share", 0.05), lambda e: e["data_post_share"]),
    Criterion(2, "active_week_share", "minggu dengan unggahan", ">= 80%",
              "Konsisten dan tepat waktu: informasi datang rutin, bukan sesekali.",
              _ge("active_week_share", 0.80), lambda e: e["active_week_share"]),
    Criterion(3, "dialogic_share", "porsi unggahan lingkar dialog", ">= 15%",
              "Partisipasi terbuka berarti mengundang masukan; 15% kira-kira satu ajakan per minggu "
              "pada akun yang mengunggah dua kali seminggu.",
              _ge("dialogic_share", 0.15), lambda e: e["dialogic_share"]),
    Criterion(3, "response_rate", "pertanyaan & keluhan warga yang dijawab", ">= 50%",
              "Mengundang masukan tanpa menjawab bukan partisipasi; sektor pemerintah tercatat di "
              "bawah 20% (Sprout Social 2013), separuh adalah langkah nyata di atasnya.",
              _ge("response_rate", 0.50), _rr),
    Criterion(3, "median_first_response_hours", "median waktu respons pertama", "<= 24 jam",
              "Jawaban dalam satu hari kerja; jauh di dalam batas 3 hari SP4N-LAPOR.",
              _le("median_first_response_hours", 24), lambda e: e["median_first_response_hours"]),
    Criterion(4, "collaboration_per_year", "unggahan kolaborasi/ko-kreasi per tahun", ">= 4",
              "Kolaborasi terbuka (Lee & Kwak): warga ikut merancang atau mengerjakan; paling tidak "
              "sekali per triwulan.",
              _ge("collaboration_per_year", 4), lambda e: e["collaboration_per_year"]),
    Criterion(4, "response_rate", "pertanyaan & keluhan warga yang dijawab", ">= 70%",
              "Kolaborasi menuntut kepercayaan: sebagian besar warga yang bertanya mendapat jawaban.",
              _ge("response_rate", 0.70), _rr),
    Criterion(4, "p90_first_response_hours", "persentil-90 waktu respons pertama", "<= 72 jam",
              "Hampir semua jawaban (90%) dalam 3 hari: batas tanggapan pertama SP4N-LAPOR "
              "(PermenPANRB 62/2018; dihitung di sini dalam jam kalender, lebih ketat dari hari kerja).",
              _le("p90_first_response_hours", 72), lambda e: e["p90_first_response_hours"]),
    Criterion(5, "platforms", "jumlah platform aktif", ">= 4",
              "Keterlibatan menyeluruh: hadir di kanal tempat warga berada.",
              lambda e: len(e["platforms"]) >= 4, lambda e: len(e["platforms"])),
    Criterion(5, "response_rate", "pertanyaan & keluhan warga yang dijawab", ">= 85%",
              "Hampir setiap warga yang bertanya dijawab.", _ge("response_rate", 0.85), _rr),
    Criterion(5, "median_first_response_hours", "median waktu respons pertama", "<= 1 jam",
              "Dialog hampir seketika, seperti layanan yang dirancang untuk mudah.",
              _le("median_first_response_hours", 1), lambda e: e["median_first_response_hours"]),
    Criterion(5, "profile_score", "kelengkapan profil akun (dari 8)", ">= 7",
              "Kemudahan antarmuka (Kent & Taylor 1998) dinilai pada profil akun.",
              _ge("profile_score", 7), lambda e: e.get("profile_score")),
)

CAPABILITY_CRITERIA: tuple[Criterion, ...] = (
    Criterion(1, "posts_per_week", "akun dikelola (unggahan per minggu)", ">= 1",
              "Ada tim atau petugas yang mengelola akun.", _ge("posts_per_week", 1.0),
              lambda e: e["posts_per_week"]),
    Criterion(2, "active_week_share", "jadwal unggah berjalan (minggu aktif)", ">= 80%",
              "Proses produksi konten yang rutin.", _ge("active_week_share", 0.80),
              lambda e: e["active_week_share"]),
    Criterion(3, "p90_first_response_hours", "rutinitas membalas: persentil-90 respons", "<= 72 jam",
              "Ada prosedur membalas yang bekerja dalam batas SP4N-LAPOR.",
              _le("p90_first_response_hours", 72), lambda e: e["p90_first_response_hours"]),
    Criterion(3, "response_rate", "rutinitas membalas: porsi dijawab", ">= 50%",
              "Prosedur membalas menjangkau sebagian besar warga.", _ge("response_rate", 0.50), _rr),
    Criterion(4, "p90_first_response_hours", "pemantauan harian: persentil-90 respons", "<= 24 jam",
              "Percakapan dipantau setiap hari kerja.", _le("p90_first_response_hours", 24),
              lambda e: e["p90_first_response_hours"]),
    Criterion(4, "platforms", "kanal yang dikelola", ">= 3",
              "Tim mampu mengelola beberapa kanal sekaligus.", lambda e: len(e["platforms"]) >= 3,
              lambda e: len(e["platforms"])),
    Criterion(5, "p90_first_response_hours", "layanan cepat di semua kanal: persentil-90", "<= 8 jam",
              "Respons dalam hari yang sama di semua kanal.", _le("p90_first_response_hours", 8),
              lambda e: e["p90_first_response_hours"]),
    Criterion(5, "profile_score", "kelengkapan profil akun (dari 8)", ">= 7",
              "Profil dirawat sebagai pintu layanan.", _ge("profile_score", 7),
              lambda e: e.get("profile_score")),
)


def ladder(criteria, facts: dict) -> tuple[int, float, list[dict]]:
    """Highest level whose criteria (and all below) are met; a score with the share of the next
    level's criteria met as its fraction; every criterion's outcome."""
    rows = []
    for c in sorted(criteria, key=lambda c: c.level):
        rows.append({"level": c.level, "key": c.key, "name": c.name, "threshold": c.threshold,
                     "value": c.value(facts), "met": c.test(facts), "reason": c.reason})
    level = 1
    for lev in range(2, 6):
        if level == lev - 1 and all(r["met"] for r in rows if r["level"] == lev):
            level = lev
    nxt = [r for r in rows if r["level"] == level + 1]
    fraction = (sum(bool(r["met"]) for r in nxt) / len(nxt)) if nxt else 0.0
    return level, round(level + fraction * 0.99, 2), rows


def profile_score(account: str | None = None, survey: dict | None = None,
                  data_dir: Path | None = None) -> int | None:
    """Profile checklist items met (of 8): from the survey's answers, else the corpus profile."""
    keys = [k for k, _ in PROFILE_CHECKLIST]
    if survey and survey.get("profile"):
        return sum(bool(survey["profile"].get(k)) for k in keys)
    if account is None:
        return None
    try:
        agencies = corpus.load_agencies(data_dir).set_index("account")
    except FileNotFoundError:
        return None
    if account not in agencies.index:
        return None
    a = agencies.loc[account]
    present = {
        "bio": bool(a.get("bio")), "website": bool(a.get("website")),
        "contact": any((a.get("contact") or {}).values()), "service_hours": bool(a.get("service_hours")),
        "verified": any(v.get("verified") for v in (a.get("platforms") or {}).values()),
        "pinned_post": bool(a.get("pinned_post")), "consistent_handle": bool(a.get("consistent_handle")),
        "alt_text_on_images": bool(a.get("alt_text_on_images")),
    }
    return sum(present[k] for k in keys)


def self_assessment(survey: dict) -> dict:
    """Levels and stage from Likert answers ({item_id: 1-5}, plus optional profile yes/no)."""
    answers = survey.get("answers", {})
    inst = instrument.load()
    out: dict = {"answered": len(answers)}
    for section in inst["sections"]:
        items = section["items"]
        scored = [(it, answers.get(it["id"])) for it in items if answers.get(it["id"]) is not None]
        sid = section["id"]
        if sid in ("lee_kwak_capability", "lee_kwak_outcome"):
            level = 1
            for lev in range(2, 6):
                vals = [v for it, v in scored if it.get("level") == lev]
                if vals and np.mean(vals) >= AGREE and level == lev - 1:
                    level = lev
            out["capability_level" if sid.endswith("capability") else "outcome_level"] = (
                level if scored else None)
        elif sid == "adoption_stage":
            stage = None
            for st in (1, 2, 3):
                vals = [v for it, v in scored if it.get("stage") == st]
                if vals and np.mean(vals) >= AGREE:
                    stage = st
            out["adoption_stage"] = stage
        elif sid in ("stoc_culture", "management"):
            dims: dict[str, list[float]] = {}
            for it, v in scored:
                dims.setdefault(it["dimension"], []).append(v)
            out[sid] = {d: round(float(np.mean(v)), 2) for d, v in dims.items()}
    return out


def _facts(ev: Evidence, profile: int | None) -> dict:
    facts = ev.to_dict()
    facts["collaboration_per_year"] = round(ev.collaboration_posts * PER_YEAR / max(ev.weeks, 1), 2)
    facts["profile_score"] = profile
    return facts


def _bootstrap_levels(posts: pd.DataFrame, comments: pd.DataFrame, account: str, facts: dict,
                      n: int = 200, seed: int = 0) -> dict[int, float]:
    """How stable the outcome level is: resample the account's posts (each with its thread of
    questions) with replacement and recompute the sampled figures. Posting rhythm, platforms and
    profile are properties of the whole timeline and are kept as measured."""
    mine, asked, _, _ = tables(posts, comments, account)
    flags = mine[["is_dialogic", "is_useful", "is_data", "is_collaboration"]].to_numpy(dtype=float)
    position = {pid: i for i, pid in enumerate(mine["post_id"])}
    q_post = asked["post_id"].map(position).to_numpy()
    q_answered = asked["answered"].to_numpy(dtype=float)
    q_hours = asked["response_hours"].to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    counts: dict[int, int] = {}
    for _ in range(n):
        weight = np.bincount(rng.integers(0, len(mine), len(mine)), minlength=len(mine))
        share = (weight @ flags) / weight.sum()
        w_q = weight[q_post] if len(q_post) else np.array([])
        sample = dict(facts)
        sample.update(dialogic_share=share[0], useful_information_share=share[1],
                      data_post_share=share[2],
                      collaboration_per_year=share[3] * len(mine) * PER_YEAR / max(facts["weeks"], 1))
        if w_q.sum() > 0:
            sample["response_rate"] = float((w_q * q_answered).sum() / w_q.sum())
            timed = ~np.isnan(q_hours) & (w_q > 0)
            if timed.any():
                hours = np.repeat(q_hours[timed], w_q[timed])
                sample["median_first_response_hours"] = float(np.median(hours))
                sample["p90_first_response_hours"] = float(np.percentile(hours, 90))
        level, _, _ = ladder(OUTCOME_CRITERIA, sample)
        counts[level] = counts.get(level, 0) + 1
    return {k: round(v / n, 3) for k, v in sorted(counts.items())}


def estimate(posts: pd.DataFrame, comments: pd.DataFrame, account: str, survey: dict | None = None,
             data_dir: Path | None = None, resamples: int = 200) -> dict:
    """The full estimate for one account: levels, evidence, criteria, uncertainty, gaps, advice."""
    ev = measure(posts, comments, account)
    profile = profile_score(account, survey, data_dir)
    facts = _facts(ev, profile)
    outcome, outcome_score, outcome_rows = ladder(OUTCOME_CRITERIA, facts)
    data_capability, cap_score, cap_rows = ladder(CAPABILITY_CRITERIA, facts)
    self_view = self_assessment(survey) if survey else None
    capability = (self_view or {}).get("capability_level") or data_capability
    capability_source = "penilaian diri" if self_view and self_view.get("capability_level") else "data"
    level = min(capability, outcome)
    distribution = _bootstrap_levels(posts, comments, account, facts, n=resamples) if resamples else {}
    uncertainty = _uncertainty(ev, outcome, distribution)
    gaps = _gaps(self_view, outcome, data_capability, capability, outcome_rows, cap_rows)
    return {
        "account": account,
        "level": level,
        "level_name": names.LEVELS[level],
        "capability_level": capability,
        "capability_source": capability_source,
        "outcome_level": outcome,
        "score": round(min(cap_score, outcome_score) if capability_source == "data" else
                       min(capability, outcome_score), 2),
        "data_capability_level": data_capability,
        "self_assessment": self_view,
        "evidence": {**ev.to_dict(with_hours=True), "collaboration_per_year": facts["collaboration_per_year"],
                     "profile_score": profile},
        "outcome_criteria": outcome_rows,
        "capability_criteria": cap_rows,
        "uncertainty": uncertainty,
        "gaps": gaps,
        "recommendations": recommendations(level, outcome_rows + cap_rows),
    }


def _uncertainty(ev: Evidence, outcome: int, distribution: dict[int, float]) -> dict:
    notes = []
    if ev.needs_answer < 30:
        notes.append(f"Hanya {ev.needs_answer} pertanyaan/keluhan warga: tingkat respons kurang pasti.")
    if ev.posts < 60:
        notes.append(f"Hanya {ev.posts} unggahan: porsi-porsi unggahan kurang pasti.")
    if ev.label_source == "model":
        notes.append("Label unggahan berasal dari model otomatis (macro-F1 sekitar 0,9), bukan pengode.")
    if distribution:
        share = distribution.get(outcome, 0.0)
        notes.append(f"Pada sampel ulang unggahan (bootstrap), tingkat hasil {outcome} muncul "
                     f"{share:.0%}: " + ", ".join(f"tingkat {k} {v:.0%}" for k, v in distribution.items())
                     + ".")
    return {"outcome_level_distribution": distribution, "notes": notes}


def _failing(rows: list[dict], level: int) -> list[dict]:
    return [r for r in rows if r["level"] == level and not r["met"]]


def _fmt(row: dict) -> str:
    value, threshold = row["value"], row["threshold"]
    if value is None:
        shown = "tidak terukur"
    elif isinstance(value, float) and threshold.endswith("%"):
        shown = formats.percent(value, 0)
    elif threshold.endswith("jam"):
        shown = f"{formats.number(value, 2, trim=True)} jam"
    elif isinstance(value, float):
        shown = formats.number(value, 2, trim=True)
    else:
        shown = str(value)
    return f"{row['name']} {shown} (ambang {threshold})"


def _gaps(self_view, outcome, data_capability, capability, outcome_rows, cap_rows) -> list[str]:
    gaps = []
    if self_view and self_view.get("outcome_level"):
        own = self_view["outcome_level"]
        if own > outcome:
            why = "; ".join(_fmt(r) for r in _failing(outcome_rows, outcome + 1))
            gaps.append(f"Anda menilai hasil Anda di tingkat {own}; data menunjukkan {outcome} karena {why}.")
        elif own < outcome:
            gaps.append(f"Anda menilai hasil Anda di tingkat {own}; data menunjukkan {outcome}: hasil "
                        "Anda lebih baik dari yang Anda kira. Dokumentasikan cara kerjanya.")
        else:
            gaps.append(f"Penilaian diri dan data sama-sama menunjukkan tingkat hasil {outcome}.")
    if self_view and self_view.get("capability_level") and capability != data_capability:
        why = "; ".join(_fmt(r) for r in _failing(cap_rows, data_capability + 1))
        direction = "lebih tinggi" if capability > data_capability else "lebih rendah"
        gaps.append(f"Kemampuan menurut penilaian diri ({capability}) {direction} daripada yang terlihat "
                    f"di data ({data_capability})" + (f": {why}." if why else "."))
    return gaps


def recommendations(level: int, rows: list[dict]) -> list[str]:
    """Advice for the next level only (Lee & Kwak: one level at a time)."""
    if level >= 5:
        return ["Pertahankan tingkat 5: evaluasi berkala dan bagikan praktik baik ke instansi lain."]
    target = level + 1
    advice = [f"Perbaiki: {_fmt(r)}." for r in rows if r["level"] == target and not r["met"]]
    for lev in instrument.load().get("levels", []):
        if lev.get("level") == target:
            advice += list(lev.get("next_steps", []))
    return list(dict.fromkeys(advice))
