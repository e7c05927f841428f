"""Helpers shared by the test lanes (importable as ``support``: pyproject adds tests/ to the path)."""

from __future__ import annotations

import contextlib
import io
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
