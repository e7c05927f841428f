"""Pick, don't edit: dropdowns and an upload box for the choices a trainee makes in a notebook.

A trainee never edits a string in code to choose an account, a scenario or a file. The notebook
shows a dropdown (:func:`dropdown`, :func:`account_picker`, :func:`scenario_picker`,
:func:`file_picker`) and binds its analysis to it with :func:`show`: the analysis runs once at
once and again on every new choice, in its own output area. Several cells may bind to the same
dropdown; changing it anywhere updates all of them.

:func:`upload_box` saves an uploaded file into the notebook's folder through
:mod:`humaskit.core.storage` (atomic, never over an existing file: a taken name gets a number,
``kode_rekan-2.csv``), then refreshes the file pickers given to it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w

from humaskit.core import storage
from humaskit.core.errors import DataError
from humaskit.data import scenarios

NO_FILE = "— belum ada file —"
_WIDE = {"description_width": "initial"}
_BOUND: list[weakref.ref] = []  # every show() box alive, for exercise()


def _as_options(options: Mapping | Iterable) -> list[tuple[str, Any]]:
    """(label, value) pairs from a mapping value -> label, pairs, or plain values."""
    if isinstance(options, Mapping):
        return [(str(label), value) for value, label in options.items()]
    pairs = []
    for item in options:
        pairs.append((str(item[0]), item[1]) if isinstance(item, tuple) else (str(item), item))
    return pairs


def _instances() -> dict:
    """ipywidgets' registry of open widgets (model id -> widget)."""
    registry = getattr(w.widgets.widget, "_instances", None)
    return dict(registry if registry is not None else w.Widget.widgets)


def dropdown(options: Mapping | Iterable, description: str = "Pilih:", value: Any = None) -> w.Dropdown:
    """A dropdown showing Indonesian labels and giving their codes: ``options`` is a mapping
    code -> label (``names.CLUSTERS``), (label, code) pairs, or plain values. The first option
    is chosen unless ``value`` names another."""
    pairs = _as_options(options)
    values = [v for _, v in pairs]
    chosen = value if value in values else (values[0] if values else None)
    return w.Dropdown(options=pairs, value=chosen, description=description, style=_WIDE,
                      layout=w.Layout(width="auto", max_width="100%"))


def account_picker(agencies, value: str | None = None, accounts: Sequence[str] | None = None,
                   description: str = "Akun:") -> w.Dropdown:
    """A dropdown of accounts, labelled "Nama instansi (akun)"; ``agencies`` is the corpus's
    agency table (``corpus.load_agencies()``); ``accounts`` limits and orders the choices."""
    known = dict(zip(agencies["account"], agencies["name"], strict=True)) if agencies is not None else {}
    chosen = list(accounts) if accounts is not None else sorted(known)
    return dropdown([(f"{known[a]} ({a})" if a in known else str(a), a) for a in chosen], description, value)


def scenario_picker(value: str | None = None, description: str = "Skenario:") -> w.Dropdown:
    """A dropdown of the kit's issue and crisis scenarios, labelled by title."""
    return dropdown([(s["title"], sid) for sid, s in scenarios.all_scenarios().items()], description, value)


def show(picker: w.ValueWidget, render: Callable[[Any], None], *, with_picker: bool = True,
         button: str | None = None) -> w.VBox:
    """Run ``render(picker.value)`` now and again whenever the choice changes (or, with
    ``button``, when that button is clicked), each time into a fresh output area below.

    An error on the first run is raised, so a broken notebook fails as it runs; later errors are
    shown in the output area, where the trainee sees them (and kept as ``box.state``). Widgets a
    render creates (a form for the chosen scenario) are closed before the next render."""
    out = w.Output()
    trigger = w.Button(description=button, button_style="primary") if button else None
    state: dict[str, BaseException | None] = {"error": None}
    made: list[w.Widget] = []  # widgets the last render created (a form), closed before the next

    def run(initial: bool = False) -> None:
        state["error"] = None
        for widget in made:
            widget.close()
        made.clear()
        before = set(_instances())
        out.clear_output(wait=True)
        with out:
            try:
                render(picker.value)
            except Exception as exc:
                state["error"] = exc
                if not initial:
                    raise  # the output area shows the traceback
            finally:
                made.extend(widget for key, widget in _instances().items() if key not in before)
        if initial and state["error"] is not None:
            raise state["error"]

    if trigger is not None:
        trigger.on_click(lambda _b: run())
    else:
        picker.observe(lambda _change: run(), names="value")
    run(initial=True)
    parts = ([picker] if with_picker else []) + ([trigger] if trigger is not None else []) + [out]
    box = w.VBox(parts)
    box.rerun, box.picker, box.state = run, picker, state
    box.by_button = trigger is not None
    _BOUND.append(weakref.ref(box))
    return box


def _exercise_steps() -> list[tuple[w.Dropdown, list, Any]]:
    """(dropdown, the boxes bound to it, a value to choose) for every option of every open
    dropdown bound by :func:`show`, each dropdown ending on its original choice."""
    boxes = [box for box in (ref() for ref in _BOUND) if box is not None and box.comm is not None]
    bound: dict[int, tuple[w.Dropdown, list]] = {}
    for box in boxes:
        if isinstance(box.picker, w.Dropdown):
            bound.setdefault(id(box.picker), (box.picker, []))[1].append(box)
    return [(picker, group, value) for picker, group in bound.values()
            for value in [v for _, v in picker.options] + [picker.value]]


_PENDING: list[tuple[w.Dropdown, list, Any]] | None = None


def exercise_step() -> bool:
    """Make the next choice of :func:`exercise` (the steps are listed at the first call); True
    while choices remain. A notebook test runs one step per cell, so that no cell sends the
    front end more messages than its channel holds (a plan form per scenario is hundreds)."""
    global _PENDING
    if _PENDING is None:
        _PENDING = _exercise_steps()
    if not _PENDING:
        return False  # done; exercise() starts a new round
    picker, group, value = _PENDING.pop(0)
    picker.value = value
    for box in group:
        if box.by_button:
            box.rerun()
        error = box.state["error"]
        if error is not None:
            _PENDING = []
            raise RuntimeError(f"{picker.description} {value!r}: {error!r}") from error
    return bool(_PENDING)


def exercise() -> int:
    """Choose every option of every dropdown bound by :func:`show` in turn (clicking its button
    where it has one), then restore the choice; the first error any analysis raised is raised
    here, so a test knows every account and scenario works. Returns how many choices were made."""
    global _PENDING
    _PENDING = _exercise_steps()
    tried = len(_PENDING)
    while exercise_step():
        pass
    _PENDING = None
    return tried


# ---------------------------------------------------------------------------------------------
# Files


def files_in(folder: str | Path = ".", suffixes: Iterable[str] = (".csv", ".xlsx"),
             exclude: Iterable[str] = ()) -> list[str]:
    """File names in ``folder`` with one of the ``suffixes``, newest first, hidden files and
    ``exclude`` left out."""
    allowed = tuple(s.lower() for s in suffixes)
    skip = set(exclude)
    found = [p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith(".")
             and p.suffix.lower() in allowed and p.name not in skip]
    return [p.name for p in sorted(found, key=lambda p: (-p.stat().st_mtime, p.name))]


def file_picker(folder: str | Path = ".", suffixes: Iterable[str] = (".csv", ".xlsx"),
                description: str = "File:", exclude: Iterable[str] = (), value: str | None = None,
                extra: Iterable[tuple[str, Any]] = ()) -> w.Dropdown:
    """A dropdown of the files in the notebook's folder (newest first); ``extra`` options (label,
    value) come first, e.g. ("contoh jadi", None). The newest file is chosen unless ``value``
    names another option. ``picker.refresh()`` re-reads the folder."""
    suffixes, exclude, extra = tuple(suffixes), tuple(exclude), list(extra)

    def options() -> list[tuple[str, Any]]:
        names = files_in(folder, suffixes, exclude)
        return extra + [(n, n) for n in names] or [(NO_FILE, None)]

    files = files_in(folder, suffixes, exclude)
    picker = dropdown(options(), description, value if value is not None or not files else files[0])

    def refresh(select: str | None = None) -> None:
        current = picker.value
        picker.options = options()
        values = [v for _, v in picker.options]
        picker.value = select if select in values else (current if current in values else values[0])

    picker.refresh = refresh
    return picker


def free_name(folder: str | Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3``... when it is taken: never an existing file."""
    safe = Path(str(name).replace("\\", "/")).name.strip() or "unggahan"
    target = Path(folder) / safe
    n = 2
    while target.exists():
        target = Path(folder) / f"{Path(safe).stem}-{n}{Path(safe).suffix}"
        n += 1
    return target


def save_upload(name: str, content: bytes, folder: str | Path = ".",
                suffixes: Iterable[str] = (".csv", ".xlsx")) -> Path:
    """Save an uploaded file in ``folder`` under a free name (an existing file is never
    replaced); DataError (Indonesian) for a refused suffix or an unwritable folder."""
    target = free_name(folder, name)
    storage.check_output(target, suffixes=suffixes)
    storage.write_bytes_atomic(target, bytes(content))
    return target


def upload_box(folder: str | Path = ".", suffixes: Iterable[str] = (".csv", ".xlsx"),
               description: str = "Unggah file", pickers: Sequence[w.Dropdown] = (),
               on_saved: Callable[[Path], None] | None = None) -> w.VBox:
    """An upload button: each file is saved in ``folder`` (see :func:`save_upload`), the
    ``pickers`` are refreshed (a single picker selects the new file; of several, each keeps its
    choice, so a trainee uploading two files picks each one) and ``on_saved`` is called."""
    suffixes = tuple(suffixes)
    upload = w.FileUpload(accept=",".join(suffixes), multiple=False, description=description,
                          layout=w.Layout(width="auto"))
    message = w.HTML()

    def saved(change) -> None:
        if not change["new"]:
            return
        lines = []
        for item in change["new"]:
            try:
                path = save_upload(item["name"], item["content"], folder, suffixes)
            except DataError as exc:
                lines.append(f"<span style='color:#8a1c1c'>Tidak disimpan: {exc}</span>")
                continue
            renamed = "" if path.name == item["name"] else f" (nama <b>{item['name']}</b> sudah dipakai)"
            lines.append(f"Tersimpan di folder ini sebagai <b>{path.name}</b>{renamed}.")
            for picker in pickers:
                refresh = getattr(picker, "refresh", None)
                if refresh is not None:
                    refresh(path.name if len(pickers) == 1 else None)
            if on_saved is not None:
                on_saved(path)
        message.value = "<br>".join(lines)
        upload.value = ()  # ready for the next file

    upload.observe(saved, names="value")
    return w.VBox([upload, message])
