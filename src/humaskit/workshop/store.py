"""The workshop's shared store: every participant's answers, self-assessments and plans in one
database that many kernels write at once.

Where it lives:

* by default an embedded SQLite file, ``lokakarya.sqlite``, in the workshop data folder: the
  folder named by ``HUMASKIT_WORKSHOP_DIR`` (the workshop server sets it), else ``hasil_lokakarya/``
  in the current folder (beside the apps when Voila serves them). WAL journal, so readers never
  wait for the writer, and every write transaction starts ``BEGIN IMMEDIATE`` with a busy
  timeout, so concurrent kernels queue instead of failing;
* PostgreSQL (or any SQLAlchemy URL) when ``HUMASKIT_WORKSHOP_DB`` is set, for a JupyterHub
  deployment where kernels run on several machines.

What nothing can lose or double:

* a submission is one row, inserted once: it carries a ``submission_id`` (unique), so a client
  that retries after a crash or a timeout never adds a second copy;
* rows are never updated or deleted: a new answer to the same item is a new ``revision``
  (unique per participant, kind and item), so two kernels of one participant cannot both write
  revision 3, and a plan saved from a stale form is refused (``based_on``) instead of silently
  replacing a newer one;
* participants are keyed by a numeric id inside their session; the display name they type is
  for display only. A name already taken in the session (compared without case, spaces or
  punctuation, so "X!", "x" and "../../x" are one name) is given back only with the personal
  code that came with it, so two tables never write into each other's work.

The schema is versioned: ``schema_version`` records the migration steps applied, and
:data:`MIGRATIONS` lists them in order; opening a store applies the missing ones (under a lock).
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import os
import re
import secrets
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from humaskit.core.privacy import find_identifiers
from humaskit.workshop.common import (  # noqa: F401 - the store's public names, defined light in common
    CODE_ALPHABET,
    CODE_LENGTH,
    DB_ENV,
    DB_FILE,
    DEFAULT_DIR,
    DIR_ENV,
    KINDS,
    NAME_MAX,
    PIN_LENGTH,
    PRACTICE_SESSION,
    TOKEN_ENV,
    Conflict,
    DataError,
    NameTaken,
    Participant,
    Saved,
    Session,
    StoreError,
    database_url,
    normalise_code,
    workshop_dir,
    workshop_mode,
)

BUSY_TIMEOUT_S = 60


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


# -- schema --------------------------------------------------------------------------------------

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

sessions = sa.Table(
    "sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("title", sa.String(200), nullable=False, default=""),
    sa.Column("created_at", sa.String(40), nullable=False),
)

participants = sa.Table(
    "participants", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("display_name", sa.String(NAME_MAX), nullable=False),
    sa.Column("name_key", sa.String(NAME_MAX), nullable=False),
    sa.Column("pin", sa.String(PIN_LENGTH), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("session_id", "name_key", name="uq_participant_name"),
)

submissions = sa.Table(
    "submissions", metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("submission_id", sa.String(64), nullable=False, unique=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("item_key", sa.String(120), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("participant_id", "kind", "item_key", "revision", name="uq_submission_revision"),
    sa.Index("ix_submissions_session_kind", "session_id", "kind"),
)


def _migration_1(conn: Connection) -> None:
    """Sessions, participants and submissions."""
    for table in (sessions, participants, submissions):
        table.create(conn, checkfirst=True)


# Ordered steps: (version, function). Append new steps; never change an applied one.
MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [(1, _migration_1)]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def prepare_environment(token: str, folder: str | Path | None = None) -> dict[str, str]:
    """Set what the apps' kernels read, before the workshop server starts any kernel: workshop mode
    and the store's folder (``folder``, else ``$HUMASKIT_WORKSHOP_DIR`` if already set, else
    ``hasil_lokakarya/`` in the current folder; ignored when ``$HUMASKIT_WORKSHOP_DB`` names a
    database) and the facilitator token the dashboard asks for. Opens the store once, so that a
    store that cannot be created fails here, in the terminal, not in a participant's page.
    Returns the variables set."""
    chosen = Path(folder or os.environ.get(DIR_ENV) or Path.cwd() / DEFAULT_DIR).resolve()
    values = {DIR_ENV: str(chosen), TOKEN_ENV: str(token)}
    os.environ.update(values)
    Store(database_url()).close()
    return values


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        # One connection per joined kernel: opening one per answer costs a server process each time
        # (benchmarks/workshop_store.py, 40 writers in a burst on the loaded 2-core machine: p50
        # 1.7 s per answer, against 0.8-0.9 s with the connection kept; 11 ms at a room's pace).
        # A room of 40 with three apps open holds ~120: raise PostgreSQL's max_connections (100 by
        # default) or put PgBouncer in front (see README).
        return sa.create_engine(url, pool_size=1, max_overflow=1, pool_pre_ping=True)
    path = sa.engine.make_url(url).database
    if path and path != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"folder data lokakarya {Path(path).parent} tidak bisa dibuat "
                             f"({exc.strerror}).") from None
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised through every test
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below starts transactions
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover
        # Take the write lock at once: a transaction that reads and then writes cannot then fail
        # with "database is locked" halfway (SQLite would not wait for a lock upgrade).
        readonly = conn.get_execution_options().get("humaskit_readonly")
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


def _new_id(result) -> int:
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - every insert here has an integer primary key
        raise RuntimeError("insert returned no primary key")
    return int(key[0])


def clean_name(name: str) -> tuple[str, str]:
    """(display name, key): the name with spaces collapsed and at most 40 characters, and the key
    that decides whether two names are the same (lower case, letters and digits only)."""
    display = re.sub(r"\s+", " ", str(name)).strip()[:NAME_MAX]
    key = re.sub(r"[\W_]", "", display.casefold())
    if not key:
        raise StoreError("Tulis nama panggilan atau nama meja (huruf atau angka), misalnya meja3.")
    if find_identifiers(display):
        raise StoreError("Nama tampilan tidak boleh berisi NIK, nomor HP, atau email. Pakai nama "
                         "panggilan atau nama meja saja.")
    return display, key


class Store:
    """One workshop database. Safe to share between threads; every process opens its own."""

    def __init__(self, url: str | None = None):
        self.url = url or database_url()
        self.engine = _engine(self.url)
        self.migrate()

    def close(self) -> None:
        self.engine.dispose()

    def _reading(self) -> Connection:
        """A connection for reading only: on SQLite it does not take the write lock."""
        return self.engine.connect().execution_options(humaskit_readonly=True)

    # -- schema -------------------------------------------------------------------------------
    def migrate(self) -> int:
        """Apply the missing migration steps; returns the schema version. Kernels starting together
        take turns (SQLite's write lock, PostgreSQL's advisory lock)."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727271)")
            schema_version.create(conn, checkfirst=True)
            done = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0
            if done > SCHEMA_VERSION:
                raise StoreError(f"Basis data lokakarya dibuat oleh versi humaskit yang lebih baru "
                                 f"(skema {done}, versi ini mengenal sampai {SCHEMA_VERSION}). "
                                 "Perbarui humaskit.")
            for version, step in MIGRATIONS:
                if version > done:
                    step(conn)
                    conn.execute(schema_version.insert().values(version=version, applied_at=_now()))
            return max(done, SCHEMA_VERSION)

    def version(self) -> int:
        with self._reading() as conn:
            return int(conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0)

    # -- sessions -----------------------------------------------------------------------------
    def create_session(self, title: str = "", code: str | None = None) -> Session:
        """A new session with a fresh short code (or ``code``, when that one is still free)."""
        for _ in range(20):
            new = normalise_code(code) if code else "".join(secrets.choice(CODE_ALPHABET)
                                                           for _ in range(CODE_LENGTH))
            try:
                with self.engine.begin() as conn:
                    sid = _new_id(conn.execute(sessions.insert().values(code=new, title=str(title)[:200],
                                                                created_at=_now())))
                return Session(int(sid), new, str(title)[:200])
            except sa.exc.IntegrityError:
                if code:
                    found = self.session(new)
                    if found:
                        return found
        raise StoreError("Kode sesi baru tidak bisa dibuat; coba lagi.")  # pragma: no cover

    def session(self, code: str) -> Session | None:
        with self._reading() as conn:
            row = conn.execute(sa.select(sessions).where(sessions.c.code == normalise_code(code))).first()
        return Session(row.id, row.code, row.title) if row else None

    def sessions(self) -> list[Session]:
        with self._reading() as conn:
            rows = conn.execute(sa.select(sessions).order_by(sessions.c.id)).all()
        return [Session(r.id, r.code, r.title) for r in rows]

    def practice_session(self) -> Session:
        return self.session(PRACTICE_SESSION) or self.create_session("Latihan mandiri", PRACTICE_SESSION)

    # -- participants -------------------------------------------------------------------------
    def join(self, code: str, name: str, pin: str | None = None) -> Participant:
        """Join session ``code`` as ``name``. A new name gets a personal code (``pin``) to note; a
        name already in the session is given back only with its personal code."""
        session = self.session(code)
        if session is None:
            raise StoreError(f"Kode sesi '{str(code).strip()[:16]}' tidak dikenal. Periksa kode yang "
                             "ditunjukkan fasilitator.")
        display, key = clean_name(name)
        new_pin = "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))
        try:
            with self.engine.begin() as conn:
                pid = _new_id(conn.execute(participants.insert().values(
                    session_id=session.id, display_name=display, name_key=key, pin=new_pin,
                    created_at=_now())))
            return Participant(int(pid), session.id, session.code, display, new_pin)
        except sa.exc.IntegrityError:
            pass
        with self._reading() as conn:
            row = conn.execute(sa.select(participants).where(participants.c.session_id == session.id,
                                                             participants.c.name_key == key)).one()
        given = re.sub(r"\D", "", str(pin or ""))
        if given and hmac.compare_digest(given, row.pin):
            return Participant(row.id, session.id, session.code, row.display_name, row.pin, rejoined=True)
        if given:
            raise NameTaken(f"Kode pribadi untuk nama '{row.display_name}' tidak cocok. Periksa kode "
                            "yang Anda catat, atau pakai nama lain.")
        raise NameTaken(f"Nama '{row.display_name}' sudah dipakai di sesi ini. Jika itu Anda (halaman "
                        "dimuat ulang atau aplikasi lain), tulis kode pribadi Anda; jika bukan, pakai "
                        "nama lain.")

    def participants(self, session_id: int) -> list[dict]:
        """id, display_name, pin (the personal code, for the facilitator) and created_at."""
        with self._reading() as conn:
            rows = conn.execute(sa.select(participants.c.id, participants.c.display_name,
                                          participants.c.pin, participants.c.created_at)
                                .where(participants.c.session_id == session_id)
                                .order_by(participants.c.id)).all()
        return [dict(r._mapping) for r in rows]

    # -- submissions --------------------------------------------------------------------------
    def submit(self, participant: Participant, kind: str, key: str, payload,
               submission_id: str | None = None, based_on: int | None = None) -> Saved:
        """Store one answer (``payload``, JSON-able) for item ``key`` as the participant's next
        revision of it. The same ``submission_id`` again stores nothing (a retry). With
        ``based_on`` (the revision the form was opened at) a newer revision saved meanwhile from
        another device raises :class:`Conflict` instead of being replaced."""
        if kind not in KINDS:
            raise ValueError(f"unknown submission kind {kind!r}")
        submission_id = submission_id or uuid.uuid4().hex
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        key = str(key)[:120]
        for _ in range(50):
            with self.engine.begin() as conn:
                found = conn.execute(sa.select(submissions.c.revision)
                                     .where(submissions.c.submission_id == submission_id)).first()
                if found:
                    return Saved(found.revision, submission_id, duplicate=True)
                current = conn.execute(
                    sa.select(sa.func.max(submissions.c.revision))
                    .where(submissions.c.participant_id == participant.id, submissions.c.kind == kind,
                           submissions.c.item_key == key)).scalar() or 0
                if based_on is not None and current != based_on:
                    raise Conflict("Bagian ini sudah disimpan dari perangkat lain sejak form dibuka. "
                                   "Muat ulang halaman untuk melihat versi terbaru; salin dulu isian "
                                   "Anda bila perlu.")
                stmt = self._insert_ignoring_conflicts().values(
                    submission_id=submission_id, session_id=participant.session_id,
                    participant_id=participant.id, kind=kind, item_key=key, revision=current + 1,
                    payload=body, created_at=_now())
                if conn.execute(stmt).rowcount == 1:
                    return Saved(current + 1, submission_id, duplicate=False)
            # Another kernel wrote this revision (or this submission) in between: look again.
        raise StoreError("Jawaban belum tersimpan karena basis data sedang sibuk; coba lagi.")

    def _insert_ignoring_conflicts(self):
        name = self.engine.dialect.name
        if name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert
            return sqlite_insert(submissions).on_conflict_do_nothing()
        if name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert
            return pg_insert(submissions).on_conflict_do_nothing()
        raise StoreError(f"Basis data {name} belum didukung; pakai SQLite atau PostgreSQL.")

    def latest(self, participant: Participant, kind: str, key: str) -> tuple[int, object] | None:
        """(revision, payload) of the participant's newest submission for the item, or None."""
        with self._reading() as conn:
            row = conn.execute(
                sa.select(submissions.c.revision, submissions.c.payload)
                .where(submissions.c.participant_id == participant.id, submissions.c.kind == kind,
                       submissions.c.item_key == str(key)[:120])
                .order_by(submissions.c.revision.desc()).limit(1)).first()
        return (row.revision, json.loads(row.payload)) if row else None

    def latest_items(self, participant: Participant, kind: str) -> dict[str, object]:
        """item key -> newest payload, for every item of ``kind`` the participant answered."""
        return {r["item_key"]: r["payload"] for r in self._latest(
            [submissions.c.participant_id == participant.id, submissions.c.kind == kind])}

    def session_latest(self, session_id: int, kind: str) -> list[dict]:
        """The newest revision of every item of ``kind`` in the session, one dict per participant
        and item: participant_id, display_name, item_key, revision, payload, created_at."""
        return self._latest([submissions.c.session_id == session_id, submissions.c.kind == kind])

    def _latest(self, where: list) -> list[dict]:
        ranked = (sa.select(submissions, sa.func.row_number().over(
            partition_by=(submissions.c.participant_id, submissions.c.kind, submissions.c.item_key),
            order_by=submissions.c.revision.desc()).label("rank")).where(*where).subquery())
        query = (sa.select(ranked.c.participant_id, participants.c.display_name, ranked.c.item_key,
                           ranked.c.revision, ranked.c.payload, ranked.c.created_at)
                 .join(participants, participants.c.id == ranked.c.participant_id)
                 .where(ranked.c.rank == 1).order_by(ranked.c.participant_id, ranked.c.item_key))
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [{**r._mapping, "payload": json.loads(r.payload)} for r in rows]

    def count(self, session_id: int | None = None, kind: str | None = None) -> int:
        """How many submissions are stored (every revision counts)."""
        query = sa.select(sa.func.count()).select_from(submissions)
        if session_id is not None:
            query = query.where(submissions.c.session_id == session_id)
        if kind is not None:
            query = query.where(submissions.c.kind == kind)
        with self._reading() as conn:
            return int(conn.execute(query).scalar() or 0)

    def submission_ids(self, session_id: int) -> list[str]:
        with self._reading() as conn:
            return list(conn.execute(sa.select(submissions.c.submission_id)
                                     .where(submissions.c.session_id == session_id)).scalars())


_OPEN: dict[str, Store] = {}
_OPEN_LOCK = threading.Lock()


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (default :func:`database_url`), opened once per process."""
    url = url or database_url()
    with _OPEN_LOCK:
        if url not in _OPEN:
            _OPEN[url] = Store(url)
        return _OPEN[url]
