"""The workshop store under a rush: 40 participants (processes) x 50 submissions at once, the
writers (and, on PostgreSQL, a server process) killed with SIGKILL halfway, then every
participant retries everything: not one answer lost, not one doubled. On SQLite (the default
store) and on a real PostgreSQL server (the hub store).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from humaskit.workshop import store as st

pytestmark = pytest.mark.slow

PARTICIPANTS = 40
SUBMISSIONS = 50
KILL_AFTER = 600  # acknowledged submissions before the SIGKILL (of 2000)
LABELS = ("dialogic_loop", "return_visits", "useful_information", "conservation_of_visitors", "non_dialogic")


def submission_id(who: int, j: int) -> str:
    return f"s{who:02d}-{j:02d}"


def writer(url: str, participant: st.Participant, who: int, acks: str, go) -> None:
    """One participant's kernel: 50 answers, each acknowledged in ``acks`` once it is stored."""
    store = st.Store(url)
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    go.wait()
    try:
        for j in range(SUBMISSIONS):
            store.submit(participant, "code", f"P{j:02d}", LABELS[(who + j) % len(LABELS)],
                         submission_id=submission_id(who, j))
            os.write(fd, (submission_id(who, j) + "\n").encode())
            os.fsync(fd)
    except sa.exc.OperationalError:  # the server crashed under this kernel: it ends, unacknowledged
        os._exit(3)
    os.close(fd)
    store.close()


def acknowledged(folder: Path) -> set[str]:
    return {line for f in folder.glob("acks-*.txt") for line in f.read_text().split()}


def rush(url: str, people: list[st.Participant], folder: Path, kill_at: int | None,
         on_kill=None) -> list[int | None]:
    """Start every writer at once; SIGKILL them all once ``kill_at`` answers are acknowledged."""
    ctx = mp.get_context("fork")
    go = ctx.Event()
    procs = [ctx.Process(target=writer, args=(url, p, i, str(folder / f"acks-{i:02d}.txt"), go), daemon=True)
             for i, p in enumerate(people)]
    for proc in procs:
        proc.start()
    go.set()
    deadline = time.monotonic() + 600
    while any(p.is_alive() for p in procs) and time.monotonic() < deadline:
        if kill_at is not None and len(acknowledged(folder)) >= kill_at:
            if on_kill is not None:
                on_kill()
            for proc in procs:
                if proc.is_alive():
                    os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    for proc in procs:
        proc.join(60)
    return [p.exitcode for p in procs]


def wait_until_serving(url: str, timeout: float = 120) -> None:
    """After a crash the server runs recovery first; the restarted kernels connect after it."""
    engine = sa.create_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql("SELECT 1")
                return
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
    finally:
        engine.dispose()


def check_rush(url: str, tmp_path: Path, on_kill=None) -> dict:
    store = st.Store(url)
    session = store.create_session("rush")
    people = [store.join(session.code, f"peserta{i}") for i in range(PARTICIPANTS)]
    store.close()  # nothing of the parent's pool goes into the children
    started = time.monotonic()
    first = rush(url, people, tmp_path, KILL_AFTER, on_kill)
    killed = sum(code == -signal.SIGKILL for code in first)
    before = acknowledged(tmp_path)
    wait_until_serving(url)
    # The restart: every participant sends all 50 answers again, as a client that does not know
    # which of its answers were stored would.
    second = rush(url, people, tmp_path, None)
    elapsed = time.monotonic() - started
    assert second == [0] * PARTICIPANTS, f"writers failed after the restart: {second}"
    store = st.Store(url)
    ids = store.submission_ids(session.id)
    expected = {submission_id(i, j) for i in range(PARTICIPANTS) for j in range(SUBMISSIONS)}
    assert len(ids) == PARTICIPANTS * SUBMISSIONS, "answers were lost or doubled"
    assert set(ids) == expected
    assert before <= set(ids), "an acknowledged answer was lost"
    for p in people[:5]:
        latest = store.latest_items(p, "code")
        assert len(latest) == SUBMISSIONS
        assert all(store.latest(p, "code", key)[0] == 1 for key in latest)  # no second revision
    store.close()
    print(f"\n{url.split(':')[0]}: {killed} writers killed after {len(before)} acknowledged answers; "
          f"{len(ids)} stored after the restart, none lost or doubled; {elapsed:.1f} s "
          f"(load {os.getloadavg()[0]:.1f})")
    return {"killed": killed, "acknowledged": len(before)}


def test_sqlite_store_loses_and_doubles_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'lokakarya.sqlite'}"
    result = check_rush(url, tmp_path)
    assert result["killed"] > 0 and result["acknowledged"] >= KILL_AFTER
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()


def test_postgresql_store_loses_and_doubles_nothing(tmp_path, postgres_url):
    def crash_server():
        """SIGKILL a PostgreSQL server process: the postmaster then ends every connection and runs
        crash recovery, as after a crash of the server."""
        engine = sa.create_engine(postgres_url)
        with engine.connect() as conn:
            pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        os.kill(int(pid), signal.SIGKILL)
        engine.dispose()

    result = check_rush(postgres_url, tmp_path, on_kill=crash_server)
    assert result["killed"] > 0 and result["acknowledged"] >= KILL_AFTER
