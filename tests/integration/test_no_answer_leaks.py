"""Practice is not the test: no assignment item is shown with its answer anywhere a trainee learns.

For every assignment, the items a trainee answers (posts, comments, questions, the draft plan, the
case of the written part) appear in no file under modules/ or apps/, in no corpus, scenario or
example plan under datasets/, and in no practice pool the widgets draw from (coding practice, the
codebook's examples, triage practice). The answers themselves live only in solutions/: no visible
code of a student version records or names a correct option, and the orientation quizzes take
their answers from the kit's quiz bank instead of showing them in the cell. What trainees receive
(the distribution on branch `peserta`: clone, Binder, nbgitpuller) holds no line of any
assignment's solutions, hidden tests or mark schemes (test_trainee_distribution.py adds the wheel).
"""

from __future__ import annotations

import ast
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from support import ROOT, call_name, code_tree, solution_answers

from humaskit.course import distribution, grading

AIDS = grading.assignment_ids(ROOT)
MIN_ITEM = 40  # characters: shorter strings (option names, labels) are words lessons must use
OPENING = 60  # characters of a long item that identify it
ANSWER_KEYWORDS = {"answer", "correct", "key", "kunci", "benar", "solution", "jawaban_benar"}


def norm(text: str) -> str:
    text = re.sub(r"[*_`>#|]", " ", text)  # markdown emphasis, quotes, tables
    return re.sub(r"\s+", " ", text).strip().lower()


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def notebook(folder: str, aid: str) -> Path:
    return next((ROOT / folder / aid).glob("*.ipynb"))


# -- where trainees learn and practise ---------------------------------------------------------


@lru_cache(maxsize=1)
def lesson_text() -> str:
    """Every tracked file under modules/ and apps/ (notebooks as their cells' text)."""
    parts = []
    for folder in ("modules", "apps"):
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or ".ipynb_checkpoints" in path.parts:
                continue
            if path.suffix == ".ipynb":
                parts += [source(c) for c in cells(path)]
            elif path.suffix in {".md", ".py", ".txt", ".json", ".yaml", ".yml", ".csv", ".html"}:
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return norm("\n".join(parts))


@lru_cache(maxsize=1)
def pool_text() -> str:
    """The corpus, scenarios, example plans and every practice pool the widgets and apps draw from."""
    from humaskit.course import practice
    from humaskit.data import codebook, corpus, scenarios

    parts = []
    data = ROOT / "datasets"
    for path in sorted(data.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".yaml", ".yml", ".json"} and "source" not in path.parts:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    parts += corpus.load_posts()["text"].astype(str).tolist()
    parts += corpus.load_comments()["text"].astype(str).tolist()
    parts += corpus.load_triage_extra()["text"].astype(str).tolist()  # training-only comments
    for table in (data / "gold" / "to_code.csv", data / "triage_check" / "to_code.csv",
                  data / "triage_check" / "extra_to_code.csv"):
        import pandas as pd

        parts += pd.read_csv(table)["text"].astype(str).tolist()
    parts += [item.text for item in practice.practice_items()]  # coding practice (module 1, app 1)
    examples = codebook.examples_from_corpus(10)
    parts += [text for label in examples.values() for kind in label.values() for text in kind]
    items = scenarios.all_items()  # triage practice (module 3, app 3) draws from these
    parts += items["text"].astype(str).tolist() + items["why"].astype(str).tolist()
    return norm("\n".join(parts))


def seen_in(text: str) -> list[str]:
    """Where an item's text is shown ("lessons and apps", "datasets and practice pools"); for a long
    text its opening is enough (a post copied with a changed ending is still the same post)."""
    whole = norm(text)
    opening = whole[:OPENING] if len(whole) >= 2 * OPENING else whole
    places = (("lessons and apps", lesson_text()), ("datasets and practice pools", pool_text()))
    return [name for name, haystack in places if whole in haystack or opening in haystack]


# -- what an assignment asks, and its key ------------------------------------------------------


def solution_key(aid: str) -> dict[str, object]:
    """Question id -> the answer the solution records (inside its solution regions)."""
    return solution_answers(notebook("solutions", aid))


def asked_ids(aid: str) -> set[str]:
    """Question ids of the student version's answer widgets (``*_question("id", ...)``; an id built
    as ``f"unggahan_{n}"`` stands for every key it can name)."""
    key, found = solution_key(aid), set()
    for cell in cells(notebook("assignments", aid)):
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(code_tree(source(cell))):
            if call_name(node).endswith("_question") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    found.add(first.value)
                elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                    prefix = first.values[0].value
                    matching = {k for k in key if k.startswith(prefix)}
                    found |= matching or {prefix + "?"}
        if "plan_fix_form(" in source(cell):  # the form asks the fields of its PlanField list
            found |= {k for k in key if k.startswith("c_")}
    return found


def item_literals(code: str) -> dict[str, object]:
    """The items a locked cell defines: literal values bound to upper-case names (UNGGAHAN = [...],
    KONSEP_C = \"\"\"...\"\"\"); values built by calls (a form's field list) are not items."""
    found = {}
    for node in code_tree(code).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else None
        if isinstance(target, ast.Name) and target.id.isupper():
            try:
                found[target.id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def item_texts(aid: str) -> list[str]:
    """The texts a trainee answers about: long strings in the student version's locked code (posts,
    comments, the draft plan, line by line), and the question paragraphs before each answer cell."""
    texts = []
    nb = cells(notebook("assignments", aid))
    for i, cell in enumerate(nb):
        meta = cell["metadata"].get("nbgrader", {})
        if cell["cell_type"] == "code" and meta.get("locked"):
            for value in item_literals(source(cell)).values():
                for node in ast.walk(ast.parse(repr(value))):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str):
                        for line in node.value.splitlines():  # a YAML draft: each of its lines
                            line = line.strip().strip('"').split(": ", 1)[-1].strip('"')
                            if len(line) >= MIN_ITEM and not line.startswith("#"):
                                texts.append(line)
        asks = cell["cell_type"] == "code" and meta.get("solution")
        if asks and i > 0 and nb[i - 1]["cell_type"] == "markdown":
            for paragraph in source(nb[i - 1]).split("\n\n"):
                if paragraph.lstrip().startswith("#"):  # a question's heading names its case
                    texts += [line.strip("# ") for line in paragraph.splitlines() if len(line) >= MIN_ITEM]
                elif not paragraph.lstrip().startswith(("✏️", "Nilai", "|", "*", "-")):
                    texts += [s for s in re.split(r"(?<=[.?!])\s+", paragraph) if len(s) >= MIN_ITEM]
    return texts


# -- the tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("aid", AIDS)
def test_every_answer_the_trainee_gives_has_a_key_in_the_solution(aid):
    key, asked = solution_key(aid), asked_ids(aid)
    assert asked, f"{aid}: no answer widgets found"
    assert asked <= set(key), f"{aid}: questions without a key in the solution: {sorted(asked - set(key))}"


@pytest.mark.parametrize("aid", AIDS)
def test_no_item_is_shown_in_lessons_apps_or_practice(aid):
    texts = item_texts(aid)
    assert texts, f"{aid}: no items found"
    shown = {text[:60]: where for text in texts if (where := seen_in(text))}
    assert shown == {}, f"{aid}: items shown where trainees learn: {shown}"


def test_the_items_of_module_1_and_3_are_new():
    """Posts and comments answered in assignments 1 and 3 are in no corpus, scenario or practice."""
    from humaskit.data import corpus, scenarios

    def strings(aid: str, name: str) -> list[str]:
        for cell in cells(notebook("assignments", aid)):
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(code_tree(source(cell))):
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == name:
                    return [item["teks"] for item in ast.literal_eval(node.value)]
        raise AssertionError(f"{name} not in {aid}")

    posts = strings("01-klasifikasi-unggahan", "UNGGAHAN")
    comments = strings("03-rencana-respons", "KOMENTAR_A")
    assert len(posts) == 10 and len(comments) == 8
    known = {norm(t) for t in corpus.load_posts()["text"]} | {norm(t) for t in corpus.load_comments()["text"]}
    known |= {norm(t) for t in scenarios.all_items()["text"]}
    assert not [t for t in posts + comments if norm(t) in known]
    for text in posts + comments:
        assert not seen_in(text), text[:60]


def _part_c() -> tuple[dict, dict, str]:
    """The draft of assignment 3, Part C, and the plan the solution's answers make of it."""
    from humaskit.course import plan_fix

    code = next(source(c) for c in cells(notebook("assignments", "03-rencana-respons"))
                if c["cell_type"] == "code" and "KONSEP_C = " in source(c))
    space: dict = {}
    exec("from humaskit.course import answers\nfrom humaskit.data import names\n" + code, space)  # noqa: S102
    key = solution_key("03-rencana-respons")
    fields = space["BAGIAN_C"]
    values = {f.question_id: f.kind.parse(key[f.question_id]) for f in fields}
    draft = plan_fix.draft(space["KONSEP_C"])
    return draft, plan_fix.apply(draft, fields, values), space["KONSEP_C"]


def test_the_corrected_part_c_plan_is_no_example_plan():
    from humaskit.data import scenarios
    from humaskit.response import plans

    draft, corrected, text = _part_c()
    assert plans.validate(draft) and not plans.validate(corrected)  # the key really fixes the draft
    assert corrected["scenario"] not in scenarios.all_scenarios()  # no app or practice offers this case
    examples = sorted((ROOT / "datasets" / "plans").glob("*.yaml"))
    assert examples
    for path in examples:
        example = plans.load(path)
        assert example.get("scenario") != corrected["scenario"], path.name
        for field in ("title", "issue", "holding_statement", "cerc", "key_messages", "responses"):
            assert example.get(field) != corrected.get(field), f"{path.name}: {field}"
    for line in text.splitlines():
        value = line.strip().split(": ", 1)[-1].strip('"')
        if len(value) >= MIN_ITEM:
            assert not seen_in(value), value[:60]


def test_the_written_part_of_assignment_3_has_no_model_answer_in_the_lessons():
    """Part D's case is new: its facts and the mark scheme's model answers are nowhere a trainee reads."""
    source_nb = cells(notebook("solutions", "03-rencana-respons"))
    schemes = [source(c) for c in source_nb if c["metadata"].get("nbgrader", {}).get("grade")
               and c["cell_type"] == "markdown"]
    assert len(schemes) == 2
    sentences = [s for text in schemes for s in re.split(r"(?<=[.?!])\s+|\n", text.split("**Rubrik")[0])
                 if len(s.strip()) >= MIN_ITEM]
    assert len(sentences) > 10
    shown = [s[:60] for s in sentences if seen_in(s)]
    assert shown == []


@pytest.mark.parametrize("aid", AIDS)
def test_no_visible_code_in_the_student_version_reveals_a_correct_option(aid):
    key = solution_key(aid)
    for cell in cells(notebook("assignments", aid)):
        if cell["cell_type"] != "code":
            continue
        text = source(cell)
        assert "BEGIN SOLUTION" not in text
        for node in ast.walk(code_tree(text)):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            assert name != "record", f"{aid}: visible code records an answer: {ast.unparse(node)[:80]}"
            assert not {k.arg for k in node.keywords} & ANSWER_KEYWORDS, ast.unparse(node)[:80]
            if name == "multiple_choice":
                assert len(node.args) < 3, f"{aid}: a quiz shows its answer: {ast.unparse(node)[:80]}"
            if name.endswith("_question") and node.args and isinstance(node.args[0], ast.Constant):
                qid = node.args[0].value
                shown = [ast.literal_eval(a) for a in node.args[2:] if isinstance(a, ast.Constant)]
                assert key.get(qid) not in shown, f"{aid}: {qid} shows its answer"
    assert grading.leaks(ROOT) == []


@pytest.fixture(scope="module")
def trainee_distribution(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("peserta") / "humaskit"
    distribution.build(ROOT, out)
    return out


@pytest.mark.parametrize("aid", AIDS)
def test_no_key_of_the_assignment_reaches_the_trainee_distribution(aid, trainee_distribution):
    keys = {aid: distribution.key_lines(ROOT, aid)}
    assert len(keys[aid]) >= 10, f"{aid}: too few key lines to scan for"
    assert distribution.scan(trainee_distribution, keys) == []
    assert not (trainee_distribution / "solutions").exists()


def test_the_variant_pool_is_shown_nowhere_trainees_learn(trainee_distribution):
    """Cohort variants draw posts and comments from solutions/varian/butir.yaml: none is in a lesson,
    app, corpus or practice pool, nor in the trainee distribution."""
    from humaskit.course import variants

    pool = variants.load_pool(ROOT)
    texts = [p["teks"] for p in pool["unggahan"]] + [c["teks"] for c in pool["komentar"]]
    assert len(texts) >= 12
    assert [t[:60] for t in texts if seen_in(t)] == []
    assert distribution.scan(trainee_distribution, {"varian": [" ".join(t.split()) for t in texts]}) == []
    assert not (trainee_distribution / "solutions" / "varian").exists()


def test_the_variant_steps_and_risk_wordings_are_shown_nowhere_trainees_learn(trainee_distribution):
    """Assignment 2 Part B's steps and assignment 3 Part B's likelihood wordings in the pool: none
    in a lesson, app, corpus or practice pool; the steps that are not already options of the kit's
    own assignment 2 are not in the trainee distribution either."""
    from humaskit.course import variants

    pool = variants.load_pool(ROOT)
    steps = [s["teks"] for s in pool["langkah"]]
    wordings = [w for level in pool["kemungkinan"].values() for w in level]
    situations = list(pool["kondisi"].values())
    assert len(steps) >= 12 and len(wordings) >= 5
    assert [t[:60] for t in steps + wordings + situations if seen_in(t)] == []
    released = next((ROOT / "assignments" / "02-kematangan").glob("*.ipynb"))
    shown = norm(" ".join("".join(c["source"]) for c in cells(released)))
    new = [" ".join(t.split()) for t in steps if norm(t) not in shown]
    assert len(new) >= 6
    assert distribution.scan(trainee_distribution, {"varian": new}) == []


def test_every_lesson_quiz_takes_its_answer_from_the_bank():
    """No lesson or app cell calls multiple_choice with an answer index: every quiz is asked by id."""
    from humaskit.course import quizzes

    used = []
    for path in sorted([*(ROOT / "modules").glob("*/*.ipynb"), *(ROOT / "apps").glob("*.ipynb")]):
        for cell in cells(path):
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(code_tree(source(cell))):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                    assert name != "multiple_choice", f"{path.name}: a quiz shows its answer index"
                    first = node.args[0] if node.args else None
                    if name == "quiz_from_bank" and isinstance(first, ast.Constant):
                        used.append(first.value)
                if isinstance(node, ast.Compare):  # no 'jawaban == "B"' in a practice cell
                    sides = [c.value for c in [node.left, *node.comparators] if isinstance(c, ast.Constant)]
                    letters = [t for t in sides if isinstance(t, str) and len(t) == 1 and t in "ABCDEabcde"]
                    assert not letters, ast.unparse(node)
    assert set(used) >= {"orientasi-1", "orientasi-2", "orientasi-3", *quizzes.COMPUTED_IDS}
    assert all(quizzes.get(q) for q in used)


def test_the_check_finds_an_item_planted_in_a_lesson(monkeypatch):
    import sys

    post = item_texts("01-klasifikasi-unggahan")[0]
    planted = norm(f"Contoh unggahan: {post[:80]} ... Kuncinya: Informasi yang berguna.")
    monkeypatch.setattr(sys.modules[__name__], "lesson_text", lambda: planted)
    assert seen_in(post) == ["lessons and apps"]
