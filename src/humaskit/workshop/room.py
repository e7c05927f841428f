"""Joining the room, and the apps' work kept in the shared store.

Each app shows :func:`join_box` at its top. In a workshop (the server set ``HUMASKIT_WORKSHOP_DIR``
or ``HUMASKIT_WORKSHOP_DB``) a participant types the session code the facilitator shows and a
display name; without a server the app runs for one person, asks only for a name and keeps the
work in the practice session of the local store (``hasil_lokakarya/lokakarya.sqlite``). Joining is
remembered in the kernel (the page); after a reload the same name with its personal code brings
the work back.

The adapters give the app widgets the store instead of a file: :class:`StorePracticeSession`
(coding practice, app 01), :class:`StoreDocument` (the self-assessment of app 02 and the plan of
app 03: the whole document is saved as the participant's next revision, refused when another
device saved a newer one meanwhile) and :func:`record_estimate` (app 02's maturity estimate).
"""

from __future__ import annotations

import html
import logging
import os
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from humaskit.course.practice import Feedback, PracticeSession
from humaskit.data import codebook
from humaskit.data.schema import LABEL_IDS
from humaskit.ui.widgets import layout
from humaskit.workshop import common as st

if TYPE_CHECKING:
    from humaskit.workshop.store import Store

log = logging.getLogger(__name__)


def _database_errors() -> type[Exception]:
    """SQLAlchemy's errors, imported when the store is in use (a kernel waiting for a participant
    does not load the database layer)."""
    import sqlalchemy

    return sqlalchemy.exc.SQLAlchemyError


def _store_error(exc: Exception) -> st.StoreError:
    return st.StoreError(f"Basis data lokakarya tidak bisa dipakai ({type(exc).__name__}). Minta "
                         "fasilitator memeriksa server, lalu coba lagi.")


class Room:
    """Who this kernel's participant is, once joined; apps register what to do after joining."""

    def __init__(self, store: Store | None = None):
        self._store = store
        self.participant: st.Participant | None = None
        self._waiting: list[Callable[[st.Participant], object]] = []

    @property
    def store(self) -> Store:
        if self._store is None:
            from humaskit.workshop.store import open_store

            try:
                self._store = open_store()
            except _database_errors() as exc:
                raise _store_error(exc) from None
        return self._store

    def join(self, code: str | None, name: str, pin: str | None = None) -> st.Participant:
        """Join session ``code`` (the practice session when None) as ``name``; the steps the app
        registered with :meth:`on_join` are built afterwards, by :meth:`open_steps`."""
        if code is not None and not st.normalise_code(code):
            raise st.StoreError("Tulis kode sesi yang ditunjukkan fasilitator.")
        if not re.sub(r"[\W_]", "", str(name)):
            raise st.StoreError("Tulis nama panggilan atau nama meja (huruf atau angka), misalnya meja3.")
        try:
            if code is None:  # no workshop server: one person practising
                code = self.store.practice_session().code
            self.participant = self.store.join(code, name, pin)
        except _database_errors() as exc:
            raise _store_error(exc) from None
        return self.participant

    def open_steps(self) -> bool:
        """Call what the app registered with :meth:`on_join`, now that the participant has joined.
        False when one of them failed (logged with its traceback); the others still run."""
        if self.participant is None:
            return False
        done = True
        for call in self._waiting:
            try:
                call(self.participant)
            except Exception:  # a step that cannot be built must not hide the participant's code
                log.exception("building a step after joining failed")
                done = False
        return done

    def on_join(self, call: Callable[[st.Participant], object]) -> None:
        """Call ``call(participant)`` once joined (at once when already joined)."""
        self._waiting.append(call)
        if self.participant is not None:
            call(self.participant)


def session_from_query(query: str | None = None) -> str:
    """The session code in the page address (``?sesi=ABC123``), if Voila passed it on."""
    query = os.environ.get("QUERY_STRING", "") if query is None else query
    values = urllib.parse.parse_qs(query).get("sesi") or [""]
    return st.normalise_code(values[0])[:16]


def join_box(room: Room | None = None, what: str = "nama panggilan", placeholder: str = "nama panggilan",
             workshop: bool | None = None) -> w.VBox:
    """The join form: session code (in a workshop) and a display name, then "Gabung".

    ``box.room`` is the :class:`Room`; a name already in the session asks for its personal code."""
    room = room or Room()
    workshop = st.workshop_mode() if workshop is None else workshop
    code = w.Text(value=session_from_query(), placeholder="mis. K7P2QX")
    name = w.Text(placeholder=placeholder)
    pin = w.Text(placeholder="4 angka")
    pin_box = layout.labelled("Kode pribadi (bila nama ini milik Anda)", pin)
    pin_box.layout.display = "none"
    go = w.Button(description="Gabung", button_style="primary", icon="sign-in", layout=layout.button())
    status = w.HTML()
    fields = ([layout.labelled("Kode sesi dari fasilitator", code)] if workshop else []) + \
        [layout.labelled(what.capitalize(), name), pin_box]
    form = w.VBox(fields, layout=layout.full_width(max_width="26em"))
    intro = ("" if workshop else
             "<p><small>Tidak ada server lokakarya: aplikasi berjalan untuk Anda sendiri dan hasilnya "
             "disimpan di komputer ini.</small></p>")

    def joined_html(p: st.Participant) -> str:
        where = f"sesi <b>{html.escape(p.session_code)}</b>" if workshop else "latihan mandiri"
        welcome = "Selamat datang kembali" if p.rejoined else "Anda bergabung"
        return layout.prose(
            f"<p style='color:#1b5e20'>{welcome} di {where} sebagai <b>{html.escape(p.display_name)}</b>. "
            f"Kode pribadi Anda: <b style='font-size:1.2em'>{html.escape(p.pin)}</b>. Catat kode ini: "
            "dengan nama dan kode yang sama Anda bisa membuka aplikasi lain atau memuat ulang halaman "
            "tanpa kehilangan pekerjaan.</p>", max_width=layout.TEXT_MAX)

    def refuse(message: str, colour: str = "#8a1c1c") -> None:
        """Say why joining failed; the button works again for the next try."""
        status.value = layout.prose(f"<p style='color:{colour}'>{html.escape(message)}</p>")
        go.disabled = False

    def on_go(_=None):
        if room.participant is not None:  # a second tap that reached the kernel before "disabled"
            return
        go.disabled = True  # until the answer is shown: a busy kernel may take seconds
        status.value = layout.prose("<p><i>Sedang bergabung...</i></p>")
        try:
            p = room.join(code.value if workshop else None, name.value, pin.value or None)
        except st.NameTaken as problem:
            pin_box.layout.display = "flex"
            return refuse(str(problem), "#8a5a00")
        except st.StoreError as problem:
            return refuse(str(problem))
        except Exception as problem:  # never a silent, disabled button
            log.exception("joining failed")
            return refuse(f"Gagal bergabung ({type(problem).__name__}). Coba klik Gabung lagi; bila "
                          "tetap gagal, beri tahu fasilitator.")
        for field in (code, name, pin):
            field.disabled = True
        welcome = joined_html(p)
        status.value = welcome  # shown before the steps below are built
        if not room.open_steps():
            status.value = welcome + layout.prose(
                "<p style='color:#8a1c1c'>Langkah berikutnya gagal disiapkan. Muat ulang halaman, lalu "
                "bergabung lagi dengan nama dan kode pribadi yang sama. Bila tetap gagal, beri tahu "
                "fasilitator.</p>")

    go.on_click(on_go)
    box = w.VBox([w.HTML(intro), form, go, status], layout=layout.full_width())
    box.room, box.code, box.name, box.pin, box.go, box.status = room, code, name, pin, go, status
    box.pin_box = pin_box
    return box


def joined_note(p: st.Participant, what: str) -> w.HTML:
    """A line that says under which name and session the work is kept."""
    where = f"sesi {p.session_code}" if p.session_code != st.PRACTICE_SESSION else "latihan mandiri"
    return w.HTML(layout.prose(f"<p>{html.escape(what)} disimpan untuk <b>{html.escape(p.display_name)}"
                               f"</b> ({html.escape(where)}).</p>"))


def file_name(p: st.Participant, prefix: str, suffix: str = "") -> str:
    """A file name for a download (the Word memo): prefix, display name as letters and digits."""
    stem = re.sub(r"[^a-z0-9_]", "", re.sub(r"\s+", "_", p.display_name.lower()))[:40] or "peserta"
    return f"{prefix}_{stem}{suffix}"


class StorePracticeSession(PracticeSession):
    """Coding practice (app 01) whose answers go to the shared store, one submission per answer;
    the answers already given (a reload, another device) are read back from it."""

    def __init__(self, store: Store, participant: st.Participant, n: int = 15,
                 data_dir: Path | None = None):
        self.store, self.participant = store, participant
        super().__init__(path=f"toko:{participant.session_code}:{participant.id}", n=n, data_dir=data_dir)

    def _load(self) -> None:
        try:
            saved = self.store.latest_items(self.participant, "code")
        except _database_errors() as exc:
            raise _store_error(exc) from None
        self.answers = {k: v for k, v in saved.items() if v in LABEL_IDS}

    def save(self) -> None:
        """Every answer is stored as it is given; nothing is left to save."""

    def answer(self, label: str) -> Feedback:
        item = self.current()
        if item is None:
            raise ValueError("Semua unggahan latihan sudah dikode.")
        codebook.label(label)
        try:
            self.store.submit(self.participant, "code", item.post_id, label)
        except _database_errors() as exc:
            raise _store_error(exc) from None
        self.answers[item.post_id] = label
        return self.feedback(item, label)

    def reset(self) -> None:
        raise st.StoreError("Jawaban di sesi lokakarya tidak dihapus; fasilitator membutuhkannya.")


class StoreDocument:
    """One document of a participant (a self-assessment, a plan) kept in the store: ``load()``
    gives the newest revision, ``save(payload)`` stores the next one unless another device saved
    a newer one since (then :class:`~humaskit.workshop.store.Conflict`, in Indonesian)."""

    def __init__(self, store: Store, participant: st.Participant, kind: str, key: str,
                 field: str | None = None):
        self.store, self.participant, self.kind, self.key, self.field = store, participant, kind, key, field
        self.revision = 0

    @property
    def where(self) -> str:
        p = self.participant
        session = "latihan mandiri" if p.session_code == st.PRACTICE_SESSION else f"sesi {p.session_code}"
        return f"{session}, {p.display_name}, versi {self.revision}"

    def load(self):
        try:
            found = self.store.latest(self.participant, self.kind, self.key)
        except _database_errors() as exc:
            raise _store_error(exc) from None
        if found is None:
            return None
        self.revision, payload = found
        return payload.get(self.field) if self.field and isinstance(payload, dict) else payload

    def save(self, payload) -> st.Saved:
        body = {self.field: payload} if self.field else payload
        try:
            saved = self.store.submit(self.participant, self.kind, self.key, body, based_on=self.revision)
        except _database_errors() as exc:
            raise _store_error(exc) from None
        self.revision = saved.revision
        return saved


def plan_document(store: Store, participant: st.Participant, scenario_id: str) -> StoreDocument:
    return StoreDocument(store, participant, "plan", scenario_id, field="text")


def assessment_document(store: Store, participant: st.Participant) -> StoreDocument:
    return StoreDocument(store, participant, "maturity", "self_assessment")


def record_estimate(store: Store, participant: st.Participant, account: str, result: dict) -> None:
    """Keep app 02's maturity estimate for the facilitator (the newest per agency counts)."""
    payload = {"account": account, "level": result.get("level"),
               "capability_level": result.get("capability_level"),
               "outcome_level": result.get("outcome_level")}
    try:
        store.submit(participant, "estimate", account, payload)
    except _database_errors() as exc:
        raise _store_error(exc) from None
