"""Citizens' personal data out before anything is shown or exported (UU 27/2022).

Two steps, used by triage, scenarios and plan export:

* :func:`scrub_text` replaces personal identifiers inside a text (NIK/KK numbers, NPWP, mobile
  numbers, e-mail addresses) with a marker that says what was removed, and replaces @handles
  with stable pseudonyms.
* :func:`pseudonym` turns a handle into ``warga_<8 hex>``: the same handle always gives the same
  pseudonym (so a thread can still be followed), but the handle cannot be read back from it.

Official channels are not personal data and stay readable: hotlines (112, 110, 119, 1500200),
an office's landline and e-mail addresses at government .go.id domains always; the agencies'
published numbers and own handles when the caller passes them as an :class:`Allowlist`
(:func:`humaskit.data.contacts.official` builds the kit's). This module reads no files.
"""

from __future__ import annotations

import bisect
import collections
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import pandas as pd

# A 16-digit NIK or family-card number, also when written in groups of 4 or 6-6-4.
_NIK = re.compile(r"(?<![\d.])(?:\d{16}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4}|\d{6}[ .-]\d{6}[ .-]\d{4})"
                  r"(?![\d])")
# NPWP: 15 digits, usually 99.999.999.9-999.999
_NPWP = re.compile(r"(?<!\d)\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}(?!\d)|(?<![\d.])\d{15}(?!\d)")
# Indonesian mobile numbers: 08.., +62 8.., 62 8.., with spaces, dots or dashes between groups.
# At most 3 + 4 * 5 = 23 digits follow the 8, and a number never ends inside a run of digits. So
# a run of 24 digits right after the 8, or of 21 where a group starts (at most 4 * 5 digits are
# left), can never be part of a match: the lookaheads say so at once, where the engine would
# otherwise try every split of a long run into groups first. The matches are the same.
_MOBILE = re.compile(r"(?<![\w+])(?:\+62|62|0)[ .-]?8(?!\d{24})\d{1,3}(?:[ .-]?(?!\d{21})\d{2,5}){2,4}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The same address, tried only where a run of local-part characters begins: _EMAIL itself would
# be tried at every character of a long run (a word, a digit string) and rescan the rest of the
# run each time, quadratic in the run's length. See _emails for why the matches are the same.
_EMAIL_START = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_.]{2,30})")
# What every identifier holds: an "@" (e-mail; every handle too) or five digits in runs of two or
# more with at most one space, dot or dash between the runs (NIK, NPWP and mobile numbers all
# start so). A text without it has nothing to scrub, and most comments are such texts.
_CANDIDATE = re.compile(r"@|\d\d[ .-]?\d\d[ .-]?\d")

MARKERS = {
    "nik": "[NIK disamarkan]",
    "npwp": "[NPWP disamarkan]",
    "hp": "[nomor HP disamarkan]",
    "email": "[email disamarkan]",
}

_SALT = "humaskit-pseudonym-v1"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def number_forms(digits: str) -> set[str]:
    """A number as written and in the +62 form a mobile number may also take."""
    return {digits, "62" + digits[1:]} if digits.startswith("0") else {digits}


@dataclass(frozen=True)
class Allowlist:
    """Official contacts that stay readable: digits of office numbers (both 0... and 62... forms)
    and agencies' own handles (lower case, without @). :func:`humaskit.data.contacts.official`
    builds the kit's; an empty one keeps nothing."""

    numbers: frozenset[str] = frozenset()
    handles: frozenset[str] = frozenset()

    @classmethod
    def of(cls, numbers=(), handles=()) -> Allowlist:
        digits = set()
        for value in numbers:
            d = _digits(str(value))
            if len(d) >= 8:
                digits |= number_forms(d)
        names = {str(h).strip().lstrip("@").lower() for h in handles}
        return cls(frozenset(digits), frozenset(h for h in names if h))

    def __or__(self, other: Allowlist) -> Allowlist:
        return Allowlist(self.numbers | other.numbers, self.handles | other.handles)


NOTHING = Allowlist()


def mobile_numbers(text: str) -> list[str]:
    """The digits of every mobile-number-like run in a text (to allow an office's own number)."""
    return [_digits(m.group(0)) for m in _MOBILE.finditer(str(text))]


def pseudonym(handle: str, prefix: str = "warga", salt: str | None = None) -> str:
    """A stable pseudonym for a handle: the same input and salt always give the same output.

    With a salt (a project's, see :func:`project_salt`) it is a keyed hash (HMAC-SHA256), so a
    guessed handle cannot be checked against it without the salt."""
    key = str(handle).strip().lstrip("@").lower()
    if salt is None:
        return f"{prefix}_" + hashlib.sha256(f"{_SALT}|{key}".encode()).hexdigest()[:8]
    return f"{prefix}_" + hmac.new(salt.encode(), key.encode(), hashlib.sha256).hexdigest()[:8]


SALT_FILE = ".humaskit-salt"


def project_salt(folder: Path | str) -> str:
    """The project's random salt, kept in ``folder/.humaskit-salt`` (created with mode 0600 on
    first use, read back after). It is never written into an output table."""
    path = Path(folder) / SALT_FILE
    try:
        salt = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        salt = ""
    if salt:
        return salt
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(salt + "\n")
    return salt


def _emails(text: str):
    """The matches of _EMAIL, left to right, in linear time.

    A match of _EMAIL that starts right after a local-part character could have started one
    character earlier (the local part runs up to the same "@"), so ``finditer`` only ever starts
    one there when the previous match ended exactly at that point. Elsewhere _EMAIL_START, which
    refuses such starts, finds the same match, so this yields exactly ``_EMAIL.finditer(text)``.
    """
    pos = 0
    while True:
        m = _EMAIL.match(text, pos) if pos else None
        if m is None:
            m = _EMAIL_START.search(text, pos)
            if m is None:
                return
        yield m
        pos = m.end()


def find_identifiers(text: str, allow: Allowlist = NOTHING) -> list[tuple[str, int, int]]:
    """(type, start, end) of each personal identifier in the text, left to right, no overlaps.

    Numbers in ``allow`` are official contacts, not identifiers. Linear in the text's length:
    a cell of megabytes is scanned in about a second."""
    text = str(text)
    return _identifiers(text, allow) if _CANDIDATE.search(text) else []


def _identifiers(text: str, allow: Allowlist) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    starts: list[int] = []  # of the spans found so far, sorted; they never overlap
    ends: list[int] = []
    official = allow.numbers
    for kind, matches in (("email", _emails(text)), ("nik", _NIK.finditer(text)),
                          ("npwp", _NPWP.finditer(text)), ("hp", _MOBILE.finditer(text))):
        for m in matches:
            start, end = m.span()
            i = bisect.bisect_left(starts, end)  # spans starting before this one ends
            if i and ends[i - 1] > start:  # the nearest of them reaches into it
                continue
            if kind == "hp" and _digits(m.group(0)) in official:
                continue
            if kind == "email" and m.group(0).lower().endswith(".go.id"):
                continue  # an office's published address (layanan@...go.id), not a citizen's
            found.append((kind, start, end))
            starts.insert(i, start)
            ends.insert(i, end)
    return sorted(found, key=lambda f: f[1])


@overload
def scrub_text(text: str, allow: Allowlist = ...) -> str: ...


@overload
def scrub_text(text: object, allow: Allowlist = ...) -> str | float | None: ...


def scrub_text(text: object, allow: Allowlist = NOTHING) -> str | float | None:
    """The text with identifiers replaced by markers and @handles by pseudonyms; the official
    numbers and handles in ``allow`` stay readable. None and NaN (a missing cell) come back as
    they are; anything else is scrubbed as its string."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return text
    return _scrub(str(text), allow)[0]


def _scrub(text: str, allow: Allowlist) -> tuple[str, int]:
    """The scrubbed text and how many identifiers it held."""
    if not _CANDIDATE.search(text):
        return text, 0
    found = _identifiers(text, allow)
    parts, pos = [], 0
    for kind, start, end in found:
        parts += [text[pos:start], MARKERS[kind]]
        pos = end
    parts.append(text[pos:])
    out = "".join(parts)
    keep = allow.handles

    def handle(m: re.Match) -> str:
        name = m.group(1).rstrip(".")
        if name.lower() in keep:
            return m.group(0)
        return "@" + pseudonym(name) + m.group(1)[len(name):]

    return (_HANDLE.sub(handle, out) if "@" in out else out), len(found)


AUTHOR_COLUMNS = ("author", "user", "username", "user_name", "screen_name", "handle", "akun",
                  "nama_akun", "pengguna", "from", "dari")


def scrub_frame(df: pd.DataFrame, text_columns, allow: Allowlist = NOTHING
                ) -> tuple[pd.DataFrame, dict[str, int]]:
    """A copy with text columns scrubbed and author columns pseudonymised, plus what was changed.

    Author columns are recognised by name (``author``, ``username``, ``handle``, ...); values
    that are already pseudonyms (``warga_...``) or kept handles are left as they are.
    """
    out = df.copy()
    changed = {"identifiers": 0, "handles": 0}
    keep = allow.handles
    for col in text_columns:
        if col not in out.columns:
            continue
        values = out[col]
        mask = values.notna()
        texts = values[mask].astype(str).tolist()
        candidates = [i for i, t in enumerate(texts) if _CANDIDATE.search(t)]
        for i in candidates:
            texts[i], found = _scrub(texts[i], allow)
            changed["identifiers"] += found
        out.loc[mask, col] = texts
    for col in out.columns:
        if str(col).strip().lower() not in AUTHOR_COLUMNS:
            continue
        values = out[col]

        def convert(v):
            if v is None or (isinstance(v, float) and pd.isna(v)):
                return v
            s = str(v).strip()
            if not s or s.startswith("warga_") or s.lstrip("@").lower() in keep:
                return v
            changed["handles"] += 1
            return pseudonym(s)

        out[col] = values.map(convert)
    return out, changed


HANDLE_COLUMNS = AUTHOR_COLUMNS + ("name", "nama", "full_name", "nama_lengkap", "email", "e-mail",
                                   "surel", "phone", "telepon", "no_hp", "hp", "nik", "kk",
                                   "npwp", "user_id", "user_id_str", "author_id")


def _is_handle_column(name: object) -> bool:
    key = str(name).strip().lower().replace(" ", "_")
    return key in HANDLE_COLUMNS


def scrub_table(df: pd.DataFrame, *, salt: str, allow: Allowlist = NOTHING, keep_columns=(),
                handle_columns=None) -> tuple[pd.DataFrame, collections.Counter]:
    """A scrubbed copy of a whole table and how many identifiers of each type it held.

    Every column is scrubbed unless named in ``keep_columns``: author/handle columns (by name,
    or ``handle_columns`` when given) become pseudonyms under the project's ``salt``; in every
    other text column identifiers are masked and @handles pseudonymised. The agency's own
    handles and official numbers (``allow``) stay. The counts never hold the values."""
    out = df.copy()
    counts: collections.Counter = collections.Counter()
    keep = {str(c) for c in keep_columns}
    if handle_columns is None:
        handles = {c for c in out.columns if _is_handle_column(c)}
    else:
        handles = {c for c in out.columns if str(c) in {str(h) for h in handle_columns}}
    kept_handles = allow.handles
    for col in out.columns:
        if str(col) in keep:
            continue
        values = out[col]
        if col in handles:
            def convert(v):
                if v is None or (isinstance(v, float) and pd.isna(v)):
                    return v
                s = str(v).strip()
                if not s or s.startswith("warga_") or s.lstrip("@").lower() in kept_handles:
                    return v
                counts["handle"] += 1
                return pseudonym(s, salt=salt)

            out[col] = values.map(convert)
            continue
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        mask = values.notna()
        texts = values[mask].astype(str).tolist()
        changed = False
        for i, t in enumerate(texts):
            if not _CANDIDATE.search(t):
                continue
            new, kinds = _scrub_counted(t, allow, salt)
            if new != t:
                texts[i] = new
                changed = True
            counts.update(kinds)
        if changed:
            out[col] = out[col].astype(object)
            out.loc[mask, col] = texts
    return out, counts


def _scrub_counted(text: str, allow: Allowlist, salt: str | None) -> tuple[str, list[str]]:
    found = _identifiers(text, allow)
    parts, pos = [], 0
    for kind, start, end in found:
        parts += [text[pos:start], MARKERS[kind]]
        pos = end
    parts.append(text[pos:])
    out = "".join(parts)
    kinds = [k for k, _, _ in found]
    keep = allow.handles

    def handle(m: re.Match) -> str:
        name = m.group(1).rstrip(".")
        if name.lower() in keep:
            return m.group(0)
        kinds.append("handle")
        return "@" + pseudonym(name, salt=salt) + m.group(1)[len(name):]

    if "@" in out:
        out = _HANDLE.sub(handle, out)
    return out, kinds
