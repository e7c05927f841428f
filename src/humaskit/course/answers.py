"""Answers without syntax: what a trainee clicks or types, read forgivingly and kept in a file.

A trainee answers an autograded question with a widget (:mod:`humaskit.ui.widgets.answers`):
buttons, a list, a date picker or a plain text box. Nothing is typed as Python. The answer is
read here, forgivingly (``c``, ``C.`` and `` "c" `` all read as ``C``; ``tingkat 2`` reads as 2;
``19-09-2026 08.30`` is a date and time in WIB), and every answer that cannot be read gets an
Indonesian sentence saying what to write instead.

Each answer is saved at once to ``jawaban.json`` beside the notebook (the kernel's working folder),
keyed by the question's id, written atomically under the file's lock (:mod:`humaskit.core.storage`).
nbgrader collects the whole assignment folder, so the file travels with the notebook; when
autograde re-runs the notebook headless (no browser, no widget state), the checking cells and the
hidden tests read the answers from that file with :func:`read`, never from a variable a trainee had
to type.

:func:`setup`, called by the first code cell of every assignment and module notebook, installs the
kit's exception handler: a trainee who types ``C`` in a code cell, or ``tingkat 2``, sees a short
Indonesian explanation instead of an English traceback. The failure itself is kept: the cell still
ends in an error (nbgrader and Validate still see it), only its wording changes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import traceback
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from humaskit.core import formats
from humaskit.core.storage import StorageError, locked, read_json_mapping, set_aside, write_json_atomic
from humaskit.core.wib import WIB

ANSWERS_FILE = "jawaban.json"
FILE_VERSION = 1


class AnswerError(ValueError):
    """An answer that cannot be read; the message says why and what to write, in Indonesian."""


class AnswerMissing(AssertionError):
    """No readable answer is saved for a question: a checking cell fails with this message.

    An ``AssertionError``, so that nbgrader counts the cell as failed like any other check.
    """


# ---------------------------------------------------------------------------------------------
# Reading what a trainee typed or clicked

_QUOTES = "\"'`“”‘’«»„‚"
_ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*\s*=\s*")  # a pasted 'jawaban_1 = "C"'
_LEAD_WORDS = re.compile(r"^(jawaban(nya)?|jawab|pilihan(nya)?|pilih|opsi|huruf|nomor|no\.?)\s*[:=]?\s*",
                         re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^(\.\.\.|…|\?+|-+|_+)$")

_WORDS = {"nol": 0, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
          "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11}
_NUMBER_WORDS = re.compile(
    r"\b(?:(nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+puluh"
    r"(?:\s+(satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?"
    r"|(se|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s*belas"
    r"|nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)\b",
    re.IGNORECASE)

MONTHS = {"januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
          "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6,
          "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7, "agustus": 8, "agu": 8, "agt": 8,
          "ags": 8, "aug": 8, "august": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
          "okt": 10, "oct": 10, "october": 10, "november": 11, "nov": 11, "nopember": 11,
          "desember": 12, "des": 12, "dec": 12, "december": 12}
ZONES = {"wib": 7, "wita": 8, "wit": 9}
_WEEKDAY_WORDS = re.compile(r"\b(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)\b,?",
                            re.IGNORECASE)


def _is_blank(raw: object) -> bool:
    if raw is None or raw is Ellipsis:
        return True
    if isinstance(raw, str):
        text = raw.strip().strip(_QUOTES).strip()
        return not text or bool(_PLACEHOLDER.match(text))
    if isinstance(raw, list | tuple | set | dict):
        return len(raw) == 0
    return False


def clean(raw: object) -> str:
    """Text as a trainee meant it: no surrounding spaces, quotes, brackets or a pasted ``x =``."""
    text = str(raw).strip()
    text = _ASSIGNMENT.sub("", text)
    for _ in range(3):  # quotes and brackets, possibly nested: ("C"), "'C'"
        text = text.strip().strip(_QUOTES).strip()
        if len(text) >= 2 and text[0] + text[-1] in ("()", "[]", "{}"):
            text = text[1:-1]
    return text.strip()


def number_from_words(text: str) -> int | None:
    """The number an Indonesian word names ("tiga" -> 3, "dua belas" -> 12, "lima puluh" -> 50)."""
    match = _NUMBER_WORDS.search(text.lower())
    if not match:
        return None
    tens, ones, teen = match.group(1), match.group(2), match.group(3)
    if tens:
        return _WORDS[tens] * 10 + (_WORDS[ones] if ones else 0)
    if teen:
        return 10 + _WORDS[teen]
    return _WORDS[match.group(0).lower()]


def _weekday_date(day: dt.date) -> str:
    return f"{formats.WEEKDAYS[day.weekday()]}, {formats.date(day)}"


# ---------------------------------------------------------------------------------------------
# Kinds of answer: each reads raw input into a value, stores it as JSON and describes it


@dataclass(frozen=True)
class Kind:
    """How an answer is read. Subclasses implement :meth:`parse`."""

    how = "isi jawaban di sel jawaban di atas"  # what a trainee does to answer (for messages)

    def parse(self, raw: object) -> Any:
        raise NotImplementedError

    def to_json(self, value: Any) -> Any:
        return value

    def describe(self, value: Any) -> str:
        return str(value)


def _option_map(options: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    if isinstance(options, Mapping):
        return {str(k): str(v) for k, v in options.items()}
    if isinstance(options, str):
        return {letter: "" for letter in options}
    return {str(k): "" for k in options}


def _list_or(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " atau " + items[-1]


@dataclass(frozen=True)
class Choice(Kind):
    """One of a few options, usually letters (``Choice("ABCD")`` or ``{"A": "Kredibel", ...}``)."""

    options: Mapping[str, str] | str | tuple[str, ...] = "ABCD"
    how = "klik salah satu pilihan di sel jawaban"

    @property
    def keys(self) -> dict[str, str]:
        return _option_map(self.options)

    def _match(self, text: str) -> str | None:
        keys = self.keys
        by_upper = {k.upper(): k for k in keys}
        if text.upper() in by_upper:
            return by_upper[text.upper()]
        by_name = {v.strip().lower(): k for k, v in keys.items() if v.strip()}
        return by_name.get(text.lower())

    def parse(self, raw: object) -> str:
        keys = list(self.keys)
        if _is_blank(raw):
            raise AnswerError(f"Jawaban masih kosong. Pilih satu: {_list_or(keys)}.")
        text = _LEAD_WORDS.sub("", clean(raw)).strip()
        text = text.rstrip(".,;:!)").lstrip("(").strip()
        text = clean(text)
        found = self._match(text)
        if found is None:  # "C. Viral", "C) Viral", "C - Viral"
            head = re.match(r"^([A-Za-z])\s*[.):\-]\s*\S", text)
            if head:
                found = self._match(head.group(1))
        if found is not None:
            return found
        letters = [c for c in text.upper() if c.isalpha()]
        upper_keys = {k.upper() for k in keys}
        if len(letters) > 1 and all(c in upper_keys for c in letters) and len(text) <= 2 * len(letters):
            raise AnswerError(f"Pilih satu jawaban saja, bukan {len(letters)}: {_list_or(keys)}.")
        raise AnswerError(f"'{clean(raw)}' bukan salah satu pilihan. Pilih satu: {_list_or(keys)}.")

    def describe(self, value: Any) -> str:
        name = self.keys.get(str(value), "")
        return f"{value} ({name})" if name else str(value)


@dataclass(frozen=True)
class Choices(Kind):
    """Any number of options (at least one), e.g. ``"BCF"``, ``"b, c dan f"`` or ``["B", "F"]``."""

    options: Mapping[str, str] | str | tuple[str, ...] = "ABCDEF"
    how = "centang pilihan-pilihan Anda di sel jawaban"

    def parse(self, raw: object) -> list[str]:
        one = Choice(self.options)
        keys = list(one.keys)
        if _is_blank(raw):
            raise AnswerError(f"Belum ada pilihan. Pilih sedikitnya satu: {_list_or(keys)}.")
        if isinstance(raw, list | tuple | set):
            parts = [str(x) for x in raw]
        else:
            text = _LEAD_WORDS.sub("", clean(raw))
            parts = [p for p in re.split(r"\s*(?:,|;|/|&|\+|\bdan\b|\band\b|\s)\s*", text,
                                         flags=re.IGNORECASE) if p.strip(" .")]
        chosen: set[str] = set()
        wrong: list[str] = []
        for part in parts:
            try:
                chosen.add(one.parse(part))
                continue
            except AnswerError:
                pass
            letters = clean(part).strip(".")
            if letters.isalpha() and 1 < len(letters) <= len(keys):  # "BCF", letters run together
                for letter in letters:
                    try:
                        chosen.add(one.parse(letter))
                    except AnswerError:
                        wrong.append(letter.upper())
            else:
                wrong.append(clean(part))
        if wrong:
            raise AnswerError(f"Tidak ada pilihan {', '.join(wrong)}. Pilihan yang ada: {_list_or(keys)}.")
        if not chosen:
            raise AnswerError(f"Belum ada pilihan. Pilih sedikitnya satu: {_list_or(keys)}.")
        return [k for k in keys if k in chosen]

    def describe(self, value: Any) -> str:
        return ", ".join(value) if value else "-"


@dataclass(frozen=True)
class Integer(Kind):
    """A whole number from ``low`` to ``high``: ``2``, ``tingkat 2``, ``3 hari kerja``, ``tiga``."""

    low: int = 1
    high: int = 5
    how = "pilih atau ketik angkanya di sel jawaban"

    def parse(self, raw: object) -> int:
        example = f"misalnya {self.low}"
        if _is_blank(raw):
            raise AnswerError(f"Jawaban masih kosong. Tulis satu angka dari {self.low} sampai {self.high}, "
                              f"{example}.")
        if isinstance(raw, bool):
            raise AnswerError(f"Tulis sebuah angka dari {self.low} sampai {self.high}.")
        if isinstance(raw, int):
            value = raw
        elif isinstance(raw, float):
            if not raw.is_integer():
                raise AnswerError(f"Tulis bilangan bulat, tanpa koma ({formats.number(raw, 2, trim=True)} "
                                  "bukan bilangan bulat).")
            value = int(raw)
        else:
            text = clean(raw)
            numbers = re.findall(r"(?<![\w.,])-?\d+(?:[.,]\d+)?(?![\d])", text)
            if not numbers:
                from_words = number_from_words(text)
                if from_words is None:
                    raise AnswerError(f"'{text}' tidak memuat angka. Tulis angkanya dengan digit, {example}.")
                value = from_words
            else:
                distinct = {n.replace(",", ".") for n in numbers}
                if len(distinct) > 1:
                    raise AnswerError(f"Ada {len(numbers)} angka di '{text}'. Tulis satu angka saja, "
                                      f"{example}.")
                number = float(distinct.pop())
                if not number.is_integer():
                    raise AnswerError(f"Tulis bilangan bulat, tanpa koma: '{text}' bukan bilangan bulat.")
                value = int(number)
        if not self.low <= value <= self.high:
            raise AnswerError(f"{value} di luar rentang: jawabannya angka {self.low} sampai {self.high}.")
        return value


def _date_from(text: str) -> dt.date:
    """A calendar date from the ways Indonesians write one; AnswerError (Indonesian) otherwise."""
    original = text
    text = _WEEKDAY_WORDS.sub(" ", text.lower())
    text = re.sub(r"\b(tanggal|tgl\.?|hari)\b", " ", text).strip(" ,.")
    text = re.sub(r"\s+", " ", text)
    year = month = day = None
    iso = re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})", text)
    dmy = re.fullmatch(r"(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{2}|\d{4})", text)
    named = re.fullmatch(r"(\d{1,2})\s*[-/.\s]?\s*([a-z]+)\.?\s*[-/.\s]?\s*(\d{2}|\d{4})?", text)
    if iso:
        year, month, day = (int(x) for x in iso.groups())
    elif dmy:
        day, month, year = (int(x) for x in dmy.groups())
    elif named:
        if named.group(2) not in MONTHS:
            raise AnswerError(f"Nama bulan '{named.group(2)}' tidak dikenal. Tulis tanggal seperti "
                              "31-03-2026 atau 31 Maret 2026.")
        if not named.group(3):
            raise AnswerError(f"Tulis juga tahunnya, misalnya {named.group(1)} {named.group(2).capitalize()} "
                              "2026.")
        day, month, year = int(named.group(1)), MONTHS[named.group(2)], int(named.group(3))
    else:
        raise AnswerError(f"'{original.strip()}' belum terbaca sebagai tanggal. Tulis hari-bulan-tahun, "
                          "misalnya 31-03-2026 atau 31 Maret 2026.")
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise AnswerError(f"Tanggal {day}-{month}-{year} tidak ada di kalender. Periksa hari dan "
                          "bulannya.") from None


@dataclass(frozen=True)
class Date(Kind):
    """A calendar date: ``31-03-2026``, ``31/3/2026``, ``31 Maret 2026``, ``2026-03-31``."""

    how = "pilih tanggalnya atau ketik tanggalnya di sel jawaban"

    def parse(self, raw: object) -> dt.date:
        if _is_blank(raw):
            raise AnswerError("Tanggal masih kosong. Tulis hari-bulan-tahun, misalnya 31-03-2026.")
        if isinstance(raw, dt.datetime):
            return raw.astimezone(WIB).date() if raw.tzinfo else raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = clean(raw)
        iso_time = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?", text)
        if iso_time:
            return DateTime().parse(text).date()
        return _date_from(text)

    def to_json(self, value: Any) -> Any:
        return value.isoformat()

    def describe(self, value: Any) -> str:
        return _weekday_date(value)


@dataclass(frozen=True)
class DateTime(Kind):
    """A date and a time, in WIB unless another zone is written: ``19-09-2026 08.30``,
    ``19 September 2026 pukul 08.30 WIB``, ``2026-09-19T08:30:00+07:00``."""

    how = "ketik tanggal dan jamnya di sel jawaban, misalnya 19-09-2026 08.30"

    def parse(self, raw: object) -> dt.datetime:
        example = "misalnya 19-09-2026 08.30"
        if _is_blank(raw):
            raise AnswerError(f"Tanggal dan jam masih kosong. Tulis keduanya, {example}.")
        if isinstance(raw, dt.datetime):
            return (raw if raw.tzinfo else raw.replace(tzinfo=WIB)).astimezone(WIB)
        if isinstance(raw, dt.date):
            raise AnswerError(f"Tulis juga jamnya, {example}.")
        text = clean(raw)
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
        if parsed is not None and re.search(r"\d[T ]\d", text):
            return (parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)).astimezone(WIB)
        lowered = text.lower()
        offset = 7
        zone = re.search(r"\b(wib|wita|wit)\b", lowered)
        if zone:
            offset = ZONES[zone.group(1)]
            lowered = lowered[:zone.start()] + lowered[zone.end():]
        lowered = re.sub(r"\b(pukul|pkl\.?|pk\.?|jam)\b", " ", lowered)
        lowered = re.sub(r"\s+", " ", lowered).strip(" ,")
        clock = re.search(r"(?:^|[\s,T])(\d{1,2})\s*[.:]\s*(\d{2})(?:\s*[.:]\s*(\d{2}))?$", lowered)
        if not clock:
            _date_from(lowered)  # a date without a time: say so only when the date itself is fine
            raise AnswerError(f"Tulis juga jamnya, {example}.")
        hour, minute = int(clock.group(1)), int(clock.group(2))
        second = int(clock.group(3) or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise AnswerError(f"Jam {clock.group(0).strip()} tidak ada: jam 00 sampai 23, menit 00 sampai "
                              "59.")
        day = _date_from(lowered[:clock.start()].strip(" ,"))
        zone_info = dt.timezone(dt.timedelta(hours=offset))
        return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=zone_info).astimezone(WIB)

    def to_json(self, value: Any) -> Any:
        return value.isoformat()

    def describe(self, value: Any) -> str:
        return f"{formats.WEEKDAYS[value.weekday()]}, {formats.date_time(value)}"


@dataclass(frozen=True)
class Label(Kind):
    """One of named labels (ids with Indonesian names), by id or by name, in any case."""

    options: Mapping[str, str] = field(default_factory=dict)
    how = "pilih labelnya di sel jawaban"

    def parse(self, raw: object) -> str:
        names = dict(self.options)
        if _is_blank(raw):
            raise AnswerError("Label masih kosong. Pilih salah satu: " + ", ".join(names.values()) + ".")
        text = clean(raw).rstrip(".").strip()
        inner = re.search(r"\(([^()]*)\)\s*$", text)  # "Pelanggan kecewa (unhappy_customer)"
        candidates = [text] + ([inner.group(1)] if inner else [])
        for candidate in candidates:
            key = re.sub(r"[\s\-]+", "_", candidate.strip().lower())
            if key in names:
                return key
            for label_id, name in names.items():
                full = name.strip().lower()
                short = full.split("(")[0].strip()
                if candidate.strip().lower() in (full, short):
                    return label_id
        raise AnswerError(f"'{text}' bukan label yang dikenal. Pilihan: "
                          + ", ".join(f"{name} ({label_id})" for label_id, name in names.items()) + ".")

    def describe(self, value: Any) -> str:
        return dict(self.options).get(value, str(value))


@dataclass(frozen=True)
class Text(Kind):
    """A sentence or more of plain text, with at least ``min_words`` words."""

    min_words: int = 1
    how = "tulis jawaban Anda di kotak teks di sel jawaban"

    def parse(self, raw: object) -> str:
        if _is_blank(raw):
            raise AnswerError("Kotak jawaban masih kosong.")
        text = re.sub(r"\s+", " ", str(raw)).strip()
        words = len(text.split())
        if words < self.min_words:
            raise AnswerError(f"Tulis sedikitnya {self.min_words} kata (satu kalimat lengkap); sekarang "
                              f"baru {words}.")
        return text

    def describe(self, value: Any) -> str:
        return value if len(value) <= 80 else value[:77] + "…"


# ---------------------------------------------------------------------------------------------
# The answers file


def answers_path(folder: str | Path | None = None) -> Path:
    """``jawaban.json`` in ``folder`` (default: the kernel's working folder, the notebook's own)."""
    return Path(folder or Path.cwd()) / ANSWERS_FILE


class AnswerFile:
    """A trainee's answers for the notebooks of one folder: question id -> answer (JSON values)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else answers_path()
        self.notice: str | None = None

    def _read(self) -> dict[str, Any]:
        """The saved answers; AnswerError when the file exists but cannot be read."""
        if not self.path.exists():
            return {}
        try:
            answers = read_json_mapping(self.path, "answers")
        except (OSError, ValueError):
            raise AnswerError(f"File {self.path.name} rusak dan tidak bisa dibaca. Jawab lagi soal-soalnya: "
                              "file yang rusak akan disimpan sebagai cadangan, tidak dihapus.") from None
        return {str(k): v for k, v in answers.items()}

    def answers(self) -> dict[str, Any]:
        """Every saved answer (empty when there is no file yet)."""
        return self._read()

    def get(self, question_id: str, default: Any = None) -> Any:
        try:
            return self._read().get(question_id, default)
        except AnswerError:
            return default

    def save(self, question_id: str, value: Any) -> None:
        """Save one answer, keeping every other answer (also those another kernel saved meanwhile).

        A damaged file is set aside under a new name first, never overwritten. Raises
        :class:`~humaskit.core.storage.StorageError` (Indonesian) when the folder cannot be written.
        """
        with locked(self.path):
            try:
                answers = self._read()
            except AnswerError:
                backup = set_aside(self.path)
                self.notice = (f"File {self.path.name} rusak; disimpan sebagai {backup.name}. Jawaban "
                               "yang lain perlu diisi lagi.")
                answers = {}
            answers[question_id] = value
            write_json_atomic(self.path, {"version": FILE_VERSION, "answers": answers,
                                          "saved_at": dt.datetime.now(WIB).isoformat(timespec="seconds")})

    def remove(self, question_id: str) -> None:
        """Forget one answer (a cleared text box)."""
        with locked(self.path):
            try:
                answers = self._read()
            except AnswerError:
                return
            if answers.pop(question_id, None) is not None:
                write_json_atomic(self.path, {"version": FILE_VERSION, "answers": answers,
                                              "saved_at": dt.datetime.now(WIB).isoformat(timespec="seconds")})


def record(question_id: str, raw: object, kind: Kind | None = None, path: str | Path | None = None) -> Any:
    """Read ``raw`` as ``kind`` and save it under ``question_id``; return the value read.

    Raises :class:`AnswerError` (nothing saved) when the answer cannot be read. Without ``kind``
    the value is saved as given (it must be JSON: text, a number, a list).
    """
    value = kind.parse(raw) if kind is not None else raw
    stored = kind.to_json(value) if kind is not None else value
    json.dumps(stored)  # refuse what the file could not hold before touching it
    AnswerFile(path).save(question_id, stored)
    return value


def read(question_id: str, kind: Kind, what: str | None = None, path: str | Path | None = None) -> Any:
    """The saved answer to ``question_id``, read as ``kind``.

    Raises :class:`AnswerMissing` (an AssertionError, so a checking cell fails) with an Indonesian
    sentence when there is no answer yet or the saved one cannot be read. ``what`` names the
    question in that sentence ("Soal 1", "Unggahan 3").
    """
    what = what or f"Soal '{question_id}'"
    store = AnswerFile(path)
    try:
        saved = store.answers()
    except AnswerError as problem:
        raise AnswerMissing(f"{what}: {problem}") from None
    if question_id not in saved or _is_blank(saved[question_id]):
        raise AnswerMissing(f"{what} belum dijawab: {kind.how} (jawaban tersimpan otomatis di "
                            f"{store.path.name}), lalu jalankan sel ini lagi.")
    try:
        return kind.parse(saved[question_id])
    except AnswerError as problem:
        raise AnswerMissing(f"{what}: jawaban yang tersimpan belum bisa dibaca. {problem}") from None


def saved(question_id: str, kind: Kind, path: str | Path | None = None) -> Any:
    """The saved answer read as ``kind``, or None when there is none (or it cannot be read): for a
    practice cell that gives feedback instead of failing."""
    raw = AnswerFile(path).get(question_id)
    try:
        return None if _is_blank(raw) else kind.parse(raw)
    except AnswerError:
        return None


def read_many(questions: Sequence[tuple[str, Kind, str]], path: str | Path | None = None) -> list[Any]:
    """The saved answers to several questions (``(id, kind, what)`` each), in order.

    Every missing or unreadable answer is named in one :class:`AnswerMissing` message, so a
    trainee sees at once which of ten posts still needs an answer.
    """
    values: list[Any] = []
    missing: list[tuple[str, Kind, str]] = []
    unreadable: list[tuple[str, Kind, str]] = []
    for question_id, kind, what in questions:
        try:
            values.append(read(question_id, kind, what, path))
        except AnswerMissing as problem:
            (missing if "belum dijawab" in str(problem) else unreadable).append((what, kind, str(problem)))
    if missing or unreadable:
        parts = []
        if missing:
            parts.append(f"Belum dijawab: {', '.join(what for what, _, _ in missing)}. "
                         f"Untuk menjawab, {missing[0][1].how} (jawaban tersimpan otomatis), lalu jalankan "
                         "sel ini lagi.")
        parts += [message for _, _, message in unreadable]
        raise AnswerMissing(" ".join(parts))
    return values


def skipped(value: object) -> bool:
    """True for an optional answer left as it was (``...``) or empty: the check says so, no error."""
    if value is None or value is Ellipsis:
        return True
    try:
        return _is_blank(value)
    except TypeError:  # a pandas object, say: it is an answer
        return False


# ---------------------------------------------------------------------------------------------
# Indonesian explanations instead of English tracebacks

FRIENDLY_EXCEPTIONS: tuple[type[BaseException], ...] = (NameError, SyntaxError, AssertionError, AnswerError)
RED, GREY, RESET = "\x1b[1;31m", "\x1b[2m", "\x1b[0m"

_NO_TYPING = ("Jawaban tugas tidak perlu diketik di sel kode: klik pilihan Anda, atau ketik di kotak "
              "jawaban yang tampil di bawah sel jawaban.")
_UNDO = ("Bila Anda tidak sengaja mengubah sel ini, klik di dalam sel lalu tekan Ctrl+Z (urungkan) "
         "sampai isinya kembali seperti semula.")


def _user_line(tb) -> tuple[int, str] | None:
    """The line of the trainee's own cell where the error happened (not a line of a library)."""
    package = str(Path(__file__).resolve().parents[1])
    found = None
    for frame in traceback.extract_tb(tb) if tb is not None else []:
        name = frame.filename or ""
        if "site-packages" in name or name.startswith((package, "<frozen")):
            continue
        found = (frame.lineno or 0, (frame.line or "").strip())
    return found


def explain(etype: type[BaseException], value: BaseException, tb=None) -> list[str]:
    """A short Indonesian explanation of an error, one line per item (no colours)."""
    original = f"(Pesan asli Python: {etype.__name__}: {value})"
    if issubclass(etype, SyntaxError) and isinstance(value, SyntaxError):
        line = (value.text or "").strip()
        place = f"baris {value.lineno}" if value.lineno else "sebuah baris"
        message = (value.msg or "").lower()
        head = f"Python tidak bisa membaca {place} sel ini" + (f": {line}" if line else ".")
        if issubclass(etype, IndentationError):
            why = ("Spasi di awal baris tidak sesuai dengan baris di atasnya. Samakan jumlah spasinya, dan "
                   "jangan memakai tombol Tab.")
        elif "comma" in message or "perhaps" in message or "invalid syntax" in message:
            why = ("Ada dua kata atau angka yang berdampingan tanpa tanda koma atau tanda kutip, misalnya "
                   "'tingkat 2'. Teks harus diapit tanda kutip, misalnya \"tingkat 2\".")
        elif "unterminated string" in message or "eol while" in message or "eof while scanning" in message:
            why = "Ada tanda kutip yang dibuka tetapi belum ditutup."
        elif any(w in message for w in ("never closed", "unexpected eof", "unmatched", "incomplete input")):
            why = "Ada tanda kurung ( [ { yang tidak berpasangan: yang dibuka harus ditutup."
        elif "invalid character" in message or "invalid non-printable" in message:
            why = ("Ada karakter yang tidak dikenal Python, misalnya tanda kutip miring “ ” dari Word atau "
                   "WhatsApp, atau tanda ×. Ganti dengan tanda kutip biasa \" atau tanda *.")
        elif "decimal literal" in message or "leading zeros" in message:
            why = ("Ada angka yang ditulis dengan cara yang tidak dikenal Python, misalnya 08.30 atau 2,5 di "
                   "luar tanda kutip. Tanggal dan jam ditulis sebagai teks di kotak jawaban.")
        else:
            why = "Periksa tanda kutip, tanda koma dan tanda kurung di baris itu."
        return [head, why, _NO_TYPING, _UNDO, original]
    if issubclass(etype, NameError):
        name = getattr(value, "name", None) or ""
        where = _user_line(tb)
        lines = [f"Komputer belum mengenal kata '{name}'." if name else
                 "Komputer belum mengenal sebuah nama."]
        if where and where[1]:
            lines.append(f"Baris {where[0]}: {where[1]}")
        if name and (len(name) <= 2 or name.lower() in {"ya", "tidak", "benar", "salah"}):
            lines.append(f"Sepertinya '{name}' adalah sebuah jawaban. {_NO_TYPING}")
        else:
            lines.append("Biasanya ada sel di atas yang belum dijalankan. Klik menu Run > Run All Above "
                         "Selected Cell (jalankan semua sel di atas), lalu jalankan sel ini lagi. Bila kata "
                         "itu Anda ketik sendiri, periksa ejaannya: huruf besar dan kecil dibedakan.")
        return [*lines, original]
    if issubclass(etype, AnswerError):
        return [f"Jawaban belum bisa dibaca: {value}", original]
    if issubclass(etype, AssertionError):
        message = str(value).strip()
        if message:
            return [message]
        where = _user_line(tb)
        return ["Pemeriksaan belum lolos." + (f" Baris {where[0]}: {where[1]}" if where else ""), original]
    return [f"{etype.__name__}: {value}"]


def format_explanation(etype: type[BaseException], value: BaseException, tb=None) -> list[str]:
    """The explanation as IPython shows a traceback: a red first line, the original in grey."""
    lines = explain(etype, value, tb)
    out = [f"{RED}❗ {lines[0]}{RESET}"]
    for line in lines[1:]:
        out.append(f"{GREY}{line}{RESET}" if line.startswith("(Pesan asli") else line)
    return out


def install_friendly_errors(shell) -> None:
    """The kit's one use of IPython's ``set_custom_exc``: Indonesian explanations for the errors a
    trainee meets (a word that is not a name, a line Python cannot read, a failed check).

    The handler still reports an error (``_showtraceback`` sends an ``error`` output), so a failing
    cell keeps failing for nbgrader, Validate and nbclient; only the wording changes.
    """

    def handler(self, etype, value, tb, tb_offset=None):
        stb = format_explanation(etype, value, tb)
        self._showtraceback(etype, value, stb)
        return None  # already shown: IPython's wrapper would otherwise expect a traceback to print

    shell.set_custom_exc(FRIENDLY_EXCEPTIONS, handler)


def setup() -> None:
    """Call in the first code cell of a notebook: Indonesian error explanations for trainees.

    Does nothing outside IPython (a plain script, a test).
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the kit
        return
    shell = get_ipython()
    if shell is not None:
        install_friendly_errors(shell)


__all__ = ["ANSWERS_FILE", "AnswerError", "AnswerFile", "AnswerMissing", "Choice", "Choices", "Date",
           "DateTime", "Integer", "Kind", "Label", "StorageError", "Text", "answers_path", "clean", "explain",
           "format_explanation", "install_friendly_errors", "number_from_words", "read", "read_many",
           "record", "saved", "setup", "skipped"]
