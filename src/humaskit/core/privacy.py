"""Citizens' personal data out before anything is shown or exported (UU 27/2022).

What is removed, in the forms people really write them:

* NIK and KK numbers: 16 digits, whole or grouped by spaces, dots, dashes, slashes or
  underscores (4-4-4-4, 6-6-4, 4-4-8, ...), behind prefixes such as ``NIK.3201`` or ``No.3201``;
* NPWP: the dotted 15-digit form, all dots, all dashes, bare, and the 16-digit form after "NPWP";
* mobile numbers: 08.., 62.., +62.., with spaces, dots, dashes, brackets (``(0812) 3456 7897``,
  ``+62 (812) ...``), pairs (``08 12 34 56 78 99``) and glued to a word (``hp0813...``);
* e-mail addresses, also written ``budi [at] gmail [dot] com``;
* handles: ``@name`` everywhere, ``IG: name`` / ``twitter: name`` after a platform's name, and
  the account in a profile or post address (``x.com/name/status/...``);
* vehicle plates (``B 1234 XYZ``) and names given after "saya", "nama saya" or "atas nama".

Identifiers become a marker that says what was removed (:data:`MARKERS`); handles become
stable pseudonyms (:func:`pseudonym`). Kept on purpose: hotlines and service numbers (112, 110,
119, 1500200, 165, 1708), 0800 toll-free numbers, landlines, dates, times, rupiah amounts,
regulation numbers (PP 71/2019, UU 27/2022), RT/RW, years, and the official contacts a caller
passes as an :class:`Allowlist` (:func:`humaskit.data.contacts.official` builds the kit's);
e-mail addresses at government .go.id domains always stay.

Detection reads the text normalised (NFKC: full-width digits, non-breaking spaces, en dashes
and the like become their plain forms) and masks the original text at the same places.

Pseudonyms are keyed hashes (HMAC-SHA256) under a salt: a project's own, random and kept beside
its data (:func:`project_salt`); without one, a random salt drawn once per process (stable within
one run, unlinkable across runs). :data:`DEMO_SALT` is for the kit's shipped fictional data only.
This module imports nothing from the kit; it reads its word lists and touches only the salt file.
A caller that wants a long column scrubbed on all CPU cores passes a ``map_slices`` function
(:func:`humaskit.core.parallel.map_slices`) to :func:`scrub_table`.

Whole tables: :func:`scrub_table` (every column unless kept; author columns pseudonymised,
identifier columns masked). Each detector first asks a quick question every match of it answers
(a digit, an "@", a platform's name ...), so most comments cost a few string tests.

Names written in lower case ("nama saya budi santoso", "saya siti dari rt 03") are told from
complaints that begin the same way ("nama saya hilang dari DTKS", "saya sudah lapor") with word
lists shipped beside this module (wordlists/, see its DATASHEET.md): common Indonesian words and
given names.

Known limits (measured in benchmarks/results/privacy_recall.txt): a complaint word in neither
list after "nama saya" is taken for a name ("nama saya raib"); an unusual name after a bare
"saya" is found only before "dari"/"warga"/"asal"/"tinggal"; addresses, bank account and card
numbers are not looked for; office landlines are kept, a citizen's landline too.
"""

from __future__ import annotations

import bisect
import collections
import functools
import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import pandas as pd

MARKERS = {
    "nik": "[NIK disamarkan]",
    "kk": "[nomor KK disamarkan]",
    "npwp": "[NPWP disamarkan]",
    "hp": "[nomor HP disamarkan]",
    "email": "[email disamarkan]",
    "plat": "[plat nomor disamarkan]",
    "nama": "[nama disamarkan]",
    "alamat": "[alamat disamarkan]",
}
# Every type scrub_table counts ("handle": a handle replaced by its pseudonym).
KINDS = (*MARKERS, "handle")

# For the kit's shipped, fictional data only (scenarios, demo corpus): public on purpose.
DEMO_SALT = "humaskit-demo-data-v1"
# For user data when the caller has no project folder: random, drawn once per process.
_PROCESS_SALT = secrets.token_hex(32)
SALT_FILE = ".humaskit-salt"
# A salt, or a function that returns it (called only when a handle is pseudonymised).
Salt = str | Callable[[], str]

# --------------------------------------------------------------------------------------------
# Normalisation: one character in, one character out, so that spans map straight back.

_ONE_TO_ONE = {0xA0: " ", 0x2007: " ", 0x202F: " ", 0x2009: " ", 0x200A: " ", 0x2002: " ",
               0x2003: " ", 0x3000: " ", 0x200B: " ", 0x200C: " ", 0x200D: " ", 0x2060: " ",
               0xFEFF: " ", 0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-",
               0x2015: "-", 0x2212: "-", 0xFE58: "-", 0xFE63: "-", 0xFF0D: "-"}
_ONE_TO_ONE.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})  # full-width ASCII
_ONE_TO_ONE.update({0x3002: ".", 0xFF61: ".", 0x2024: "."})
_TABLE = str.maketrans(_ONE_TO_ONE)
_ODD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_ONE_TO_ONE)) + "]")


def _plain(match: re.Match) -> str:
    """What one odd character becomes (replacing only the odd characters is several times faster
    than ``str.translate`` over a whole text of which few characters change)."""
    return _ONE_TO_ONE[ord(match.group())]


class Positions:
    """Where the characters of a normalised text came from in the original, when NFKC changed the
    length of some characters (a ligature, a circled number, "…"): only those are stored, so a
    10 MB text with a few of them costs a few entries, not ten million."""

    def __init__(self, changes: list[tuple[int, int, int]]):
        # (start in the normalised text, index in the original, length in the normalised text)
        self.starts = [c[0] for c in changes]
        self.changes = changes

    def original(self, pos: int) -> int:
        """The original index of the character at ``pos`` of the normalised text."""
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0:
            return pos
        start, index, length = self.changes[k]
        if pos < start + length:
            return index
        return index + 1 + (pos - start - length)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.original(start), self.original(start)
        return self.original(start), self.original(end - 1) + 1


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@functools.lru_cache(maxsize=4096)
def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).translate(_TABLE)


def normalise(text: str) -> tuple[str, Positions | None]:
    """The text as detection reads it: NFKC, with non-breaking and zero-width spaces, dashes and
    full-width forms made plain; and where its characters came from (None when each character
    stands where it stood)."""
    if text.isascii():
        return text, None
    t = _ODD.sub(_plain, text)
    if unicodedata.is_normalized("NFKC", t):
        return t, None
    pieces: list[str] = []
    changes: list[tuple[int, int, int]] = []
    pos = shift = 0  # shift: how much longer the normalised text is so far
    for run in _NON_ASCII.finditer(t):
        for i in range(run.start(), run.end()):
            ch = t[i]
            n = _nfkc(ch)
            if n == ch:
                continue
            pieces += [t[pos:i], n]
            pos = i + 1
            if len(n) != 1:  # one for one keeps every place
                changes.append((i + shift, i, len(n)))
                shift += len(n) - 1
    pieces.append(t[pos:])
    return "".join(pieces), (Positions(changes) if changes else None)


# --------------------------------------------------------------------------------------------
# Numbers: runs of digit groups, split into identifier-shaped segments.

# Digit groups joined by at most three separator characters (spaces, dots, dashes, slashes,
# underscores, brackets). A run is linear to find; segments are then tried from each group.
_RUN = re.compile(r"[0-9]+(?:[ \t._/()\-]{1,3}[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")
_MAX_GROUPS = 10

# NIK: the first two digits are a province code.
_PROVINCES = frozenset("11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 "
                       "71 72 73 74 75 76 81 82 91 92 93 94 95 96 97".split())
# What the words right before a number say it is.
_BEFORE = re.compile(
    r"(?:\b(?P<npwp>npwp)|\b(?P<kk>kk|kartu\s+keluarga|no\.?\s*kk)|\b(?P<nik>nik|ktp|e-?ktp|"
    r"nomor\s+induk(?:\s+kependudukan)?)|\b(?P<rp>rp|idr|rupiah)|(?P<money>\$)|"
    r"\b(?P<code>kode\s+billing|billing|id\s*billing|resi|tiket|nib|npsn|booking|transaksi|pesanan|order|"
    r"invoice|registrasi|id\s*pel(?:anggan)?|pelanggan(?:\s+pln)?|nomor\s+meter|no\.?\s*meter))"
    r"(?:\s*(?:saya|sy|anda|nya|adalah|yaitu|yakni|no|nomor|nomer|nmr|no\.|:|=|-|\.|#))*\s*\.?\s*$",
    re.I)
_AFTER_AMOUNT = re.compile(r"\s*(?:,-|,00)?\s*(?:rupiah|ribu|rb|juta|jt|miliar|milyar|m\b|triliun|t\b)",
                           re.I)
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:[.,][0-9]{3})+")
_DATE = re.compile(r"(?:0?[1-9]|[12][0-9]|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)?[0-9]{2}"
                   r"|(?:19|20)[0-9]{2}[./-](?:0?[1-9]|1[0-2])[./-](?:0?[1-9]|[12][0-9]|3[01])")


def _is_year(group: str) -> bool:
    return len(group) == 4 and group[:2] in ("19", "20")


def _context(t: str, start: int) -> tuple[str | None, bool]:
    """What the words before a number at ``start`` say it is, and whether a "+" leads it."""
    before = _BEFORE.search(t, max(0, start - 40), start)
    plus = t[max(0, start - 3):start].replace(" ", "").replace("(", "").endswith("+")
    return (before.lastgroup if before else None), plus


def _times(t: str, groups: list[re.Match]) -> bool:
    """Whether digit groups are clock times, HH.MM each (08.00-12.00 13.00-15.30)."""
    if len(groups) % 2 or any(len(g.group(0)) != 2 for g in groups):
        return False
    for k in range(0, len(groups), 2):
        hour, minute = groups[k], groups[k + 1]
        if t[hour.end():minute.start()] != "." or int(hour.group(0)) > 24 or int(minute.group(0)) > 59:
            return False
        if k and t[groups[k - 1].end():hour.start()] == ".":
            return False  # pairs joined by dots: 08.12.34.56 is not a list of times
    return True


def _classify(t: str, groups: list[re.Match], i: int, j: int, context: str | None, plus: bool
              ) -> str | None:
    """What the digit groups i..j (one segment of a run) are, or None if nothing personal."""
    digits = "".join(g.group(0) for g in groups[i:j + 1])
    n = len(digits)
    if n < 10 or n > 16:
        return None
    start, end = groups[i].start(), groups[j].end()
    if context in ("rp", "money", "code") or _AFTER_AMOUNT.match(t, end):
        return None
    segment = t[start:end]
    if context == "nik" and n == 16:
        return "nik"
    if context == "kk" and n == 16:
        return "kk"
    if context == "npwp" and n in (15, 16):
        return "npwp"
    lengths = [len(g.group(0)) for g in groups[i:j + 1]]
    if _times(t, groups[i:j + 1]):
        return None
    if n == 16:
        if j > i and all(_is_year(g.group(0)) for g in groups[i:j + 1]):
            return None  # a run of years
        if _THOUSANDS.fullmatch(segment):
            return None
        return "nik" if j == i or digits[:2] in _PROVINCES else None
    if n == 15:
        if j == i or lengths[:4] == [2, 3, 3, 1]:
            return "npwp"
        return None
    # A mobile number: 08x (not 080x, toll-free) with 10-13 digits, or 62 8x with 11-14 (62 08x, 12-15).
    mobile = ((digits.startswith("08") and digits[2] != "0" and n <= 13)
              or (digits.startswith("628") and digits[3] != "0" and 11 <= n <= 14)
              or (digits.startswith("6208") and digits[4] != "0" and 12 <= n <= 15))
    if mobile and not (_THOUSANDS.fullmatch(segment) and not plus and digits[0] != "0"
                       and not digits.startswith("628")):
        return "hp"
    return None


def _numbers(t: str, allow: Allowlist) -> Iterator[tuple[str, int, int]]:
    official = allow.numbers
    for run in _RUN.finditer(t):
        if run.end() - run.start() < 10:
            continue
        groups = list(_GROUP.finditer(t, run.start(), run.end()))
        if _context(t, run.start())[0] in ("rp", "money"):
            continue  # an amount: Rp 1.081.234.567.890
        # the tail of a pseudonym (warga_c7f32068) is not the start of a number
        i = 1 if _PSEUDONYM_HEAD.search(t, max(0, run.start() - 14), run.start()) else 0
        while i < len(groups):
            date = _DATE.match(t, groups[i].start())
            if date and not re.match(r"[0-9]|[./_-][0-9]", t[date.end():date.end() + 2]):
                while i < len(groups) and groups[i].start() < date.end():
                    i += 1  # a date (12.08.2024): its groups start nothing
                continue
            if i and t[groups[i - 1].end():groups[i].start()] == ".":
                i += 1  # a segment never starts in the middle of 1.081.234 or 10.30
                continue
            # the longest segment from group i that is an identifier
            total, last = 0, i - 1
            for k in range(i, min(len(groups), i + _MAX_GROUPS)):
                total += groups[k].end() - groups[k].start()
                if total > 16:
                    break
                last = k
            hit = None
            context, plus = _context(t, groups[i].start()) if total >= 10 or last > i else (None, False)
            for j in range(last, i - 1, -1):
                kind = _classify(t, groups, i, j, context, plus)
                if kind:
                    hit = (kind, j)
                    break
            if hit is None:
                i += 1
                continue
            kind, j = hit
            start, end = groups[i].start(), groups[j].end()
            digits = "".join(g.group(0) for g in groups[i:j + 1])
            if not (kind == "hp" and digits in official):
                # take in a leading "+" or "(" and a trailing ")" that belong to the number
                while start > 0 and t[start - 1] in "+(" or (start > 1 and t[start - 1] == " "
                                                            and t[start - 2] == "+"):
                    start -= 1
                if end < len(t) and t[end] == ")" and "(" in t[start:end]:
                    end += 1
                yield kind, start, end
            i = j + 1


# --------------------------------------------------------------------------------------------
# E-mail addresses, handles, plates and names.

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The same address, tried only where a run of local-part characters begins: _EMAIL itself would
# be tried at every character of a long run (a word, a digit string) and rescan the rest of the
# run each time, quadratic in the run's length. See _emails for why the matches are the same.
_EMAIL_START = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Written out to escape harvesters: budi [at] gmail [dot] com, budi(at)gmail.com.
_AT = r"(?: {0,3}[\[({<] {0,3}(?:at|@|et) {0,3}[\])}>] {0,3}| +(?:at|et) +)"
_DOT = r"(?: {0,3}[\[({<] {0,3}(?:dot|titik|\.) {0,3}[\])}>] {0,3}| +(?:dot|titik) +|\.)"
_EMAIL_WORDS = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}" + _AT + r"[\w-]{1,63}(?:" + _DOT
                          + r"[\w-]{1,63}){1,4}", re.I)
# Where such an address has its "at": the search for the whole address starts just before it.
_AT_TOKEN = re.compile(r"[\[({<] {0,3}(?:at|@|et) {0,3}[\])}>]| (?:at|et) ", re.I)
_TLD = re.compile(r"(?:com|net|org|id|co|ac|go|sch|edu|gov|info|biz|me|io|ymail|mail)$", re.I)
_HANDLE = re.compile(r"(?<![\w@\]])@([A-Za-z0-9_.]{2,30})")
# A platform's name, then a handle without "@": after ":" or "=", or one with "_", "." or a digit
# in it ("IG: budi", "ig budi_santoso", "ig budi.s"; "follow ig kami" is a sentence). Lower case.
# The names ig|instagram|insta|twitter|twt|tw|tiktok|tt|fb|facebook|threads|telegram|tele|line|yt|
# youtube|akun|username|uname grouped by first letter, each group in the same order (so the same
# match): searched several times faster.
_PLATFORM = re.compile(
    r"(?:i(?:g|nstagram|nsta)|t(?:witter|wt|w|iktok|t|hreads|elegram|ele)|f(?:b|acebook)|line|"
    r"y(?:t|outube)|akun|u(?:sername|name))(?:\s+(?:saya|sy|aku|ku|kami))?(\s*[:=]\s*|\s*-\s*|\s+)"
    r"(?!@)([a-z0-9_.]{3,30})(?![\w@\[])")
_NOT_HANDLES = frozenset(
    "saya kami kita aku anda kamu resmi official nya ini itu yang dan atau juga sudah belum tidak "
    "bisa mau ingin untuk dari ke di pada dengan sama aja saja kok ya yah dong deh sih nih tuh "
    "admin mimin min kak pak bu bapak ibu tolong mohon silakan silahkan cek lihat follow ikuti "
    "kunjungi dm inbox story stories live reels post postingan link bio kantor pemkab pemkot "
    "pemprov dinas humas baru lama lagi terus".split())
# Region letters of Indonesian plates, 1-4 digits, 1-3 letters: B 1234 XYZ.
_REGIONS = ("A|B|D|E|F|G|H|K|L|M|N|P|R|S|T|W|Z|AA|AB|AD|AE|AG|BA|BB|BD|BE|BG|BH|BK|BL|BM|BN|BP|"
            "DA|DB|DD|DE|DG|DH|DK|DL|DM|DN|DR|DT|DW|EA|EB|ED|KB|KH|KT|KU|PA|PB|PG|PD|PS|PT")
# (The letter before is checked in _plates: a pattern that starts with a look-behind is tried at
# every character of a long text.)
_PLATE = re.compile(r"(?:" + _REGIONS + r")( ?)([1-9][0-9]{0,3})( ?)[A-Z]{1,3}(?![A-Za-z0-9])")
# Matched in lower case (the text's same-length lower case, see _find).
_PLATE_WORDS = re.compile(r"(?:plat|pelat|nopol|no\.?\s*pol|nomor\s+polisi|plat\s+nomor|tnkb)"
                          r"(?:\s+(?:nomor|no\.?|kendaraan|motor|mobil|saya))*\s*[:.]?\s*"
                          r"((?:" + _REGIONS.lower() + r")\s?[1-9][0-9]{0,3}\s?[a-z]{1,3})(?![a-z0-9])")
# Names are written capitalised: "nama saya Budi Santoso", "Saya Siti Aminah, warga ...".
_NAME_WORD = r"[A-Z][a-z'][a-z'-]+(?![\w])"
_NAME_AFTER = re.compile(r"(?:[Nn]ama\s+(?:[Ss]aya|[Ss]y|[Aa]ku|[Ll]engkap(?:\s+[Ss]aya)?)"
                         r"(?:\s+(?:adalah|ialah))?|"
                         r"[Aa]tas\s+[Nn]ama|[Aa]\.\s?[Nn]\.?)\s*[:,]?\s*((?:\w+\.?\s+)?" + _NAME_WORD
                         + r"(?:\s+" + _NAME_WORD + r"){0,3})")
_SAYA_NAME = re.compile(r"(?:[Ss]aya|SAYA)\s*,?\s+(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD
                        + r"){0,2})\b")
_SAYA_GATE = re.compile(r"(?:[Ss]aya|SAYA)\s*,?\s+[A-Z]")
_HONORIFICS = frozenset("bapak ibu pak bu kak kakak mas mbak bang abang teh teteh aa om tante sdr sdri "
                        "saudara saudari adik dik haji hj h. dr. ir. drs. prof.".split())
_NOT_NAMES = frozenset(
    "adalah ialah dari di ke dan atau yang warga tinggal asal mau ingin sudah belum tidak bukan "
    "sangat juga sebagai selaku mohon minta bertanya tanya ingin akan sedang lagi masih pernah "
    "bapak ibu pak bu kak mas mbak sdr saudara seorang salah satu orang pemilik pelanggan peserta "
    "pasien pegawai guru ketua rt rw lurah camat ini itu sendiri punya juga hanya cuma baru lama "
    "kemarin tadi hari sejak sampai sudah telah dengan untuk pada atas nama no nomor alamat kami "
    "kita merasa senang sedih kecewa terima kasih tolong harap berharap setuju dukung tidak ga gak "
    "nggak enggak belum bisa dapat sudah selalu kira rasa lihat baca dengar beli bayar lapor "
    "melapor melaporkan menanyakan tanyakan mengajukan ajukan daftar mendaftar pribadi almarhum "
    "almarhumah alm almh istri suami anak ayah mama papa mertua beliau dia mereka perusahaan "
    "pt cv ud koperasi yayasan bank kantor dinas badan polres polda polsek polri pemkab pemkot "
    "pemprov pemerintah desa kelurahan kecamatan sekolah masjid gereja instansi lembaga negara "
    "kementerian panitia relawan admin min minta januari februari maret april mei juni juli agustus "
    "september oktober november desember senin selasa rabu kamis jumat sabtu minggu allah tuhan "
    "rp idr gimana bagaimana kenapa mengapa kapan dimana apakah apa siapa boleh kalau jika terdaftar".split())


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


def _glued(t: str, start: int) -> bool:
    """Whether a match at ``start`` continues a word (a letter, digit or "_" before it) or a
    marker ("]"). The patterns leave this out: one that starts with a look-behind is tried at
    every character of a long text."""
    if not start:
        return False
    before = t[start - 1]
    return before.isalnum() or before in "_]"


def _email_words(t: str) -> Iterator[re.Match]:
    """The matches of _EMAIL_WORDS, searched from 70 characters before each "at" (a local part
    has at most 64): a long text is not tried at every character."""
    last = 0
    for at in _AT_TOKEN.finditer(t):
        if at.start() < last:
            continue
        m = _EMAIL_WORDS.search(t, max(last, at.start() - 70), at.end() + 400)
        if m:
            last = m.end()
            yield m


def _email_spans(t: str, words: bool = True) -> Iterator[tuple[str, int, int]]:
    """E-mail addresses; ``words``: also those written with [at] and [dot]."""
    if "@" in t:
        for m in _emails(t):
            if not m.group(0).lower().endswith(".go.id"):  # an office's published address
                yield "email", m.start(), m.end()
    if words:
        for m in _email_words(t):
            flat = re.sub(r"\W+", ".", m.group(0).lower())
            if flat.endswith(("go.id", "go.dot.id", "go.titik.id")):
                continue
            bracketed = any(c in m.group(0) for c in "[({<")
            if bracketed or _TLD.search(flat):
                yield "email", m.start(), m.end()


def _handles(t: str, low: str, allow: Allowlist) -> Iterator[tuple[str, int, int]]:
    """Handles without "@" after a platform's name (IG: budi_santoso_real), as ("handle", ...)."""
    for m in _PLATFORM.finditer(low):
        if _glued(low, m.start()):
            continue
        name = m.group(2).rstrip(".")
        if name in _NOT_HANDLES or name in allow.handles or _PSEUDONYM.fullmatch(name) or name.isdigit():
            continue
        if (":" not in m.group(1) and "=" not in m.group(1) and "_" not in name and not _MIXED.search(name)
                and not _DOTTED.search(name)):
            continue  # "follow ig kami" is a sentence, "ig budi_s" a handle
        yield "handle", m.start(2), m.start(2) + len(name)


def _plates(t: str, low: str) -> Iterator[tuple[str, int, int]]:
    for m in _PLATE.finditer(t):
        if m.start() and (t[m.start() - 1].isalnum() or t[m.start() - 1] == "]"):
            continue  # inside a word, or right after a marker
        if not m.group(1) and not m.group(3) and len(m.group(2)) < 2:
            continue  # S1, D3 IT: degrees, not plates
        if m.group(0)[:2] in ("S1", "S2", "S3", "D1", "D2", "D3", "D4"):
            continue
        yield "plat", m.start(), m.end()
    if "pol" in low or "plat" in low or "pelat" in low or "tnkb" in low:
        for m in _PLATE_WORDS.finditer(low):
            if not _glued(low, m.start()):
                yield "plat", m.start(1), m.end(1)


def _names(t: str, low: str) -> Iterator[tuple[str, int, int]]:
    if "nama" in low or "a.n" in low:
        for m in _NAME_AFTER.finditer(t):
            if not _glued(t, m.start()):
                yield from _name_span(m)
    if "saya" in low and _SAYA_GATE.search(t):
        for m in _SAYA_NAME.finditer(t):
            if not _glued(t, m.start()):
                yield from _name_span(m)
    yield from _lower_names(low)


# Names written in lower case ("nama saya budi santoso", "saya siti dari rt 03"), matched in the
# text's lower case. After "nama saya" (and the like) the first word is a name when it is a
# given name or not a common word; after a bare "saya" when it is a given name, or not a common
# word nor shaped like a verb and the words are followed by what introduces a person ("saya
# paijo dari ...", "sy ucok warga ..."). Then up to two more words follow while they are not function
# words, stopping at punctuation.
_LOW_INTRO = re.compile(r"(?:(?P<strong>(?:nama\s*(?:saya|sy|aku|ku|lengkap(?:\s+(?:saya|sy))?)|namaku)"
                        r"(?:\s+(?:adalah|ialah|yaitu))?(?![\w])\s*[:,]?)|(?P<weak>saya|sy)(?![\w]))[ \t]*"
                        r"(?P<first>[a-z][a-z'-]*)(?![\w@])")
_LOW_WORD = re.compile(r"[a-z][a-z'-]*(?![\w@])")
_LOW_GAP = re.compile(r"[ \t]+")
_INTRODUCES = re.compile(r"[ \t]+(?:dari|dr|dri|warga|asal|tinggal|penduduk)(?![\w])")
# How Indonesian verbs begin (me-, ber-, di-, ter-, ke-, se-, pe- and the spoken ng-, ny-): after a
# bare "saya", an unknown word that begins so is taken for a verb ("saya menunduk, ...").
_VERB_HEAD = ("me", "ber", "di", "ter", "ke", "se", "pe", "ng", "ny")
_MAX_NAME_WORDS = 3
_WORDLISTS = Path(__file__).with_name("wordlists")


def _word_list(name: str) -> frozenset[str]:
    words: set[str] = set()
    try:
        lines = (_WORDLISTS / name).read_text(encoding="utf-8").splitlines()
    except OSError:  # a broken install: no lower-case names found rather than a crash
        return frozenset()
    for line in lines:
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@functools.cache
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(common words, function words, given names): wordlists/, see its DATASHEET.md."""
    return _word_list("kata_umum.txt"), _word_list("kata_fungsi.txt"), _word_list("nama_depan.txt")


def _not_a_name_word(word: str, function_words: frozenset[str]) -> bool:
    """A word that ends a name: a function word, a month or weekday, or an inflected form
    (datanya, laporkan)."""
    return (word in function_words or word in _NOT_NAMES or word in _HONORIFICS
            or (len(word) > 5 and word.endswith(("nya", "kan")))
            or (len(word) > 6 and word.startswith("ter")) or (len(word) > 5 and word.startswith("ny")))


def _lower_names(low: str) -> Iterator[tuple[str, int, int]]:
    common, function_words, given = _lists()
    for m in _LOW_INTRO.finditer(low):
        first = m.group("first")
        if first in common and first not in given and first not in _HONORIFICS:
            continue  # the usual case, cheap: "saya sudah lapor", "nama saya hilang"
        if _glued(low, m.start()):
            continue
        strong = m.group("strong") is not None
        pos = m.start("first")
        words: list[tuple[int, int]] = []
        known = False  # the first word is a given name
        while len(words) < _MAX_NAME_WORDS:
            w = _LOW_WORD.match(low, pos)
            if w is None:
                break
            word = w.group(0).strip("'-")
            if not words and word in _HONORIFICS and word not in given:
                pass  # "nama saya pak budi": the name follows
            elif not words:
                if word in given:
                    if not strong and word in function_words:
                        break
                    known = True
                elif word in common or _not_a_name_word(word, function_words) or (
                        not strong and len(word) > 5 and word.startswith(_VERB_HEAD)):
                    break
                words.append(w.span())
            elif word in given or not _not_a_name_word(word, function_words):
                words.append(w.span())
            else:
                break
            gap = _LOW_GAP.match(low, w.end())
            if gap is None:
                break
            pos = gap.end()
        if words and (strong or known or _INTRODUCES.match(low, words[-1][1])):
            yield "nama", words[0][0], words[-1][1]


def _name_span(m: re.Match) -> Iterator[tuple[str, int, int]]:
    words = list(re.finditer(r"\S+", m.group(1)))
    while words and words[0].group(0).lower() in _HONORIFICS:
        words.pop(0)  # "atas nama Pak Budi": the name is Budi
    kept = []
    for w in words:
        word = w.group(0).strip(".,'-")
        if not word or word.lower() in _NOT_NAMES or not word[0].isupper():
            break
        kept.append(w)
        if w.group(0).endswith((".", ",")):
            break
    if kept:
        yield "nama", m.start(1) + kept[0].start(), m.start(1) + kept[-1].end()


# --------------------------------------------------------------------------------------------
# The public interface.

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


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", text))


def number_forms(digits: str) -> set[str]:
    """A number as written and in the +62 form a mobile number may also take."""
    return {digits, "62" + digits[1:]} if digits.startswith("0") else {digits}


def mobile_numbers(text: str) -> list[str]:
    """The digits of every mobile number in a text (to allow an office's own number)."""
    t, _ = normalise(str(text))
    return [_digits(t[s:e]) for kind, s, e in _numbers(t, NOTHING) if kind == "hp"]


def pseudonym(handle: str, prefix: str = "warga", salt: str | None = None) -> str:
    """A stable pseudonym for a handle: ``warga_`` and 8 hex digits of HMAC-SHA256 under the salt.

    The same handle (case and a leading "@" aside) and salt always give the same pseudonym, and a
    guessed handle cannot be checked against it without the salt. Pass the project's salt
    (:func:`project_salt`); without one, a random salt drawn once per process is used."""
    key = str(handle).strip().lstrip("@").lower()
    digest = hmac.new((salt or _PROCESS_SALT).encode(), key.encode(), hashlib.sha256).hexdigest()
    return f"{prefix}_{digest[:8]}"


_PSEUDONYM = re.compile(r"(?:warga|media)_[0-9a-f]{8}")
_PSEUDONYM_HEAD = re.compile(r"(?:warga|media)_[0-9a-f]{0,7}$")


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
    except FileExistsError:  # another process made it first (or left it empty): use or fill it
        existing = path.read_text(encoding="ascii").strip()
        if existing:
            return existing
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(salt + "\n")
    return salt


# Quick tests that let a detector skip a text it cannot find anything in (most texts).
# ten digits in groups joined by at most three separators: the least any identifying number has
_DIGIT = re.compile(r"[0-9]")
# Each match of _PLATE holds a region letter, 1-4 digits and a letter; each e-mail address
# written out (_AT_TOKEN, matched without regard to case) an opening bracket then "at", "@" or
# "et", or " at " / " et " (in the lower-case text).
_PLATE_SHAPE = re.compile(r"[A-Z] ?[1-9][0-9]{0,3} ?[A-Z]")
_BRACKET_AT = re.compile(r"[\[({<] {0,3}(?:at|@|et)")
_TEN_DIGITS = re.compile(r"[0-9](?:[ \t._/()\-]{0,3}[0-9]){9}")
_MIXED = re.compile(r"[A-Za-z][0-9]|[0-9][A-Za-z]")
_DOTTED = re.compile(r"[a-z0-9]\.[a-z0-9]")
# "sy" (chat spelling of "saya") as a word, not inside "sayang" or "syuting".
_SY = re.compile(r"(?<![a-z])sy(?![a-z])")
# Part of every platform name _PLATFORM knows (insta.., tw.., tele.., ..uname),
# ig|insta|tw|tiktok|tt|fb|facebook|threads|tele|line|yt|youtube|akun|uname grouped by first
# letter: the same strings, searched about four times faster.
_PLATFORM_WORD = re.compile(r"i(?:g|nsta)|t(?:w|t|iktok|hreads|ele)|f(?:b|acebook)|line|y(?:t|outube)|"
                            r"akun|uname")


def _spans(t: str, allow: Allowlist) -> list[tuple[str, int, int]]:
    """(type, start, end) in the normalised text, left to right, no overlaps; "handle" spans are
    handles to pseudonymise (with or without their "@")."""
    return _find(t, allow, quick=True)


def _find(t: str, allow: Allowlist, quick: bool = False) -> list[tuple[str, int, int]]:
    """Every detector in turn; with ``quick``, only those whose quick test (what every match of
    theirs holds) the text passes: most texts pass none."""
    low = t.lower()
    if len(low) != len(t):  # a letter whose lower case is longer (İ): keep it, so places match
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    digit = not quick or _DIGIT.search(t) is not None
    numbers = digit and (not quick or _TEN_DIGITS.search(t) is not None)
    at = not quick or "@" in t
    words = not quick or (" at " in low or " et " in low or _BRACKET_AT.search(low) is not None)
    handles = not quick or _PLATFORM_WORD.search(low) is not None
    plates = not quick or digit and (_PLATE_SHAPE.search(t) is not None or (
        "pol" in low or "plat" in low or "pelat" in low or "tnkb" in low))
    name = not quick or "saya" in low or "nama" in low or "a.n" in low or "a. n" in low or (
        "sy" in low and _SY.search(low) is not None)
    urls = not quick or ".com/" in low or ".net/" in low
    if not (numbers or at or words or handles or plates or name or urls):
        return []
    detectors: list[Iterable[tuple[str, int, int]]] = []
    if at or words:
        detectors.append(_email_spans(t, words))
    if numbers:
        detectors.append(_numbers(t, allow))
    if urls:
        detectors.append(_url_handles(t, allow))
    if at:
        detectors.append(_at_handles(t, allow))
    if handles:
        detectors.append(_handles(t, low, allow))
    if plates:
        detectors.append(_plates(t, low))
    if name:
        detectors.append(_names(t, low))
    found: list[tuple[str, int, int]] = []
    starts: list[int] = []  # of the spans found so far, sorted; they never overlap
    ends: list[int] = []
    for sources in detectors:
        for kind, start, end in sources:
            i = bisect.bisect_left(starts, end)  # spans starting before this one ends
            if i and ends[i - 1] > start:  # the nearest of them reaches into it
                continue
            found.append((kind, start, end))
            starts.insert(i, start)
            ends.insert(i, end)
    return sorted(found, key=lambda f: f[1])


# A profile or post address names its account: x.com/budi_s/status/1..., instagram.com/budi.s/
_URL_HANDLE = re.compile(
    r"(?:twitter|x|instagram|facebook|fb|threads|tiktok)\.(?:com|net)/@?(?!(?:status|i|home|hashtag|search|"
    r"explore|p|reel|reels|stories|watch|share|intent|video|groups|events|pages|photo|photos|permalink|"
    r"profile\.php|story\.php|login|tv)(?![A-Za-z0-9_.]))([A-Za-z0-9_.]{2,30})")


def _url_handles(t: str, allow: Allowlist) -> Iterator[tuple[str, int, int]]:
    for m in _URL_HANDLE.finditer(t):
        if _glued(t, m.start()):  # dropbox.com is not x.com
            continue
        name = m.group(1).rstrip(".")
        if not name or name.lower() in allow.handles or _PSEUDONYM.fullmatch(name):
            continue
        yield "handle", m.start(1), m.start(1) + len(name)


def _at_handles(t: str, allow: Allowlist) -> Iterator[tuple[str, int, int]]:
    if "@" not in t:
        return
    for m in _HANDLE.finditer(t):
        name = m.group(1).rstrip(".")
        if name.lower() in allow.handles or _PSEUDONYM.fullmatch(name):
            continue
        yield "handle", m.start(1), m.start(1) + len(name)


def find_identifiers(text: str, allow: Allowlist = NOTHING) -> list[tuple[str, int, int]]:
    """(type, start, end) of each personal identifier in the text (not the @handles, which are
    pseudonymised rather than removed), left to right, no overlaps.

    Numbers in ``allow`` are official contacts, not identifiers. Spans are in the text as given."""
    text = str(text)
    t, where = normalise(text)
    out = []
    for kind, s, e in _spans(t, allow):
        if kind == "handle":
            continue
        out.append((kind, *_back(where, s, e)))
    return out


def find_spans(text: str, allow: Allowlist = NOTHING) -> list[tuple[str, int, int]]:
    """(type, start, end) of everything the scrubber replaces in the text: identifiers and
    handles ("handle"), left to right, no overlaps, in the text as given."""
    text = str(text)
    t, where = normalise(text)
    return [(kind, *_back(where, s, e)) for kind, s, e in _spans(t, allow)]


def _back(where: Positions | None, start: int, end: int) -> tuple[int, int]:
    return (start, end) if where is None else where.span(start, end)


_RESCAN_CHARS = 100_000


def _scrub_counted(text: str, allow: Allowlist, salt: Salt | None) -> tuple[str, list[str]]:
    """The scrubbed text and the type of each thing it replaced.

    A replacement can change what its neighbours look like (a marker ends in "]", which is not a
    letter), so a changed text is scrubbed again until nothing more changes (scrubbing what it
    returns changes nothing). Texts longer than _RESCAN_CHARS (a whole export pasted into one
    cell) are scrubbed once, to stay fast."""
    out, kinds = _scrub_once(text, allow, salt)
    for _ in range(3):
        if not kinds or out == text or len(out) > _RESCAN_CHARS:
            break
        text = out
        out, more = _scrub_once(text, allow, salt)
        if not more:
            break
        kinds += more
    return out, kinds


def _scrub_once(text: str, allow: Allowlist, salt: Salt | None) -> tuple[str, list[str]]:
    t, where = normalise(text)
    found = _spans(t, allow)
    if not found:
        return text, []
    parts, pos, kinds = [], 0, []
    for kind, s, e in found:
        start, end = _back(where, s, e)
        if kind == "handle":
            new = pseudonym(t[s:e], salt=salt() if callable(salt) else salt)
        else:
            new = MARKERS[kind]
        parts += [text[pos:start], new]
        pos = end
        kinds.append(kind)
    parts.append(text[pos:])
    return "".join(parts), kinds


@overload
def scrub_text(text: str, allow: Allowlist = ..., *, salt: Salt | None = ...) -> str: ...


@overload
def scrub_text(text: object, allow: Allowlist = ..., *, salt: Salt | None = ...) -> str | float | None: ...


def scrub_text(text: object, allow: Allowlist = NOTHING, *, salt: Salt | None = None
               ) -> str | float | None:
    """The text with identifiers replaced by markers and handles by pseudonyms under ``salt``;
    the official numbers and handles in ``allow`` stay readable. None and NaN (a missing cell)
    come back as they are; anything else is scrubbed as its string."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return text
    return _scrub_counted(str(text), allow, salt)[0]


AUTHOR_COLUMNS = ("author", "user", "username", "user_name", "screen_name", "handle", "akun",
                  "nama_akun", "pengguna", "from", "dari", "in_reply_to_screen_name",
                  "author_username", "owner_username", "authordisplayname", "author_display_name",
                  "author_name", "name", "nama", "full_name", "nama_lengkap", "display_name",
                  "user_id", "user_id_str", "author_id", "authorchannelid", "author_channel_id",
                  "authorchannelurl", "author_channel_url", "authorprofileimageurl",
                  "profile_image_url", "user_url")
# Columns that hold one identifier each: the whole cell becomes that type's marker.
IDENTIFIER_COLUMNS = {
    **dict.fromkeys(("nik", "no_nik", "nomor_nik", "ktp", "no_ktp"), "nik"),
    **dict.fromkeys(("kk", "no_kk", "nomor_kk"), "kk"),
    **dict.fromkeys(("npwp", "no_npwp"), "npwp"),
    **dict.fromkeys(("phone", "telepon", "telp", "no_telp", "no_hp", "nomor_hp", "hp", "wa", "whatsapp",
                     "no_wa", "mobile", "phone_number"), "hp"),
    **dict.fromkeys(("email", "e-mail", "e_mail", "surel"), "email"),
    **dict.fromkeys(("alamat", "address", "alamat_lengkap"), "alamat"),
}


def _column_key(name: object) -> str:
    return re.sub(r"[\s.]+", "_", str(name).strip().lower())


def is_handle_column(name: object) -> bool:
    """Whether a column, by its name, holds who wrote something (pseudonymised whole)."""
    key = _column_key(name)
    return key in AUTHOR_COLUMNS or key in IDENTIFIER_COLUMNS


def _pseudonymise_cell(v, salt: Salt, allow: Allowlist, counts: collections.Counter):
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return v
    s = str(v).strip()
    if not s or _PSEUDONYM.fullmatch(s) or s.lstrip("@").lower() in allow.handles:
        return v
    counts["handle"] += 1
    return pseudonym(s, salt=salt() if callable(salt) else salt)


def _pseudonymise_column(values: pd.Series, salt: Salt, allow: Allowlist,
                         counts: collections.Counter) -> pd.Series:
    """Every cell of an author column pseudonymised, each distinct value once (a big export has a
    few thousand authors over hundreds of thousands of rows)."""
    seen: dict[object, tuple[object, int]] = {}
    out = []
    for v in values.tolist():
        key = v if isinstance(v, str) else None
        done = seen.get(key) if key is not None else None
        if done is None:
            before = counts["handle"]
            new = _pseudonymise_cell(v, salt, allow, counts)
            if key is not None:
                seen[key] = (new, counts["handle"] - before)
        else:
            new, n = done
            counts["handle"] += n
        out.append(new)
    return pd.Series(out, index=values.index, dtype=object, name=values.name)


def _once(make: Callable[[], str]) -> Callable[[], str]:
    value: list[str] = []

    def get() -> str:
        if not value:
            value.append(make())
        return value[0]

    return get


# Fewer than ten characters, none a letter or "@": no identifier fits (numbers need ten digits).
_SHORT_PLAIN = re.compile(r"[0-9 .,:;/+()\-]*")


def _mask_cell(v, kind: str, allow: Allowlist, counts: collections.Counter):
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return v
    s = str(v).strip()
    if not s or s in MARKERS.values():
        return v
    if kind == "hp" and _digits(s) in allow.numbers or kind == "email" and s.lower().endswith(".go.id"):
        return v  # an office's published number or address
    counts[kind] += 1
    return MARKERS[kind]


class _SaltNeeded(Exception):
    """Raised in a worker process that meets a handle: the salt is fetched by the parent only."""


def _no_salt() -> str:
    raise _SaltNeeded


def _scrub_cells(cells: list, allow: Allowlist, salt: Salt | None
                 ) -> tuple[int, dict[int, str], collections.Counter, list[int]]:
    """Scrub a list of cells: how many, the changed ones by position, what was replaced, and the
    positions left undone because they hold a handle and ``salt`` is :func:`_no_salt`."""
    changes: dict[int, str] = {}
    counts: collections.Counter = collections.Counter()
    pending: list[int] = []
    # Cells that repeat (labels, dates, names) are scrubbed once; a column of unique values
    # (ids, texts) is not remembered.
    sample = [c for c in cells[:1000] if isinstance(c, str)]
    seen: dict[str, tuple[str, list[str]]] | None = (
        {} if sample and len(set(sample)) <= len(sample) // 2 else None)
    for i, cell in enumerate(cells):
        if cell is None or cell is pd.NA or isinstance(cell, bool) or (
                isinstance(cell, float) and cell != cell):
            continue  # a missing cell, or True/False (a flag column): nothing in it to find
        text = cell if isinstance(cell, str) else str(cell)
        if len(text) < 10 and _SHORT_PLAIN.fullmatch(text):
            continue  # an id, a count, a date or a time: nothing in it to find
        try:
            if seen is not None and len(text) <= 40:
                if text not in seen:
                    seen[text] = _scrub_counted(text, allow, salt)
                new, kinds = seen[text]
            else:
                new, kinds = _scrub_counted(text, allow, salt)
        except _SaltNeeded:
            pending.append(i)
            continue
        if kinds:
            changes[i] = new
            counts.update(kinds)
    return len(cells), changes, counts, pending


def _scrub_slice(cells: list) -> tuple[int, dict[int, str], collections.Counter, list[int]]:
    """_scrub_cells in a worker process (core.parallel), with the settings of _scrub_column."""
    allow, salt = _WORKER["allow"], _WORKER["salt"]
    return _scrub_cells(cells, allow, salt)


_WORKER: dict = {}
# A column of fewer cells or characters is scrubbed in this process (starting workers costs more).
PARALLEL_CELLS = 20_000
PARALLEL_CHARS = 2_000_000


MapSlices = Callable[[Callable, list], list]  # func, items -> func of each contiguous slice, in order


def _scrub_column(cells: list, allow: Allowlist, salt: Salt | None, map_slices: MapSlices | None = None
                  ) -> tuple[dict[int, str], collections.Counter]:
    """The changed cells of a column by position and what was replaced.

    A long column is split by ``map_slices`` (worker processes, one slice each) when given. A salt
    given as a function is then not called in the workers: a cell with a handle is left to this
    process, which fetches the salt only then (two workers making the salt file at once could
    each write their own)."""
    if (map_slices is None or len(cells) < PARALLEL_CELLS
            or sum(len(c) for c in cells if isinstance(c, str)) < PARALLEL_CHARS):
        return _scrub_cells(cells, allow, salt)[1:3]
    _WORKER.update(allow=allow, salt=_no_salt if callable(salt) else salt)
    try:
        parts = map_slices(_scrub_slice, cells)
    finally:
        _WORKER.clear()
    changes: dict[int, str] = {}
    counts: collections.Counter = collections.Counter()
    offset = 0
    for size, part_changes, part_counts, pending in parts:
        changes.update((offset + i, new) for i, new in part_changes.items())
        counts.update(part_counts)
        if pending:
            _, more, more_counts, _ = _scrub_cells([cells[offset + i] for i in pending], allow, salt)
            changes.update((offset + pending[k], new) for k, new in more.items())
            counts.update(more_counts)
        offset += size
    return changes, counts


def scrub_table(df: pd.DataFrame, *, salt: Salt, allow: Allowlist = NOTHING, keep_columns=(),
                handle_columns=None, map_slices: MapSlices | None = None
                ) -> tuple[pd.DataFrame, collections.Counter]:
    """A scrubbed copy of a whole table and how many things of each type it replaced.

    Every column is scrubbed unless named in ``keep_columns``. Author and handle columns
    (recognised by name, see :func:`is_handle_column`, or exactly ``handle_columns`` when given)
    become pseudonyms under the project's ``salt``; columns of one identifier each (``nik``,
    ``no_hp``, ``email``, ``alamat``, ... :data:`IDENTIFIER_COLUMNS`) become that type's marker;
    in every other text column identifiers are masked and handles pseudonymised. Numeric columns
    are scrubbed as text when they hold a number an identifier could be (a NIK read as an
    integer). The agency's own handles and official numbers (``allow``) stay. The counts
    (:data:`KINDS`) never hold the values.

    ``salt`` may also be a function that returns it, called only when a handle is pseudonymised
    (so that a table without handles leaves no salt file behind).

    ``map_slices`` (e.g. :func:`humaskit.core.parallel.map_slices`) splits the text of a long
    column over worker processes; the result is the same."""
    if callable(salt):
        salt = _once(salt)
    out = df.copy()
    counts: collections.Counter = collections.Counter()
    keep = {str(c) for c in keep_columns}
    if handle_columns is None:
        handles = {c for c in out.columns if is_handle_column(c)}
    else:
        wanted = {str(h) for h in handle_columns}
        handles = {c for c in out.columns if str(c) in wanted}
    for col in out.columns:
        if str(col) in keep:
            continue
        values = out[col]
        if col in handles:
            kind = IDENTIFIER_COLUMNS.get(_column_key(col))
            if kind:
                out[col] = values.map(lambda v, kind=kind: _mask_cell(v, kind, allow, counts))
            else:
                out[col] = _pseudonymise_column(values, salt, allow, counts)
            continue
        if pd.api.types.is_integer_dtype(values) or pd.api.types.is_float_dtype(values):
            big = values.dropna().abs() >= 1e9  # 10 digits or more: a phone number, NIK, NPWP
            if not big.any():
                continue
            values = values.astype(object).map(lambda v: v if pd.isna(v) else format(v, ".0f")
                                               if isinstance(v, float) else str(v))
        elif not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue  # dates, booleans, categories of numbers
        cells = values.tolist()
        changes, found = _scrub_column(cells, allow, salt, map_slices)
        if changes:  # an object column built from the list (numpy would make it fixed-width text)
            for i, new in changes.items():
                cells[i] = new
            out[col] = pd.Series(cells, index=values.index, dtype=object, name=col)
        counts.update(found)
    return out, counts


def scrub_frame(df: pd.DataFrame, text_columns, allow: Allowlist = NOTHING, *, salt: str | None = None
                ) -> tuple[pd.DataFrame, dict[str, int]]:
    """Older interface: the given text columns and the author columns only, with two counts.

    Prefer :func:`scrub_table`, which scrubs every column."""
    columns = [c for c in text_columns if c in df.columns]
    authors = [c for c in df.columns if is_handle_column(c) and c not in columns]
    part, counts = scrub_table(df[columns + authors], salt=salt or _PROCESS_SALT, allow=allow,
                               handle_columns=authors)
    out = df.copy()
    for c in columns + authors:
        out[c] = part[c]
    return out, {"identifiers": sum(v for k, v in counts.items() if k != "handle"),
                 "handles": counts["handle"]}
