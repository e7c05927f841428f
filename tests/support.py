"""Helpers shared by the test lanes (importable as ``support``: pyproject adds tests/ to the path)."""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from humaskit import cli

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
MINI = TESTS / "fixtures" / "mini"
APPS = sorted((ROOT / "apps").glob("*.ipynb"))  # the Voila workshop apps
FACILITATOR_TOKEN = "token-uji-fasilitator"  # the dashboard's token on the tests' Voila servers


@dataclass(frozen=True)
class Result:
    """What a run of the ``humaskit`` command produced, like subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: object) -> Result:
    """Run ``humaskit *args`` in this process and capture its exit status and output.

    argparse ends ``--help``, ``--version`` and usage errors with SystemExit; its code becomes the
    return code. Any other exception propagates and fails the test, which is stricter than looking
    for "Traceback" in a child process's standard error.
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:
            if exc.code is None or isinstance(exc.code, int):
                code = exc.code or 0
            else:  # sys.exit("message") prints the message and exits with 1
                print(exc.code, file=err)
                code = 1
    return Result(code, out.getvalue(), err.getvalue())


def call_name(node: ast.AST) -> str:
    """The name a call calls: "record" for tanya.record(...) and for record(...)."""
    func = getattr(node, "func", None)
    return getattr(func, "attr", getattr(func, "id", "")) if isinstance(node, ast.Call) else ""


def code_tree(text: str) -> ast.Module:
    """A cell's code as a syntax tree (IPython magics and shell lines blanked)."""
    return ast.parse("\n".join("" if line.lstrip().startswith(("%", "!")) else line
                               for line in text.splitlines()))


def solution_answers(notebook: Path) -> dict[str, object]:
    """Question id -> the answer a solution notebook records inside its solution regions (its key)."""
    from humaskit.course import grading

    key: dict[str, object] = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] != "code" or "record(" not in text:  # answer cells, not the pandas part
            continue
        for region in grading.REGION.finditer(text):
            for node in ast.walk(code_tree(textwrap.dedent(region.group(2)))):
                if call_name(node) == "record":
                    key[ast.literal_eval(node.args[0])] = ast.literal_eval(node.args[1])
    return key


# ---------------------------------------------------------------------------------------------
# English ids on trainee screens (tests/e2e/test_trainee_screens.py, validator messages)

# How far (characters, same line) a name may stand from its id and still be "beside" it.
NEAR = 70


def _core(name: str) -> str:
    """The part of a display name that must appear: "Keliru (salah informasi)" -> "keliru"."""
    return name.split(" (")[0].split(":")[0].split(" / ")[0].strip().lower()


def display_ids(extra: dict | None = None) -> dict[str, set[str]]:
    """The ids a trainee must not see bare (post labels, triage labels, risk categories, SCCT
    crisis kinds, clusters and postures, CERC phases and principles), each with the core of its
    Indonesian name; ``extra`` adds other groups (id -> name)."""
    from humaskit.data import frameworks, names
    from humaskit.data.schema import LABEL_IDS, TRIAGE_LABELS

    groups: list[tuple[tuple, dict]] = [
        (LABEL_IDS, names.LABELS), (TRIAGE_LABELS, names.TRIAGE),
        (frameworks.RISK_CATEGORIES, names.RISK_CATEGORIES), (frameworks.CLUSTERS, names.CLUSTERS),
        (frameworks.POSTURES, names.POSTURES), (tuple(frameworks.CRISIS_KINDS), names.CRISIS_KINDS),
        (frameworks.CERC_PHASES, names.CERC_PHASES),
        (frameworks.CERC_PRINCIPLES, {k: v[0] for k, v in names.CERC_PRINCIPLES.items()}),
    ]
    if extra:
        groups.append((tuple(extra), extra))
    out: dict[str, set[str]] = {}
    for ids, shown in groups:
        for code in ids:
            out.setdefault(str(code), set()).add(_core(str(shown[code])))
    return out


def bare_ids(text: str, ids: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(id, line) for every id in ``text`` whose Indonesian name does not stand beside it on its
    line (within NEAR characters), as ``names.with_code`` writes it: "korban (victim)"."""
    found = []
    for line in text.splitlines():
        lowered = line.lower()
        for code, shown in ids.items():
            if any(code == word for name in shown for word in name.split()):
                continue  # the id is itself a word of its Indonesian name ("troll")
            for m in re.finditer(rf"(?<![\w-]){re.escape(code)}(?![\w-])", line):
                window = lowered[max(0, m.start() - NEAR): m.end() + NEAR]
                if not any(name in window for name in shown):
                    found.append((code, line))
    return found
