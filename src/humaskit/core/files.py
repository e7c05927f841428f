"""Reading a trainee's input files: one set of checks (missing, folder, empty, too large, binary,
not UTF-8) with Indonesian messages, for tables, plans and every other text the kit reads."""

from __future__ import annotations

from pathlib import Path

from humaskit.core.errors import DataError


def check_input(path: str | Path, max_bytes: int, what: str = "file", allow_empty: bool = False) -> Path:
    """The path, after refusing a missing file, a folder, an empty file (unless ``allow_empty``) or
    one over ``max_bytes``."""
    path = Path(path)
    if not path.exists():
        raise DataError("file tidak ditemukan. Periksa nama dan foldernya.", file=str(path))
    if path.is_dir():
        raise DataError(f"ini sebuah folder, bukan {what}.", file=str(path))
    size = path.stat().st_size
    if size == 0 and not allow_empty:
        raise DataError("file kosong (0 byte).", file=path.name)
    if size > max_bytes:
        raise DataError(
            f"file terlalu besar untuk {what} ({size / 1e6:.0f} MB; batas {max_bytes / 1e6:.0f} MB). "
            "Bagi menjadi beberapa file.",
            file=path.name,
        )
    return path


def decode_text(raw: bytes, name: str, hint: str) -> str:
    """UTF-8 text (with or without BOM) from bytes; binary data or another encoding is refused,
    naming the line where decoding failed and what to do (``hint``)."""
    if b"\x00" in raw[:4096]:
        raise DataError("file ini bukan teks (mungkin file biner, dokumen Word atau gambar yang diberi "
                        "akhiran lain).", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"file bukan UTF-8. {hint}", file=name, row=line) from None


def read_text(path: str | Path, max_bytes: int, what: str = "file teks", allow_empty: bool = False) -> str:
    """A UTF-8 text file's contents, with the kit's checks and Indonesian messages."""
    path = check_input(path, max_bytes, what, allow_empty)
    return decode_text(path.read_bytes(), path.name, "Simpan ulang sebagai UTF-8.")


def parse_yaml(text: str, source: str):
    """YAML text as Python values (safe loader); a malformed text raises DataError naming the line."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" baris {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        what = getattr(exc, "problem", None) or "format tidak dikenali"
        raise DataError(f"YAML tidak sah di{where or ' file'} ({what}). Periksa titik dua, tanda "
                        "kutip dan indentasi (pakai spasi, bukan tab).", file=source) from None
