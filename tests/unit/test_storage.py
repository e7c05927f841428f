"""The output policy: checks before work, atomic unique writes, locks, backups never overwritten."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat

import pytest

from humaskit.core.errors import DataError
from humaskit.core.storage import (
    StorageError,
    check_output,
    locked,
    set_aside,
    write_bytes_atomic,
    write_json_atomic,
)


def test_check_output_refuses_before_any_work(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a\n1\n")
    with pytest.raises(DataError, match="sama dengan file masukan"):
        check_output(src, inputs=[src], force=True)
    with pytest.raises(DataError, match="sudah ada"):
        check_output(src)
    assert check_output(src, force=True) == src
    with pytest.raises(DataError, match="folder"):
        check_output(tmp_path)
    with pytest.raises(DataError, match="folder tujuan tidak ada"):
        check_output(tmp_path / "nope" / "x.csv")
    with pytest.raises(DataError, match=r"\.csv atau \.xlsx"):
        check_output(tmp_path / "x.json", suffixes=(".csv", ".xlsx"))
    assert check_output(tmp_path / "new.csv", suffixes=(".csv",)) == tmp_path / "new.csv"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_is_refused_and_a_failed_write_leaves_nothing(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "keep.json").write_text("{}")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(DataError, match="hanya-baca"):
            check_output(folder / "x.csv")
        with pytest.raises(StorageError):
            write_bytes_atomic(folder / "keep.json", b"new")
        assert sorted(p.name for p in folder.iterdir()) == ["keep.json"]
        assert (folder / "keep.json").read_text() == "{}"
    finally:
        folder.chmod(stat.S_IRWXU)


def test_atomic_write_keeps_mode_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a.txt"
    write_bytes_atomic(target, b"one")
    target.chmod(0o640)
    write_bytes_atomic(target, b"two")
    assert target.read_bytes() == b"two" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def _hammer(path: str, worker: int, n: int) -> None:
    for i in range(n):
        with locked(path):
            data = json.loads(open(path, encoding="utf-8").read())
            data["answers"][f"{worker}-{i}"] = "x"
            write_json_atomic(path, data)


def test_two_processes_writing_one_file_lose_nothing_and_never_tear_it(tmp_path):
    path = tmp_path / "progress.json"
    write_json_atomic(path, {"answers": {}})
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_hammer, args=(str(path), w, 150)) for w in range(2)]
    for p in workers:
        p.start()
    torn = 0
    while any(p.is_alive() for p in workers):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            torn += 1
    for p in workers:
        p.join()
        assert p.exitcode == 0
    assert torn == 0
    assert len(json.loads(path.read_text(encoding="utf-8"))["answers"]) == 300
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["progress.json"]


def test_set_aside_never_overwrites_an_earlier_backup(tmp_path):
    backups = []
    for content in ("first", "second", "third"):
        f = tmp_path / "latihan.json"
        f.write_text(content)
        backups.append(set_aside(f))
    assert len(set(backups)) == 3
    assert sorted(b.read_text() for b in backups) == ["first", "second", "third"]
    assert not (tmp_path / "latihan.json").exists()


def test_a_failing_disk_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.yaml"
    target.write_text("old")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(StorageError, match="No space left"):
        write_bytes_atomic(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_unwritable_folder_is_named_before_work(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "access", lambda *_args: False)
    with pytest.raises(DataError, match="hanya-baca"):
        check_output(tmp_path / "x.csv")
