"""Fixing a draft response plan field by field (assignment 3, Part C), without editing YAML.

A colleague's draft plan (YAML, kept read-only in the notebook) has a few faults. Each fault is a
:class:`PlanField`: the plan field it concerns (``crisis.posture``, ``risks[1].owner``,
``responses[2].due``) and how its answer is read (:mod:`humaskit.course.answers`). The trainee's
answers live in ``jawaban.json`` like every other answer; :func:`apply` puts them into a copy of
the draft, and :func:`problems_for` returns the checker's problems for one group of fields. An
answer that cannot be read leaves the draft's value in place: a typo costs only the point of the
field it is in, never the whole plan.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from humaskit.course.answers import AnswerError, AnswerFile, Kind
from humaskit.response import plans

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class PlanField:
    """One field of the plan a trainee fixes: where it is, how it is read, what it is called."""

    question_id: str
    target: str  # "crisis.posture", "risks[1].mitigation", "responses[2].due"
    kind: Kind
    label: str  # Indonesian, shown in the form
    group: str = ""  # fields graded together share a group (the grading cell's number)
    checks: tuple[str, ...] = ()  # other plan fields whose problems this answer settles
    must_change: bool = False  # the draft's value is wrong even where the checker cannot tell
    hint: str = ""  # Indonesian, shown under the label in the form


def _steps(target: str) -> list[str | int]:
    return [int(index) if index else key for key, index in _STEP.findall(target)]


def get(plan: Any, target: str) -> Any:
    """The value at ``target`` ("risks[1].owner"), or None when the path is not there."""
    node = plan
    for step in _steps(target):
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return None
            node = node[step]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(step)
    return node


def put(plan: dict, target: str, value: Any) -> None:
    """Set the value at ``target``; the path must exist up to its last step (it does in a draft)."""
    steps = _steps(target)
    node: Any = plan
    for step in steps[:-1]:
        node = node[step]
    node[steps[-1]] = value


def draft(text: str) -> dict:
    """The draft plan from its YAML text."""
    return plans.parse(text, "konsep rencana")


def saved_values(fields: Iterable[PlanField], path: str | Path | None = None) -> dict[str, Any]:
    """The fields' answers that are saved and readable: question id -> value read."""
    store = AnswerFile(path)
    try:
        saved = store.answers()
    except AnswerError:
        return {}
    values = {}
    for field in fields:
        if field.question_id in saved:
            try:
                values[field.question_id] = field.kind.parse(saved[field.question_id])
            except AnswerError:
                continue
    return values


def apply(base: dict, fields: Sequence[PlanField], values: dict[str, Any]) -> dict:
    """A copy of the draft with every answered field put in (dates as the YAML loader reads them)."""
    plan = copy.deepcopy(base)
    for field in fields:
        if field.question_id in values:
            put(plan, field.target, values[field.question_id])
    return plans.parse(plans.dump(plan))


def with_answers(text: str, fields: Sequence[PlanField], path: str | Path | None = None) -> dict:
    """The draft (YAML ``text``) with the trainee's saved answers put in."""
    return apply(draft(text), fields, saved_values(fields, path))


def problems_for(plan: dict, prefixes: Iterable[str]) -> list[plans.Problem]:
    """The checker's problems whose field starts with one of ``prefixes``."""
    wanted = tuple(prefixes)
    return [p for p in plans.validate(plan) if p.field.startswith(wanted)]


def group_prefixes(fields: Sequence[PlanField], group: str) -> list[str]:
    """The plan fields a group of answers covers (what its grading cell looks at)."""
    out: list[str] = []
    for f in fields:
        if f.group == group:
            out += [p for p in (f.target, *f.checks) if p not in out]
    return out


def check_group(text: str, fields: Sequence[PlanField], group: str,
                path: str | Path | None = None) -> list[plans.Problem]:
    """What is still wrong in one group of fields once the saved answers are put in the draft:
    the checker's problems, and a note for each field that must change but still reads as drafted."""
    base = draft(text)
    plan = apply(base, fields, saved_values(fields, path))
    found = problems_for(plan, group_prefixes(fields, group))
    for field in fields:
        if field.group == group and field.must_change and get(plan, field.target) == get(base, field.target):
            found.append(plans.Problem(field.target, f"{field.label}: masih sama dengan konsep rekan Anda; "
                                                     "tulis ulang."))
    return found


def report(text: str, fields: Sequence[PlanField], group: str, title: str,
           path: str | Path | None = None) -> str:
    """A group's state in Indonesian, for its grading cell: each field's saved answer, then the verdict."""
    values = saved_values(fields, path)
    lines = [f"{title}:"]
    for field in fields:
        if field.group != group:
            continue
        if field.question_id in values:
            lines.append(f"  ✔ {field.label}: {field.kind.describe(values[field.question_id])}")
        else:
            lines.append(f"  – {field.label}: belum diubah (masih isi konsep)")
    found = check_group(text, fields, group, path)
    if found:
        lines.append("Pemeriksa kit masih menemukan masalah:")
        lines += [f"  • {p.message}" for p in found]
    else:
        lines.append("Pemeriksa kit tidak menemukan masalah di kelompok ini.")
    lines.append("Nilainya diperiksa saat penilaian.")
    return "\n".join(lines)
