"""The hidden tests of every assignment trust nothing the trainee's kernel can change (issue 12).

Each hidden block is run on its own (without the visible part of its cell) in a hostile namespace:
every built-in it could use, the kit's modules (``answers``, ``names``, ``plan_fix`` ...), every
name a visible checking cell binds (``jawaban_1``, ``huruf_b`` ...) and even the private names the
block itself binds (``_jawaban``, ``_b`` ...) are replaced by an object that equals anything, is
true, and answers every call with itself. With wrong answers in ``jawaban.json`` (and wrong values
for the optional code answers) every block still fails; with the key it still passes. So a block
gets what it needs itself: keys as literals, answers re-read by the kit's reader it imports, plain
values compared with pristine built-ins.
"""

from __future__ import annotations

import ast
import builtins
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from simulated import key_by_part
from support import ROOT

from humaskit.course import grading, variants

AIDS = grading.assignment_ids(ROOT)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)

# Answers that are readable but wrong for every autograded question of the kit's own solutions.
WRONG = {
    "00-latihan-orientasi": {"soal_1": "A", "soal_2": "5"},
    "01-klasifikasi-unggahan": {**{f"unggahan_{n}": "A" for n in range(1, 11)}, "b_pasangan": "A"},
    "02-kematangan": {"a1_tingkat": 1, "a2_tingkat": 5, "b_langkah": "A, D dan E"},
    "03-rencana-respons": {**{f"a_komentar_{n}": "positive" for n in range(1, 9)},
                           **{f"b1_r{n}": 1 for n in range(1, 5)}, "b2_risiko": "R1",
                           "b3_tenggat": "26-03-2026"},  # C answers absent: the draft's six problems stay
}
# The optional parts' code answers, wrong (they are the trainee's objects the blocks must read).
WRONG_CODE = {"dialogis_per_akun": pd.Series({"akun_lain": 0.0}), "kappa_dua_pengode": lambda a, b: 0.0,
              "contoh_kappa": 0.0, "tingkat_respons": 0.0, "median_jam_respons": 99.0}
# Locked data cells a block may use (no trainee code can run in assignment 3).
LOCKED = {"03-rencana-respons": ("kode-04", "kode-17")}


class Anything:
    """Equal to anything, always true, every call and attribute gives itself."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __lt__ = __le__ = __gt__ = __ge__ = __eq__

    def __hash__(self):
        return 0

    def __bool__(self):
        return True

    def __call__(self, *args, **kwargs):
        return self

    def __getattr__(self, name):
        return self

    def __iter__(self):
        return iter(())

    def __contains__(self, item):
        return True

    def __float__(self):
        return 0.5

    def __int__(self):
        return 3

    def __index__(self):
        return 3

    def __len__(self):
        return 0


def source(aid: str) -> Path:
    return next((ROOT / "solutions" / aid).glob("*.ipynb"))


def cells(aid: str | Path) -> list[dict]:
    path = aid if isinstance(aid, Path) else source(aid)
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def blocks(aid: str | Path) -> list[tuple[str, str, bool]]:
    """(grade_id, hidden block, optional part?) of every grading cell with hidden tests."""
    found, optional = [], False
    for cell in cells(aid):
        if cell["cell_type"] == "markdown" and re.search(r"^## .*opsional", text(cell), re.M | re.I):
            optional = True
        meta = cell.get("metadata", {}).get("nbgrader", {})
        match = HIDDEN.search(text(cell))
        if meta.get("grade") and match:
            found.append((meta["grade_id"], match.group(1), optional))
    return found


def hostile_namespace(aid: str | Path) -> dict:
    """Every name a trainee cell could have bound, or a block could read, bound to ``Anything``."""
    names = {n for n in dir(builtins) if not n.startswith("_") and n[0].islower()}
    for cell in cells(aid):
        if cell["cell_type"] != "code":
            continue
        code = "\n".join(line for line in text(cell).splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.alias):
                names.add((node.asname or node.name).split(".")[0])
    namespace = {name: Anything() for name in names}
    namespace.update(WRONG_CODE)
    locked: dict = {}
    # the locked data the blocks of assignment 3 rest on
    for grade_id in LOCKED.get(aid if isinstance(aid, str) else aid.parent.name, ()):
        cell = next(c for c in cells(aid) if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)
        exec(compile(text(cell), grade_id, "exec"), locked)
    namespace.update({k: v for k, v in locked.items() if k.isupper()})
    return namespace


def write_answers(folder, answers: dict) -> None:
    (folder / "jawaban.json").write_text(json.dumps({"version": 1, "answers": answers}), encoding="utf-8")


def key(aid: str | Path) -> dict:
    path = aid if isinstance(aid, Path) else source(aid)
    return {k: v for _, answers in key_by_part(path) for k, v in answers.items()}


@pytest.mark.parametrize("aid", AIDS)
def test_every_hidden_block_fails_wrong_answers_in_a_hostile_namespace(aid, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_answers(tmp_path, WRONG[aid])
    found = blocks(aid)
    assert found
    for grade_id, block, _ in found:
        namespace = hostile_namespace(aid)
        with pytest.raises(AssertionError):
            exec(compile(block, grade_id, "exec"), namespace)


@pytest.mark.parametrize("aid", AIDS)
def test_every_required_hidden_block_passes_the_key_in_a_hostile_namespace(aid, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_answers(tmp_path, key(aid))
    required = [(g, b) for g, b, optional in blocks(aid) if not optional]
    assert required
    for grade_id, block in required:
        exec(compile(block, grade_id, "exec"), hostile_namespace(aid))


def test_hidden_blocks_call_no_builtin_or_kit_name_from_the_notebook():
    """Inside a hidden block, every built-in is reached through ``_b`` and every kit module through
    a private name the block imports itself (so the hostile test above covers all of them)."""
    shadowable = {n for n in dir(builtins) if not n.startswith("_")} - {"AssertionError", "ValueError"}
    for aid in AIDS:
        for grade_id, block, _ in blocks(aid):
            tree = ast.parse(block)
            bound = {(a.asname or a.name).split(".")[0] for n in ast.walk(tree)
                     if isinstance(n, ast.Import | ast.ImportFrom) for a in n.names}
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    assert node.func.id not in shadowable, (aid, grade_id, node.func.id)
            assert "_jawaban" in bound or "_b" in bound or "_plan_fix" in bound, (aid, grade_id)


@pytest.mark.parametrize("seed", (1, 2, 3))
def test_variant_hidden_blocks_pass_their_own_key_in_a_hostile_namespace(seed, tmp_path, monkeypatch):
    """Variants write their hidden blocks with the same builders: the variant's key passes them
    in a hostile namespace, and the public key does not pass all of them."""
    pool = variants.load_pool(ROOT)
    for aid in AIDS:
        nb, _ = variants.variant_notebook(ROOT, aid, seed, pool)
        path = tmp_path / aid / f"{aid}.ipynb"
        path.parent.mkdir()
        path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
        monkeypatch.chdir(path.parent)
        write_answers(path.parent, key(path))
        required = [(g, b) for g, b, optional in blocks(path) if not optional]
        for grade_id, block in required:
            exec(compile(block, grade_id, "exec"), hostile_namespace(path))
        write_answers(path.parent, key(aid))  # the public solution's answers
        failed = 0
        for grade_id, block in required:
            try:
                exec(compile(block, grade_id, "exec"), hostile_namespace(path))
            except AssertionError:
                failed += 1
        assert failed, f"{aid}: the public key passes every hidden block of variant {seed}"


@pytest.mark.parametrize("seed", range(1, 21))
def test_the_confusion_key_is_the_pair_the_charts_call_most_confused(seed):
    """variants.confusion_key (course layer) counts pairs as ui.plots.most_confused does."""
    import random

    from humaskit.data.schema import LABEL_IDS
    from humaskit.ui import plots

    rng = random.Random(seed)
    answer = rng.choice(sorted(variants.ANSWER_PAIRS))
    counts, _ = variants.confusion_counts(rng, answer)
    truth = [LABEL_IDS[i] for i, row in enumerate(counts) for j, n in enumerate(row) for _ in range(n)]
    model = [LABEL_IDS[j] for i, row in enumerate(counts) for j, n in enumerate(row) for _ in range(n)]
    x, y, _ = plots.most_confused(truth, model)
    letter, _ = variants.confusion_key(counts)
    assert {LABEL_IDS[i] for i in variants.ANSWER_PAIRS[letter]} == {x, y}
    assert letter == answer
