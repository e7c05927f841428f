"""Hidden tests that trust nothing the trainee's kernel can change (issue 12).

Each hidden block built here gets what it needs itself:

* the key is a plain literal written into the block (computed by the kit's own functions when the
  block is written, never at grading time from the trainee's namespace);
* the answer is read again inside the block by the kit's answer reader, imported there under a
  private name (``_jawaban``), never taken from a name a trainee cell could have rebound
  (``answers``, ``jawaban_1``, ``huruf_b`` ...);
* what the reader returns is turned into plain ``str``/``int``/``list`` first, and only then
  compared with ``==`` against the literal;
* built-ins come from ``import builtins as _b`` (``_b.str``, ``_b.sorted`` ...), so a notebook-level
  ``str = ...`` or ``sorted = ...`` does not reach them. (Code that can replace modules in
  ``sys.modules`` could still reach them: such code never runs, because ``sys``, ``importlib`` and
  ``builtins`` are outside the optional parts' allow-list and the required parts run no trainee code.)

The grading kernel runs only the released notebook (``RebuildFromRelease``), so no trainee code
runs before these blocks except the allow-listed optional data parts; these builders make the
blocks safe even so. :mod:`humaskit.course.variants` writes every varied block with them; the
kit's own ``solutions/`` were rewritten with them once.
"""

from __future__ import annotations

import json

READER = "import builtins as _b\n\nfrom humaskit.course import answers as _jawaban\n\n"


def _q(value: object) -> str:
    """A Python literal (strings as JSON-style literals, readable non-ASCII)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_q(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_q(k)}: {_q(v)}" for k, v in value.items()) + "}"
    return repr(value)


def single(var: str, qid: str, kind: str, title: str, plain: str, key: str | int, message: str,
           head: str = "") -> str:
    """One answer read by ``_jawaban.read(qid, _jawaban.<kind>, title)``, made ``plain`` (``str`` or
    ``int``), equal to ``key``. ``head`` is kept above the check (e.g. the facts it rests on)."""
    return (READER + head + f"{var} = _b.{plain}(_jawaban.read({_q(qid)}, _jawaban.{kind}, {_q(title)}))\n"
            f"assert {var} == {_q(key)}, (\n    {_q(message)})\n")


def coding(need: int, key: str, reasons: list[str]) -> str:
    """Assignment 1, Part A: at least ``need`` of the ten posts coded as ``key``."""
    return (READER + f"_kunci_a = {_q(key)}\n"
            f"_alasan_a = {_q(reasons)}\n"
            "_jawaban_a = [_b.str(_x) for _x in _jawaban.read_many(\n"
            '    [(f"unggahan_{_n}", _jawaban.Choice("ABCDE"), f"Unggahan {_n}")\n'
            "     for _n in _b.range(1, 11)])]\n"
            '_beda_a = [f"Unggahan {_n}: kuncinya {_k}, karena {_alasan_a[_n - 1]}"\n'
            "           for _n, (_j, _k) in _b.enumerate(_b.zip(_jawaban_a, _kunci_a, strict=True), start=1) "
            "if _j != _k]\n"
            "_sesuai = 10 - _b.len(_beda_a)\n"
            f"assert _sesuai >= {need}, (f\"{{_sesuai}} dari 10 jawaban sesuai kode rujukan; poin ini butuh "
            f"sedikitnya {need}. \"\n"
            '                       + " ".join(_beda_a))\n')


def steps(key: list[str], wrong: str, at_least: str) -> str:
    """Assignment 2, Part B, first point: no wrong step and at least two right ones."""
    return (READER + "_dipilih_b = [_b.str(_h) for _h in\n"
            '              _jawaban.read("b_langkah", _jawaban.Choices("ABCDEF"), "Bagian B")]\n'
            f"_cocok_b = {_q(key)}\n"
            f"assert [_h for _h in _dipilih_b if _h not in _cocok_b] == [], (\n    {_q(wrong)})\n"
            "_kena_b = [_h for _h in _dipilih_b if _h in _cocok_b]\n"
            f"assert _kena_b not in ([], [_cocok_b[0]], [_cocok_b[1]], [_cocok_b[2]]), {_q(at_least)}\n")


def steps_exact(key: list[str], message: str) -> str:
    """Assignment 2, Part B, second point: exactly the right steps."""
    return (READER + "_dipilih_b = [_b.str(_h) for _h in\n"
            '              _jawaban.read("b_langkah", _jawaban.Choices("ABCDEF"), "Bagian B")]\n'
            f"assert _b.sorted(_dipilih_b) == {_q(sorted(key))}, (\n    {_q(message)})\n")


def triage(numbers: tuple[int, ...], key: dict[str, str], reasons: dict[str, str]) -> str:
    """Assignment 3, Part A: the comments ``numbers`` labelled as ``key``."""
    return ("import builtins as _b\n\nfrom humaskit.course import answers as _jawaban\n"
            "from humaskit.data import names as _names\n\n"
            f"_kunci_a = {_q(key)}\n"
            f"_alasan_a = {_q(reasons)}\n"
            "_label_a = [_b.str(_x) for _x in _jawaban.read_many(\n"
            '    [(f"a_komentar_{_n}", _jawaban.Label(_names.TRIAGE), f"Komentar {_n}")\n'
            f"     for _n in {numbers!r}])]\n"
            f"for _n, _label in _b.zip({numbers!r}, _label_a, strict=True):\n"
            '    _id = f"a_komentar_{_n}"\n'
            '    assert _label == _kunci_a[_id], (\n'
            '        f"Komentar {_n}: labelnya {_names.TRIAGE[_kunci_a[_id]]} ({_kunci_a[_id]}), "\n'
            '        f"karena {_alasan_a[_id]}")\n')


def risks(numbers: tuple[int, int], rows: list[tuple[int, int, int, str]]) -> str:
    """Assignment 3, Part B1: the scores of risks ``numbers`` are likelihood x impact of ``rows``
    (``index, likelihood, impact, reason``); the products are taken here, not at grading time."""
    first = numbers[0]
    listed = "".join(f"    ({n}, {a}, {b}, {_q(why)}),\n" for n, a, b, why in rows)
    keys = [a * b for _, a, b, _ in rows]
    return (READER + "_nilai_b = [_b.int(_x) for _x in _jawaban.read_many(\n"
            '    [(f"b1_r{_n}", _jawaban.Integer(1, 25), f"Nilai risiko R{_n}")\n'
            f"     for _n in {numbers!r}])]\n"
            f"_kunci_b = {keys!r}\n"
            f"for _n, _kemungkinan, _dampak, _alasan in (\n{listed}):\n"
            f'    assert _nilai_b[_n] == _kunci_b[_n], f"R{{_n + {first}}}: {{_alasan}}."\n')


def deadline(key_iso: str, message: str) -> str:
    """Assignment 3, Part B3: the SP4N-LAPOR deadline, compared as an ISO date string."""
    return (READER + "_tanggal_b3 = _b.str(\n"
            '    _jawaban.read("b3_tenggat", _jawaban.Date(), "Soal B3").isoformat())\n'
            f"assert _tanggal_b3 == {_q(key_iso)}, (\n    {_q(message)})\n")
