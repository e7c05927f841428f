"""The workshop store: sessions, joining by display name, idempotent and versioned submissions."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from humaskit.workshop import store as st


def test_schema_is_versioned_and_migrating_again_changes_nothing(store, tmp_path):
    assert store.version() == st.SCHEMA_VERSION
    again = st.Store(store.url)
    assert again.migrate() == st.SCHEMA_VERSION
    with again.engine.connect() as conn:
        rows = conn.execute(sa.select(st.schema_version)).all()
    assert [r.version for r in rows] == [v for v, _ in st.MIGRATIONS]
    again.close()


def test_a_newer_schema_is_refused_in_indonesian(store):
    with store.engine.begin() as conn:
        conn.execute(st.schema_version.insert().values(version=st.SCHEMA_VERSION + 1, applied_at="x"))
    with pytest.raises(st.StoreError, match="lebih baru"):
        store.migrate()


def test_sqlite_runs_in_wal_mode(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_session_codes_are_short_unambiguous_and_unique(store):
    codes = {store.create_session().code for _ in range(30)}
    assert len(codes) == 30
    assert all(len(c) == st.CODE_LENGTH and set(c) <= set(st.CODE_ALPHABET) for c in codes)
    assert not set("01OIL") & set(st.CODE_ALPHABET)


def test_codes_are_read_forgivingly(store, room):
    assert store.session(f" {room.code.lower()[:3]}-{room.code.lower()[3:]} ") == room
    assert store.session("ZZZZZZ") is None


def test_unknown_session_code_is_explained(store):
    with pytest.raises(st.StoreError, match="tidak dikenal"):
        store.join("NOPE99", "rina")


@pytest.mark.parametrize("name", ["", "   ", "!!!", "../"])
def test_a_name_needs_a_letter_or_digit(store, room, name):
    with pytest.raises(st.StoreError, match="nama"):
        store.join(room.code, name)


@pytest.mark.parametrize("name", ["0812 3456 7890", "rina@contoh.com", "3201234567890001"])
def test_a_name_with_personal_identifiers_is_refused(store, room, name):
    with pytest.raises(st.StoreError, match="NIK, nomor HP, atau email"):
        store.join(room.code, name)


def test_names_that_look_alike_are_one_name_and_need_the_personal_code(store, room):
    first = store.join(room.code, "x")
    for other in ("X!", "../../x", " x "):
        with pytest.raises(st.NameTaken, match="sudah dipakai"):
            store.join(room.code, other)
    with pytest.raises(st.NameTaken, match="tidak cocok"):
        store.join(room.code, "X", pin="9999" if first.pin != "9999" else "0000")
    back = store.join(room.code, "X!", pin=first.pin)
    assert back.id == first.id and back.rejoined and back.display_name == "x"


def test_the_same_name_in_two_sessions_is_two_participants(store, room):
    other = store.create_session()
    assert store.join(room.code, "meja1").id != store.join(other.code, "meja1").id


def test_a_retry_with_the_same_submission_id_stores_nothing(store, room):
    p = store.join(room.code, "rina")
    first = store.submit(p, "code", "P1", "useful_information", submission_id="s1")
    again = store.submit(p, "code", "P1", "useful_information", submission_id="s1")
    assert (first.revision, first.duplicate) == (1, False)
    assert (again.revision, again.duplicate) == (1, True)
    assert store.count(room.id) == 1


def test_a_new_answer_is_a_new_revision_and_the_latest_wins(store, room):
    p = store.join(room.code, "rina")
    store.submit(p, "code", "P1", "useful_information")
    store.submit(p, "code", "P1", "non_dialogic")
    store.submit(p, "code", "P2", "dialogic_loop")
    assert store.latest(p, "code", "P1") == (2, "non_dialogic")
    assert store.latest_items(p, "code") == {"P1": "non_dialogic", "P2": "dialogic_loop"}
    assert store.count(room.id) == 3  # nothing is overwritten


def test_two_tables_with_look_alike_names_keep_their_own_plans(store, room):
    a = store.join(room.code, "meja1")
    b = store.join(room.code, "Meja 1 (kedua)")
    store.submit(a, "plan", "hoaks-pajak", {"text": "rencana A"})
    store.submit(b, "plan", "hoaks-pajak", {"text": "rencana B"})
    latest = store.session_latest(room.id, "plan")
    assert sorted(r["payload"]["text"] for r in latest) == ["rencana A", "rencana B"]


def test_a_save_from_a_stale_form_is_refused_not_overwriting(store, room):
    p = store.join(room.code, "meja2")
    store.submit(p, "plan", "s1", {"text": "v1"}, based_on=0)
    store.submit(p, "plan", "s1", {"text": "v2 dari laptop"}, based_on=1)
    with pytest.raises(st.Conflict, match="perangkat lain"):
        store.submit(p, "plan", "s1", {"text": "v2 dari ponsel"}, based_on=1)
    assert store.latest(p, "plan", "s1") == (2, {"text": "v2 dari laptop"})


def test_unknown_kind_is_a_programming_error(store, room):
    p = store.join(room.code, "rina")
    with pytest.raises(ValueError):
        store.submit(p, "nonsense", "x", 1)


def test_threads_writing_at_once_lose_and_double_nothing(store, room):
    people = [store.join(room.code, f"p{i}") for i in range(8)]

    def work(p):
        for j in range(25):
            store.submit(p, "code", f"P{j % 5}", f"L{j}", submission_id=f"{p.id}-{j}")
            store.submit(p, "code", f"P{j % 5}", f"L{j}", submission_id=f"{p.id}-{j}")  # a retry

    threads = [threading.Thread(target=work, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.count(room.id) == 8 * 25
    assert len(set(store.submission_ids(room.id))) == 8 * 25
    for p in people:
        assert [store.latest(p, "code", f"P{k}")[0] for k in range(5)] == [5] * 5


def test_practice_session_exists_once(store):
    assert store.practice_session() == store.practice_session()
    assert store.practice_session().code == st.PRACTICE_SESSION


def test_database_url_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(st.DB_ENV, raising=False)
    monkeypatch.delenv(st.DIR_ENV, raising=False)
    assert not st.workshop_mode()
    assert st.database_url().endswith(f"{st.DEFAULT_DIR}/{st.DB_FILE}")
    monkeypatch.setenv(st.DIR_ENV, str(tmp_path / "ruang"))
    assert st.workshop_mode()
    assert st.database_url() == f"sqlite:///{(tmp_path / 'ruang' / st.DB_FILE).resolve()}"
    monkeypatch.setenv(st.DB_ENV, "postgresql+psycopg://u@h/db")
    assert st.database_url() == "postgresql+psycopg://u@h/db"


def test_open_store_opens_once_per_process(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite'}"
    assert st.open_store(url) is st.open_store(url)


def test_a_new_migration_step_is_applied_once_to_an_existing_store(store, room, monkeypatch):
    p = store.join(room.code, "rina")
    store.submit(p, "code", "P1", "non_dialogic")
    notes = sa.Table("notes", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True))
    calls = []

    def step_2(conn):
        calls.append(2)
        notes.create(conn)

    monkeypatch.setattr(st, "MIGRATIONS", [*st.MIGRATIONS, (2, step_2)])
    monkeypatch.setattr(st, "SCHEMA_VERSION", 2)
    upgraded = st.Store(store.url)
    again = st.Store(store.url)
    assert upgraded.version() == again.version() == 2 and calls == [2]
    assert sa.inspect(upgraded.engine).has_table("notes")
    assert upgraded.latest(p, "code", "P1") == (1, "non_dialogic")  # the data stays
    upgraded.close()
    again.close()


def test_prepare_environment_sets_what_the_kernels_read(monkeypatch, tmp_path):
    for key in (st.DIR_ENV, st.DB_ENV, st.TOKEN_ENV):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    values = st.prepare_environment("rahasia")
    assert values == {st.DIR_ENV: str((tmp_path / st.DEFAULT_DIR).resolve()), st.TOKEN_ENV: "rahasia"}
    assert st.workshop_mode() and (tmp_path / st.DEFAULT_DIR / st.DB_FILE).exists()
    st.prepare_environment("lain", tmp_path / "ruang")
    assert st.database_url().endswith(f"ruang/{st.DB_FILE}")
