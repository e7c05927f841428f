"""Rewrite the hidden tests of the kit's own solutions/ with humaskit.course.hidden (issue 12).

Every hidden block gets what it needs itself: literal keys (computed here by the kit's own
functions), the answer re-read by the kit's reader imported inside the block, built-ins through
``import builtins as _b``. Run from the repository root after changing a key, the corpus or the
exercise tables, then ``humaskit assignments generate`` and ``check``/``verify``:

    PYTHONPATH=src python scripts/rewrite_hidden_tests.py

Idempotent: a second run changes nothing.
"""
# ruff: noqa: E501  (the long lines are the generated notebook code, kept as written there)
import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd

from humaskit.coding import agreement, classify, timeline
from humaskit.course import hidden
from humaskit.course import variants as v
from humaskit.data import corpus
from humaskit.maturity import evidence
from humaskit.response import workdays

ROOT = Path(".")


def load(aid):
    path = next((ROOT / "solutions" / aid).glob("*.ipynb"))
    return path, json.loads(path.read_text(encoding="utf-8"))


def save(path, nb):
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def hid(nb, gid):
    m = re.search(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", v._source(v._cell(nb, gid)), re.S)
    return m.group(1)


# -- 00
path, nb = load("00-latihan-orientasi")
v._hidden(v._cell(nb, "cek_jawaban_1"), hidden.single(
    "_jawaban_1", "soal_1", 'Choice("ABCD")', "Soal 1", "str", v._recorded(nb, "jawaban_1", "soal_1"),
    f"{v.PRINCIPLES_NOTE} Viral bukan salah satunya."))
v._hidden(v._cell(nb, "cek_jawaban_2"), hidden.single(
    "_jawaban_2", "soal_2", "Integer(1, 60)", "Soal 2", "int", 3, "Tanggapan pertama paling lambat 3 hari kerja."))
save(path, nb)

# -- 01
path, nb = load("01-klasifikasi-unggahan")
first = v._cell(nb, "cek_koding_6")
key, reasons = v._literal(first, "_kunci_a"), v._literal(first, "_alasan_a")
for gid in v._grade_ids(nb, "cek_koding_"):
    need = int(re.search(r"assert _sesuai >= (\d+)", v._source(v._cell(nb, gid))).group(1))
    v._hidden(v._cell(nb, gid), hidden.coding(need, key, reasons))
counts = v._literal(v._cell(nb, "kode-22"), "HITUNGAN")
letter, why = v.confusion_key(counts)
assert letter == v._recorded(nb, "jawaban_b", "b_pasangan"), letter
v._hidden(v._cell(nb, "cek_jawaban_b"), hidden.single(
    "_jawaban_b", "b_pasangan", 'Choice("ABCD")', "Bagian B", "str", letter, why))
# optional data parts: read the trainee's object into plain values first; keys as literals

posts = corpus.load_posts()
share = {str(k): round(float(x), 6) for k, x in timeline.dialogic_share(posts, "account").items()}
v._hidden(v._cell(nb, "cek_dialogis_per_akun"), (
    "import builtins as _b\n\nfrom humaskit.course import answers as _jawaban\n\n"
    'assert not _jawaban.skipped(dialogis_per_akun), "D1 tidak dikerjakan (bagian opsional): tidak ada poin tambahan."\n'
    f"_acuan = {hidden._q(share)}\n"
    "_milik = {_b.str(_k): _b.float(_x) for _k, _x in dialogis_per_akun.items()}\n"
    'assert _b.sorted(_milik) == _b.sorted(_acuan), "Indeks harus nama akun (kolom account)."\n'
    "assert [_k for _k in _acuan if not _b.abs(_milik[_k] - _acuan[_k]) <= 0.006] == [], (\n"
    '    "Ada pangsa dialogis yang tidak sesuai hitungan kit.")\n'))
g = corpus.load_gold()
ka, kb = g["coder_a"].astype(str).tolist(), g["coder_b"].astype(str).tolist()
kg = g["gold_label"].astype(str).tolist()
kd = [str(x) for x in classify.KeywordBaseline().predict(posts.set_index("post_id").loc[g["post_id"], "text"])]
k_ab, k_gd = float(agreement.cohen_kappa(ka, kb)), float(agreement.cohen_kappa(kg, kd))
v._hidden(v._cell(nb, "cek_kappa_nilai"), (
    "import builtins as _b\n\n"
    'assert contoh_kappa is not None, "D2 tidak dikerjakan (bagian opsional): tidak ada poin tambahan."\n'
    "from humaskit.coding import classify as _classify\n"
    "from humaskit.data import corpus as _corpus\n\n"
    '_sama = ["dialogic_loop", "useful_information", "non_dialogic", "useful_information"]\n'
    'assert _b.abs(_b.float(kappa_dua_pengode(_sama, _b.list(_sama))) - 1.0) < 1e-9, "Dua daftar yang sama harus memberi kappa 1,0."\n'
    "_g = _corpus.load_gold()\n"
    '_ka, _kb = [_b.str(_x) for _x in _g["coder_a"]], [_b.str(_x) for _x in _g["coder_b"]]\n'
    f"assert _b.abs(_b.float(kappa_dua_pengode(_ka, _kb)) - {k_ab!r}) < 1e-6, (\n"
    '    "Kappa kedua pengode rujukan tidak sesuai agreement.cohen_kappa.")\n'
    '_kg = [_b.str(_x) for _x in _g["gold_label"]]\n'
    "_kd = [_b.str(_x) for _x in _classify.KeywordBaseline().predict(\n"
    '    _corpus.load_posts().set_index("post_id").loc[_g["post_id"], "text"])]\n'
    f"assert _b.abs(_b.float(kappa_dua_pengode(_kg, _kd)) - {k_gd!r}) < 1e-6, (\n"
    '    "Kappa kode rujukan lawan model kata kunci tidak sesuai agreement.cohen_kappa.")\n'))
p_ = ["non_dialogic", "useful_information", "dialogic_loop", "useful_information", "return_visits", "non_dialogic", "x"]
q_ = ["useful_information", "useful_information", "dialogic_loop", "non_dialogic", "return_visits", "conservation_of_visitors", "x"]
edge = [float(agreement.cohen_kappa(a, b)) for a, b in ((p_, q_), (q_, p_), (p_[::-1], q_[::-1]))]
v._hidden(v._cell(nb, "cek_kappa_tepi"), (
    "import builtins as _b\n\n"
    'assert contoh_kappa is not None, "D2 tidak dikerjakan (bagian opsional): tidak ada poin tambahan."\n'
    "_galat_panjang = False\n"
    "try:\n"
    '    kappa_dua_pengode(["dialogic_loop", "non_dialogic"], ["dialogic_loop"])\n'
    "except _b.ValueError:\n"
    "    _galat_panjang = True\n"
    'assert _galat_panjang is True, "Daftar yang panjangnya berbeda harus memunculkan ValueError."\n'
    f"_p = {hidden._q(p_)}\n"
    f"_q = {hidden._q(q_)}\n"
    f"for _u, _v, _kunci in ((_p, _q, {edge[0]!r}), (_q, _p, {edge[1]!r}), (_p[::-1], _q[::-1], {edge[2]!r})):\n"
    "    assert _b.abs(_b.float(kappa_dua_pengode(_u, _v)) - _kunci) < 1e-9, (\n"
    '        "Kappa berubah bila urutan label atau urutan pengode ditukar: periksa p_e.")\n'))
save(path, nb)

# -- 02
path, nb = load("02-kematangan")
for q in ("a1", "a2"):
    cell = v._cell(nb, f"cek_jawaban_{q}")
    facts = v._literal(cell, f"_fakta_jawaban_{q}")
    level, why = v.level_key(facts)
    assert level == int(re.sub(r"\D", "", str(v._recorded(nb, f"jawaban_{q}", f"{q}_tingkat")))), level
    v._hidden(cell, hidden.single(f"_tingkat_{q}", f"{q}_tingkat", "Integer(1, 5)", f"Soal {q.upper()}", "int",
                                  level, why, head=f"_fakta_jawaban_{q} = {facts!r}\n"))
v._hidden(v._cell(nb, "cek_jawaban_b_dasar"), hidden.steps(
    ["B", "C", "F"],
    "Ada langkah yang bukan untuk tingkat 3: A (tingkat 5), D (tingkat 4, kolaborasi), E (tidak membantu "
    "naik tingkat). Naik satu tingkat setiap kali.", "Pilih sedikitnya dua langkah tingkat 3."))
v._hidden(v._cell(nb, "cek_jawaban_b_tepat"), hidden.steps_exact(
    ["B", "C", "F"],
    "Langkah tingkat 3 (partisipasi terbuka) adalah B (SOP membalas), C (ajakan berpendapat rutin) "
    "dan F (merangkum masukan dan mengumumkan tindak lanjut)."))
ns = {"pd": pd}
exec(v._source(v._cell(nb, "kode-25")).replace("\nkomentar\n", "\n"), ns)

threads, _ = evidence.answered_threads(corpus.validate_comments(ns["tabel_latihan"]()))
asked = threads[evidence.needs_answer(threads)]
rate, median = float(asked["answered"].mean()), float(asked["response_hours"].median())
v._hidden(v._cell(nb, "cek_tingkat_respons"), (
    "import builtins as _b\n\nfrom humaskit.course import answers as _jawaban\n\n"
    'assert not _jawaban.skipped(tingkat_respons), "D1 tidak dikerjakan (bagian opsional): tidak ada poin tambahan."\n'
    f"_rate_kit = {round(rate, 6)!r}  # evidence.answered_threads on the exercise table\n"
    "assert _b.abs(_b.float(tingkat_respons) - _rate_kit) <= 0.01, (\n"
    f'    "Tingkat respons menurut kit {rate:.2f}. Periksa: hanya pertanyaan dan keluhan warga yang "\n'
    '    "dihitung, dan balasan yang tercatat lebih awal tetap dihitung terjawab.")\n'))
v._hidden(v._cell(nb, "cek_median_respons"), (
    "import builtins as _b\n\nfrom humaskit.course import answers as _jawaban\n\n"
    'assert not _jawaban.skipped(median_jam_respons), "D2 tidak dikerjakan (bagian opsional): tidak ada poin tambahan."\n'
    f"_median_kit = {round(median, 6)!r}  # evidence.answered_threads on the exercise table\n"
    "assert _b.abs(_b.float(median_jam_respons) - _median_kit) <= 0.01, (\n"
    f'    "Median menurut kit {median:.2f} jam. Periksa: zona waktu disamakan, balasan paling awal yang "\n'
    '    "dipakai, dan waktu negatif dibuang.")\n'))
save(path, nb)

# -- 03
path, nb = load("03-rencana-respons")
first = v._cell(nb, v._grade_ids(nb, "cek_triase_a_")[0])
key, why = v._literal(first, "_kunci_a"), v._literal(first, "_alasan_a")
for gid in v._grade_ids(nb, "cek_triase_a_"):
    v._hidden(v._cell(nb, gid), hidden.triage(tuple(int(d) for d in gid.removeprefix("cek_triase_a_")), key, why))
for gid, first_n in (("cek_skor_b_12", 1), ("cek_skor_b_34", 3)):
    rows = v._risk_rows(v._cell(nb, gid))
    v._hidden(v._cell(nb, gid), hidden.risks((first_n, first_n + 1), rows))
v._hidden(v._cell(nb, "cek_risiko_tinggi_b"), hidden.single(
    "_kode_b2", "b2_risiko", 'Choice(("R1", "R2", "R3", "R4"))', "Soal B2", "str", "R2",
    "Hanya R2 yang bernilai 15 ke atas (4 × 4 = 16). R1 dan R3 bernilai 10 (tinggi, belum wajib): "
    "kemungkinan atau dampaknya yang sangat tinggi tidak cukup sendirian."))

due = workdays.add_working_days(dt.date(2026, 3, 17), workdays.LAPOR_LIMITS["complaint"])
v._hidden(v._cell(nb, "cek_tenggat_b"), hidden.deadline(
    due.isoformat(),
    f"Paling lambat Selasa, {due:%d-%m-%Y}. Hari diterima (17 Maret) tidak dihitung; 18-24 Maret libur "
    "Nyepi, Idulfitri dan cuti bersama, ditambah akhir pekan. Lima hari kerjanya: 25, 26, 27, 30, dan 31 Maret."))
for gid in v._grade_ids(nb, "cek_c"):
    cell = v._cell(nb, gid)
    n = gid[5]
    body = hid(nb, gid)
    if "_plan_fix" in body:  # already rewritten
        continue
    body = re.sub(r"\bmasalah_c(\d)\b", r"_masalah_c\1", body)
    body = re.sub(r"\brencana_c\b", "_rencana_c", body)
    body = re.sub(r"(?<![_.\w])plan_fix\.", "_plan_fix.", body)
    body = re.sub(r"(?<![_.\w])(len|str)\(", r"_b.\1(", body)
    head = ("import builtins as _b\n\nfrom humaskit.course import plan_fix as _plan_fix\n\n"
            f'_masalah_c{n} = _plan_fix.check_group(KONSEP_C, BAGIAN_C, "{n}")\n'
            "_rencana_c = _plan_fix.with_answers(KONSEP_C, BAGIAN_C)\n")
    body = body.replace(f"assert not _masalah_c{n},", f"assert _masalah_c{n} == [],")
    v._hidden(cell, head + body)
save(path, nb)
