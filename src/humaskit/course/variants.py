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
import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from humaskit.core import files
from humaskit.core.errors import DataError
from humaskit.core.storage import write_json_atomic, write_text_atomic
from humaskit.course import grading, markers

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


def _literal(cell: dict, name: str):
    """The value of ``NAME = <literal>`` in a cell (hidden-test lines included: markers are comments)."""
    for node in ast.walk(ast.parse(_source(cell))):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise TemplateChanged(f"{name} not found")


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


def orientation(nb: dict, rng: random.Random, pool: dict) -> list[str]:
    principles = rng.sample(list(pool["prinsip"]), 3)
    odd = rng.choice(list(pool["bukan_prinsip"]))
    options = principles + [odd]
    rng.shuffle(options)
    letter = "ABCD"[options.index(odd)]
    answer = _cell(nb, "jawaban_1")
    shown = ", ".join(f'"{k}": {_q(v)}' for k, v in zip("ABCD", options, strict=True))
    _sub(answer, r'tanya\.choice_question\("soal_1", \{.*?\}\)',
         'tanya.choice_question("soal_1", {' + shown + "})")
    _solution(answer, f'tanya.record("soal_1", "{letter}")\n')
    check = _cell(nb, "cek_jawaban_1")
    _sub(check, r'assert jawaban_1 == "[A-D]"', f'assert jawaban_1 == "{letter}"')
    _sub(check, r'"\w+ bukan salah satunya\."', f'"{odd} bukan salah satunya."')

    ask, days, why = rng.choice(LAPOR)
    _sub(_cell(nb, "teks-05"), r"memberi tanggapan pertama atas sebuah pengaduan", ask)
    _solution(_cell(nb, "jawaban_2"), f'tanya.record("soal_2", "{days} hari kerja")\n')
    _sub(_cell(nb, "cek_jawaban_2"), r'assert jawaban_2 == \d+, ".*?"',
         f"assert jawaban_2 == {days}, {_q(why)}")
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


def coding(nb: dict, rng: random.Random, pool: dict) -> list[str]:
    setup, first_check = _cell(nb, "kode-09"), _cell(nb, "cek_koding_6")
    own = _literal(setup, "UNGGAHAN")
    keys, reasons = _literal(first_check, "_kunci_a"), _literal(first_check, "_alasan_a")
    items = [{**p, "label": k, "alasan": r} for p, k, r in zip(own, keys, reasons, strict=True)]
    items += [dict(p) for p in pool["unggahan"]]
    while True:  # ten posts with every label at least once
        chosen = rng.sample(items, len(own))
        if {i["label"] for i in chosen} == set(LETTERS):
            break
    _sub(setup, r"UNGGAHAN = \[\n.*?\n\]\n", _posts_block(chosen), re.S)
    key = "".join(i["label"] for i in chosen)
    for n, item in enumerate(chosen, start=1):
        _solution(_cell(nb, f"jawaban_{n}"), f'tanya.record("unggahan_{n}", "{item["label"]}")\n')
    for grade_id in _grade_ids(nb, "cek_koding_"):
        check = _cell(nb, grade_id)
        _sub(check, r'^_kunci_a = ".*"$', f"_kunci_a = {_q(key)}", re.M)
        reasons_text = ", ".join(_q(i["alasan"]) for i in chosen)
        _sub(check, r"^_alasan_a = \[.*\]$", f"_alasan_a = [{reasons_text}]", re.M)
    new_posts = sum(1 for i in chosen if i not in items[:len(own)])

    answer = rng.choice(sorted(ANSWER_PAIRS))
    counts, decoy = confusion_counts(rng, answer)
    matrix = "HITUNGAN = [\n" + "".join(f"    {row},\n" for row in counts) + "]\n"
    _sub(_cell(nb, "kode-22"), r"HITUNGAN = \[\n.*?\n\]\n", matrix, re.S)
    _solution(_cell(nb, "jawaban_b"), f'tanya.record("b_pasangan", "{answer}")\n')
    _sub(_cell(nb, "cek_jawaban_b"), r"Sel terbesar di luar diagonal \(\d+ unggahan\)",
         f"Sel terbesar di luar diagonal ({decoy} unggahan)")
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


def maturity(nb: dict, rng: random.Random, pool: dict) -> list[str]:
    changes = []
    for question, text_cell in (("a1", "teks-08"), ("a2", "teks-09")):
        level = rng.choice([2, 3, 4])
        facts = _evidence(rng, level)
        _sub(_cell(nb, text_cell), r"\| Ukuran \| Nilai \|\n\|---\|---\|\n(?:\|.*\|\n)+",
             evidence_table(facts))
        _solution(_cell(nb, f"jawaban_{question}"), f'tanya.record("{question}_tingkat", {level})\n')
        _sub(_cell(nb, f"cek_jawaban_{question}"), rf"^_fakta_jawaban_{question} = \{{.*\}}$",
             f"_fakta_jawaban_{question} = {facts!r}", re.M)
        changes.append(f"soal {question.upper()}: tingkat {level}")
    return changes


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
    while True:  # at least four different labels among the eight
        chosen = hard + rng.sample(easy, len(own) - 2)
        if len({i["label"] for i in chosen}) >= 4:
            break
    chosen.sort(key=lambda i: i["jam"])
    _sub(setup, r"KOMENTAR_A = \[\n.*?\n\]\n", _comments_block(chosen), re.S)
    ids = [f"a_komentar_{n}" for n in range(1, len(chosen) + 1)]
    _solution(_cell(nb, "jawaban_a"), "".join(f'tanya.record("{i}", "{c["label"]}")\n'
                                               for i, c in zip(ids, chosen, strict=True)))
    key = {i: c["label"] for i, c in zip(ids, chosen, strict=True)}
    why = {i: c["alasan"] for i, c in zip(ids, chosen, strict=True)}
    for grade_id in _grade_ids(nb, "cek_triase_a_"):
        check = _cell(nb, grade_id)
        _sub(check, r"^_kunci_a = \{.*\}$", f"_kunci_a = {json.dumps(key, ensure_ascii=False)}", re.M)
        _sub(check, r"^_alasan_a = \{.*\}$", f"_alasan_a = {json.dumps(why, ensure_ascii=False)}", re.M)
    new = sum(1 for c in chosen if c in items[len(own):])
    return [f"bagian A: {', '.join(key.values())} ({new} komentar dari pool)"]


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
