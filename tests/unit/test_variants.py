"""Cohort variants (course/variants.py): each seed rewrites items and keys together, the same seed
gives the same variant, and the keys a variant records are the ones its hidden tests compute.
(tests/e2e/test_variants_graded.py grades three seeds' variants with nbgrader.)"""

from __future__ import annotations

import ast
import json
import random

import pytest
from support import ROOT

from humaskit.core.errors import DataError
from humaskit.course import grading, markers, variants
from humaskit.data import names

SEEDS = (1, 2, 3)
AIDS = grading.assignment_ids(ROOT)


def cell(nb: dict, grade_id: str) -> str:
    return variants._source(variants._cell(nb, grade_id))


def recorded(nb: dict) -> dict[str, object]:
    """Question id -> the answer the solution regions record."""
    found = {}
    for c in nb["cells"]:
        text = variants._source(c)
        if "### BEGIN SOLUTION" not in text or c["cell_type"] != "code":
            continue
        region = text.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
        for line in region.splitlines():
            if line.strip().startswith("tanya.record("):
                call = ast.parse(line.strip()).body[0].value
                found[call.args[0].value] = call.args[1].value
    return found


def literal(text: str, name: str):
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(name)


@pytest.fixture(scope="module")
def made() -> dict[tuple[int, str], tuple[dict, list[str]]]:
    return {(seed, aid): variants.variant_notebook(ROOT, aid, seed) for seed in SEEDS for aid in AIDS}


@pytest.mark.parametrize("aid", AIDS)
def test_every_assignment_has_a_variant_rule_and_seeds_differ(aid, made):
    assert aid in variants.REWRITES
    assert recorded(made[1, aid][0]) != recorded(made[2, aid][0]), f"{aid}: seeds 1 and 2 give the same keys"
    assert made[1, aid][1] and made[1, aid][1] != made[2, aid][1]


@pytest.mark.parametrize("aid", AIDS)
def test_the_same_seed_gives_the_same_variant_and_the_kit_source_is_untouched(aid, made):
    before = (ROOT / "solutions" / aid / f"{aid}.ipynb").read_text(encoding="utf-8")
    again, _ = variants.variant_notebook(ROOT, aid, 1)
    assert json.dumps(again, sort_keys=True) == json.dumps(made[1, aid][0], sort_keys=True)
    assert (ROOT / "solutions" / aid / f"{aid}.ipynb").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(("seed", "aid"), [(s, a) for s in SEEDS for a in AIDS])
def test_a_variant_is_a_clean_nbgrader_source(seed, aid, made):
    nb = made[seed, aid][0]
    assert [slip for c in nb["cells"] for slip in markers.cell_slips(c)] == []
    for c in nb["cells"]:
        if c["cell_type"] == "code":
            ast.parse(variants._source(c))  # every code cell still parses


@pytest.mark.parametrize("seed", SEEDS)
def test_orientation_keys_match_the_options(seed, made):
    nb = made[seed, "00-latihan-orientasi"][0]
    key = recorded(nb)
    answer = cell(nb, "jawaban_1")
    options = ast.literal_eval(answer[answer.index('{"A"'):answer.rindex("})") + 1])
    odd = options[key["soal_1"]]
    assert odd in ("Viral", "Populer", "Menghibur", "Eksklusif")
    assert all(v in ("Kredibel", "Integritas", "Profesional", "Responsif", "Terintegrasi", "Representatif")
               for k, v in options.items() if k != key["soal_1"])
    assert f'assert _jawaban_1 == "{key["soal_1"]}"' in cell(nb, "cek_jawaban_1")
    days = int(str(key["soal_2"]).split()[0])
    assert f"assert _jawaban_2 == {days}," in cell(nb, "cek_jawaban_2")
    assert (key["soal_1"], days) != ("C", 3) and key["soal_1"] != "C" and days != 3  # never the public key


@pytest.mark.parametrize("seed", SEEDS)
def test_coding_keys_match_the_posts_and_the_matrix(seed, made):
    from humaskit.data import codebook
    from humaskit.ui import plots

    nb = made[seed, "01-klasifikasi-unggahan"][0]
    key = recorded(nb)
    letters = "".join(str(key[f"unggahan_{n}"]) for n in range(1, 11))
    assert set(letters) == set("ABCDE")
    posts = literal(cell(nb, "kode-09"), "UNGGAHAN")
    pool = {p["teks"]: p["label"] for p in variants.load_pool(ROOT)["unggahan"]}
    for grade_id in ("cek_koding_6", "cek_koding_8", "cek_koding_9"):
        text = cell(nb, grade_id)
        assert literal(text, "_kunci_a") == letters and len(literal(text, "_alasan_a")) == 10
    for post, letter in zip(posts, letters, strict=True):
        if post["teks"] in pool:
            assert pool[post["teks"]] == letter
    counts = literal(cell(nb, "kode-22"), "HITUNGAN")
    assert sum(map(sum, counts)) == 200
    order = list(codebook.LABEL_IDS)
    truth = [order[i] for i, row in enumerate(counts) for j, n in enumerate(row) for _ in range(n)]
    model = [order[j] for i, row in enumerate(counts) for j, n in enumerate(row) for _ in range(n)]
    x, y, _ = plots.most_confused(truth, model)
    pair = {order[i] for i in variants.ANSWER_PAIRS[str(key["b_pasangan"])]}
    assert pair == {x, y}
    biggest = max(counts[i][j] for i in range(5) for j in range(5) if i != j)
    assert f"Sel terbesar di luar diagonal ({biggest} unggahan)" in cell(nb, "cek_jawaban_b")


@pytest.mark.parametrize("seed", SEEDS)
def test_maturity_keys_are_the_ladder_of_the_shown_evidence(seed, made):
    from humaskit.maturity import levels

    nb = made[seed, "02-kematangan"][0]
    key = recorded(nb)
    for question, text_cell in (("a1", "teks-08"), ("a2", "teks-09")):
        facts = literal(cell(nb, f"cek_jawaban_{question}"), f"_fakta_jawaban_{question}")
        assert levels.ladder(levels.OUTCOME_CRITERIA, facts)[0] == key[f"{question}_tingkat"]
        assert variants.evidence_table(facts) in cell(nb, text_cell)
        rate = round(facts["response_rate"] * 100)
        assert f"| pertanyaan & keluhan warga yang dijawab | {rate}% |" in cell(nb, text_cell)


@pytest.mark.parametrize("seed", SEEDS)
def test_response_keys_match_the_comments(seed, made):
    nb = made[seed, "03-rencana-respons"][0]
    key = recorded(nb)
    comments = literal(cell(nb, "kode-08a"), "KOMENTAR_A")
    assert len(comments) == 8 and [c["jam"] for c in comments] == sorted(c["jam"] for c in comments)
    pool = variants.load_pool(ROOT)["komentar"]
    hard = {c["teks"] for c in pool if c["sulit"]}
    source = json.loads((ROOT / "solutions" / "03-rencana-respons" / "03-rencana-respons.ipynb").read_text())
    own = literal(cell(source, "kode-08a"), "KOMENTAR_A")
    hard |= {own[n - 1]["teks"] for n in variants.HARD_IN_ASSIGNMENT}
    assert sum(c["teks"] in hard for c in comments) == 2  # the notebook says: two are harder
    assert all(key[f"a_komentar_{n}"] in names.TRIAGE for n in range(1, 9))
    checks = variants._grade_ids(nb, "cek_triase_a_")
    assert len(checks) == 4
    for grade_id in checks:
        assert literal(cell(nb, grade_id), "_kunci_a") == {f"a_komentar_{n}": key[f"a_komentar_{n}"]
                                                            for n in range(1, 9)}


def test_the_pool_is_well_formed():
    pool = variants.load_pool(ROOT)
    assert {p["label"] for p in pool["unggahan"]} == set("ABCDE")
    assert {c["label"] for c in pool["komentar"]} <= set(names.TRIAGE)
    assert all(p["alasan"].endswith(".") for p in pool["unggahan"] + pool["komentar"])
    assert len(pool["prinsip"]) == 6 and not set(pool["prinsip"]) & set(pool["bukan_prinsip"])


def test_confusion_counts_always_have_one_most_confused_pair():
    for n in range(200):
        rng = random.Random(n)
        answer = rng.choice("ABCD")
        counts, decoy = variants.confusion_counts(rng, answer)
        x, y = variants.ANSWER_PAIRS[answer]
        assert counts[x][y] + counts[y][x] > decoy > max(counts[x][y], counts[y][x])


def test_a_variant_is_never_written_into_the_repository_or_over_files(tmp_path):
    with pytest.raises(DataError, match="di dalam repositori"):
        variants.write_course(ROOT, ROOT / "varian-1", 1)
    (tmp_path / "lama.txt").write_text("milik pelatih", encoding="utf-8")
    with pytest.raises(DataError, match="sudah berisi file"):
        variants.write_course(ROOT, tmp_path, 1)
    assert (tmp_path / "lama.txt").read_text(encoding="utf-8") == "milik pelatih"


def test_a_changed_source_gives_a_clear_error(monkeypatch):
    def broken(nb, rng, pool):
        variants._cell(nb, "no-such-cell")
        return []

    monkeypatch.setitem(variants.REWRITES, "00-latihan-orientasi", broken)
    with pytest.raises(variants.TemplateChanged, match="update humaskit/course/variants.py"):
        variants.variant_notebook(ROOT, "00-latihan-orientasi", 1)


@pytest.mark.parametrize("seed", SEEDS)
def test_maturity_steps_key_is_every_step_of_the_next_level(seed, made):
    import re

    nb = made[seed, "02-kematangan"][0]
    key = recorded(nb)
    start = int(re.search(r"naik dari tingkat (\d) ke", cell(nb, "teks-10")).group(1))
    answer = cell(nb, "jawaban_b")
    options = ast.literal_eval(answer[answer.index("{\n"):answer.rindex("})") + 1])
    level_of = {s["teks"]: s["tingkat"] for s in variants.load_pool(ROOT)["langkah"]}
    right = sorted(k for k, text in options.items() if level_of[text] == start + 1)
    assert len(options) == 6 and len(right) == 3
    assert str(key["b_langkah"]) == variants._and(right) and right != ["B", "C", "F"]
    assert f"_cocok_b = {json.dumps(right)}" in cell(nb, "cek_jawaban_b_dasar")
    assert f"assert _b.sorted(_dipilih_b) == {json.dumps(right)}" in cell(nb, "cek_jawaban_b_tepat")


@pytest.mark.parametrize("seed", SEEDS)
def test_response_part_b_and_c4_keys_come_from_the_kit(seed, made):
    import datetime as dt
    import re

    from humaskit.response import plans, workdays

    nb = made[seed, "03-rencana-respons"][0]
    key = recorded(nb)
    phrases = {w: level for level, words in variants.load_pool(ROOT)["kemungkinan"].items() for w in words}
    shown = re.findall(r"Kemungkinan: (.*)\n", cell(nb, "teks-10"))
    rows = [r for g in ("cek_skor_b_12", "cek_skor_b_34") for r in variants._risk_rows(variants._cell(nb, g))]
    impacts = [r[2] for r in rows]
    scores = [phrases[w] * b for w, b in zip(shown, impacts, strict=True)]
    assert [int(re.sub(r"\D", "", str(key[f"b1_r{n}"]))) for n in range(1, 5)] == scores
    high = [n + 1 for n, v in enumerate(scores) if v >= plans.HIGH_RISK]
    assert len(high) == 1 and str(key["b2_risiko"]).upper() == f"R{high[0]}" != "R2"
    day = dt.date.fromisoformat(re.search(r'holidays_between\("([\d-]+)"', cell(nb, "kode-14")).group(1))
    due = workdays.add_working_days(day, workdays.LAPOR_LIMITS["complaint"])
    assert f'_tanggal_b3 == "{due.isoformat()}"' in cell(nb, "cek_tenggat_b") and due != dt.date(2026, 3, 31)
    detected = re.search(r"detected_at: 2026-08-13T(\d\d):(\d\d)", cell(nb, "kode-17")).groups()
    seen = dt.datetime(2026, 8, 13, int(detected[0]), int(detected[1]))
    latest = seen + dt.timedelta(hours=plans.HOLDING_STATEMENT_HOURS)
    assert key["c_terbit_pernyataan"] == f"{latest:%d-%m-%Y %H.%M}" != "13-08-2026 09.30"
    chain = [int(m) for m in re.findall(r"minutes: (\d+)", cell(nb, "kode-17"))]
    assert sum(chain) <= plans.HOLDING_STATEMENT_HOURS * 60
