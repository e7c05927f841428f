"""The times a trainee is told add up: each notebook states its own, and the module totals in the
orientation notebook and the README are their sums (docs/walkthrough.md gives the basis)."""

from __future__ import annotations

import json
import re

STATED = re.compile(r"Perkiraan waktu[^*]*\*\*(\d+) menit\*\*")


def minutes(text: str) -> int:
    """'5 jam 20 menit' -> 320, '4 jam' -> 240, '60 menit' -> 60."""
    m = re.fullmatch(r"(?:(\d+) jam)?\s*(?:(\d+) menit)?", text.strip())
    assert m and (m.group(1) or m.group(2)), text
    return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)


def notebook_minutes(root) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for path in sorted(root.glob("modules/*/*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        found = STATED.findall(text)
        if path.parent.name != "00-orientasi":
            assert len(found) == 1, f"{path.name}: state one 'Perkiraan waktu: ... **N menit**'"
            out.setdefault(path.parent.name, {})[path.name] = int(found[0])
    return out


def test_every_module_total_is_the_sum_of_its_notebooks(root):
    per_module = {folder[:2]: sum(times.values()) for folder, times in notebook_minutes(root).items()}
    assert set(per_module) == {"01", "02", "03"}
    orientation = json.loads((root / "modules/00-orientasi/00-orientasi.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in orientation["cells"])
    stated = {n: minutes(t) for n, t in re.findall(r"- Modul (\d) \([^)]*\): sekitar \*\*([^*]+)\*\*", text)}
    assert {f"0{n}": m for n, m in stated.items()} == per_module
    readme = (root / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d)\. [^|]+\|[^|]+\|[^|]+\| ± ([^|]+?) \|$", readme, re.M)
    table = {n: minutes(t) for n, t in rows}
    assert {f"0{n}": m for n, m in table.items() if n != "0"} == per_module
    assert table["0"] == 60 and "sekitar **60 menit**" in text
