"""What a trainee sees in the module notebooks carries Indonesian names, not the kit's English ids.

Each notebook in modules/ runs in a fresh kernel (in a copy of its folder, as in
test_notebooks.py; module 1 starts from a trainee with 15 practice codes and a colleague's file),
and then every dropdown bound to an analysis is tried with each of its options
(``pickers.exercise_step``, one choice per cell): each account and scenario must work. Then
everything a trainee reads is collected:

* printed text, and each displayed result as it is shown (HTML tables and Markdown rather than
  their plain-text fallback; a widget or a figure rather than its ``repr``);
* the text of every widget (button and dropdown labels, HTML panels, titles) and of every output
  area, from the widget state the notebook stores;
* every text of every figure drawn (titles, axis labels, tick labels, legends, annotations),
  recorded by an IPython start-up file that wraps matplotlib's ``print_figure`` and
  ``Text.draw`` (only texts actually drawn count: a hidden axis's ticks do not).

A label, triage, risk-category, SCCT (crisis kind, cluster, posture) or CERC id (phase,
principle) found there must have its Indonesian name beside it on the same line, as
``names.with_code`` writes it ("korban (victim)"); a bare id fails the test (``support.bare_ids``).
Running this file as a script prints the count per notebook:
``python tests/e2e/test_trainee_screens.py [NOTEBOOK...]``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # support, also when run as a script
from support import ROOT, bare_ids, display_ids  # noqa: E402

MODULE_NOTEBOOKS = sorted(p for p in (ROOT / "modules").rglob("*.ipynb")
                          if ".ipynb_checkpoints" not in p.parts)

# Run in the kernel at start-up: every figure drawn appends its texts to HUMASKIT_SCREEN_LOG.
STARTUP = '''
import json, os
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.text import Text

_print_figure, _draw, _drawn = FigureCanvasBase.print_figure, Text.draw, []


def _recording_draw(self, renderer, *args, **kwargs):  # only texts really drawn (not hidden axes)
    result = _draw(self, renderer, *args, **kwargs)
    if self.get_visible() and self.get_text():
        _drawn.append(self.get_text())
    return result


def _recording_print_figure(self, *args, **kwargs):
    _drawn.clear()
    result = _print_figure(self, *args, **kwargs)
    try:
        texts = list(dict.fromkeys(_drawn))
        with open(os.environ["HUMASKIT_SCREEN_LOG"], "a", encoding="utf-8") as log:
            log.write(json.dumps(texts, ensure_ascii=False) + "\\n")
    except Exception:  # recording must never change what the notebook does
        pass
    return result


Text.draw = _recording_draw
FigureCanvasBase.print_figure = _recording_print_figure
open(os.environ["HUMASKIT_SCREEN_LOG"] + ".ready", "w").close()  # the recorder is in place
'''
# Appended to the notebook: try every option of every dropdown bound to an analysis, one choice
# per cell. In one cell the choices (a plan form per scenario) would send more messages than the
# kernel's output channel holds; a dropped "idle" message leaves the client waiting for ever.
EXERCISE_STEPS = 60
EXERCISE = ["from humaskit.ui.widgets import pickers as _pickers\n_more = True",
            *["_more = _more and _pickers.exercise_step()"] * EXERCISE_STEPS,
            "assert not _more, 'more dropdown choices than exercise cells: raise EXERCISE_STEPS'"]
@dataclass(frozen=True)
class Finding:
    notebook: str
    where: str
    code: str
    line: str

    def __str__(self) -> str:
        return f"{self.notebook} {self.where}: '{self.code}' without its name in: {self.line.strip()[:160]}"


def _html_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"\s+", " ", markup)  # a table row becomes one line, whatever its source layout
    markup = re.sub(r"(?i)</t[dh]>", " | ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</tr>|</p>|</li>|</div>|</h\d>|</summary>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _output_texts(outputs: list[dict]) -> list[str]:
    """What a trainee reads of cell or output-area outputs."""
    texts = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            texts.append("".join(output.get("text", "")))
        elif kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data or "image/png" in data:
                continue  # a widget or a figure: their texts come from the widget state, the figure log
            for mime in ("text/html", "text/markdown", "text/plain"):
                if mime in data:
                    text = "".join(data[mime]) if isinstance(data[mime], list) else data[mime]
                    texts.append(_html_text(text) if mime == "text/html" else text)
                    break
    return texts


def _widget_texts(state: dict) -> list[str]:
    texts = []
    for model in state.values():
        s = model.get("state", {})
        if model.get("model_name") == "OutputModel":
            texts += _output_texts(s.get("outputs", []))
            continue
        for key in ("description", "tooltip", "placeholder", "_options_labels", "titles", "value"):
            value = s.get(key)
            if key == "value" and model.get("model_name") not in {"HTMLModel", "LabelModel", "HTMLMathModel"}:
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and item:
                    texts.append(_html_text(item) if "<" in item else item)
    return texts


def widget_state(nb: dict) -> dict:
    return nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json",
                                                          {}).get("state", {})


def screens(nb: dict, figures: list[list[str]]) -> list[tuple[str, str]]:
    """(where, text) for everything a trainee reads in an executed notebook."""
    out = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "code":
            out += [(f"cell {i}", text) for text in _output_texts(cell.get("outputs", []))]
    out += [("widget", text) for text in _widget_texts(widget_state(nb))]
    out += [(f"figure {n}", "\n".join(texts)) for n, texts in enumerate(figures, 1)]
    return out


def findings(name: str, nb: dict, figures: list[list[str]]) -> list[Finding]:
    ids = display_ids()
    return [Finding(name, where, code, line) for where, text in screens(nb, figures)
            for code, line in bare_ids(text, ids)]


def seed_practice(folder: Path) -> None:
    """A trainee who coded 15 practice posts (some wrong) and a colleague's codes, so that module 1
    shows its tables of the trainee's own codes (test_notebooks.py runs it with none)."""
    import pandas as pd

    from humaskit.course.practice import PracticeSession
    from humaskit.data.schema import LABEL_IDS

    session = PracticeSession(folder / "latihan_koding.json", n=30)
    for k in range(15):
        session.answer(session.current().gold_label if k % 3 else LABEL_IDS[k % len(LABEL_IDS)])
    codes = session.answers_frame()
    partner = codes.assign(label=[LABEL_IDS[(LABEL_IDS.index(lab) + (k % 4 == 0)) % len(LABEL_IDS)]
                                  for k, lab in enumerate(codes["gold_label"])])
    pd.DataFrame(partner[["post_id", "label"]]).to_csv(folder / "kode_rekan.csv", index=False)


def execute(path: Path, workdir: Path) -> tuple[dict, list[list[str]]]:
    """Run a module notebook in a copy of its folder, then try every bound dropdown; the executed
    notebook and the texts of its figures."""
    import nbformat
    import zmq
    from jupyter_client.blocking.client import BlockingKernelClient
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from traitlets import default

    class UnboundedIOPubClient(BlockingKernelClient):
        """No receive high-water mark on the client's sockets. nbclient's blocking client leaves
        IOPub unread until a cell's reply; an exercise cell of notebook 3-05 sends 1,799 IOPub
        messages, and past the default mark (1,000) libzmq dropped them, the "idle" status with
        them, so the test hung (seen in CI). Unbounded, libzmq's own I/O thread keeps queueing
        them while the test waits."""

        @default("context")
        def _unbounded_context(self) -> zmq.Context:
            self._created_context = True
            context = zmq.Context()
            context.setsockopt(zmq.RCVHWM, 0)
            return context

    class ScreenClient(NotebookClient):
        """Keeps the state of the widgets still open: a closed widget (the plan form of a scenario
        chosen earlier) is no longer on the trainee's screen."""

        def handle_comm_msg(self, outs, msg, cell_index):
            if msg["msg_type"] == "comm_close":
                self.widget_state.pop(msg["content"]["comm_id"], None)
                self.widget_buffers.pop(msg["content"]["comm_id"], None)
                return
            super().handle_comm_msg(outs, msg, cell_index)

    out = subprocess.run(["git", "ls-files", "--", "."], cwd=path.parent, capture_output=True, text=True)
    files = [path.parent / line for line in out.stdout.splitlines()
             if line and (path.parent / line).is_file()]
    folder = workdir / path.parent.name
    folder.mkdir(parents=True)
    for src in files or [path]:
        target = folder / src.relative_to(path.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    if folder.name == "01-klasifikasi-unggahan":
        seed_practice(folder)
    startup = workdir / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-record-figures.py").write_text(STARTUP, encoding="utf-8")
    log = workdir / "figures.jsonl"
    saved = {k: os.environ.get(k)
             for k in ("IPYTHONDIR", "HUMASKIT_SCREEN_LOG", "HUMASKIT_DATA", "MPLBACKEND", "PYTHONPATH")}
    import humaskit  # the kernel, started in another folder, must import this same humaskit

    search = [str(Path(humaskit.__file__).resolve().parents[1])]
    search += [str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    os.environ.update(IPYTHONDIR=str(workdir / "ipython"), HUMASKIT_SCREEN_LOG=str(log),
                      HUMASKIT_DATA=str(ROOT / "datasets"), PYTHONPATH=os.pathsep.join(dict.fromkeys(search)))
    os.environ.pop("MPLBACKEND", None)  # the inline backend draws (and so records) every figure
    try:
        nb = nbformat.read(folder / path.name, as_version=4)
        nb.cells.extend(nbformat.v4.new_code_cell(source) for source in EXERCISE)
        # IPC sockets in this test's own folder: no TCP port for another process to take meanwhile
        # (kernels started side by side by other tests could otherwise leave this one waiting).
        # A blocking client: with the async one, under load, the test stalled for 600 s and more
        # with kernel and client both idle (a lost wake-up, cf. ipykernel issue 1554).
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(workdir / "kernel"),
                           client_factory=UnboundedIOPubClient)
        try:
            ScreenClient(nb, km=km, timeout=600, startup_timeout=120, store_widget_state=True,
                         resources={"metadata": {"path": str(folder)}}).execute()
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    del nb.cells[-len(EXERCISE):]
    if not Path(f"{log}.ready").exists():
        raise RuntimeError("the figure recorder did not start in the kernel (IPython start-up file)")
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    figures = [json.loads(line) for line in lines]
    return nb, figures


def errors_in_output_areas(nb: dict) -> list[str]:
    """Tracebacks shown inside output areas (a dropdown's analysis that failed)."""
    return [o.get("ename", "") + ": " + o.get("evalue", "")
            for model in widget_state(nb).values() if model.get("model_name") == "OutputModel"
            for o in model.get("state", {}).get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.notebooks
@pytest.mark.parametrize("path", MODULE_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_bare_english_ids_on_trainee_screens(path, tmp_path):
    name = str(path.relative_to(ROOT))
    nb, figures = execute(path, tmp_path)
    assert not errors_in_output_areas(nb)
    bad = findings(name, nb, figures)
    assert not bad, f"{len(bad)} English id(s) without their Indonesian name:\n" + "\n".join(map(str, bad))


def test_the_scanner_finds_bare_ids_and_accepts_named_ones():
    ids = display_ids()
    assert [c for c, _ in bare_ids("Klaster: victim", ids)] == ["victim"]
    assert bare_ids("Klaster: korban (victim)", ids) == []
    assert bare_ids("crisis.cerc_phase: pra-krisis (pre_crisis), awal (initial)", ids) == []
    assert [c for c, _ in bare_ids("kategori social_engineering", ids)] == ["social_engineering"]
    assert bare_ids("lima komentar berlabel troll", ids) == []
    state = {"m": {"model_name": "DropdownModel", "state": {"_options_labels": ["victim"], "value": "x"}},
             "o": {"model_name": "OutputModel",
                   "state": {"outputs": [{"output_type": "stream", "name": "stdout", "text": "deny\n"}]}}}
    assert _widget_texts(state) == ["victim", "deny\n"]
    table = "<table><tr><th>klaster</th>\n<td>victim</td></tr><tr><td>korban</td></tr></table>"
    assert [c for c, _ in bare_ids(_html_text(table), ids)] == ["victim"]


if __name__ == "__main__":
    import tempfile

    chosen = [Path(a).resolve() for a in sys.argv[1:]] or MODULE_NOTEBOOKS
    total = 0
    for nb_path in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            executed, figs = execute(nb_path, Path(tmp))
        found = findings(str(nb_path.relative_to(ROOT)), executed, figs)
        total += len(found)
        print(f"{len(found):4d}  {nb_path.relative_to(ROOT)}", flush=True)
        for f in found:
            print("      ", f)
    print(f"{total:4d}  total")
