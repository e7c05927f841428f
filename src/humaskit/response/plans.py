"""Response plans for issues and crises: the YAML schema, validation, skeletons.

A plan is a YAML file (schema ``humaskit-plan/1``, documented field by field in
``datasets/plans/README.md``). :func:`validate` returns every problem at once, each with the
field it concerns and an Indonesian sentence saying what to fix. Export to Word and Markdown
lives in :mod:`humaskit.ui.plan_export`.

The checks encode the module's frameworks: SCCT (the posture must fit the crisis cluster and its
intensifiers; instructing and adjusting information come first), CERC (a holding statement
early, the six principles answered), Webber's risk loop (every risk scored, high risks
mitigated and owned, reviews dated) and SP4N-LAPOR (answers due within the limits, counted in
working days with Indonesian public holidays and cuti bersama).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from humaskit.core import formats, templates
from humaskit.core.errors import DataError
from humaskit.core.files import parse_yaml, read_text
from humaskit.core.paths import data_dir
from humaskit.core.privacy import find_identifiers
from humaskit.core.wib import WIB, as_datetime
from humaskit.data import contacts, frameworks, names, scenarios
from humaskit.response import crisis, workdays

SCHEMA = "humaskit-plan/1"

HOLDING_STATEMENT_HOURS = 2  # CERC "be first": a holding statement within two hours of detection
HIGH_RISK = 15  # likelihood x impact from which a risk must have a mitigation and an owner
MAX_KEY_MESSAGES = 5
MAX_PLAN_BYTES = 2_000_000

CHANNELS = ("instagram", "x", "facebook", "tiktok", "youtube", "whatsapp", "sp4n_lapor", "website",
            "email", "press", "dm")
MEMO_NATURES = ("biasa", "segera", "sangat_segera", "rahasia")  # sifat surat
LAPOR_TYPES = ("none", *workdays.LAPOR_LIMITS)

TOP_LEVEL = ("schema", "scenario", "agency", "title", "prepared_by", "prepared_on", "memo", "issue",
             "crisis", "instructing_information", "adjusting_information", "publics", "stakeholders",
             "risks", "key_messages", "holding_statement", "responses", "approval_chain",
             "monitoring", "evaluation", "cerc")

_PLACEHOLDER = re.compile(r"^\s*(\.\.\.|…|todo|tbd|isi( di sini)?|xxx+|-)\s*$|✏️", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One thing to fix: the field (``risks[2].owner``) and what is wrong, in Indonesian."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"[{self.field}] {self.message}"


# ---------------------------------------------------------------------------------------------
# Reading


def parse(text: str, source: str = "rencana") -> dict:
    """A plan from YAML text; a malformed file raises DataError naming the line."""
    doc = parse_yaml(text, source)
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise DataError("isi file harus berupa pasangan kunci: nilai (lihat contoh di "
                        "datasets/plans/).", file=source)
    return doc


def load(path: str | Path) -> dict:
    """Read a plan file (UTF-8 YAML) with Indonesian errors for missing, binary or huge files."""
    path = Path(path)
    return parse(read_text(path, MAX_PLAN_BYTES, "file rencana", allow_empty=True), path.name)


def dump(plan: dict) -> str:
    """YAML text of a plan, keys in schema order, Unicode kept readable."""
    ordered = {k: plan[k] for k in TOP_LEVEL if k in plan}
    ordered.update({k: v for k, v in plan.items() if k not in ordered})
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)


# ---------------------------------------------------------------------------------------------
# Validation helpers


def channel_names(channels) -> str:
    """Channels as an office writes them: "Instagram, X (Twitter), SP4N-LAPOR"."""
    return ", ".join(names.CHANNELS.get(c, str(c)) for c in channels or [])


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or bool(_PLACEHOLDER.search(value))
    if isinstance(value, list | dict):
        return len(value) == 0
    return False


def _texts(node, path: str = ""):
    """Every string in a plan with its field path (for the personal-data check)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


class _Checker:
    def __init__(self, plan: dict):
        self.plan = plan
        self.problems: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        self.problems.append(Problem(field, message))

    def need(self, node: dict, key: str, path: str, what: str) -> bool:
        """Record a problem when ``node[key]`` is missing or still blank; True when filled."""
        if not isinstance(node, dict) or _blank(node.get(key)):
            self.add(path, f"{what} belum diisi.")
            return False
        return True

    def section(self, key: str, kind: type, what: str):
        value = self.plan.get(key)
        if _blank(value):
            self.add(key, f"{what} belum diisi.")
            return None
        if not isinstance(value, kind):
            shape = "daftar (baris diawali '- ')" if kind is list else "bagian bertingkat (kunci: nilai)"
            self.add(key, f"{what} harus berupa {shape}.")
            return None
        return value

    def enum(self, node: dict, key: str, path: str, allowed, what: str, shown: Mapping) -> str | None:
        """The chosen code; a problem listing the choices (names with codes) when blank or unknown."""
        value = node.get(key) if isinstance(node, dict) else None
        if _blank(value):
            self.add(path, f"{what} belum dipilih. Pilihan: {names.choices(allowed, shown)}.")
            return None
        if value not in allowed:
            self.add(path, f"{what} '{value}' tidak dikenal. Pilihan: {names.choices(allowed, shown)}.")
            return None
        return value

    def when(self, node: dict, key: str, path: str, what: str) -> dt.datetime | None:
        value = node.get(key) if isinstance(node, dict) else None
        if _blank(value):
            self.add(path, f"{what} belum diisi (format 2026-03-16 atau 2026-03-16T09:00:00+07:00).")
            return None
        parsed = as_datetime(value)
        if parsed is None:
            self.add(path, f"{what} '{value}' bukan tanggal yang sah (format 2026-03-16 atau "
                           "2026-03-16T09:00:00+07:00).")
        return parsed


def _named(shown: Mapping, code) -> str:
    """A code as a trainee reads it in a message: its name with the code beside it."""
    return names.with_code(str(shown[code]), str(code)) if code in shown else f"'{code}'"


def posture_message(kind: str, history: bool, prior_reputation: str, posture: str) -> str | None:
    """Why a chosen SCCT posture does not fit the crisis (Indonesian, postures and clusters by
    name with their codes), or None when it fits; a stronger posture than needed is not wrong."""
    rec = crisis.recommend_posture(kind, history, prior_reputation)
    want = rec["posture"]
    if posture == want or posture not in frameworks.POSTURES:
        return None
    chosen, advised = _named(names.POSTURES, posture), _named(names.POSTURES, want)
    if want == "deny":
        return f"Untuk rumor, SCCT menyarankan postur {advised}: membantah dengan bukti, bukan {chosen}."
    if posture == "deny":
        return (f"Postur {chosen} hanya untuk rumor atau tuduhan yang tidak benar; krisis ini nyata "
                f"(klaster {_named(names.CLUSTERS, crisis.cluster_of(kind))}), SCCT menyarankan {advised}.")
    if frameworks.POSTURE_STRENGTH[posture] < frameworks.POSTURE_STRENGTH[want]:
        why = []
        if history:
            why.append("pernah terjadi krisis serupa")
        if prior_reputation == "poor":
            why.append("reputasi sebelumnya buruk")
        reason = f" Ada faktor penguat: {' dan '.join(why)}." if why else ""
        return (f"Postur {chosen} terlalu lemah untuk krisis ini (klaster "
                f"{_named(names.CLUSTERS, crisis.cluster_of(kind))}); SCCT menyarankan {advised}.{reason}")
    return None


def validate(plan: dict) -> list[Problem]:
    """Every problem in a plan, in the order of the document. An empty list means sound."""
    c = _Checker(plan if isinstance(plan, dict) else {})
    p = c.plan
    if p.get("schema") not in (None, SCHEMA):
        c.add("schema", f"versi skema '{p.get('schema')}' tidak dikenal; gunakan '{SCHEMA}'.")
    for key in p:
        if key not in TOP_LEVEL:
            c.add(str(key), f"kunci '{key}' tidak dikenal (salah ketik?). Kunci yang sah: "
                            f"{', '.join(TOP_LEVEL)}.")
    for key, what in (("scenario", "Skenario"), ("agency", "Instansi"), ("title", "Judul rencana"),
                      ("prepared_by", "Penyusun")):
        c.need(p, key, key, what)
    prepared = c.when(p, "prepared_on", "prepared_on", "Tanggal penyusunan")

    memo = c.section("memo", dict, "Kepala nota dinas (memo)")
    if memo is not None:
        c.need(memo, "to", "memo.to", "Tujuan nota dinas (Yth.)")
        c.need(memo, "from", "memo.from", "Pengirim nota dinas (Dari)")
        c.enum(memo, "nature", "memo.nature", MEMO_NATURES, "Sifat nota dinas", names.MEMO_NATURE)

    issue = c.section("issue", dict, "Bagian isu")
    detected = None
    if issue is not None:
        c.need(issue, "summary", "issue.summary", "Ringkasan isu")
        c.enum(issue, "stage", "issue.stage", tuple(frameworks.LIFE_CYCLE), "Tahap siklus hidup isu",
               names.LIFE_CYCLE_STAGES)
        detected = c.when(issue, "detected_at", "issue.detected_at", "Waktu isu terdeteksi")

    is_crisis = _check_crisis(c, p)
    _check_holding(c, p, detected, is_crisis)
    _check_people(c, p)
    _check_risks(c, p, prepared)
    messages = c.section("key_messages", list, "Pesan kunci")
    if messages is not None:
        for i, m in enumerate(messages):
            if _blank(m) or not isinstance(m, str):
                c.add(f"key_messages[{i}]", "Pesan kunci ini kosong atau masih teks contoh.")
        if len(messages) > MAX_KEY_MESSAGES:
            c.add("key_messages", f"Terlalu banyak pesan kunci ({len(messages)}); paling banyak "
                                  f"{MAX_KEY_MESSAGES} agar mudah diingat publik.")
    _check_responses(c, p, detected)
    _check_approval(c, p, detected)
    _check_monitoring(c, p, detected)
    if is_crisis:
        cerc = c.section("cerc", dict, "Daftar periksa CERC")
        if cerc is not None:
            for key, (name, question) in names.CERC_PRINCIPLES.items():
                if _blank(cerc.get(key)):
                    c.add(f"cerc.{key}", f"Prinsip CERC '{name}' belum dijawab: {question}")
                elif not isinstance(cerc.get(key), str):
                    c.add(f"cerc.{key}", f"Jawaban prinsip CERC '{name}' harus berupa kalimat. Bila "
                                         "memuat titik dua (:), apit seluruh kalimat dengan tanda kutip.")
    official = contacts.official()
    for path, text in _texts(p):
        found = find_identifiers(text, official)
        if found:
            kinds = ", ".join(sorted({k.upper() for k, _, _ in found}))
            c.add(path, f"Memuat data pribadi ({kinds}). Hapus atau samarkan sesuai UU 27/2022 "
                        "tentang Pelindungan Data Pribadi.")
    return c.problems


def _check_crisis(c: _Checker, p: dict) -> bool:
    cr = c.section("crisis", dict, "Analisis krisis (SCCT)")
    if cr is None:
        return False
    if not isinstance(cr.get("is_crisis"), bool):
        c.add("crisis.is_crisis", "Tentukan apakah ini krisis: isi true atau false.")
        return False
    if not cr["is_crisis"]:
        return False
    kind = c.enum(cr, "kind", "crisis.kind", tuple(frameworks.CRISIS_KINDS), "Jenis krisis",
                  names.CRISIS_KINDS)
    cluster = c.enum(cr, "cluster", "crisis.cluster", tuple(frameworks.CLUSTERS), "Klaster krisis",
                     names.CLUSTERS)
    if kind and cluster and crisis.cluster_of(kind) != cluster:
        c.add("crisis.cluster", f"Menurut SCCT, jenis {_named(names.CRISIS_KINDS, kind)} termasuk klaster "
                                f"{_named(names.CLUSTERS, crisis.cluster_of(kind))}, bukan "
                                f"{_named(names.CLUSTERS, cluster)}.")
    if not isinstance(cr.get("history"), bool):
        c.add("crisis.history", "Riwayat krisis serupa: isi true atau false.")
    reputation = c.enum(cr, "prior_reputation", "crisis.prior_reputation", frameworks.REPUTATIONS,
                        "Reputasi sebelum krisis", names.REPUTATIONS)
    posture = c.enum(cr, "posture", "crisis.posture", tuple(frameworks.POSTURES), "Postur respons",
                     names.POSTURES)
    if kind and posture and reputation and isinstance(cr.get("history"), bool):
        problem = posture_message(kind, cr["history"], reputation, posture)
        if problem:
            c.add("crisis.posture", problem)
    c.need(cr, "rationale", "crisis.rationale", "Alasan memilih postur")
    c.enum(cr, "cerc_phase", "crisis.cerc_phase", tuple(frameworks.CERC_PHASES), "Fase CERC saat ini",
           names.CERC_PHASES)
    c.need(p, "instructing_information", "instructing_information",
           "Informasi instruksi (apa yang harus dilakukan warga untuk melindungi diri; SCCT: "
           "selalu pertama)")
    c.need(p, "adjusting_information", "adjusting_information",
           "Informasi penyesuaian (empati dan tindakan perbaikan; SCCT: selalu pertama)")
    scenario_id = p.get("scenario")
    if kind and isinstance(scenario_id, str):
        known = scenarios.all_scenarios()
        if scenario_id in known and known[scenario_id]["kind"] != kind:
            c.add("crisis.kind", f"Skenario '{scenario_id}' adalah jenis "
                                 f"{_named(names.CRISIS_KINDS, known[scenario_id]['kind'])}, bukan "
                                 f"{_named(names.CRISIS_KINDS, kind)}. Baca lagi fakta skenarionya.")
    return True


def _check_holding(c: _Checker, p: dict, detected, is_crisis: bool) -> None:
    hs = p.get("holding_statement")
    if _blank(hs):
        if is_crisis:
            c.add("holding_statement", f"Tidak ada pernyataan sementara (holding statement). Dalam "
                                       f"krisis, terbitkan dalam {HOLDING_STATEMENT_HOURS} jam "
                                       "pertama (CERC: jadilah yang pertama).")
        return
    if not isinstance(hs, dict):
        c.add("holding_statement", "Pernyataan sementara harus berisi text, publish_by dan channels.")
        return
    c.need(hs, "text", "holding_statement.text", "Teks pernyataan sementara")
    when = c.when(hs, "publish_by", "holding_statement.publish_by", "Batas waktu terbit pernyataan")
    channels = hs.get("channels")
    if _blank(channels) or not isinstance(channels, list):
        c.add("holding_statement.channels", "Sebutkan kanal terbitnya pernyataan sementara (daftar).")
    else:
        bad = [ch for ch in channels if ch not in CHANNELS]
        if bad:
            c.add("holding_statement.channels", f"Kanal tidak dikenal: {', '.join(map(str, bad))}. "
                                                f"Pilihan: {names.choices(CHANNELS, names.CHANNELS)}.")
    if when and detected:
        if when < detected:
            c.add("holding_statement.publish_by", "Batas terbit pernyataan sementara lebih awal "
                                                  "daripada waktu isu terdeteksi.")
        elif is_crisis and when - detected > dt.timedelta(hours=HOLDING_STATEMENT_HOURS):
            hours = (when - detected).total_seconds() / 3600
            c.add("holding_statement.publish_by",
                  f"Pernyataan sementara baru terbit {formats.hours(hours)} setelah isu terdeteksi "
                  f"({formats.date_time(detected)}). Dalam krisis, terbitkan paling lambat "
                  f"{HOLDING_STATEMENT_HOURS} jam, yaitu "
                  f"{formats.date_time(detected + dt.timedelta(hours=HOLDING_STATEMENT_HOURS))}.")


def _check_people(c: _Checker, p: dict) -> None:
    for key, what, fields in (("publics", "Publik sasaran", ("name", "interest")),
                              ("stakeholders", "Pemangku kepentingan", ("name", "role"))):
        items = c.section(key, list, what)
        for i, item in enumerate(items or []):
            for field in fields:
                label = {"name": "Nama", "interest": "Kepentingan/kekhawatiran", "role": "Peran"}[field]
                c.need(item, field, f"{key}[{i}].{field}", f"{label} ({what.lower()} ke-{i + 1})")


def _check_risks(c: _Checker, p: dict, prepared) -> None:
    risks = c.section("risks", list, "Daftar risiko")
    seen = set()
    for i, risk in enumerate(risks or []):
        path = f"risks[{i}]"
        if not isinstance(risk, dict):
            c.add(path, "Setiap risiko harus berisi id, description, likelihood, impact, dst.")
            continue
        rid = risk.get("id") or f"ke-{i + 1}"
        if risk.get("id") in seen:
            c.add(f"{path}.id", f"Kode risiko '{rid}' dipakai dua kali.")
        seen.add(risk.get("id"))
        c.need(risk, "id", f"{path}.id", f"Kode risiko {i + 1}")
        c.need(risk, "description", f"{path}.description", f"Uraian risiko {rid}")
        c.enum(risk, "category", f"{path}.category", frameworks.RISK_CATEGORIES, f"Kategori risiko {rid}",
               names.RISK_CATEGORIES)
        scores = []
        for key, what in (("likelihood", "Kemungkinan"), ("impact", "Dampak")):
            value = risk.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                c.add(f"{path}.{key}", f"{what} risiko {rid} harus bilangan bulat 1 sampai 5"
                                       + (f", bukan '{value}'." if value is not None else "."))
            else:
                scores.append(value)
        if len(scores) == 2:
            score = scores[0] * scores[1]
            if score >= HIGH_RISK:
                for key, what in (("mitigation", "mitigasi"), ("owner", "penanggung jawab")):
                    if _blank(risk.get(key)):
                        c.add(f"{path}.{key}",
                              f"Risiko {rid} bernilai {score} (kemungkinan {scores[0]} × dampak "
                              f"{scores[1]}, {names.RISK_LEVELS[crisis.risk_level(score)]}) tetapi belum "
                              f"punya {what}.")
            else:
                c.need(risk, "owner", f"{path}.owner", f"Penanggung jawab risiko {rid}")
        review = c.when(risk, "review_date", f"{path}.review_date", f"Tanggal tinjau risiko {rid}")
        if review and prepared and review.date() < prepared.date():
            c.add(f"{path}.review_date", f"Tanggal tinjau risiko {rid} "
                                         f"({formats.date_time(review.date())}) lebih "
                                         f"awal daripada tanggal penyusunan rencana.")


def _check_responses(c: _Checker, p: dict, detected) -> None:
    responses = c.section("responses", list, "Respons per kanal")
    for i, r in enumerate(responses or []):
        path = f"responses[{i}]"
        if not isinstance(r, dict):
            c.add(path, "Setiap respons harus berisi channel, audience, message, owner, due.")
            continue
        c.enum(r, "channel", f"{path}.channel", CHANNELS, f"Kanal respons {i + 1}", names.CHANNELS)
        c.need(r, "audience", f"{path}.audience", f"Sasaran respons {i + 1}")
        c.need(r, "message", f"{path}.message", f"Isi respons {i + 1}")
        c.need(r, "owner", f"{path}.owner", f"Penanggung jawab respons {i + 1}")
        due = c.when(r, "due", f"{path}.due", f"Tenggat respons {i + 1}")
        lapor = r.get("lapor_type", "none")
        if lapor not in LAPOR_TYPES:
            c.add(f"{path}.lapor_type", f"Jenis SP4N-LAPOR '{lapor}' tidak dikenal. Pilihan: "
                                        f"{names.choices(LAPOR_TYPES, names.LAPOR_TYPES)}.")
            continue
        received = None
        if lapor != "none":
            received = c.when(r, "received_at", f"{path}.received_at",
                              f"Waktu diterimanya laporan untuk respons {i + 1}")
        elif not _blank(r.get("received_at")):
            received = as_datetime(r.get("received_at"))
        start = received or detected
        if due and start and due < start:
            c.add(f"{path}.due", f"Tenggat respons {i + 1} ({formats.date_time(due)}) lebih awal daripada "
                                 f"waktu diterimanya ({formats.date_time(start)}).")
        if lapor != "none" and due and received:
            limit = workdays.LAPOR_LIMITS[lapor]
            latest = workdays.add_working_days(received, limit)
            if due.astimezone(WIB).date() > latest:
                off = workdays.holidays_between(received, due)
                note = ""
                if off:
                    note = " Hari libur di rentang ini: " + "; ".join(
                        f"{formats.date_time(d)} ({name})" for d, name in off) + "."
                due_day, received_day = due.astimezone(WIB).date(), received.astimezone(WIB).date()
                c.add(f"{path}.due",
                      f"Jawaban {_named(names.LAPOR, lapor)} jatuh tempo {formats.date_time(due_day)}, "
                      f"padahal SP4N-LAPOR memberi {limit} hari kerja sejak diterima "
                      f"{formats.date_time(received_day)}: paling lambat {formats.date_time(latest)}.{note}")


def _check_approval(c: _Checker, p: dict, detected) -> None:
    chain = c.section("approval_chain", list, "Rantai persetujuan")
    total = 0
    for i, step in enumerate(chain or []):
        path = f"approval_chain[{i}]"
        c.need(step, "role", f"{path}.role", f"Jabatan penyetuju ke-{i + 1}")
        minutes = step.get("minutes") if isinstance(step, dict) else None
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
            c.add(f"{path}.minutes", f"Waktu persetujuan ke-{i + 1} harus menit (bilangan bulat > 0).")
        else:
            total += minutes
    hs = p.get("holding_statement")
    publish = as_datetime(hs.get("publish_by")) if isinstance(hs, dict) else None
    if chain and detected and publish and publish >= detected:
        window = (publish - detected).total_seconds() / 60
        if total > window:
            c.add("approval_chain", f"Rantai persetujuan butuh {total} menit, padahal pernyataan "
                                    f"sementara harus terbit {window:.0f} menit setelah isu "
                                    "terdeteksi. Persingkat rantainya atau beri wewenang "
                                    "pernyataan sementara ke tingkat yang lebih rendah.")


def _check_monitoring(c: _Checker, p: dict, detected) -> None:
    mon = c.section("monitoring", dict, "Pemantauan")
    if mon is not None:
        kpis = mon.get("kpis")
        if _blank(kpis) or not isinstance(kpis, list):
            c.add("monitoring.kpis", "Tentukan minimal satu indikator (KPI) pemantauan beserta target.")
        else:
            for i, k in enumerate(kpis):
                c.need(k, "name", f"monitoring.kpis[{i}].name", f"Nama indikator ke-{i + 1}")
                c.need(k, "target", f"monitoring.kpis[{i}].target", f"Target indikator ke-{i + 1}")
                c.need(k, "source", f"monitoring.kpis[{i}].source", f"Sumber data indikator ke-{i + 1}")
        hours = mon.get("review_every_hours")
        if isinstance(hours, bool) or not isinstance(hours, int | float) or hours <= 0:
            c.add("monitoring.review_every_hours", "Seberapa sering pemantauan ditinjau (jam, > 0)?")
    ev = c.section("evaluation", dict, "Evaluasi")
    if ev is not None:
        when = c.when(ev, "date", "evaluation.date", "Tanggal evaluasi")
        c.need(ev, "method", "evaluation.method", "Metode evaluasi")
        if _blank(ev.get("questions")) or not isinstance(ev.get("questions"), list):
            c.add("evaluation.questions", "Tuliskan pertanyaan evaluasi (daftar).")
        if when and detected and when <= detected:
            c.add("evaluation.date", "Tanggal evaluasi harus sesudah isu terdeteksi.")


def example_path(scenario_id: str) -> Path:
    """Where the kit's complete example plan for a scenario lives (it may not exist)."""
    return data_dir() / "plans" / f"{scenario_id}.yaml"


def example(scenario_id: str) -> dict | None:
    """The kit's complete example plan for a scenario, or None when there is none."""
    path = example_path(scenario_id)
    return load(path) if path.exists() else None


def validate_file(path: str | Path) -> list[Problem]:
    return validate(load(path))


# ---------------------------------------------------------------------------------------------
# Skeletons


def skeleton(scenario_id: str) -> str:
    """YAML text of an unfilled plan for a scenario: what is known is filled in, the rest is blank
    with an Indonesian comment on what to write. It does not validate until completed."""
    s = scenarios.get(scenario_id)
    return templates.render(
        "plan_skeleton.yaml.j2", s=s, schema=SCHEMA, today=s["start"].date().isoformat(),
        start=s["start"].isoformat(),
        kinds=names.choices(frameworks.CRISIS_KINDS, names.CRISIS_KINDS),
        clusters=names.choices(frameworks.CLUSTERS, names.CLUSTERS),
        reputations=names.choices(names.REPUTATIONS, names.REPUTATIONS),
        natures=names.choices(MEMO_NATURES, names.MEMO_NATURE),
        postures=names.choices(frameworks.POSTURES, names.POSTURES),
        stages=names.choices(frameworks.LIFE_CYCLE, names.LIFE_CYCLE_STAGES),
        phases=names.choices(frameworks.CERC_PHASES, names.CERC_PHASES),
        categories=names.choices(frameworks.RISK_CATEGORIES, names.RISK_CATEGORIES),
        channels=names.choices(CHANNELS, names.CHANNELS),
        lapor=names.choices(LAPOR_TYPES, names.LAPOR_TYPES), cerc=names.CERC_PRINCIPLES,
        hours=HOLDING_STATEMENT_HOURS,
    )
