"""Cohort variants: each assignment rewritten from a seed, so that public solutions and an old
cohort's feedback do not answer it.

``humaskit assignments variant --seed N --out DIR`` writes a course of its own in ``DIR``
(``nbgrader_config.py``, ``solutions/<assignment>/`` and the student versions nbgrader generates
from them). What changes, per assignment:

* 00 orientation: question 1 offers three of the six PermenPANRB 83/2012 principles and one word
  that is none, in a new order; question 2 asks one of three SP4N-LAPOR deadlines.
* 01 coding: Part A codes ten posts drawn from the assignment's own and the trainer-only pool
  (``solutions/varian/butir.yaml``), in a new order; Part B's confusion matrix has new counts (200
  posts) and another most-confused pair.
* 02 maturity: Part A's two evidence tables get new figures and so, usually, other levels.
* 03 response: Part A triages eight comments drawn from the assignment's own and the pool (two
  of them the harder kind), in time order.

Everything else (the written parts, the optional data path, Part B and C of assignment 3) stays.
Keys are computed as the hidden tests compute them; a variant is valid when ``humaskit
assignments verify`` in ``DIR`` gives the blank version 0 and the solution full marks.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from humaskit.core import files, formats
from humaskit.core.errors import DataError
from humaskit.core.storage import write_json_atomic, write_text_atomic
from humaskit.course import grading, hidden, markers

POOL = Path("solutions") / "varian" / "butir.yaml"
LETTERS = "ABCDE"  # assignment 1's codebook letters, in codebook order


class TemplateChanged(RuntimeError):
    """The source notebook no longer has the text a variant rewrites (update this module)."""


# -- notebook editing -----------------------------------------------------------------------------


def _cell(nb: dict, grade_id: str) -> dict:
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise TemplateChanged(f"no cell {grade_id!r}")


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _set(cell: dict, text: str) -> None:
    cell["source"] = text.splitlines(keepends=True)


def _sub(cell: dict, pattern: str, replacement: str | Callable[[re.Match], str], flags: int = 0) -> None:
    """Replace every match of ``pattern`` in the cell (at least one must exist)."""
    text, count = re.subn(pattern, replacement if callable(replacement) else lambda _m: replacement,
                          _source(cell), flags=flags)
    if not count:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        raise TemplateChanged(f"{grade_id}: {pattern!r} not found")
    _set(cell, text)


def _solution(cell: dict, body: str) -> None:
    _sub(cell, r"(### BEGIN SOLUTION\n).*?(### END SOLUTION)", lambda m: m.group(1) + body + m.group(2),
         re.S)


def _hidden(cell: dict, body: str) -> None:
    """Replace the hidden tests of a grading cell with ``body``."""
    _sub(cell, r"(### BEGIN HIDDEN TESTS\n).*?(### END HIDDEN TESTS)",
         lambda m: m.group(1) + body + m.group(2), re.S)


def _literal(cell: dict, name: str):
    """The value of ``NAME = <literal>`` in a cell (hidden-test lines included: markers are comments)."""
    for node in ast.walk(ast.parse(_source(cell))):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise TemplateChanged(f"{name} not found")


def _recorded(nb: dict, grade_id: str, qid: str):
    """The value the source's solution records for question ``qid`` (the public key)."""
    match = re.search(rf'tanya\.record\("{qid}", (.*?)\)\n', _source(_cell(nb, grade_id)))
    if match is None:
        raise TemplateChanged(f"{grade_id}: no recorded {qid}")
    return ast.literal_eval(match.group(1))


def _group(pattern: str, text: str) -> str:
    """Group 1 of ``pattern``'s first match in ``text`` (the template must have it)."""
    match = re.search(pattern, text)
    if match is None:
        raise TemplateChanged(f"{pattern!r} not found")
    return match.group(1)


def _grade_ids(nb: dict, prefix: str) -> list[str]:
    return [gid for c in nb["cells"] if (gid := c.get("metadata", {}).get("nbgrader", {}).get("grade_id", ""))
            .startswith(prefix)]


def _q(text: str) -> str:
    """A Python string literal (JSON's escapes are Python's; non-ASCII kept readable)."""
    return json.dumps(text, ensure_ascii=False)


# -- 00 orientation --------------------------------------------------------------------------------

LAPOR = (  # SP4N-LAPOR (PermenPANRB 62/2018), working days
    ("memberi tanggapan pertama atas sebuah pengaduan", 3, "Tanggapan pertama paling lambat 3 hari kerja."),
    ("menyelesaikan pengaduan yang **tidak** memerlukan pemeriksaan lapangan", 14,
     "Pengaduan tanpa pemeriksaan lapangan diselesaikan paling lambat 14 hari kerja."),
    ("menyelesaikan pengaduan yang memerlukan pemeriksaan lapangan", 60,
     "Pengaduan dengan pemeriksaan lapangan diselesaikan paling lambat 60 hari kerja."),
)


PRINCIPLES_NOTE = ("Keenam prinsipnya: kredibel, integritas, profesional, responsif, terintegrasi, "
                   "representatif.")


def orientation(nb: dict, rng: random.Random, pool: dict) -> list[str]:
    public_letter, public_days = _recorded(nb, "jawaban_1", "soal_1"), _recorded(nb, "jawaban_2", "soal_2")
    while True:  # the odd word never where the public solution points
        principles = rng.sample(list(pool["prinsip"]), 3)
        odd = rng.choice(list(pool["bukan_prinsip"]))
        options = principles + [odd]
        rng.shuffle(options)
        letter = "ABCD"[options.index(odd)]
        if letter != public_letter:
            break
    answer = _cell(nb, "jawaban_1")
    shown = ", ".join(f'"{k}": {_q(v)}' for k, v in zip("ABCD", options, strict=True))
    _sub(answer, r'tanya\.choice_question\("soal_1", \{.*?\}\)',
         'tanya.choice_question("soal_1", {' + shown + "})")
    _solution(answer, f'tanya.record("soal_1", "{letter}")\n')
    _hidden(_cell(nb, "cek_jawaban_1"), hidden.single(
        "_jawaban_1", "soal_1", 'Choice("ABCD")', "Soal 1", "str", letter,
        f"{PRINCIPLES_NOTE} {odd} bukan salah satunya."))

    public = int(str(public_days).split()[0])
    ask, days, why = rng.choice([item for item in LAPOR if item[1] != public])
    _sub(_cell(nb, "teks-05"), r"memberi tanggapan pertama atas sebuah pengaduan", ask)
    _solution(_cell(nb, "jawaban_2"), f'tanya.record("soal_2", "{days} hari kerja")\n')
    _hidden(_cell(nb, "cek_jawaban_2"), hidden.single(
        "_jawaban_2", "soal_2", "Integer(1, 60)", "Soal 2", "int", days, why))
    return [f"soal 1: {', '.join(options)} (bukan prinsip: {odd})", f"soal 2: {days} hari kerja"]


# -- 01 coding ---------------------------------------------------------------------------------------

ANSWER_PAIRS = {  # assignment 1, Part B: the options, as pairs of codebook label indices
    "A": (0, 4), "B": (1, 2), "C": (3, 2), "D": (0, 1),
}


def _posts_block(items: list[dict]) -> str:
    rows = [f'    {{"akun": {_q(i["akun"])}, "platform": {_q(i["platform"])},\n'
            f'     "teks": {_q(i["teks"])}}},' for i in items]
    return "UNGGAHAN = [\n" + "\n".join(rows) + "\n]\n"


def confusion_counts(rng: random.Random, answer: str, total: int = 200) -> tuple[list[list[int]], int]:
    """A 5x5 confusion matrix of ``total`` posts whose most-confused pair (both directions summed)
    is option ``answer``'s, with a decoy: the largest single off-diagonal cell belongs to another
    pair. Returns the matrix and that decoy cell's count."""
    x, y = ANSWER_PAIRS[answer]
    counts = [[rng.randint(0, 2) if i != j else 0 for j in range(5)] for i in range(5)]
    a, b = rng.randint(4, 6), rng.randint(4, 6)
    counts[x][y], counts[y][x] = a, b
    decoy_pair = rng.choice([p for k, p in ANSWER_PAIRS.items() if k != answer and set(p) & {x, y} != set(p)])
    decoy = rng.randint(max(a, b) + 1, a + b - 2)
    i, j = decoy_pair if rng.random() < 0.5 else decoy_pair[::-1]
    counts[i][j], counts[j][i] = decoy, 0
    off = sum(map(sum, counts))
    weights = [rng.uniform(0.6, 1.6) for _ in range(5)]
    diagonal = [int((total - off) * w / sum(weights)) for w in weights]
    diagonal[rng.randrange(5)] += total - off - sum(diagonal)
    for k in range(5):
        counts[k][k] = diagonal[k]
    pairs = {(p, q): counts[p][q] + counts[q][p] for p in range(5) for q in range(p + 1, 5)}
    best = max(pairs.values())
    assert [p for p, n in pairs.items() if n == best] == [tuple(sorted((x, y)))], counts
    assert sum(map(sum, counts)) == total and min(diagonal) >= 10
    return counts, decoy


def confusion_key(counts: list[list[int]]) -> tuple[str, str]:
    """Part B's key from a confusion matrix: the option of the label pair confused most often
    (both directions summed, as ``ui.plots.most_confused`` counts it; a unit test checks they
    agree), and why (in Indonesian)."""
    from humaskit.data import names
    from humaskit.data.schema import LABEL_IDS

    pairs = {(p, q): counts[p][q] + counts[q][p] for p in range(5) for q in range(p + 1, 5)}
    (x, y), n = max(pairs.items(), key=lambda item: item[1])
    letter = next(k for k, pair in ANSWER_PAIRS.items() if set(pair) == {x, y})
    biggest = max(counts[i][j] for i in range(5) for j in range(5) if i != j)
    first, second = names.label(LABEL_IDS[x]), names.label(LABEL_IDS[y])
    return letter, (f"Yang paling sering tertukar: {first} dan {second} "
                    f"({n} unggahan, kedua arah dijumlahkan). Sel terbesar di luar diagonal ({biggest} "
                    "unggahan) hanya satu arah.")


def coding(nb: dict, rng: random.Random, pool: dict) -> list[str]:
    setup, first_check = _cell(nb, "kode-09"), _cell(nb, "cek_koding_6")
    own = _literal(setup, "UNGGAHAN")
    keys, reasons = _literal(first_check, "_kunci_a"), _literal(first_check, "_alasan_a")
    items = [{**p, "label": k, "alasan": r} for p, k, r in zip(own, keys, reasons, strict=True)]
    items += [dict(p) for p in pool["unggahan"]]
    while True:  # ten posts with every label at least once; the public key matches at most 8
        chosen = rng.sample(items, len(own))
        same = sum(i["label"] == k for i, k in zip(chosen, keys, strict=True))
        if {i["label"] for i in chosen} == set(LETTERS) and same <= len(own) - 2:
            break
    _sub(setup, r"UNGGAHAN = \[\n.*?\n\]\n", _posts_block(chosen), re.S)
    key = "".join(i["label"] for i in chosen)
    for n, item in enumerate(chosen, start=1):
        _solution(_cell(nb, f"jawaban_{n}"), f'tanya.record("unggahan_{n}", "{item["label"]}")\n')
    for grade_id in _grade_ids(nb, "cek_koding_"):
        check = _cell(nb, grade_id)
        need = int(_group(r"assert _sesuai >= (\d+)", _source(check)))
        _hidden(check, hidden.coding(need, key, [i["alasan"] for i in chosen]))
    new_posts = sum(1 for i in chosen if i not in items[:len(own)])

    public = _recorded(nb, "jawaban_b", "b_pasangan")
    answer = rng.choice([k for k in sorted(ANSWER_PAIRS) if k != public])
    counts, decoy = confusion_counts(rng, answer)
    letter, why = confusion_key(counts)
    assert letter == answer, (letter, answer)
    matrix = "HITUNGAN = [\n" + "".join(f"    {row},\n" for row in counts) + "]\n"
    _sub(_cell(nb, "kode-22"), r"HITUNGAN = \[\n.*?\n\]\n", matrix, re.S)
    _solution(_cell(nb, "jawaban_b"), f'tanya.record("b_pasangan", "{answer}")\n')
    _hidden(_cell(nb, "cek_jawaban_b"), hidden.single(
        "_jawaban_b", "b_pasangan", 'Choice("ABCD")', "Bagian B", "str", letter, why))
    return [f"bagian A: kunci {key} ({new_posts} unggahan dari pool)", f"bagian B: pasangan {answer}"]


# -- 02 maturity ---------------------------------------------------------------------------------------

PLATFORMS = [("instagram", "Instagram"), ("facebook", "Facebook"), ("x", "X"), ("tiktok", "TikTok"),
             ("youtube", "YouTube")]


def _evidence(rng: random.Random, level: int) -> dict:
    """Facts of one account whose outcome level (``levels.ladder``) is ``level``: every criterion
    up to it met, one criterion of the next level missed, higher levels drawn freely."""
    from humaskit.maturity import levels

    while True:
        platforms = rng.randint(2, 5)
        facts = {
            "posts_per_week": round(rng.uniform(1.5, 7.0), 1),
            "useful_information_share": rng.randint(20, 60) / 100,
            "data_post_share": rng.randint(3, 15) / 100,
            "active_week_share": rng.randint(75, 99) / 100,
            "dialogic_share": rng.randint(8, 30) / 100,
            "response_rate": rng.randint(40, 97) / 100,
            "median_first_response_hours": rng.choice([0.5, 0.8, 2.0, 4.5, 9.5, 18.0, 30.0]),
            "collaboration_per_year": rng.randint(1, 10),
            "p90_first_response_hours": float(rng.choice([20, 45, 60, 90, 110, 150])),
            "platforms": [p for p, _ in PLATFORMS[:platforms]],
            "profile_score": rng.randint(5, 8),
        }
        reached, _, _ = levels.ladder(levels.OUTCOME_CRITERIA, facts)
        if reached == level:
            return facts


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def evidence_table(facts: dict) -> str:
    names = dict(PLATFORMS)
    rows = [
        ("unggahan per minggu", _number(facts["posts_per_week"])),
        ("porsi unggahan informasi berguna", _percent(facts["useful_information_share"])),
        ("porsi unggahan yang memuat data", _percent(facts["data_post_share"])),
        ("minggu dengan unggahan", _percent(facts["active_week_share"])),
        ("porsi unggahan lingkar dialog", _percent(facts["dialogic_share"])),
        ("pertanyaan & keluhan warga yang dijawab", _percent(facts["response_rate"])),
        ("median waktu respons pertama", f"{_number(facts['median_first_response_hours'])} jam"),
        ("unggahan kolaborasi/ko-kreasi per tahun", str(facts["collaboration_per_year"])),
        ("persentil-90 waktu respons pertama", f"{_number(facts['p90_first_response_hours'])} jam"),
        ("jumlah platform aktif",
         f"{len(facts['platforms'])} ({', '.join(names[p] for p in facts['platforms'])})"),
        ("kelengkapan profil akun (dari 8)", f"{facts['profile_score']} dari 8 butir"),
    ]
    return "| Ukuran | Nilai |\n|---|---|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)


def level_key(facts: dict) -> tuple[int, str]:
    """The outcome level ``levels.ladder`` gives ``facts``, and why it is not one higher."""
    from humaskit.maturity import levels

    level, _, rows = levels.ladder(levels.OUTCOME_CRITERIA, facts)
    failed = [r["name"] for r in rows if r["level"] == level + 1 and not r["met"]]
    return level, (f"Tingkat hasilnya {level}: tingkat {level + 1} belum tercapai karena "
                   + ", ".join(failed) + " belum memenuhi ambang.")


def maturity(nb: dict, rng: random.Random, pool: dict) -> list[str]:
    changes = []
    public = (_recorded(nb, "jawaban_a1", "a1_tingkat"), _recorded(nb, "jawaban_a2", "a2_tingkat"))
    public_levels = [int(re.sub(r"\D", "", str(v))) for v in public]
    wanted = [rng.choice([2, 3, 4]) for _ in public]
    while wanted == public_levels:
        wanted = [rng.choice([2, 3, 4]) for _ in public]
    for (question, text_cell), level in zip((("a1", "teks-08"), ("a2", "teks-09")), wanted, strict=True):
        facts = _evidence(rng, level)
        _sub(_cell(nb, text_cell), r"\| Ukuran \| Nilai \|\n\|---\|---\|\n(?:\|.*\|\n)+",
             evidence_table(facts))
        _solution(_cell(nb, f"jawaban_{question}"), f'tanya.record("{question}_tingkat", {level})\n')
        key, why = level_key(facts)
        assert key == level, (key, level)
        _hidden(_cell(nb, f"cek_jawaban_{question}"), hidden.single(
            f"_tingkat_{question}", f"{question}_tingkat", "Integer(1, 5)", f"Soal {question.upper()}", "int",
            key, why, head=f"_fakta_jawaban_{question} = {facts!r}\n"))
        changes.append(f"soal {question.upper()}: tingkat {level}")
    changes.append(next_steps(nb, rng, pool))
    return changes


ONE_LEVEL = "Naik satu tingkat setiap kali."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def next_steps(nb: dict, rng: random.Random, pool: dict) -> str:
    """Part B: the agency's current level (1 to 3) and six steps, three of them for the next level
    (Lee & Kwak: one level at a time). The key is every step whose level is the next one."""
    from humaskit.data import names

    steps = [dict(s) for s in pool["langkah"]]
    while True:
        start = rng.choice([1, 2, 3])
        target = start + 1
        right = rng.sample([s for s in steps if s["tingkat"] == target], 3)
        higher = [s for s in steps if s["tingkat"] > target]
        lower = [s for s in steps if s["tingkat"] <= start]  # levels already reached, or no help (0)
        wrong = [rng.choice(higher), rng.choice(lower)]
        wrong.append(rng.choice([s for s in higher + lower if s not in wrong]))
        options = right + wrong
        rng.shuffle(options)
        letters = dict(zip("ABCDEF", options, strict=True))
        key = [k for k, s in letters.items() if s["tingkat"] == target]
        if key != ["B", "C", "F"]:  # the public solution's key
            break
    level_name = names.LEVELS[target].lower()

    def why(step: dict) -> str:
        if step["tingkat"] == 0:
            return "tidak membantu naik tingkat"
        if step["tingkat"] <= start:
            return f"tingkat {step['tingkat']}, sudah dicapai"
        return f"tingkat {step['tingkat']}, {names.LEVELS[step['tingkat']].lower()}"

    text = _cell(nb, "teks-10")
    _sub(text, r"kini di \*\*tingkat \d, [^*]+\*\*:.*?dibalas\.", pool["kondisi"][start], re.S)
    _sub(text, r"naik dari tingkat \d ke \*\*tingkat \d, [^*]+\*\*",
         f"naik dari tingkat {start} ke **tingkat {target}, {level_name}**")
    answer = _cell(nb, "jawaban_b")
    shown = "".join(f"    {_q(k)}: {_q(s['teks'])},\n" for k, s in letters.items())
    _sub(answer, r'tanya\.choices_question\("b_langkah", \{\n.*?\n\}\)',
         'tanya.choices_question("b_langkah", {\n' + shown + "})", re.S)
    _solution(answer, f'tanya.record("b_langkah", {_q(_and(key))})\n')
    wrong_text = ", ".join(f"{k} ({why(s)})" for k, s in letters.items() if k not in key)
    _hidden(_cell(nb, "cek_jawaban_b_dasar"), hidden.steps(
        key, f"Ada langkah yang bukan untuk tingkat {target}: {wrong_text}. {ONE_LEVEL}",
        f"Pilih sedikitnya dua langkah tingkat {target}."))
    right_text = _and([f"{k} ({letters[k]['teks'].split(':')[0].split(',')[0].rstrip('.')})" for k in key])
    _hidden(_cell(nb, "cek_jawaban_b_tepat"), hidden.steps_exact(
        key, f"Langkah tingkat {target} ({level_name}) adalah {right_text}."))
    return f"bagian B: dari tingkat {start} ke {target}, kunci {_and(key)}"


# -- 03 response ---------------------------------------------------------------------------------------


def _comments_block(items: list[dict]) -> str:
    rows = [f'    {{"jam": {_q(i["jam"])}, "kanal": {_q(i["kanal"])},\n     "teks": {_q(i["teks"])}}},'
            for i in items]
    return "KOMENTAR_A = [\n" + "\n".join(rows) + "\n]\n"


HARD_IN_ASSIGNMENT = (3, 5)  # the two harder comments of the kit's own Part A (numbered from 1)


def response(nb: dict, rng: random.Random, pool: dict) -> list[str]:
    setup, first_check = _cell(nb, "kode-08a"), _cell(nb, _grade_ids(nb, "cek_triase_a_")[0])
    own = _literal(setup, "KOMENTAR_A")
    keys, reasons = _literal(first_check, "_kunci_a"), _literal(first_check, "_alasan_a")
    items = [{**c, "label": keys[f"a_komentar_{n}"], "alasan": reasons[f"a_komentar_{n}"],
              "sulit": n in HARD_IN_ASSIGNMENT} for n, c in enumerate(own, start=1)]
    items += [dict(c) for c in pool["komentar"]]
    hard = rng.sample([i for i in items if i["sulit"]], 2)
    easy = [i for i in items if not i["sulit"]]
    public = [keys[f"a_komentar_{n}"] for n in range(1, len(own) + 1)]
    while True:  # at least four different labels among the eight, and not the public key
        chosen = sorted(hard + rng.sample(easy, len(own) - 2), key=lambda i: i["jam"])
        if len({i["label"] for i in chosen}) >= 4 and [i["label"] for i in chosen] != public:
            break
    _sub(setup, r"KOMENTAR_A = \[\n.*?\n\]\n", _comments_block(chosen), re.S)
    ids = [f"a_komentar_{n}" for n in range(1, len(chosen) + 1)]
    _solution(_cell(nb, "jawaban_a"), "".join(f'tanya.record("{i}", "{c["label"]}")\n'
                                               for i, c in zip(ids, chosen, strict=True)))
    key = {i: c["label"] for i, c in zip(ids, chosen, strict=True)}
    why = {i: c["alasan"] for i, c in zip(ids, chosen, strict=True)}
    for grade_id in _grade_ids(nb, "cek_triase_a_"):
        numbers = tuple(int(d) for d in grade_id.removeprefix("cek_triase_a_"))
        _hidden(_cell(nb, grade_id), hidden.triage(numbers, key, why))
    new = sum(1 for c in chosen if c in items[len(own):])
    return [f"bagian A: {', '.join(key.values())} ({new} komentar dari pool)", risk_scores(nb, rng, pool),
            complaint_deadline(nb, rng), holding_statement(nb, rng)]


def _risk_rows(cell: dict) -> list[tuple[int, int, int, str]]:
    """The ``(index, likelihood, impact, reason)`` rows of a Part B1 grading cell."""
    for node in ast.walk(ast.parse(_source(cell))):
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple):
            return [tuple(row) for row in ast.literal_eval(node.iter)]
    raise TemplateChanged("risk rows not found")


def risk_scores(nb: dict, rng: random.Random, pool: dict) -> str:
    """Part B1/B2: new likelihoods for the four risks (their impacts stay, being what each risk is);
    scores are likelihood x impact and exactly one risk reaches ``plans.HIGH_RISK``, never R2 (the
    public key)."""
    from humaskit.data import names
    from humaskit.response import crisis, plans

    rows = _risk_rows(_cell(nb, "cek_skor_b_12")) + _risk_rows(_cell(nb, "cek_skor_b_34"))
    impacts = [impact for _, _, impact, _ in rows]
    impact_why = [_group(r"dampak \d \(([^)]*)\)", why) for *_, why in rows]
    public = [a * b for _, a, b, _ in rows]
    public_high = [n for n, score in enumerate(public) if score >= plans.HIGH_RISK]
    while True:  # exactly one high risk, not the public one; both score pairs differ from the public
        likely = [rng.randint(1, 5) for _ in rows]
        scores = [a * b for a, b in zip(likely, impacts, strict=True)]
        high = [n for n, score in enumerate(scores) if score >= plans.HIGH_RISK]
        if len(high) == 1 and high != public_high and scores[:2] != public[:2] and scores[2:] != public[2:]:
            break
    text = _cell(nb, "teks-10")
    for n, level in enumerate(likely, start=1):
        phrase: str = rng.choice(pool["kemungkinan"][level])

        def likelihood(m: re.Match, phrase: str = phrase) -> str:
            return m.group(1) + "Kemungkinan: " + phrase + "\n"

        _sub(text, rf"(\*\*R{n}\.[^\n]*\*\*\n)Kemungkinan: .*?\n(?=Dampak: )", likelihood, re.S)
    reasons = [f"kemungkinan {a} ({names.LIKELIHOOD[a]}) × dampak {b} ({why}) = {a * b}"
               for a, b, why in zip(likely, impacts, impact_why, strict=True)]
    for grade_id, first in (("cek_skor_b_12", 0), ("cek_skor_b_34", 2)):
        rows = [(i, likely[first + i], impacts[first + i], reasons[first + i]) for i in (0, 1)]
        _hidden(_cell(nb, grade_id), hidden.risks((first + 1, first + 2), rows))
    forms = (lambda v: v, str, lambda v: f"nilai {v}", lambda v: v)  # the ways a trainee may type it
    _solution(_cell(nb, "skor_b"), "".join(f'tanya.record("b1_r{n}", {forms[n - 1](v)!r})\n'.replace("'", '"')
                                           for n, v in enumerate(scores, start=1)))
    code = f"R{high[0] + 1}"
    _solution(_cell(nb, "risiko_tinggi_b"), f'tanya.record("b2_risiko", "{code.lower()}")\n')
    others = ", ".join(f"R{n + 1} bernilai {v} ({names.RISK_LEVELS[crisis.risk_level(v)]})"
                       for n, v in enumerate(scores) if n != high[0])
    why = (f"Hanya {code} yang bernilai {plans.HIGH_RISK} ke atas ({likely[high[0]]} × {impacts[high[0]]} = "
           f"{scores[high[0]]}). {others}: belum wajib.")
    _hidden(_cell(nb, "cek_risiko_tinggi_b"), hidden.single(
        "_kode_b2", "b2_risiko", 'Choice(("R1", "R2", "R3", "R4"))', "Soal B2", "str", code, why))
    return f"bagian B1/B2: nilai risiko {scores}, wajib mitigasi {code}"


COMPLAINT_DAYS = (  # Part B3: when the complaint came in (March 2026, before the Nyepi/Idulfitri break)
    ("2026-03-11", "09.15"), ("2026-03-12", "13.40"), ("2026-03-13", "16.20"), ("2026-03-16", "10.05"),
)


def _calendar_table(first: dt.date, mark: dt.date) -> str:
    monday = first - dt.timedelta(days=first.weekday())
    rows = []
    for week in range(3):
        days = [monday + dt.timedelta(days=7 * week + d) for d in range(7)]
        cells = [(f"{d.day} {formats.MONTHS[d.month - 1]}" if d.day == 1 else str(d.day)) for d in days]
        cells = [f"**{c}**" if d == mark else c for c, d in zip(cells, days, strict=True)]
        rows.append("| " + " | ".join(cells) + " |\n")
    return "".join(rows)


def complaint_deadline(nb: dict, rng: random.Random) -> str:
    """Part B3: another day the complaint came in; the key is ``workdays.add_working_days``."""
    from humaskit.response import workdays

    day_text, time = rng.choice(COMPLAINT_DAYS)
    day = dt.date.fromisoformat(day_text)
    limit = workdays.LAPOR_LIMITS["complaint"]
    due = workdays.add_working_days(day, limit)
    counted = [workdays.add_working_days(day, k) for k in range(1, limit + 1)]
    off = workdays.holidays_between(day, due)
    shown = f"{formats.WEEKDAYS[day.weekday()]}, **{formats.date(day)}**"
    text = _cell(nb, "teks-13")
    _sub(text, r"\w+, \*\*\d+ \w+ 2026\*\* pukul \d\d\.\d\d WIB", f"{shown} pukul {time} WIB")
    _sub(text, r"(\| Senin \|.*\n\|---.*\n)(?:\|.*\|\n)+", lambda m: m.group(1) + _calendar_table(day, day))
    last = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=20)
    months = dict.fromkeys((formats.MONTHS[day.month - 1], formats.MONTHS[last.month - 1]))
    _sub(text, r"Kalender [^:]*:", f"Kalender {'-'.join(months)} {day.year}:")
    show = _cell(nb, "kode-14")
    until = day + dt.timedelta(days=30)
    _sub(show, r"sesudah .*? \(kalender kit\)", f"sesudah {formats.date(day)} sampai {formats.date(until)} "
         "(kalender kit)")
    _sub(show, r'holidays_between\("[\d-]+", "[\d-]+"\)', f'holidays_between("{day}", "{until}")')
    _solution(_cell(nb, "tenggat_b"),
              f'tanya.record("b3_tenggat", "{formats.WEEKDAYS[due.weekday()]}, {formats.date(due)}")\n')
    check = _cell(nb, "cek_tenggat_b")
    _sub(check, r"datetime\.date\(2026, \d+, \d+\)", f"datetime.date({day.year}, {day.month}, {day.day})")
    _sub(check, r"tanggal pengaduan diterima \([^)]*\)", f"tanggal pengaduan diterima ({formats.date(day)})")
    breaks = "; ".join(f"{d:%d-%m} {name}" for d, name in off)
    why = (f"Paling lambat {formats.WEEKDAYS[due.weekday()]}, {due:%d-%m-%Y}. Hari diterima "
           f"({formats.date(day)}) tidak dihitung; Sabtu, Minggu, libur dan cuti bersama bukan hari kerja"
           + (f" ({breaks})" if breaks else "") + ". Lima hari kerjanya: "
           + ", ".join(formats.date(d) for d in counted) + ".")
    _hidden(check, hidden.deadline(due.isoformat(), why))
    return f"bagian B3: pengaduan {formats.date(day)}, tenggat {formats.date(due)}"


DETECTED = ("06.55", "07.05", "07.15", "07.20")  # Part C: when the leak was detected (13 August 2026)
CHAINS = ((20, 30, 30), (15, 30, 45), (30, 30, 40), (20, 40, 30), (25, 35, 45))


def holding_statement(nb: dict, rng: random.Random) -> str:
    """Part C4: another detection time and approval chain. The key is the latest time the kit's
    plan check (``plans.HOLDING_STATEMENT_HOURS`` after detection) allows; the chain always fits."""
    from humaskit.response import plans

    detected, chain = rng.choice(DETECTED), rng.choice(CHAINS)
    hour, minute = map(int, detected.split("."))
    seen = dt.datetime(2026, 8, 13, hour, minute)
    latest = seen + dt.timedelta(hours=plans.HOLDING_STATEMENT_HOURS)
    assert sum(chain) <= plans.HOLDING_STATEMENT_HOURS * 60
    draft = _cell(nb, "kode-17")
    _sub(draft, r"detected_at: 2026-08-13T\d\d:\d\d:00\+07:00",
         f"detected_at: 2026-08-13T{hour:02d}:{minute:02d}:00+07:00")
    minutes = iter(chain)
    _sub(draft, r"(approval_chain:\n(?:  - role: .*\n    minutes: \d+\n)+)",
         lambda m: re.sub(r"minutes: \d+", lambda _n: f"minutes: {next(minutes)}", m.group(1)))
    _sub(draft, r'hint="Tanggal dan jam WIB, misalnya [^"]*"',
         'hint="Tanggal dan jam WIB, misalnya 14-08-2026 16.45."')
    text = _cell(nb, "teks-18")
    _sub(text, r"pukul \d\d\.\d\d WIB\*\*", f"pukul {detected} WIB**")
    _sub(text, r"Koordinator Humas Disdik \(\d+ menit\), Sekretaris Dinas \(\d+ menit\), "
         r"Kepala Dinas \(\d+ menit\)",
         f"Koordinator Humas Disdik ({chain[0]} menit), Sekretaris Dinas ({chain[1]} menit), Kepala Dinas "
         f"({chain[2]} menit)")
    _sub(_cell(nb, "rencana_c"), r'tanya\.record\("c_terbit_pernyataan", "[^"]*"\)',
         f'tanya.record("c_terbit_pernyataan", "{latest:%d-%m-%Y %H.%M}")')
    return (f"bagian C4: terdeteksi {detected} WIB, rantai {sum(chain)} menit, terbit paling lambat "
            f"{latest:%H.%M}")


REWRITES: dict[str, Callable[[dict, random.Random, dict], list[str]]] = {
    "00-latihan-orientasi": orientation,
    "01-klasifikasi-unggahan": coding,
    "02-kematangan": maturity,
    "03-rencana-respons": response,
}


# -- the course ----------------------------------------------------------------------------------------


def load_pool(root: Path) -> dict:
    data = files.parse_yaml(files.read_text(root / POOL, max_bytes=1 << 20, what="pool varian"), str(POOL))
    if not isinstance(data, dict) or not {"unggahan", "komentar", "prinsip", "bukan_prinsip"} <= set(data):
        raise DataError("Pool varian tidak lengkap: butuh unggahan, komentar, prinsip, bukan_prinsip.",
                        file=str(POOL))
    return data


def variant_notebook(root: Path, aid: str, seed: int, pool: dict | None = None) -> tuple[dict, list[str]]:
    """The source notebook of assignment ``aid`` for cohort ``seed`` and what changed in it."""
    source = next((root / "solutions" / aid).glob("*.ipynb"))
    nb = json.loads(source.read_text(encoding="utf-8"))
    rewrite = REWRITES.get(aid)
    if rewrite is None:
        return nb, []
    rng = random.Random(f"humaskit-variant:{seed}:{aid}")
    try:
        changes = rewrite(nb, rng, pool if pool is not None else load_pool(root))
    except TemplateChanged as exc:
        raise TemplateChanged(f"{aid}: the source no longer matches the variant rules ({exc}); update "
                              "humaskit/course/variants.py") from exc
    return nb, changes


def write_course(root: Path, out: Path, seed: int) -> dict[str, list[str]]:
    """Write the variant course for ``seed`` into the new folder ``out`` and generate its student
    versions with nbgrader. Returns ``{assignment: changes}``."""
    if out.exists() and any(out.iterdir()):
        raise DataError(f"Folder {out} sudah berisi file; pilih folder baru atau kosong (tidak ada yang "
                        "ditimpa).")
    if out.resolve().is_relative_to(root.resolve()):
        raise DataError(f"Folder {out} ada di dalam repositori; varian berisi kunci, jadi simpan di luar "
                        "repositori (misalnya ../varian-7).")
    pool = load_pool(root)
    made: dict[str, list[str]] = {}
    notebooks: dict[str, dict] = {}
    for aid in grading.assignment_ids(root):
        notebooks[aid], made[aid] = variant_notebook(root, aid, seed, pool)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "nbgrader_config.py", out / "nbgrader_config.py")
    for aid, nb in notebooks.items():
        name = next((root / "solutions" / aid).glob("*.ipynb")).name
        (out / "solutions" / aid).mkdir(parents=True)
        write_text_atomic(out / "solutions" / aid / name, json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
        slips = markers.slips(out / "solutions" / aid / name)
        if slips:
            raise TemplateChanged(f"{aid}: the variant has marker slips: {slips}")
    grading.generate(out)
    write_json_atomic(out / "varian.json", {"seed": seed, "changes": made})
    return made
