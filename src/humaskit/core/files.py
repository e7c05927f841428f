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


def check_utf8_file(path: Path, hint: str, block: int = 1 << 20) -> None:
    """Refuse a file that is binary or not UTF-8, naming the line, without reading it whole."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    lines = 0
    with open(path, "rb") as handle:
        first = True
        while chunk := handle.read(block):
            if first and b"\x00" in chunk[:4096]:
                raise DataError("file ini bukan teks (mungkin file biner, dokumen Word atau gambar yang "
                                "diberi akhiran lain).", file=path.name)
            first = False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                line = lines + chunk[: exc.start].count(b"\n") + 1
                raise DataError(f"file bukan UTF-8. {hint}", file=path.name, row=line) from None
            lines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise DataError(f"file bukan UTF-8 (terpotong di akhir). {hint}", file=path.name,
                            row=lines + 1) from None


def read_text(path: str | Path, max_bytes: int, what: str = "file teks", allow_empty: bool = False) -> str:
    """A UTF-8 text file's contents, with the kit's checks and Indonesian messages."""
    path = check_input(path, max_bytes, what, allow_empty)
    return decode_text(path.read_bytes(), path.name, "Simpan ulang sebagai UTF-8.")


MAX_YAML_DEPTH = 40  # a plan nests four levels; 40 is generous and far from Python's recursion limit
MAX_YAML_ALIASES = 0  # plans, scenarios and surveys never need anchors; refusing them stops alias bombs
MAX_YAML_CHARS = 2_000_000


def _limited_loader(text: str):
    """A yaml.SafeLoader that refuses aliases and nesting deeper than ``MAX_YAML_DEPTH``."""
    import yaml

    class LimitedLoader(yaml.SafeLoader):
        depth = 0
        aliases = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_YAML_ALIASES:
                    mark = self.peek_event().start_mark
                    raise yaml.YAMLError(f"alias di baris {mark.line + 1}")
            self.depth += 1
            if self.depth > MAX_YAML_DEPTH:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(f"kedalaman di baris {mark.line + 1}")
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return LimitedLoader(text)


def _load_with_libyaml(text: str):
    """The same limits as :func:`_limited_loader`, on libyaml's event stream, then libyaml's safe
    loader: several times faster than the pure-Python reader (a plan form re-reads its YAML on
    every keystroke). A node's depth counts as the Python composer counts it: a collection at
    nesting level d, and each scalar or alias in it, at d + 1."""
    import yaml

    def line(event) -> int:
        mark = event.start_mark
        return mark.line + 1 if mark is not None else 0

    depth = aliases = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise yaml.YAMLError(f"alias di baris {line(event)}")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise yaml.YAMLError(f"kedalaman di baris {line(event)}")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent) and depth + 1 > MAX_YAML_DEPTH:
            raise yaml.YAMLError(f"kedalaman di baris {line(event)}")
    return yaml.load(text, Loader=yaml.CSafeLoader)  # the safe loader, in C


def parse_yaml(text: str, source: str):
    """YAML text as Python values, safely: no code tags, no anchors/aliases (they allow "billion
    laughs" bombs), at most ``MAX_YAML_DEPTH`` levels and ``MAX_YAML_CHARS`` characters. Any
    problem raises DataError naming the line."""
    import yaml

    if len(text) > MAX_YAML_CHARS:
        raise DataError(f"teks YAML terlalu panjang (lebih dari {MAX_YAML_CHARS // 1000} ribu karakter).",
                        file=source)
    loader = None
    try:
        if getattr(yaml, "__with_libyaml__", False):
            return _load_with_libyaml(text)
        loader = _limited_loader(text)  # the reader refuses control characters right here
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        message = str(exc)
        if message.startswith("alias"):
            raise DataError(f"YAML memakai anchor/alias (& dan *) {message[6:]}; tulis isinya "
                            "langsung, tanpa & dan *.", file=source) from None
        if message.startswith("kedalaman"):
            raise DataError(f"YAML bersarang terlalu dalam ({message[10:]}; paling banyak "
                            f"{MAX_YAML_DEPTH} tingkat).", file=source) from None
        mark = getattr(exc, "problem_mark", None)
        where = f" baris {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        what = getattr(exc, "problem", None) or "format tidak dikenali"
        if isinstance(exc, yaml.reader.ReaderError):
            what = f"karakter kendali U+{exc.character:04X} tidak boleh ada di YAML"
        raise DataError(f"YAML tidak sah di{where or ' file'} ({what}). Periksa titik dua, tanda "
                        "kutip dan indentasi (pakai spasi, bukan tab).", file=source) from None
    except RecursionError:
        raise DataError("YAML bersarang terlalu dalam.", file=source) from None
    finally:
        if loader is not None:
            loader.dispose()
