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

import hashlib
import re
from dataclasses import dataclass
from typing import overload

import pandas as pd

# A 16-digit NIK or family-card number, also when written in groups of 4 or 6-6-4.
_NIK = re.compile(r"(?<![\d.])(?:\d{16}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4}|\d{6}[ .-]\d{6}[ .-]\d{4})"
                  r"(?![\d])")
# NPWP: 15 digits, usually 99.999.999.9-999.999
_NPWP = re.compile(r"(?<!\d)\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}(?!\d)|(?<![\d.])\d{15}(?!\d)")
# Indonesian mobile numbers: 08.., +62 8.., 62 8.., with spaces, dots or dashes between groups.
_MOBILE = re.compile(r"(?<![\w+])(?:\+62|62|0)[ .-]?8\d{1,3}(?:[ .-]?\d{2,5}){2,4}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_.]{2,30})")

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


def pseudonym(handle: str, prefix: str = "warga") -> str:
    """A stable pseudonym for a handle: the same input always gives the same output."""
    key = str(handle).strip().lstrip("@").lower()
    return f"{prefix}_" + hashlib.sha256(f"{_SALT}|{key}".encode()).hexdigest()[:8]


def find_identifiers(text: str, allow: Allowlist = NOTHING) -> list[tuple[str, int, int]]:
    """(type, start, end) of each personal identifier in the text, left to right, no overlaps.

    Numbers in ``allow`` are official contacts, not identifiers."""
    text = str(text)
    found: list[tuple[str, int, int]] = []
    taken = [False] * len(text)
    official = allow.numbers
    for kind, pattern in (("email", _EMAIL), ("nik", _NIK), ("npwp", _NPWP), ("hp", _MOBILE)):
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            if kind == "hp" and _digits(m.group(0)) in official:
                continue
            if kind == "email" and m.group(0).lower().endswith(".go.id"):
                continue  # an office's published address (layanan@...go.id), not a citizen's
            found.append((kind, m.start(), m.end()))
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
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
    text = str(text)
    parts, pos = [], 0
    for kind, start, end in find_identifiers(text, allow):
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

    return _HANDLE.sub(handle, out) if "@" in out else out


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
        texts = values[mask].astype(str)
        changed["identifiers"] += int(sum(len(find_identifiers(t, allow)) for t in texts))
        out.loc[mask, col] = [scrub_text(t, allow) for t in texts]
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
