"""Helpers shared by the test lanes (importable as ``support``: pyproject adds tests/ to the path)."""

from __future__ import annotations

import ast
import contextlib
import io
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

from humaskit import cli

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
MINI = TESTS / "fixtures" / "mini"
APPS = sorted((ROOT / "apps").glob("*.ipynb"))  # the Voila workshop apps


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
