"""Saving files so that nothing already saved is lost: the kit's one output policy.

* :func:`check_output` runs before any work starts: the output is not a folder, its folder
  exists and can be written, it has an accepted suffix, it is none of the inputs, and it does not
  exist yet unless the user said ``--force``.
* Every write is atomic (:func:`write_bytes_atomic`): the data goes to a uniquely named temporary
  file in the same folder, is flushed to disk and renamed over the target, so a crash, a full
  disk or a second writer leaves either the old or the new file, never a torn one, and a failed
  write leaves no temporary file behind.
* Files that several kernels share (a trainee's progress, opened in two tabs) are changed under
  :func:`locked`, a lock file beside them, so that read-modify-write cycles do not lose answers.
* A damaged file is moved aside with :func:`set_aside` under a new name, never overwriting an
  earlier backup.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from humaskit.core.errors import DataError

LOCK_TIMEOUT_S = 30.0


class StorageError(DataError):
    """A file could not be written; the message says which and why, in Indonesian."""


def check_output(path: str | Path, *, inputs: Iterable[str | Path] = (), suffixes: Iterable[str] = (),
                 force: bool = False) -> Path:
    """The output path, after refusing anything that would fail late or lose data.

    ``inputs`` are the files the command reads: an output equal to one of them is refused even
    with ``force``. ``suffixes`` (e.g. ``(".csv", ".xlsx")``) are the accepted endings.
    """
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise DataError("ini sebuah folder; tulis nama file keluaran, misalnya hasil.csv.", file=name)
    for source in inputs:
        if Path(source).exists() and path.exists() and path.resolve() == Path(source).resolve():
            raise DataError("file keluaran sama dengan file masukan; pilih nama lain agar data asli "
                            "tidak tertimpa.", file=name)
    allowed = tuple(s.lower() for s in suffixes)
    if allowed and path.suffix.lower() not in allowed:
        raise DataError(f"akhiran file keluaran harus {' atau '.join(allowed)}.", file=name)
    folder = path.parent
    if not folder.is_dir():
        raise DataError("folder tujuan tidak ada. Buat foldernya dulu atau pilih folder lain.", file=name)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DataError("folder tujuan tidak bisa ditulisi (hanya-baca). Pilih folder lain.", file=name)
    if path.exists() and not force:
        raise DataError("file ini sudah ada dan tidak akan ditimpa. Pilih nama lain, atau tambahkan "
                        "--force bila memang ingin menggantinya.", file=name)
    return path


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see the module docstring).

    Raises :class:`StorageError` (Indonesian) when the folder cannot be written or the disk is
    full; nothing is left behind and an existing file is untouched.
    """
    write_atomic(path, lambda handle: handle.write(data))


def write_atomic(path: str | Path, write: Callable[[BinaryIO], object]) -> None:
    """Like :func:`write_bytes_atomic`, but ``write(handle)`` streams the content into the
    temporary file (large tables need not be held in memory twice)."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise StorageError(f"tidak bisa menulis file ({exc.strerror or exc}).", file=str(path)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"tidak bisa menulis file ({exc.strerror or exc}).", file=str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: str | Path, payload: dict) -> None:
    write_text_atomic(path, json.dumps(payload, ensure_ascii=False, indent=1))


def read_json_mapping(path: str | Path, key: str) -> dict:
    """The mapping stored under ``key`` in a JSON file the kit wrote (progress, answers).

    Raises ValueError when the content is damaged (not UTF-8 JSON, or the wrong shape; the caller
    decides what that means for the trainee) and OSError when the file cannot be read at all.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        mapping = data[key]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{Path(path).name}: {exc}") from None
    if not isinstance(mapping, dict):
        raise ValueError(f"{Path(path).name}: {key} is not a mapping")
    return mapping


def lock_path(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: str | Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the lock of ``path`` (a hidden ``.NAME.lock`` beside it) for a read-modify-write."""
    from filelock import FileLock, Timeout

    try:
        with FileLock(str(lock_path(path)), timeout=timeout):
            yield
    except Timeout:
        raise StorageError("file sedang dipakai oleh jendela atau kernel lain; coba lagi sebentar "
                           "lagi.", file=Path(path).name) from None
    except PermissionError as exc:
        raise StorageError(f"tidak bisa menulis di folder ini ({exc.strerror}).", file=str(path)) from None


def set_aside(path: str | Path, tag: str = "rusak") -> Path:
    """Move a file out of the way (a damaged one: ``tag`` "rusak"; a replaced one: "lama") and
    return where it went.

    The backup is ``NAME.TAG-YYYYmmdd-HHMMSS[-N].SUFFIX``; an existing backup is never
    overwritten (the name is claimed with a hard link, which fails if it exists).
    """
    path = Path(path)
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    for n in range(1000):
        backup = path.with_name(f"{path.stem}.{tag}-{stamp}{f'-{n}' if n else ''}{path.suffix}")
        try:
            os.link(path, backup)
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system: claim the name exclusively instead
            try:
                with open(backup, "xb") as handle:
                    handle.write(path.read_bytes())
            except FileExistsError:
                continue
        path.unlink()
        return backup
    raise StorageError("terlalu banyak cadangan file rusak di folder ini; pindahkan sebagian.",
                       file=path.name)
